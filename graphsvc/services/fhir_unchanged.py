"""Telling, before anything is projected, that writes would change nothing:
the digest of each incoming resource — references rewritten, as it would be
stored — against the digest kept beside its current version, for all of them
in one indexed read. A re-import of Bundles already there then writes nothing,
projects nothing and reads no content.

Only a yes is trusted: whatever is not plainly the same content of a live
resource (a create, a delete, a digest that differs, an If-Match that names
another version) takes the whole write path, which decides again under its
guard. The digest does not serve a principal whose right to write depends on
the client (a nurse, a system client limited to teams): the access rules need
the clients' teams, which the whole path reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphsvc.domain import Principal, Role
from graphsvc.store.port import ResourceStore

from .access import Action, check_type_access
from .audit import AuditRecord, AuditTrail
from .errors import Forbidden
from .fhir_write import ChangeResult, Outcome, ResourceChange
from .network_write import resource_version


def decided_by_type(principal: Principal) -> bool:
    """Whether the principal's right to write a resource follows from its
    type alone (a system client not limited to teams)."""
    return principal.role is Role.SYSTEM and not principal.teams


class UnchangedWrites:
    def __init__(self, resources: ResourceStore, audit: AuditTrail) -> None:
        self._resources = resources
        self._audit = audit

    async def judge(
        self,
        principal: Principal,
        changes: Sequence[ResourceChange],
        base_urls: Sequence[str] = (),
    ) -> list[ChangeResult | None]:
        """For each change, its result when it certainly leaves the resource
        as it is (``resource`` is not read back: None), else None. What is
        judged unchanged is audited as the write path audits it."""
        judged: list[ChangeResult | None] = [None] * len(changes)
        if not changes or not decided_by_type(principal):
            return judged
        candidates: dict[int, str] = {}
        for index, change in enumerate(changes):
            if change.resource is None:
                continue
            try:
                check_type_access(principal, change.key.resource_type, Action.WRITE)
            except Forbidden:
                continue  # the write path says so
            key = change.key
            body = {**change.resource, "resourceType": key.resource_type, "id": key.id}
            candidates[index] = resource_version(change.key, 0, body, base_urls).digest
        stored = {
            d.key: d
            for d in await self._resources.digests(changes[i].key.reference for i in candidates)
        }
        for index, digest in candidates.items():
            change = changes[index]
            found = stored.get(change.key.reference)
            if found is None or found.deleted or found.digest != digest:
                continue
            if change.if_match is not None and change.if_match != found.version_id:
                continue
            judged[index] = ChangeResult(
                change.key, Outcome.UNCHANGED, found.version_id, found.last_updated, None
            )
            self._audit.record(
                AuditRecord.of(
                    principal,
                    f"fhir.{change.key.resource_type}.write",
                    found.client_id,
                    f"ok: {Outcome.UNCHANGED.value}",
                    [change.key.reference],
                )
            )
        return judged
