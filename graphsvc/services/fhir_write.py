"""Writing FHIR resources: each request (one resource, a transaction, one
batch entry, a slice of an import) becomes one guarded statement holding the
resources and the graph they project to, so it lands whole or not at all.

The graph is projected again for every client the write touches, from the
resources that stand for her network now (services.fhir_view) with the new
ones in place: edits made in the graph since the last import are kept, and
what a new resource no longer says is taken out of the graph.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from fhir_mappings import JsonObject, ResourceKey, project
from fhir_mappings.issues import Issue
from fhir_mappings.lsns6 import read_lsns6_answer
from fhir_mappings.search import compartment_client
from graphsvc.domain import NotFound, Onion, Principal, Role
from graphsvc.domain.commands import same_network
from graphsvc.store.fhir_commit import FhirCommit, ResourceWrite
from graphsvc.store.port import FhirWriter, NetworkRepository, ResourceStore
from graphsvc.store.records import now
from graphsvc.store.resource_store import StoredResource, canonical, senders_meta

from .access import (
    DIRECTORY_RESOURCES,
    Action,
    acts_for_others,
    check_outside_compartments,
    check_relied_on,
    check_resource_access,
    check_shared_write,
    check_type_access,
)
from .audit import AuditRecord, AuditTrail, record_all
from .errors import Forbidden
from .fhir_deletes import check_network_ends_whole, network_without
from .fhir_view import as_json, laid_over, stored_originals, with_references
from .history import fhir_change_text
from .network_write import ATTEMPTS, deleted_version, resource_version
from .recent_networks import NetworkRead, RecentNetworks
from .reliance import teams_relying_on


class CreateWouldOverwrite(Exception):
    """A create (POST) met a resource of its id with other content: a create
    makes a new resource, never changes another."""

    def __init__(self, key: ResourceKey) -> None:
        super().__init__(
            f"{key.reference} exists: a create never changes another resource. The id "
            "came from the entry's fullUrl, its id or its content; to change the resource "
            "send PUT (with If-Match), to make a new one send another urn:uuid"
        )
        self.key = key


class PreconditionFailed(Exception):
    """If-Match named a version that is not the current one."""

    def __init__(self, key: ResourceKey, expected: int, actual: int | None) -> None:
        current = "none" if actual is None else str(actual)
        super().__init__(
            f"{key.reference} is at version {current}, not {expected} as If-Match says"
        )
        self.key = key


class AlreadyThere(Exception):
    """If-None-Match: * (write only where there is none) met the resource."""

    def __init__(self, key: ResourceKey) -> None:
        super().__init__(
            f"{key.reference} exists; If-None-Match: * writes it only where there is none, "
            "so nothing was written"
        )
        self.key = key


class WriteContention(Exception):
    """Other writers kept changing what this write read; it may be sent again."""


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DELETED = "deleted"
    ABSENT = "absent"  # a delete of something not there


@dataclass(frozen=True, slots=True)
class ResourceChange:
    key: ResourceKey
    resource: JsonObject | None  # references rewritten; None deletes
    if_match: int | None = None
    created: bool = False  # a POST: makes its resource, or finds it as sent
    only_if_absent: bool = False  # If-None-Match: *


@dataclass(frozen=True, slots=True)
class ChangeResult:
    key: ResourceKey
    outcome: Outcome
    version_id: int | None
    last_updated: str | None
    resource: JsonObject | None  # as stored now, with id and meta
    # what of it was kept but not read into the graph, and why (warnings)
    notes: tuple[Issue, ...] = ()


@dataclass(frozen=True, slots=True)
class _Plan:
    results: list[ChangeResult]
    unit: FhirCommit | None
    notes: tuple[Issue, ...]
    # the clients in whose compartments each resource is, before and after
    clients: dict[ResourceKey, set[str]] = field(default_factory=dict)
    # every client whose network the write projects again
    touched: frozenset[str] = frozenset()
    # the network and its resources as they are once committed, to remember
    remember: NetworkRead | None = None


@dataclass(frozen=True, slots=True)
class _Reads:
    """What a plan starts from: the networks as they are and, for each
    client, the stored resources they are exported over."""

    onions: dict[str, Onion]
    own: dict[str, dict[ResourceKey, StoredResource]]
    # a view made before of these resources and what they refer to
    followed: dict[ResourceKey, JsonObject] | None = None


_PEOPLE = frozenset({"Practitioner", "Organization", "RelatedPerson"})


def with_meta(
    resource_type: str, resource_id: str, version: int, at: str, content: JsonObject
) -> JsonObject:
    body = {k: v for k, v in content.items() if k not in {"resourceType", "id", "meta"}}
    meta = {**senders_meta(content), "versionId": str(version), "lastUpdated": at}
    return {"resourceType": resource_type, "id": resource_id, "meta": meta, **body}


def _outcome(change: ResourceChange, stored: StoredResource | None) -> Outcome:
    live = stored is not None and not stored.deleted
    if change.resource is None:
        return Outcome.DELETED if live else Outcome.ABSENT
    if stored is None or not live:
        return Outcome.CREATED
    same = canonical(stored.content) == canonical(change.resource)
    return Outcome.UNCHANGED if same else Outcome.UPDATED


def _people_of(resource: JsonObject | None, key: ResourceKey) -> set[str]:
    """Graph people a directory resource stands for (a PractitionerRole is its
    Practitioner)."""
    if key.resource_type in _PEOPLE:
        return {key.id}
    if key.resource_type == "PractitionerRole" and resource is not None:
        practitioner = resource.get("practitioner")
        text = practitioner.get("reference") if isinstance(practitioner, dict) else None
        if isinstance(text, str) and text.startswith("Practitioner/"):
            return {text.removeprefix("Practitioner/")}
    return set()


def _compartment(change: ResourceChange, base_urls: Sequence[str]) -> str | None:
    """The client in whose compartment the resource is to be (None: none, or deleted)."""
    if change.resource is None:
        return None
    return compartment_client(change.resource, base_urls=base_urls)


def _owners(to_be: str | None, found: StoredResource | None) -> set[str]:
    """The clients in whose compartments the resource is, before and after."""
    was = found.client_id if found is not None else None
    return {o for o in (to_be, was) if o is not None}


def _may_write(principal: Principal) -> None:
    if principal.role is Role.RESEARCHER:
        raise Forbidden("researchers see de-identified aggregates only")


class FhirWriteService:
    def __init__(
        self,
        repository: NetworkRepository,
        resources: ResourceStore,
        writer: FhirWriter,
        audit: AuditTrail,
        recent: RecentNetworks | None = None,
    ) -> None:
        """``recent``: the networks the edits of this instance remember
        (NetworkWriter's): a write of one resource of a network found there
        is planned from it, and leaves the network as written there."""
        self._repo = repository
        self._resources = resources
        self._writer = writer
        self._audit = audit
        self._recent = recent

    async def apply(
        self,
        principal: Principal,
        changes: Sequence[ResourceChange],
        *,
        base_urls: Sequence[str] = (),
    ) -> list[ChangeResult]:
        """All the changes or none. Raises FhirValidationError when the result
        breaks a rule of the domain, PreconditionFailed on a stale If-Match,
        Forbidden/NotFound by the access rules."""
        _may_write(principal)
        for attempt in range(ATTEMPTS):
            if attempt:
                await asyncio.sleep(random.uniform(0, 0.01 * 2 ** min(attempt, 5)))
            # No lock of this process: several processes serve, and the guard
            # in the one statement decides between all writers alike.
            plan = await self._plan(principal, changes, base_urls, hint=not attempt)
            committed = plan.unit is None or await self._writer.commit(plan.unit)
            self._remember(plan, committed)
            if committed:
                records = []
                for result in plan.results:
                    action = f"fhir.{result.key.resource_type}.write"
                    outcome = f"ok: {result.outcome.value}"
                    for client in _clients_or_none(plan.clients.get(result.key, ())):
                        records.append(
                            AuditRecord.of(
                                principal, action, client, outcome, [result.key.reference]
                            )
                        )
                records += self._history_records(principal, plan)
                record_all(self._audit, records)
                return [
                    dataclasses.replace(
                        result,
                        notes=tuple(
                            n for n in plan.notes if n.resource in (None, result.key.reference)
                        ),
                    )
                    for result in plan.results
                ]
        raise WriteContention("the resources changed while this write was prepared; send it again")

    @staticmethod
    def _history_records(principal: Principal, plan: _Plan) -> list[AuditRecord]:
        """One record per network the write changed, with what it did in
        words, for the history nurses read (services/history.py)."""
        if plan.unit is None:
            return []
        written: dict[str, list[str]] = {}
        for key, clients in plan.clients.items():
            for client_id in clients:
                written.setdefault(client_id, []).append(key.reference)
        records = []
        for after in plan.unit.population.onions:
            before = plan.unit.previous.get(after.client.id)
            version = before.version + 1 if before is not None else 1
            text = fhir_change_text(
                before, after, version, sorted(written.get(after.client.id, ()))
            )
            record = AuditRecord.of(principal, "network.fhir", after.client.id, "ok")
            records.append(dataclasses.replace(record, change=text))
        return records

    async def check(
        self,
        principal: Principal,
        changes: Sequence[ResourceChange],
        *,
        base_urls: Sequence[str] = (),
    ) -> tuple[Issue, ...]:
        """What ``apply`` would say of these changes, writing nothing: raises
        as it does, else returns the notes of the projection (a CareTeam kept
        but not projected, say). Audited as ``fhir.<Type>.validate``: the check
        read what is stored of each client it names."""
        _may_write(principal)
        plan = await self._plan(principal, changes, base_urls)
        record_all(
            self._audit,
            [
                AuditRecord.of(
                    principal,
                    f"fhir.{change.key.resource_type}.validate",
                    client,
                    "ok",
                    [change.key.reference],
                )
                for change in changes
                for client in _clients_or_none(plan.clients.get(change.key, ()))
            ],
        )
        return plan.notes

    def _remember(self, plan: _Plan, committed: bool) -> None:
        if self._recent is None:
            return
        for client_id in plan.touched:
            self._recent.forget(client_id)
        if committed and plan.remember is not None:
            self._recent.put(plan.remember)

    async def _plan(
        self,
        principal: Principal,
        changes: Sequence[ResourceChange],
        base_urls: Sequence[str],
        *,
        hint: bool = False,
    ) -> _Plan:
        if hint:
            plan = await self._hinted_plan(principal, changes, base_urls)
            if plan is not None:
                return plan
        stored = {
            ResourceKey(s.type, s.id): s
            for s in await self._resources.get_many(
                [c.key.reference for c in changes], include_deleted=True
            )
        }
        outcomes = [(c, stored.get(c.key), _outcome(c, stored.get(c.key))) for c in changes]
        writes = [(c, s, o) for c, s, o in outcomes if o not in {Outcome.UNCHANGED, Outcome.ABSENT}]
        for change, found, _ in outcomes:
            # the scope for the type first, so that a forbidden client learns nothing more
            check_type_access(principal, change.key.resource_type, Action.WRITE)
            if change.key.resource_type in DIRECTORY_RESOURCES:
                await self._check_other_teams_entry(principal, change, found)
        to_be = {c.key: _compartment(c, base_urls) for c in changes}
        client_of = {c.key: _owners(to_be[c.key], s) for c, s, _ in outcomes}
        owners = sorted({cid for found in client_of.values() for cid in found})
        access = await self._repo.clients_access(owners)
        for change, found, outcome in outcomes:
            if found is not None and found.client_id is None:
                # stored about no client: out of a team's reach, whatever it is to be
                check_outside_compartments(
                    principal, change.key.resource_type, change.key.id, stored=True
                )
            if not client_of[change.key] and outcome is not Outcome.ABSENT:
                check_shared_write(principal, change.key.resource_type)
            if change.resource is not None and to_be[change.key] is None:
                # to be about no client (new, or moved out of her client's record)
                check_outside_compartments(
                    principal, change.key.resource_type, change.key.id, stored=False
                )
            for client_id in client_of[change.key]:
                if client_id in access:
                    try:
                        check_resource_access(
                            principal,
                            change.key.resource_type,
                            Action.WRITE,
                            client_id,
                            access[client_id].team_ids,
                        )
                    except NotFound:
                        # as if it were not there: whether it is says nothing
                        raise NotFound(change.key.resource_type, change.key.id) from None
        # If-Match once who may write is settled: a refusal says nothing more
        for change, found, _ in outcomes:
            if change.if_match is None:
                continue
            actual = found.version_id if found and not found.deleted else None
            if found is None and change.resource is None:
                raise NotFound(change.key.resource_type, change.key.id)  # as without If-Match
            if actual != change.if_match:
                raise PreconditionFailed(change.key, change.if_match, actual)
        for change, found, _ in outcomes:
            if change.only_if_absent and found is not None and not found.deleted:
                raise AlreadyThere(change.key)
        for change, _, outcome in outcomes:
            if change.created and outcome is Outcome.UPDATED:
                raise CreateWouldOverwrite(change.key)
        if not writes:
            return _Plan([self._unchanged(c, s, o) for c, s, o in outcomes], None, ())

        people: set[str] = set()
        for change, found, _ in writes:
            people |= _people_of(change.resource, change.key)
            people |= _people_of(found.content if found else None, change.key)
        client_ids = {cid for c, _, _ in writes for cid in client_of[c.key]}
        for clients in (await self._repo.person_clients(sorted(people))).values():
            client_ids |= clients
        onions = await self._repo.get_onions(sorted(client_ids))
        own = await stored_originals(self._resources, onions, client_ids)
        reads = _Reads(onions, own)
        return await self._planned(
            principal, outcomes, stored, client_of, client_ids, reads, base_urls, len(changes)
        )

    async def _check_other_teams_entry(
        self, principal: Principal, change: ResourceChange, found: StoredResource | None
    ) -> None:
        """A system client that acts for some teams changes no directory entry
        another team relies on: another team itself, nor a professional or
        organisation in the network of another team's client or working for
        another team (renaming or deleting her would change their onions)."""
        if not acts_for_others(principal, ()):
            return  # acts for every team, or is no system client
        key = change.key
        if key.resource_type == "Organization" and acts_for_others(principal, (key.id,)):
            with contextlib.suppress(NotFound):
                await self._repo.get_team(key.id)
                raise Forbidden(
                    f"this client acts for {', '.join(sorted(principal.teams))} only; "
                    f"{key.reference} is another team"
                )
        stored = found.content if found is not None and not found.deleted else None
        people = _people_of(change.resource, key) | _people_of(stored, key)
        if key.resource_type == "Organization":
            people |= {p.id for p in await self._repo.team_staff(key.id)}
        check_relied_on(principal, await teams_relying_on(self._repo, people), key.reference)

    async def _hinted_plan(
        self, principal: Principal, changes: Sequence[ResourceChange], base_urls: Sequence[str]
    ) -> _Plan | None:
        """One resource of a client's network that this instance remembers
        (as an edit or a FHIR write here left it), planned from that memory:
        no read of the network, its resources or who may write them. The
        commit's guard confirms the plan (the network's version, the
        resource's version); anything a commit does not confirm (a 412, no
        change, a refusal) is planned again from reads. None: not so."""
        if self._recent is None or len(changes) != 1:
            return None
        (change,) = changes
        kind = change.key.resource_type
        if change.resource is None or kind in _PEOPLE or kind == "PractitionerRole":
            return None  # a delete, or a directory entry other networks name
        client_id = compartment_client(change.resource, base_urls=base_urls)
        known = self._recent.latest(client_id) if client_id else None
        if client_id is None or known is None:
            return None
        found = known.own.get(change.key)
        if found is None and await self._resources.get_many(
            [change.key.reference], include_deleted=True
        ):
            return None  # there, and not as remembered
        if found is not None and (found.deleted or found.client_id != client_id):
            return None
        actual = found.version_id if found else None
        if change.if_match is not None and actual != change.if_match:
            return None  # said only of the version stored now
        if change.only_if_absent and found is not None:
            return None
        outcome = _outcome(change, found)
        if outcome is Outcome.UNCHANGED or (change.created and outcome is Outcome.UPDATED):
            return None
        onion = known.onion
        teams = () if onion.team_id is None else (onion.team_id,)
        try:
            check_type_access(principal, kind, Action.WRITE)
            check_resource_access(principal, kind, Action.WRITE, client_id, teams)
        except (NotFound, Forbidden):
            return None  # refused only as the database says it now
        stored = {change.key: found} if found else {}
        reads = _Reads({client_id: onion}, {client_id: dict(known.own)}, dict(known.view))
        try:
            plan = await self._planned(
                principal,
                [(change, found, outcome)],
                stored,
                {change.key: {client_id}},
                {client_id},
                reads,
                base_urls,
                1,
            )
        except Exception:
            return None  # whatever is wrong is said as the database has it now
        return plan if plan.unit is not None and not plan.unit.removed_clients else None

    async def _planned(
        self,
        principal: Principal,
        outcomes: list[tuple[ResourceChange, StoredResource | None, Outcome]],
        stored: Mapping[ResourceKey, StoredResource],
        client_of: dict[ResourceKey, set[str]],
        client_ids: set[str],
        reads: _Reads,
        base_urls: Sequence[str],
        changed: int,
    ) -> _Plan:
        """The commit of these writes over what was read, the networks of
        ``client_ids`` projected again."""
        writes = [(c, s, o) for c, s, o in outcomes if o not in {Outcome.UNCHANGED, Outcome.ABSENT}]
        onions = reads.onions
        originals = {cid: {k: as_json(s) for k, s in own.items()} for cid, own in reads.own.items()}
        view = laid_over(originals, onions)
        deleted = frozenset(c.key for c, _, _ in writes if c.resource is None)
        was = {k: view[k] for k in deleted if k in view}
        for change, _, _ in writes:
            if change.resource is None:
                view.pop(change.key, None)
            else:
                view[change.key] = {
                    **change.resource,
                    "resourceType": change.key.resource_type,
                    "id": change.key.id,
                }
        # what the new resources refer to, the directory above all
        laid = view
        stored_keys = {k for own in reads.own.values() for k in own}
        followed = {  # without what the view no longer holds
            k: r for k, r in (reads.followed or {}).items() if k in laid or k not in stored_keys
        }
        view = await with_references(self._resources, view, followed=followed, gone=deleted)
        sent = {c.key for c, _, _ in writes if c.resource is not None}
        projection = project(view, base_urls=base_urls, written=sent)

        new_onions: dict[str, Onion] = {}
        # what else of the networks a delete rewrites: key -> content, None deletes
        rewritten: dict[ResourceKey, JsonObject | None] = {}
        for client_id in sorted(client_ids):
            after = projection.onion(client_id)
            if after is None:
                continue
            before = onions.get(client_id)
            if before is not None:
                ids = {m.person.id for m in after.members}
                kept = tuple(k for k in before.knows if k.person_a in ids and k.person_b in ids)
                after = dataclasses.replace(after, knows=kept, version=before.version)
            if was:
                after = network_without(after, view, was, rewritten, base_urls)
            self._check_new_team(principal, client_id, before, after)
            new_onions[client_id] = after
        for change, _, _ in writes:
            for client_id in client_of[change.key] - set(new_onions) - set(onions):
                # a compartment of no client there is, nor will be
                check_resource_access(
                    principal, change.key.resource_type, Action.WRITE, client_id, ()
                )
        removed = sorted(c for c in onions if c not in new_onions)
        for client_id in removed:
            check_network_ends_whole(client_id, view, base_urls)
        written = {c.key for c, _, _ in writes}
        cascade, cascade_read = await self._rewrites(rewritten, reads.own, written, base_urls)
        written |= {ResourceKey(w.type, w.id) for w in cascade}
        at = now()
        resource_writes: list[ResourceWrite] = []
        results: list[ChangeResult] = []
        for change, found, outcome in outcomes:
            if outcome in {Outcome.UNCHANGED, Outcome.ABSENT}:
                results.append(self._unchanged(change, found, outcome))
                continue
            version = (found.version_id if found else 0) + 1
            if change.resource is None:
                assert found is not None
                resource_writes.append(deleted_version(found))
                results.append(ChangeResult(change.key, outcome, version, at, None))
                continue
            body = view[change.key]
            resource_writes.append(resource_version(change.key, version, body, base_urls))
            shown = with_meta(change.key.resource_type, change.key.id, version, at, body)
            results.append(ChangeResult(change.key, outcome, version, at, shown))
        resource_writes.extend(cascade)
        stored = {**stored, **cascade_read}
        # her own LSNS-6 answers are not in the graph, but what is shown of
        # her network (its strength) moves with them, and so does its version
        answered = {
            cid
            for change, found, _ in writes
            if _answers_lsns6(change, found)
            for cid in client_of[change.key]
        }
        population = dataclasses.replace(
            projection.population,
            onions=tuple(
                o
                for cid, o in sorted(new_onions.items())
                if cid not in onions or not same_network(o, onions[cid]) or cid in answered
            ),
        )
        unit = FhirCommit(
            resources=resource_writes,
            # the versions of what it writes, which the statement checks (an
            # unchanged resource beside them is not written, so not checked)
            seen_resources={s.key: s.version_id for k, s in stored.items() if k in written},
            population=population,
            seen_clients={cid: o.version for cid, o in onions.items()},
            previous=onions,
            removed_clients=removed,
            at=at,
        )
        remember = None
        if changed == 1 and len(client_ids) == 1 and not removed and not deleted:
            (client_id,) = client_ids
            before, after = onions.get(client_id), new_onions.get(client_id)
            if before is not None and after is not None and client_id in reads.own:
                if any(o.client.id == client_id for o in population.onions):
                    before_commit = before
                    after = dataclasses.replace(after, version=before.version + 1)
                else:
                    before_commit, after = before, before
                own = reads.own[client_id]
                # the resources as stored, and what they and the new ones refer to
                seen = {
                    **{k: r for k, r in followed.items() if k not in stored_keys},
                    **{k: r for k, r in view.items() if k not in laid},
                    **originals[client_id],
                }
                read = NetworkRead(before_commit, own, seen)
                if read.covers(after):
                    remember = read.after(after, resource_writes, at)
        return _Plan(results, unit, projection.notes, client_of, frozenset(client_ids), remember)

    async def _rewrites(
        self,
        rewritten: Mapping[ResourceKey, JsonObject | None],
        own: Mapping[str, Mapping[ResourceKey, StoredResource]],
        written: set[ResourceKey],
        base_urls: Sequence[str],
    ) -> tuple[list[ResourceWrite], dict[ResourceKey, StoredResource]]:
        """The new versions of what a delete rewrote beside what was sent,
        and the stored versions they follow (for the guard). Directory entries
        that exist are never changed through one client's network, and a
        resource deleted before is never made again by it."""
        found = {k: s for read in own.values() for k, s in read.items()}
        unknown = sorted(k.reference for k in rewritten if k not in found and k not in written)
        for s in await self._resources.get_many(unknown, include_deleted=True):
            found[ResourceKey(s.type, s.id)] = s
        writes: list[ResourceWrite] = []
        read: dict[ResourceKey, StoredResource] = {}
        for key, body in sorted(rewritten.items()):
            stored = found.get(key)
            if key in written or (stored is not None and stored.deleted):
                continue
            if stored is not None and key.resource_type in DIRECTORY_RESOURCES:
                continue
            if body is None:
                if stored is not None:
                    writes.append(deleted_version(stored))
                    read[key] = stored
                continue
            version = stored.version_id + 1 if stored else 1
            whole = {**body, "resourceType": key.resource_type, "id": key.id}
            writes.append(resource_version(key, version, whole, base_urls))
            if stored is not None:
                read[key] = stored
        return writes, read

    @staticmethod
    def _check_new_team(
        principal: Principal, client_id: str, before: Onion | None, after: Onion
    ) -> None:
        if before is not None and before.team_id == after.team_id:
            return
        if after.team_id is None and principal.role in {Role.NURSE, Role.COACH}:
            raise Forbidden(
                f"Patient/{client_id} would have no team: send her CareTeam, managed by "
                "your team, in the same transaction"
            )
        teams = [after.team_id] if after.team_id else []
        check_resource_access(principal, "CareTeam", Action.WRITE, client_id, teams)

    @staticmethod
    def _unchanged(
        change: ResourceChange, found: StoredResource | None, outcome: Outcome
    ) -> ChangeResult:
        if found is None or found.deleted:
            return ChangeResult(
                change.key, outcome, found.version_id if found else None, None, None
            )
        shown = with_meta(found.type, found.id, found.version_id, found.last_updated, found.content)
        return ChangeResult(change.key, outcome, found.version_id, found.last_updated, shown)


def _answers_lsns6(change: ResourceChange, found: StoredResource | None) -> bool:
    """Whether the change writes or deletes one of a client's LSNS-6 answers."""
    kind = change.key.resource_type
    for content in (change.resource, found.content if found else None):
        if content is not None and read_lsns6_answer({**content, "resourceType": kind}):
            return True
    return False


def _clients_or_none(clients: Iterable[str]) -> list[str | None]:
    """The clients an audit record names one by one, or none (a shared resource)."""
    found: list[str | None] = [*sorted(clients)]
    return found or [None]
