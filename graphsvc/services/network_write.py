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
import dataclasses
import itertools
import random
import time
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence

from fhir_mappings import JsonObject, ResourceKey, export_onion
from fhir_mappings.export import Export
from fhir_mappings.export.directory import organization_resource
from fhir_mappings.search import index_terms
from graphsvc.domain import (
    NotFound,
    Onion,
    Organization,
    Population,
    Ring,
    Team,
    ValidationError,
    VersionConflict,
)
from graphsvc.domain.commands import (
    AdmitClient,
    Command,
    admission,
    apply,
    id_taken,
    same_network,
)
from graphsvc.store.fhir_commit import FhirCommit, ResourceWrite
from graphsvc.store.port import FhirWriter, NetworkRepository, ResourceStore, WriteResult
from graphsvc.store.resource_store import StoredResource, canonical

from .access import DIRECTORY_RESOURCES
from .fhir_view import as_json, stored_originals, with_references
from .recent_networks import NetworkRead, RecentNetworks
from .turns import Turns

# A FHIR write that keeps meeting concurrent writers (other instances on one
# database: Neo4j runs them side by side) gives up after these.
ATTEMPTS = 12
# A change of a network without a version to hold to is planned again while
# other writers keep getting in first, for at most this long (seconds).
PATIENCE = 10.0
NO_DIRECTORY = Population()


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


