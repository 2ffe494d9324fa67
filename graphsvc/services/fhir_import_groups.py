"""Transaction Bundles of an import written together: several consecutive
Bundles that name no resource in common, refer to none of each other's and
touch no client in common are one change to the write path (one plan, one
guarded statement) instead of one each, and what they need to know first
(the fingerprints of what they name, whether each is unchanged) is one read
for all of them.

Nothing else changes: every write still goes through
``FhirWriteService.apply``; a client touched by one Bundle of a group only
gets one new version, as it would alone; every resource gets its version,
ETag and audit record as it would alone. A group is all or nothing, and
each Bundle in it is so too: when the group is refused (a Bundle it holds
breaks a rule, another writer got in first), nothing of it was written and
each Bundle is written alone, in order, through the usual path, which says
what is wrong with which.

The fingerprints are read once, before the first Bundle of the group is
written; what any Bundle of the group writes is not trusted afterwards from
that read: a later Bundle that names or refers to it takes the usual path,
which reads again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fhir_mappings import JsonObject
from graphsvc.domain import Principal
from graphsvc.store.port import NetworkRepository

from .fhir_interactions import EntryResult, FhirInteractions
from .fhir_prepared import Fingerprints, PreparedBundle
from .fhir_read import SERVED_TYPES
from .fhir_write import ResourceChange

# Bundles written together at most
GROUP_BUNDLES = 8
# A Bundle with one of these is written alone: who a directory entry stands
# for (and so which clients it touches) needs what is stored of it.
_DIRECTORY = frozenset({"Practitioner", "PractitionerRole", "Organization"})
# people that may be in networks: the clients whose networks hold them are touched
_PEOPLE = frozenset({"RelatedPerson"})


@dataclass(frozen=True, slots=True)
class Pending:
    """A transaction Bundle of an import, validated and unpacked ahead."""

    bundle: JsonObject
    prepared: PreparedBundle
    changes: tuple[ResourceChange, ...]

    def keys(self) -> set[str]:
        return {c.key.reference for c in self.changes}

    def asked(self) -> set[str]:
        return {k.reference for k in self.prepared.asked}


def plain_changes(prepared: PreparedBundle) -> tuple[ResourceChange, ...] | None:
    """The changes of a transaction that only writes and deletes resources
    by key (as ``FhirInteractions`` makes them), no directory entry among
    them; None when it asks anything else (a read, a conditional write that
    matched, an If-Match, a type not served here), which goes alone."""
    changes = []
    for entry in prepared.entries:
        key = entry.key
        if key is None or entry.issues or entry.existing or entry.if_match is not None:
            return None
        if key.resource_type not in SERVED_TYPES or key.resource_type in _DIRECTORY:
            return None
        if entry.method == "DELETE":
            changes.append(ResourceChange(key, None))
        elif entry.method in {"POST", "PUT"} and entry.resource is not None:
            changes.append(ResourceChange(key, entry.resource))
        else:
            return None
    return tuple(changes) if changes else None


def groupable(bundle: JsonObject | None, prepared: PreparedBundle | None) -> Pending | None:
    """The Bundle as one that may be written with others, else None."""
    if bundle is None or prepared is None or bundle.get("type") != "transaction":
        return None
    changes = plain_changes(prepared)
    return None if changes is None else Pending(bundle, prepared, changes)


def touched(pending: Pending, seen: Fingerprints, people: dict[str, frozenset[str]]) -> set[str]:
    """The clients a Bundle's write may touch: the compartments its
    resources will be in and are in, and the networks of the people it
    writes."""
    clients = set(pending.prepared.compartments)
    for change in pending.changes:
        found = seen.stored.get(change.key.reference)
        if found is not None and found.client_id is not None:
            clients.add(found.client_id)
        if change.key.resource_type in _PEOPLE:
            clients |= people.get(change.key.id, frozenset())
    return clients


class TransactionGroups:
    def __init__(self, interactions: FhirInteractions, repository: NetworkRepository) -> None:
        self._interactions = interactions
        self._repo = repository

    async def write(
        self, principal: Principal, pending: Sequence[Pending], base_urls: Sequence[str] = ()
    ) -> list[list[EntryResult] | Exception]:
        """Each Bundle's results (or what refused it), in order, as if each
        had been sent alone after the one before."""
        store, _, unchanged = self._interactions.parts
        wanted = set().union(*(p.prepared.keys() for p in pending))
        stored = {d.key: d for d in await store.digests(wanted)}
        live = {key for key, found in stored.items() if not found.deleted}
        people: dict[str, frozenset[str]] | None = None  # read when a run is formed
        seen = [Fingerprints(stored, p.prepared.incoming()) for p in pending]
        results: list[list[EntryResult] | Exception] = []
        written: set[str] = set()  # keys written since the read: not to be judged by it
        index = 0
        while index < len(pending):
            current = pending[index]
            if written & (current.keys() | current.asked()) or not current.prepared.holds_for(live):
                results.append(await self._alone(principal, current, base_urls))
                written |= current.keys()
                index += 1
                continue
            if unchanged is not None:
                judged = await unchanged.judge(
                    principal,
                    current.changes,
                    base_urls,
                    all_or_none=True,
                    seen=seen[index],
                )
                if all(r is not None for r in judged):
                    results.append([EntryResult(i, r) for i, r in enumerate(judged)])
                    index += 1
                    continue
            # a run of Bundles that change something, written together
            if people is None:
                people = await self._people(pending)
            run = [current]
            keys, asked = current.keys(), current.asked()
            clients = touched(current, seen[index], people)
            while index + len(run) < len(pending):
                following = pending[index + len(run)]
                its_keys, its_asked = following.keys(), following.asked()
                its_clients = touched(following, seen[index + len(run)], people)
                if (
                    keys & its_keys
                    or (asked | written) & its_keys
                    or (keys | written) & its_asked
                    or clients & its_clients
                    or not following.prepared.holds_for(live)
                ):
                    break
                if unchanged is not None and await self._is_unchanged(
                    principal, following, seen[index + len(run)], base_urls
                ):
                    break  # judged again, and answered, when its turn comes
                run.append(following)
                keys, asked, clients = keys | its_keys, asked | its_asked, clients | its_clients
            results.extend(await self._together(principal, run, base_urls))
            written |= keys
            index += len(run)
        return results

    async def _people(self, pending: Sequence[Pending]) -> dict[str, frozenset[str]]:
        """The clients whose networks hold the people these Bundles write."""
        ids = {c.key.id for p in pending for c in p.changes if c.key.resource_type in _PEOPLE}
        return await self._repo.person_clients(sorted(ids)) if ids else {}

    async def _is_unchanged(
        self, principal: Principal, pending: Pending, seen: Fingerprints, base_urls: Sequence[str]
    ) -> bool:
        """Whether every change of the Bundle leaves its resource as it is,
        by digest (without answering it: nothing is audited)."""
        for change in pending.changes:
            found = seen.stored.get(change.key.reference)
            digest = seen.incoming.get(change.key)
            if change.resource is None or found is None or found.deleted:
                return False
            if digest is None or digest != found.digest:
                return False
        return True

    async def _together(
        self, principal: Principal, run: Sequence[Pending], base_urls: Sequence[str]
    ) -> list[list[EntryResult] | Exception]:
        if len(run) == 1:
            return [await self._alone(principal, run[0], base_urls)]
        _, writes, _ = self._interactions.parts
        changes = [change for pending in run for change in pending.changes]
        try:
            done = iter(await writes.apply(principal, changes, base_urls=base_urls))
        except Exception:  # nothing was written: each alone says what is wrong
            return [await self._alone(principal, pending, base_urls) for pending in run]
        return [
            [EntryResult(i, next(done)) for i in range(len(pending.changes))] for pending in run
        ]

    async def _alone(
        self, principal: Principal, pending: Pending, base_urls: Sequence[str]
    ) -> list[EntryResult] | Exception:
        try:
            return await self._interactions.transaction(
                principal,
                pending.bundle,
                base_urls,
                validated=True,
                skip_unchanged=True,
                prepared=pending.prepared,
            )
        except Exception as error:  # the importer says which errors it counts
            return error
