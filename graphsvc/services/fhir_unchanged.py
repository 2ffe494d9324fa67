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
from graphsvc.store.resource_store import ResourceDigest

from .access import Action, check_type_access
from .audit import AuditRecord, AuditTrail, record_all
from .errors import Forbidden
from .fhir_prepared import Fingerprints
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
        *,
        all_or_none: bool = False,
        seen: Fingerprints | None = None,
    ) -> list[ChangeResult | None]:
        """For each change, its result when it certainly leaves the resource
        as it is (``resource`` is not read back: None), else None; with
        ``all_or_none`` (a transaction), results only when every change does.
        ``seen``: the fingerprints read for these changes just before (and
        the incoming digests made ahead), so that they are not read again.
        What is answered here is audited as the write path audits it."""
        nothing: list[ChangeResult | None] = [None] * len(changes)
        if not changes or not decided_by_type(principal):
            return nothing
        candidates = [i for i, c in enumerate(changes) if _may_answer(principal, c)]
        if all_or_none and len(candidates) < len(changes):
            return nothing
        if seen is not None:
            stored, incoming = seen.stored, seen.incoming
        else:
            keys = (changes[i].key.reference for i in candidates)
            stored, incoming = {d.key: d for d in await self._resources.digests(keys)}, {}
        judged = list(nothing)
        for index in candidates:
            change = changes[index]
            found = stored.get(change.key.reference)
            judged[index] = _unchanged(change, found, base_urls, incoming.get(change.key))
            if all_or_none and judged[index] is None:
                return nothing
        record_all(
            self._audit,
            [
                AuditRecord.of(
                    principal,
                    f"fhir.{change.key.resource_type}.write",
                    stored[change.key.reference].client_id,
                    f"ok: {Outcome.UNCHANGED.value}",
                    [change.key.reference],
                )
                for change, result in zip(changes, judged, strict=True)
                if result is not None
            ],
        )
        return judged


def _may_answer(principal: Principal, change: ResourceChange) -> bool:
    """A write (not a delete) the principal may make of its type: else the
    write path says what it says."""
    if change.resource is None:
        return False
    try:
        check_type_access(principal, change.key.resource_type, Action.WRITE)
    except Forbidden:
        return False
    return True


def _unchanged(
    change: ResourceChange,
    found: ResourceDigest | None,
    base_urls: Sequence[str],
    digest: str | None = None,
) -> ChangeResult | None:
    """The result of a change that leaves a live resource as it is, else None.
    Its digest (unless made ahead: ``digest``) is made only for a resource
    that is there."""
    if change.resource is None or found is None or found.deleted:
        return None
    if change.if_match is not None and change.if_match != found.version_id:
        return None
    if digest is None:
        key = change.key
        body = {**change.resource, "resourceType": key.resource_type, "id": key.id}
        digest = resource_version(key, 0, body, base_urls).digest
    if digest != found.digest:
        return None
    return ChangeResult(change.key, Outcome.UNCHANGED, found.version_id, found.last_updated, None)