class _Unconfirmed(Exception):
    """A plan from a remembered network ended without a commit."""


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
        self._recent = RecentNetworks()
        self._turns = Turns()

    async def change(
        self,
        client_id: str,
        command: Command,
        expected_version: int | None,
        check: Callable[[Onion, Onion], Awaitable[None]] | None = None,
        version_now: int | None = None,
        *,
        allowed: Callable[[Onion], None] | None = None,
        writes: Callable[[Collection[str]], None] | None = None,
    ) -> WriteResult:
        """Apply the command to the network as it is now. With an expected
        version, a network that has moved on is a VersionConflict; without
        one, a write that lost a race is planned again from a fresh read.
        ``check`` may refuse the planned network (the caller's rules of who
        may change what) before anything is written. ``version_now``: the
        network's version as the caller has just read it, so that a network
        this instance read or wrote at that version need not be read again.

        ``allowed`` instead of ``version_now``: the caller has read nothing,
        and the network this instance wrote last is planned from as it is
        remembered (:meth:`remembered`), its version unconfirmed; ``allowed``
        raises unless the caller may change the network it is given, and is
        asked of every network planned from. Only a commit, guarded by that
        version, confirms such a plan: any other answer (a conflict, no
        change, a refusal, an invalid command) is given only after the
        network is read again.

        ``writes`` may refuse the FHIR resource types the commit would write
        (a system client's scopes), before anything is written."""
        async with self._turns.of(client_id):
            return await self._change(
                client_id, command, expected_version, check, version_now, allowed, writes
            )

    @property
    def recent(self) -> RecentNetworks:
        """The networks this instance remembers, shared with its FHIR writes."""
        return self._recent

    def remembered(self, client_id: str) -> Onion | None:
        """The network as this instance last wrote or read it, if it did: a
        hint (another instance may have changed it since), never the truth."""
        known = self._recent.latest(client_id)
        return known.onion if known else None

    async def _change(
        self,
        client_id: str,
        command: Command,
        expected_version: int | None,
        check: Callable[[Onion, Onion], Awaitable[None]] | None,
        version_now: int | None,
        allowed: Callable[[Onion], None] | None,
        writes: Callable[[Collection[str]], None] | None = None,
    ) -> WriteResult:
        deadline = time.monotonic() + PATIENCE
        # planned from the network as remembered, its version not read
        hinted = allowed is not None
        raced = False  # the last commit was refused: let the others go first
        for attempt in itertools.count():
            if raced:
                await asyncio.sleep(random.uniform(0, 0.01 * 2 ** min(attempt, 4)))
            if hinted:
                known = self._recent.latest(client_id)
                hinted = known is not None
            else:
                known = self._recent.get(client_id, None if attempt else version_now)
            before = known.onion if known else await self._network(client_id, command)
            try:
                if allowed is not None:
                    allowed(before)
                if expected_version is not None and before.version != expected_version:
                    raise VersionConflict(client_id, expected_version, before.version)
                after = apply(before, command)
                new = before.version == 0  # a client taken into care now
                if not new and same_network(after, before):
                    if hinted:
                        raise _Unconfirmed
                    return WriteResult(before.version, False)
                await self._check_ids_are_free(before, after)
                if check is not None:
                    await check(before, after)
                if known is None or not known.covers(after):
                    known = (await self._reads({client_id: after}, {client_id: before}))[client_id]
                unit = await self._plan(
                    {client_id: (None if new else before, after)}, {client_id: known}
                )
                if writes is not None:
                    writes({w.type for w in unit.resources})
            except Exception:
                if not hinted:
                    raise
                # said only of the network as it is now: read it again
                hinted = False
                self._recent.forget(client_id)
                continue
            if await self._writer.commit(unit):
                version = before.version + 1
                written = dataclasses.replace(after, version=version)
                self._recent.put(known.after(written, unit.resources, unit.at))
                return WriteResult(version, True, before, written)
            self._recent.forget(client_id)
            hinted, raced = False, True
            if time.monotonic() > deadline:
                break
        # Other writers kept changing the network: said as a conflict, with
        # the version to retry from.
        current = await self._repo.get_onion(client_id)
        raise VersionConflict(client_id, before.version, current.version)

    async def _network(self, client_id: str, command: Command) -> Onion:
        """The network as it is now; version 0 for a client being admitted."""
        try:
            return await self._repo.get_onion(client_id)
        except NotFound:
            if isinstance(command, AdmitClient):
                return admission(command)
            raise

    async def _check_ids_are_free(self, before: Onion, after: Onion) -> None:
        """Need and rating ids are global: a new one that another client's
        network holds is refused (the commit would otherwise join them), as
        is one that names a person, a client, a team or organisation, or a
        node of the other kind (as a member's id may name no need)."""
        needs = {n.id for n in after.needs} - {n.id for n in before.needs}
        ratings = {o.id for o in after.observations} - {o.id for o in before.observations}
        if not needs and not ratings:
            return
        taken = await self._repo.ids_of_other_networks(
            after.client.id, sorted(needs), sorted(ratings)
        )
        for need_id in taken.needs:
            raise id_taken("need.id", need_id)
        for rating_id in taken.observations:
            raise id_taken("observation.id", rating_id)

    async def load(self, population: Population) -> int:
        """Whole networks as they are to be, with the teams, organisations and
        staff they name (seeding a neighbourhood, a generated population): the
        same plan and the same guarded statement as every other change, for
        many networks at once. A network that is already so keeps its version.
        Returns the number of networks given."""
        ids = [o.client.id for o in population.onions]
        if len(set(ids)) != len(ids):
            raise ValidationError("onions", "a client appears twice")
        deadline = time.monotonic() + PATIENCE
        for attempt in itertools.count():
            if attempt:
                await asyncio.sleep(random.uniform(0, 0.01 * 2 ** min(attempt, 4)))
            before = await self._repo.get_onions(ids)
            changes = {
                o.client.id: (before.get(o.client.id), o)
                for o in population.onions
                if o.client.id not in before
                or not same_network(o, before[o.client.id], fhir_only=False)
            }
            directory = population.teams or population.organizations or population.staff
            if not changes and not directory:
                return len(ids)
            await self._check_informal_people_are_own([after for _, after in changes.values()])
            afters = {cid: after for cid, (_, after) in changes.items()}
            befores = {cid: was for cid, (was, _) in changes.items() if was is not None}
            reads = await self._reads(afters, befores)
            unit = await self._plan(changes, reads, population)
            if await self._writer.commit(unit):
                return len(ids)
            if time.monotonic() > deadline:
                break
        # Other writers kept changing these networks: said as a conflict on
        # the first of them, with its version now.
        client_id, (was, _) = next(iter(changes.items()))
        now = (await self._repo.get_onions([client_id])).get(client_id)
        raise VersionConflict(client_id, was.version if was else 0, now.version if now else 0)

    async def _check_informal_people_are_own(self, onions: Sequence[Onion]) -> None:
        """A relative, friend or neighbour is in one client's network only."""
        owner: dict[str, str] = {}
        for onion in onions:
            for member in onion.ring(Ring.INFORMAL):
                first = owner.setdefault(member.person.id, onion.client.id)
                if first != onion.client.id:
                    raise ValidationError(
                        "members.person.id",
                        f"{member.person.id!r} is in the networks of {first!r} and "
                        f"{onion.client.id!r}; an informal person belongs to one network",
                    )
        for person_id, clients in (await self._repo.person_clients(sorted(owner))).items():
            for other in sorted(clients - {owner[person_id]}):
                raise ValidationError(
                    "members.person.id",
                    f"{person_id!r} is in the network of {other!r}; "
                    "an informal person belongs to one network",
                )

    async def _reads(
        self, afters: Mapping[str, Onion], befores: Mapping[str, Onion]
    ) -> dict[str, NetworkRead]:
        """What is stored for these networks as they are to be: each one's
        compartment and the resources of everyone in it (two reads for all),
        and what those refer to (a CareTeam's PractitionerRoles), so that the
        export keeps references as they were made."""
        own = await stored_originals(self._resources, afters)
        reads = {}
        for client_id, after in afters.items():
            view = {k: as_json(s) for k, s in own[client_id].items()}
            stored = await with_references(self._resources, view)
            reads[client_id] = NetworkRead(befores.get(client_id, after), own[client_id], stored)
        return reads

    async def _plan(
        self,
        changes: Mapping[str, tuple[Onion | None, Onion]],
        reads: Mapping[str, NetworkRead],
        directory: Population = NO_DIRECTORY,
    ) -> FhirCommit:
        """The commit that makes each network (client id -> as read, or None
        for a new one, and as it is to be) and the FHIR resources that stand
        for it say the same."""
        planned = {client_id: after for client_id, (_, after) in changes.items()}
        # the versions of what the export touches: read already, or read now
        # (a new resource, or one deleted before)
        versions = {k: s for r in reads.values() for k, s in r.own.items()}
        looked: set[ResourceKey] = set()
        retired: frozenset[ResourceKey] = frozenset()
        while True:
            exports = [
                export_onion(
                    after, reads[client_id].view, base_urls=self._base_urls, retired=retired
                )
                for client_id, after in planned.items()
            ]
            touched = {k for e in exports for k in e.changed | e.generated | e.removed}
            unknown = touched - set(versions) - looked
            looked |= unknown
            for s in await self._resources.get_many(
                sorted(k.reference for k in unknown), include_deleted=True
            ):
                versions[ResourceKey(s.type, s.id)] = s
            # what the export would make again under the id of one deleted
            # before is made under another: a deleted resource stays deleted
            made_again = {
                k for e in exports for k in e.generated if k in versions and versions[k].deleted
            }
            if made_again <= retired:
                break
            retired |= made_again
        # help is what the care plans say: as exported, whatever the plan said
        afters = {
            client_id: export.onion(after)
            for (client_id, after), export in zip(planned.items(), exports, strict=True)
        }
        # the directory's teams and organisations that FHIR has no resource for yet
        entries: dict[ResourceKey, Team | Organization] = {
            ResourceKey("Organization", t.id): t for t in directory.teams
        }
        entries.update({ResourceKey("Organization", o.id): o for o in directory.organizations})
        writes: dict[str, ResourceWrite] = {}
        missing = sorted(k.reference for k in entries.keys() - set(versions))
        for found in (
            await self._resources.get_many(missing, include_deleted=True) if missing else []
        ):
            if not found.deleted:  # there already: the directory's, never changed from here
                entries.pop(ResourceKey(found.type, found.id), None)
            else:
                versions[ResourceKey(found.type, found.id)] = found
        for key, entry in sorted(entries.items()):
            if key in versions and not versions[key].deleted:
                continue
            number = versions[key].version_id + 1 if key in versions else 1
            body = organization_resource(entry)
            write = resource_version(key, number, body, self._base_urls)
            writes[write.key] = write
        for export in exports:
            for write in resources_of_change(export, versions, self._base_urls):
                if write.key in writes and write.type not in DIRECTORY_RESOURCES:
                    raise ValidationError(write.key, "is part of two clients' networks")
                writes.setdefault(write.key, write)
        before = {cid: was for cid, (was, _) in changes.items() if was is not None}
        return FhirCommit(
            resources=list(writes.values()),
            # the guard compares the written resources with what was read of them
            seen_resources={s.key: s.version_id for s in versions.values() if s.key in writes},
            population=dataclasses.replace(directory, onions=tuple(afters.values())),
            seen_clients={cid: was.version for cid, was in before.items()},
            previous=before,
        )
