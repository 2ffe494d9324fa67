"""Reading FHIR resources: read, vread, _history and search with _include and
_revinclude. Every resource handed out, included ones too, passes the access
rules: a nurse sees her teams' clients' compartments and the directory; a
system client what its scopes (and teams) allow."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from fhir_mappings import ACCEPTED_TYPES, JsonObject, ResourceKey
from fhir_mappings.search import (
    SearchQuery,
    compartment_client,
    include_targets,
    revinclude_groups,
)
from fhir_mappings.search.history import HistoryQuery, chosen_versions
from graphsvc.domain import NotFound, Principal, Role
from graphsvc.store.port import NetworkRepository, ResourceStore
from graphsvc.store.resource_store import StoredResource

from .access import (
    CLIENT_RECORD_TYPES,
    DIRECTORY_RESOURCES,
    Action,
    check_outside_compartments,
    check_resource_access,
    check_type_access,
    scope_allows,
)
from .audit import AuditRecord, AuditTrail
from .errors import Forbidden
from .fhir_write import with_meta

SERVED_TYPES = frozenset(ACCEPTED_TYPES - {"Bundle"})


class Gone(Exception):
    """The resource was deleted (HTTP 410)."""

    def __init__(self, key: ResourceKey, version_id: int) -> None:
        super().__init__(f"{key.reference} was deleted (version {version_id})")
        self.version_id = version_id


@dataclass(frozen=True, slots=True)
class SearchPage:
    matches: list[JsonObject]
    included: list[JsonObject]
    next_after: str | None  # the _after of the next page, if there is one


@dataclass(frozen=True, slots=True)
class Reach:
    """What a principal's searches may find: her clients' records (None: every
    client's) and, of each stored resource found, whether she may see it."""

    clients: set[str] | None
    sees: Callable[[StoredResource], bool]


@dataclass(frozen=True, slots=True)
class HistoryPage:
    versions: list[StoredResource]  # newest first
    total: int  # the versions the request asks for, on every page
    next_after: int | None  # the _after of the next page, if there is one


def shown(stored: StoredResource) -> JsonObject:
    return with_meta(stored.type, stored.id, stored.version_id, stored.last_updated, stored.content)


def check_type(resource_type: str) -> None:
    if resource_type not in SERVED_TYPES:
        raise NotFound("resource type", resource_type)


class FhirReadService:
    def __init__(
        self, repository: NetworkRepository, resources: ResourceStore, audit: AuditTrail
    ) -> None:
        self._repo = repository
        self._resources = resources
        self._audit = audit

    async def _allowed(self, principal: Principal, stored: StoredResource) -> None:
        """Raises unless the principal may read this (version of a) resource."""
        teams: frozenset[str] = frozenset()
        if stored.client_id is not None:
            access = await self._repo.client_access(stored.client_id)
            teams = access.team_ids if access else frozenset()
        else:
            check_outside_compartments(principal, stored.type, stored.id, stored=True)
        check_resource_access(principal, stored.type, Action.READ, stored.client_id, teams)

    async def _check(self, principal: Principal, stored: StoredResource) -> None:
        key = ResourceKey(stored.type, stored.id)
        action = f"fhir.{stored.type}.read"
        try:
            await self._allowed(principal, stored)
        except NotFound:
            self._audit.record(
                AuditRecord.of(principal, action, stored.client_id, "denied", [key.reference])
            )
            # out of reach is said as absent, so that existence does not leak
            raise NotFound("resource", key.reference) from None
        except Forbidden:
            self._audit.record(
                AuditRecord.of(principal, action, stored.client_id, "denied", [key.reference])
            )
            raise
        self._audit.record(
            AuditRecord.of(principal, action, stored.client_id, "ok", [key.reference])
        )

    async def _current(
        self, principal: Principal, resource_type: str, resource_id: str
    ) -> StoredResource:
        """The resource's last version (a delete too), once access is checked."""
        check_type(resource_type)
        check_type_access(principal, resource_type, Action.READ)
        stored = await self._resources.get(resource_type, resource_id, include_deleted=True)
        if stored is None:
            raise NotFound("resource", f"{resource_type}/{resource_id}")
        await self._check(principal, stored)
        return stored

    async def read(self, principal: Principal, resource_type: str, resource_id: str) -> JsonObject:
        stored = await self._current(principal, resource_type, resource_id)
        if stored.deleted:
            raise Gone(ResourceKey(resource_type, resource_id), stored.version_id)
        return shown(stored)

    async def vread(
        self, principal: Principal, resource_type: str, resource_id: str, version_id: int
    ) -> JsonObject:
        current = await self._current(principal, resource_type, resource_id)
        version = await self._resources.vread(resource_type, resource_id, version_id)
        if not await self._readable(principal, current, version):
            raise NotFound("resource", f"{resource_type}/{resource_id}/_history/{version_id}")
        if version.deleted:
            raise Gone(ResourceKey(resource_type, resource_id), version_id)
        return shown(version)

    async def history(
        self, principal: Principal, resource_type: str, resource_id: str
    ) -> list[StoredResource]:
        """Newest first; a delete is a version without content. A version
        that was in a compartment out of the principal's reach is left out."""
        current = await self._current(principal, resource_type, resource_id)
        versions = await self._resources.history(resource_type, resource_id)
        return [v for v in versions if await self._readable(principal, current, v)]

    async def history_page(
        self, principal: Principal, resource_type: str, resource_id: str, query: HistoryQuery
    ) -> HistoryPage:
        """The versions of a history request (``_count``, ``_since``, ``_at``), a page of them."""
        versions = await self.history(principal, resource_type, resource_id)
        page, total, next_after = chosen_versions(versions, query)
        return HistoryPage(page, total, next_after)

    async def _readable(
        self, principal: Principal, current: StoredResource, version: StoredResource
    ) -> bool:
        """A record can move from one client's compartment to another's: each
        version is read under the compartment it was in."""
        if version.type not in CLIENT_RECORD_TYPES:
            return True
        body = {"resourceType": version.type, "id": version.id, **version.content}
        client_id = compartment_client(body)
        if client_id == current.client_id:
            return True
        try:
            await self._allowed(principal, dataclasses.replace(version, client_id=client_id))
        except (NotFound, Forbidden):
            return False
        return True

    async def visible_clients(self, principal: Principal) -> set[str] | None:
        """The clients whose compartments the principal may search; None: all."""
        if principal.role is Role.RESEARCHER:
            raise Forbidden("researchers see de-identified aggregates only")
        if principal.role is Role.SYSTEM and not principal.teams:
            return None
        clients: set[str] = set()
        for team_id in sorted(principal.teams):
            clients |= set(await self._repo.team_client_ids(team_id))
        return clients

    async def reach(self, principal: Principal) -> Reach:
        clients = await self.visible_clients(principal)
        return Reach(clients, lambda stored: self._may_see(principal, stored, clients))

    def _may_see(
        self, principal: Principal, stored: StoredResource, clients: set[str] | None
    ) -> bool:
        if principal.role is Role.SYSTEM and not scope_allows(
            principal.scopes, stored.type, Action.READ
        ):
            return False
        if stored.client_id is None:
            return stored.type not in CLIENT_RECORD_TYPES or principal.role is Role.SYSTEM
        return clients is None or stored.client_id in clients

    async def search(
        self, principal: Principal, query: SearchQuery, base_urls: Sequence[str] = ()
    ) -> SearchPage:
        check_type(query.resource_type)
        check_type_access(principal, query.resource_type, Action.READ)
        clients = await self.visible_clients(principal)
        found = await self._search(query.resource_type, query, clients, query.count + 1)
        page, more = found[: query.count], len(found) > query.count
        included = await self._included(principal, query, page, clients, base_urls)
        # one record per client whose data the answer holds (includes too),
        # naming what of hers was shown; one without a client for the rest
        shown_of: dict[str | None, list[str]] = {}
        for stored in [*page, *included]:
            shown_of.setdefault(stored.client_id, []).append(stored.key)
        action = f"fhir.{query.resource_type}.search"
        for client_id, keys in sorted(shown_of.items(), key=lambda kv: kv[0] or ""):
            self._audit.record(AuditRecord.of(principal, action, client_id, "ok", keys))
        if not shown_of:
            self._audit.record(AuditRecord.of(principal, action, None, "ok: nothing found"))
        return SearchPage(
            [shown(s) for s in page],
            [shown(s) for s in included],
            page[-1].id if more and page else None,
        )

    async def _search(
        self,
        resource_type: str,
        query: SearchQuery,
        clients: set[str] | None,
        limit: int,
        groups: Sequence[Sequence[str]] | None = None,
    ) -> list[StoredResource]:
        directory = resource_type in DIRECTORY_RESOURCES
        return await self._resources.search(
            resource_type,
            groups=query.groups if groups is None else groups,
            date_from=query.date_from if groups is None else None,
            date_to=query.date_to if groups is None else None,
            updated_from=query.updated_from if groups is None else None,
            updated_to=query.updated_to if groups is None else None,
            client_ids=None if clients is None or directory else clients,
            after_id=query.after if groups is None else None,
            limit=limit,
        )

    async def _included(
        self,
        principal: Principal,
        query: SearchQuery,
        page: list[StoredResource],
        clients: set[str] | None,
        base_urls: Sequence[str],
    ) -> list[StoredResource]:
        seen = {f"{s.type}/{s.id}" for s in page}
        wanted: list[str] = []
        for include in query.includes:
            for stored in page:
                body = {"resourceType": stored.type, "id": stored.id, **stored.content}
                wanted += [
                    k for k in include_targets(body, include, base_urls=base_urls) if k not in seen
                ]
        included = await self._resources.get_many(wanted)
        keys = sorted(seen)
        for include in query.revincludes:
            groups = revinclude_groups(include, keys)
            included += await self._search(include.source_type, query, clients, 1000, groups)
        result: dict[str, StoredResource] = {}
        for stored in included:
            key = f"{stored.type}/{stored.id}"
            if key not in seen and self._may_see(principal, stored, clients):
                result[key] = stored
        return [result[k] for k in sorted(result)]
