"""Reading the history networks are rebuilt from (:mod:`.network_as_of`):
every version, up to a moment, of some clients' resources and of the
directory entries those name, in a few reads however many clients."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fhir_mappings import ResourceKey
from graphsvc.store.port import ResourceStore
from graphsvc.store.resource_store import StoredResource

from .fhir_view import as_json, local_references
from .network_as_of import REFERENCE_DEPTH, History


class NetworkHistory:
    def __init__(self, resources: ResourceStore, base_urls: Sequence[str] = ()) -> None:
        self._resources = resources
        self.base_urls = tuple(base_urls)

    async def data_version(self) -> str:
        """A mark of the data as it stands, different after any write."""
        return await self._resources.data_version()

    async def read(self, client_ids: Iterable[str], until: str) -> History:
        """The versions written at or before ``until`` of these clients'
        compartments and of what any of their versions names, followed as
        deep as :meth:`.network_as_of.Slice.of_client` follows it; with the
        PractitionerRoles of the practitioners named (found by search, as
        the current view finds them)."""
        versions = await self._resources.versions_until(until, client_ids=client_ids)
        seen = {ResourceKey(v.type, v.id) for v in versions}
        frontier: list[StoredResource] = versions
        for _ in range(REFERENCE_DEPTH):
            wanted = local_references(as_json(v) for v in frontier) - seen
            practitioners = sorted(
                k.reference for k in wanted | seen if k.resource_type == "Practitioner"
            )
            if practitioners:
                roles = await self._resources.search(
                    "PractitionerRole",
                    groups=[[f"practitioner|{p}" for p in practitioners]],
                    limit=10_000,
                )
                wanted |= {ResourceKey(r.type, r.id) for r in roles} - seen
            if not wanted:
                break
            seen |= wanted
            frontier = await self._resources.versions_until(
                until, keys=sorted(k.reference for k in wanted)
            )
            versions = [*versions, *frontier]
        return History(versions)
