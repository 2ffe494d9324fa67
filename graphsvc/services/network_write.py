"""The one write path for a change to a client's network made in the graph
(GraphQL, the web page): read the network, apply the command (pure), lay the
new network over the stored FHIR resources that represent it, and commit the
network and the new versions of those resources in one guarded statement
(the same statement FHIR writes use). So FHIR and the graph never disagree: a
GraphQL edit moves the versions of the resources it changes, and a FHIR
write planned before it meets a 412 or a refused commit, never a lost edit.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence

from fhir_mappings import JsonObject, ResourceKey, export_onion
from fhir_mappings.export import Export
from fhir_mappings.search import index_terms
from graphsvc.domain import Onion, Population, ValidationError, VersionConflict
from graphsvc.domain.commands import Command, apply, same_network
from graphsvc.store.fhir_commit import FhirCommit, ResourceWrite
from graphsvc.store.port import FhirWriter, NetworkRepository, ResourceStore, WriteResult
from graphsvc.store.resource_store import StoredResource, canonical

from .access import DIRECTORY_RESOURCES
from .fhir_view import originals, with_references

# A FHIR write that keeps meeting concurrent writers (other instances on one
# database: Neo4j runs them side by side) gives up after these.
ATTEMPTS = 12
# A change of a network without a version to hold to is planned again while
# other writers keep getting in first, for at most this long (seconds).
PATIENCE = 10.0


def resource_version(
    key: ResourceKey, version_id: int, body: JsonObject, base_urls: Sequence[str] = ()
) -> ResourceWrite:
    """A new version of a resource, with what search needs to find it."""
    terms = index_terms(body, base_urls=base_urls)
    return ResourceWrite(
        key.resource_type,
        key.id,
        version_id,
        canonical(body),
        client_id=terms.client_id,
        tokens=terms.tokens,
        date_start=terms.date_start,
        date_end=terms.date_end,
    )


def resources_of_change(
    export: Export,
    versions: Mapping[ResourceKey, StoredResource],
    base_urls: Sequence[str] = (),
) -> list[ResourceWrite]:
    """The resource versions that make the stored resources say what the
    exported network says (pure). Directory entries that exist are never
    changed through one client's network."""
    writes: list[ResourceWrite] = []
    for key in sorted(export.changed | export.generated):
        found = versions.get(key)
        live = found is not None and not found.deleted
        if live and (key in export.generated or key.resource_type in DIRECTORY_RESOURCES):
            continue
        version = (found.version_id if found else 0) + 1
        body = {**export.resources[key], "resourceType": key.resource_type, "id": key.id}
        writes.append(resource_version(key, version, body, base_urls))
    for key in sorted(export.removed):
        found = versions.get(key)
        if found is None or found.deleted or key.resource_type in DIRECTORY_RESOURCES:
            continue
        writes.append(deleted_version(found))
    return writes


def deleted_version(found: StoredResource) -> ResourceWrite:
    """The version that records a resource's delete; it keeps the last content."""
    return ResourceWrite(
        found.type,
        found.id,
        found.version_id + 1,
        canonical(found.content),
        deleted=True,
        client_id=found.client_id,
    )


class NetworkWriter:
    def __init__(
        self,
        repository: NetworkRepository,
        resources: ResourceStore,
        writer: FhirWriter,
        base_urls: Sequence[str] = (),
    ) -> None:
        self._repo = repository
        self._resources = resources
        self._writer = writer
        self._base_urls = tuple(base_urls)

    async def change(
        self,
        client_id: str,
        command: Command,
        expected_version: int | None,
        check: Callable[[Onion, Onion], Awaitable[None]] | None = None,
    ) -> WriteResult:
        """Apply the command to the network as it is now. With an expected
        version, a network that has moved on is a VersionConflict; without
        one, a write that lost a race is planned again from a fresh read.
        ``check`` may refuse the planned network (the caller's rules of who
        may change what) before anything is written."""
        deadline = time.monotonic() + PATIENCE
        for attempt in itertools.count():
            if attempt:
                await asyncio.sleep(random.uniform(0, 0.01 * 2 ** min(attempt, 4)))
            before = await self._repo.get_onion(client_id)
            if expected_version is not None and before.version != expected_version:
                raise VersionConflict(client_id, expected_version, before.version)
            after = apply(before, command)
            if same_network(after, before):
                return WriteResult(before.version, False)
            await self._check_ids_are_free(before, after)
            if check is not None:
                await check(before, after)
            if await self._writer.commit(await self._plan(before, after)):
                return WriteResult(before.version + 1, True)
            if time.monotonic() > deadline:
                break
        # Other writers kept changing the network: said as a conflict, with
        # the version to retry from.
        current = await self._repo.get_onion(client_id)
        raise VersionConflict(client_id, before.version, current.version)

    async def _check_ids_are_free(self, before: Onion, after: Onion) -> None:
        """Need and rating ids are global: a new one that another client's
        network holds is refused (the commit would otherwise join them)."""
        needs = {n.id for n in after.needs} - {n.id for n in before.needs}
        ratings = {o.id for o in after.observations} - {o.id for o in before.observations}
        if not needs and not ratings:
            return
        taken = await self._repo.ids_of_other_networks(
            after.client.id, sorted(needs), sorted(ratings)
        )
        for need_id in taken.needs:
            raise ValidationError("need.id", f"{need_id!r} is a need of another client")
        for rating_id in taken.observations:
            raise ValidationError("observation.id", f"{rating_id!r} is a rating of another client")

    async def _plan(self, before: Onion, after: Onion) -> FhirCommit:
        client_id = after.client.id
        own = (await originals(self._resources, {client_id: after}))[client_id]
        # what they refer to too (a CareTeam's PractitionerRoles), so that the
        # overlay keeps references as they were made
        stored = await with_references(self._resources, own)
        export = export_onion(after, stored, base_urls=self._base_urls)
        touched = export.changed | export.generated | export.removed
        found = await self._resources.get_many([k.reference for k in touched], include_deleted=True)
        versions = {ResourceKey(s.type, s.id): s for s in found}
        writes = resources_of_change(export, versions, self._base_urls)
        written = {w.key for w in writes}
        return FhirCommit(
            resources=writes,
            # the guard compares the written resources with what was read of them
            seen_resources={s.key: s.version_id for s in found if s.key in written},
            population=Population(onions=(after,)),
            seen_clients={client_id: before.version},
            previous={client_id: before},
        )
