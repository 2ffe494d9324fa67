"""Use cases for mapping a client's network. Every call acts for a principal,
is checked against the access rules and leaves an audit record."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence

from graphsvc.analysis.roles import names_gp
from graphsvc.domain import (
    Client,
    DomainError,
    NotFound,
    Onion,
    Organization,
    Person,
    Population,
    Principal,
    Reason,
    Ring,
    Role,
    Team,
    ValidationError,
    VersionConflict,
)
from graphsvc.domain.commands import (
    AdmitClient,
    Command,
    RemoveKnows,
    RemoveMember,
    RemoveNeed,
    RemoveRating,
    RemoveSupport,
    ResolveNeed,
    Revert,
    SaveKnows,
    SaveMember,
    SaveNeed,
    SaveRating,
    SaveSupport,
    UpdateMember,
)
from graphsvc.domain.directory_search import directory_query
from graphsvc.domain.errors import shown
from graphsvc.domain.values import is_id
from graphsvc.store.port import ClientAccess, ClientPageRequest, NetworkRepository, WriteResult

from .access import (
    Action,
    check_network_scope,
    check_team_access,
    check_team_admin,
    check_type_access,
    scope_allows,
    scoped_writes,
    visible_teams,
)
from .audit import AuditRecord, AuditTrail
from .errors import Forbidden
from .history import (
    Change,
    change_text,
    changes_of,
    last_own_change,
    parsed_undo,
    shown_who,
    undo_text,
)
from .network_write import NetworkWriter
from .recent_onions import RecentOnions

# What the audit trail calls each change.
ACTIONS: dict[type[Command], str] = {
    AdmitClient: "client.admit",
    SaveMember: "member.save",
    UpdateMember: "member.save",
    RemoveMember: "member.remove",
    SaveNeed: "need.save",
    ResolveNeed: "need.resolve",
    RemoveNeed: "need.remove",
    SaveSupport: "support.save",
    RemoveSupport: "support.remove",
    SaveKnows: "knows.save",
    RemoveKnows: "knows.remove",
    SaveRating: "rating.save",
    RemoveRating: "rating.remove",
    Revert: "change.undo",
}


@dataclasses.dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change as a reader of the network sees it."""

    at: str
    who: str
    yours: bool
    words: str
    version: int
    who_en: str
    words_en: str  # the Dutch words for changes kept before there were English ones


# Networks per guarded statement when a whole population is loaded.
CLIENTS_PER_SLICE = 100


def _directory_entry(existing: Person) -> ValidationError:
    """A professional's or organisation's own name and contact are the
    directory's: changed there (FHIR Practitioner), so that every onion and
    the resource say the same, never through one client's network."""
    return ValidationError(
        "name",
        f"{existing.name!r} is in the directory; its name and contact are changed "
        "there (FHIR Practitioner), not in one client's network",
        code=Reason.DIRECTORY_ENTRY,
    )


class NetworkService:
    def __init__(
        self,
        repository: NetworkRepository,
        audit: AuditTrail,
        changes: NetworkWriter,
        audit_records: Callable[[str], Sequence[AuditRecord]] | None = None,
    ) -> None:
        """``audit_records``: a client's records of the audit trail as
        written, for the history of her network and undo (none: every
        network's history is empty)."""
        self._repo = repository
        self._audit = audit
        self._changes = changes
        self._records = audit_records or (lambda client_id: ())
        self._recent = RecentOnions()

    # -- guards -------------------------------------------------------------

    def _log(
        self,
        principal: Principal,
        action: str,
        client_id: str | None,
        outcome: str,
        change: str | None = None,
    ) -> None:
        record = AuditRecord.of(principal, action, client_id, outcome)
        self._audit.record(record if change is None else dataclasses.replace(record, change=change))

    async def _guard(
        self, principal: Principal, client_id: str, action: Action, name: str, *, whole: bool = True
    ) -> ClientAccess:
        # Not an id any client can have: said the same way as an absent client.
        access = await self._repo.client_access(client_id) if is_id(client_id) else None
        try:
            if access is None:
                # Checked first against an empty team set, so that a forbidden
                # principal is told "forbidden", not whether the client exists.
                check_team_access(principal, (), action, client_id, whole=whole)
                raise NotFound("client", client_id)
            check_team_access(principal, access.team_ids, action, client_id, whole=whole)
        except NotFound:
            self._log(principal, name, client_id, "not-found")
            raise
        except Forbidden:
            self._log(principal, name, client_id, "denied")
            raise
        return access

    async def _write(
        self,
        principal: Principal,
        client_id: str,
        name: str,
        operation: Callable[[int | None], Awaitable[WriteResult]],
        *,
        guarded: bool = False,
        kept: Callable[[WriteResult], str | None] | None = None,
        refused: tuple[type[Exception], ...] = (),
    ) -> WriteResult:
        """Check access (unless the caller did), run the write with the
        network's version as the check read it, and audit the outcome
        (except of the ``refused`` errors, raised unaudited)."""
        version = None
        if not guarded:
            version = (await self._guard(principal, client_id, Action.WRITE, name)).version
        try:
            result = await operation(version)
        except refused:
            raise
        except VersionConflict:
            self._log(principal, name, client_id, "conflict")
            raise
        except DomainError:
            self._log(principal, name, client_id, "invalid")
            raise
        self._log(principal, name, client_id, "ok", kept(result) if kept else None)
        return result

    @staticmethod
    def _kept(
        command: Command, undone: Change | None = None
    ) -> Callable[[WriteResult], str | None]:
        """What the audit record of a change keeps for the network's history."""

        def text(result: WriteResult) -> str | None:
            if not result.changed or result.before is None or result.after is None:
                return None
            if undone is not None:
                return undo_text(undone, result.version)
            return change_text(command, result.before, result.after, result.version)

        return text

    async def _check_person(self, person: Person, client_id: str) -> None:
        """An informal person belongs to one network; a professional or
        organisation is a directory entry, changed in the directory only.
        Facts of one onion go on the membership."""
        try:
            existing, _ = await self._repo.get_person(person.id)
        except NotFound:
            return
        networks = await self._repo.person_clients([person.id])
        elsewhere = networks.get(person.id, frozenset()) - {client_id}
        if existing.ring is Ring.INFORMAL:
            if elsewhere:
                raise ValidationError(
                    "personId",
                    f"{person.id!r} is in another client's network; "
                    "a relative or neighbour belongs to one network only",
                    code=Reason.IN_ANOTHER_NETWORK,
                )
            return
        if (person.name, person.contact) != (existing.name, existing.contact):
            raise _directory_entry(existing)

    async def _linked(self, command: SaveMember, client_id: str) -> SaveMember:
        """The person a new member names, as the graph holds her: a directory
        entry is linked as the directory has it (her role in this onion goes
        on the tie), never made anew or changed here, whoever asks; an id the
        graph holds for anything but a person (an organisation, a team, a
        client, a need, a rating) names nobody to add."""
        person = command.person
        try:
            existing, _ = await self._repo.get_person(person.id)
        except NotFound:
            existing = None
        if existing is not None:
            if existing.ring is Ring.INFORMAL:
                return command
            contact = existing.contact if person.contact is None else person.contact
            if (person.name, contact) != (existing.name, existing.contact):
                raise _directory_entry(existing)
            return dataclasses.replace(command, person=existing)
        if await self._names_no_person(person.id, client_id):
            raise ValidationError(
                "personId",
                f"{person.id!r} names an organisation, team, client, need or rating, not a person",
                code=Reason.NOT_A_PERSON,
            )
        return command

    async def _names_no_person(self, some_id: str, client_id: str) -> bool:
        for lookup in (self._repo.get_organization, self._repo.get_client):
            try:
                await lookup(some_id)
            except NotFound:
                continue
            return True
        taken = await self._repo.ids_of_other_networks(client_id, [some_id], [some_id])
        return bool(taken.needs or taken.observations)

    # -- reads --------------------------------------------------------------

    async def onion(self, principal: Principal, client_id: str, *, whole: bool = True) -> Onion:
        """``whole=False``: the caller shows of it only the FHIR types the
        principal's scopes name ($everything; access.check_network_scope)."""
        access = await self._guard(principal, client_id, Action.READ, "onion.read", whole=whole)
        onion = self._recent.get(client_id, access.version)
        if onion is None:
            onion = await self._repo.get_onion(client_id)
            self._recent.put(onion)
        self._log(principal, "onion.read", client_id, "ok")
        return onion

    async def onions(self, principal: Principal, client_ids: Sequence[str]) -> dict[str, Onion]:
        """The onions of those clients the principal may read, in two round
        trips however many there are; the others are simply absent. A system
        client without the scopes a network is read from is refused outright."""
        if principal.role is Role.SYSTEM:
            check_network_scope(principal, Action.READ)
        access = await self._repo.clients_access([c for c in client_ids if is_id(c)])
        readable: list[str] = []
        for cid in dict.fromkeys(client_ids):
            entry = access.get(cid)
            try:
                check_team_access(principal, entry.team_ids if entry else (), Action.READ, cid)
            except (NotFound, Forbidden):
                self._log(principal, "onion.read", cid, "denied" if entry else "not-found")
                continue
            if entry is not None:
                readable.append(cid)
        onions: dict[str, Onion] = {}
        stale: list[str] = []
        for cid in readable:
            known = self._recent.get(cid, access[cid].version)
            if known is None:
                stale.append(cid)
            else:
                onions[cid] = known
        for onion in (await self._repo.get_onions(stale)).values() if stale else ():
            self._recent.put(onion)
            onions[onion.client.id] = onion
        for cid in onions:
            self._log(principal, "onion.read", cid, "ok")
        return onions

    def _scoped(self, principal: Principal, request: ClientPageRequest) -> ClientPageRequest | None:
        """The request narrowed to the teams the principal may see; None when
        that leaves no team at all."""
        visible = self.visible_team_ids(principal)
        teams = request.team_ids
        if visible is not None:
            teams = visible if teams is None else teams & visible
        if teams is not None and not teams:
            return None
        return dataclasses.replace(request, team_ids=teams)

    async def client_page(
        self, principal: Principal, request: ClientPageRequest
    ) -> tuple[list[tuple[str, str]], int]:
        """One page of the clients the principal may see, and how many there are."""
        scoped = self._scoped(principal, request)
        if scoped is None:
            return [], 0
        page = await self._repo.client_page(scoped)
        total = await self._repo.client_count(scoped)
        self._log(principal, "clients.list", None, "ok")
        return page, total

    async def client_pages(
        self, principal: Principal, request: ClientPageRequest
    ) -> AsyncIterator[list[tuple[str, str]]]:
        """Every page of the clients the principal may see, without counting."""
        scoped = self._scoped(principal, request)
        if scoped is None:
            return
        self._log(principal, "clients.list", None, "ok")
        async for page in self._repo.client_pages(scoped):
            yield page

    async def client_count(self, principal: Principal, request: ClientPageRequest) -> int:
        scoped = self._scoped(principal, request)
        return 0 if scoped is None else await self._repo.client_count(scoped)

    @staticmethod
    def visible_team_ids(principal: Principal) -> frozenset[str] | None:
        """The teams whose clients a principal may list; None for all."""
        if principal.role is Role.RESEARCHER:
            raise Forbidden("researchers see de-identified aggregates only")
        if principal.role is Role.SYSTEM:
            check_network_scope(principal, Action.READ)
            return principal.teams or None
        return principal.teams

    async def team_staff(self, principal: Principal, team_id: str) -> list[Person]:
        check_team_admin(principal, team_id, Action.READ)
        return await self._repo.team_staff(team_id)

    async def team_client_ids(self, principal: Principal, team_id: str) -> list[str]:
        try:
            visible_teams(principal, team_id)
        except (NotFound, Forbidden):
            self._log(principal, "team.clients", None, "denied")
            raise
        ids = await self._repo.team_client_ids(team_id)
        self._log(principal, "team.clients", None, "ok")
        return ids

    async def team(self, principal: Principal, team_id: str) -> Team:
        check_team_admin(principal, team_id, Action.READ)
        return await self._repo.get_team(team_id)

    async def directory(
        self, principal: Principal, search: str, role: str | None = None, first: int | None = None
    ) -> list[tuple[Person, tuple[Organization, ...]]]:
        """Professionals and organisations to link into an onion, by name or
        by what they are ("huisarts", "apotheek"), at most ``first``."""
        try:
            check_type_access(principal, "Practitioner", Action.READ)
        except Forbidden:
            self._log(principal, "directory.search", None, "denied")
            raise
        found = await self._repo.directory_search(directory_query(search, role, first))
        self._log(principal, "directory.search", None, "ok")
        return found

    # -- clients ------------------------------------------------------------

    # -- changes to a network ------------------------------------------------

    async def change(
        self,
        principal: Principal,
        client_id: str,
        command: Command,
        expected_version: int | None = None,
        *,
        undone: Change | None = None,
    ) -> WriteResult:
        """Every change to a network goes this one way: access checked, the
        command applied to the network as it is, and the network committed
        with the FHIR resources that represent it."""
        if isinstance(command, AdmitClient):
            if command.client.id != client_id:
                raise ValidationError("client.id", "names another client")
            return await self._admit(principal, command, expected_version)

        if isinstance(command, SaveMember):
            name = ACTIONS[SaveMember]
            await self._guard(principal, client_id, Action.WRITE, name)
            try:
                command = await self._linked(command, client_id)
            except ValidationError:
                self._log(principal, name, client_id, "invalid")
                raise

        async def check_people(before: Onion, after: Onion) -> None:
            was = {m.person.id: m.person for m in before.members}
            for member in after.members:
                if was.get(member.person.id) != member.person:
                    await self._check_person(member.person, client_id)

        writes = scoped_writes(principal)
        remembered = self._changes.remembered(client_id)
        if remembered is not None:
            # The network this instance wrote last: access is checked against
            # its team and the commit, guarded by its version, confirms both;
            # nothing is read first. Whatever else happens is decided below,
            # from the database, as for any other change.
            def allowed(before: Onion) -> None:
                teams = () if before.team_id is None else (before.team_id,)
                check_team_access(principal, teams, Action.WRITE, client_id)

            async def hinted(_: int | None) -> WriteResult:
                return await self._changes.change(
                    client_id,
                    command,
                    expected_version,
                    check_people,
                    allowed=allowed,
                    writes=writes,
                )

            try:
                return await self._write(
                    principal,
                    client_id,
                    ACTIONS[type(command)],
                    hinted,
                    guarded=True,
                    kept=self._kept(command, undone),
                    refused=(NotFound, Forbidden),
                )
            except (NotFound, Forbidden):
                pass  # said after the check below, which reads who may
        return await self._write(
            principal,
            client_id,
            ACTIONS[type(command)],
            lambda version: self._changes.change(
                client_id, command, expected_version, check_people, version, writes=writes
            ),
            kept=self._kept(command, undone),
        )

    # -- history and undo -------------------------------------------------------

    async def history(self, principal: Principal, client_id: str) -> list[HistoryEntry]:
        """The network's changes, newest first: when, who (by name to her own
        teams only) and what, in words."""
        await self._guard(principal, client_id, Action.READ, "history.read")
        changes = changes_of(self._records(client_id), client_id)
        subjects = {
            c.subject for c in changes if c.teams & principal.teams and c.role != Role.SYSTEM.value
        }
        names: dict[str, str] = {}
        for subject in sorted(subjects):
            if not is_id(subject):
                continue
            try:
                names[subject] = (await self._repo.get_person(subject))[0].name
            except NotFound:
                continue
        self._log(principal, "history.read", client_id, "ok")
        return [
            HistoryEntry(
                at=c.at,
                who=shown_who(c, principal, names),
                yours=c.subject == principal.subject and c.role == principal.role.value,
                words=c.words,
                version=c.version,
                who_en=shown_who(c, principal, names, english=True),
                words_en=c.words_en or c.words,
            )
            for c in reversed(changes)
        ]

    async def undo_last_change(
        self, principal: Principal, client_id: str, expected_version: int | None
    ) -> WriteResult:
        """Undo the principal's own last change of the network, as a new
        change, when nobody changed the network since (else a conflict)."""
        name = ACTIONS[Revert]
        access = await self._guard(principal, client_id, Action.WRITE, name)
        change = last_own_change(changes_of(self._records(client_id), client_id), principal)
        if change is None:
            self._log(principal, name, client_id, "not-found")
            raise NotFound("change of yours to undo in the network of", client_id)
        if access.version != change.version:
            self._log(principal, name, client_id, "conflict")
            raise VersionConflict(client_id, change.version, access.version)
        revert = parsed_undo(change)
        if revert is None:
            self._log(principal, name, client_id, "invalid")
            raise ValidationError(
                "clientId",
                f"your last change cannot be undone: {change.words}",
                code=Reason.CANNOT_UNDO,
            )
        # Made against the version the change left, so that a colleague's
        # change that lands meanwhile makes the undo a conflict, never its victim.
        expected = change.version if expected_version is None else expected_version
        return await self.change(principal, client_id, revert, expected, undone=change)

    async def admit(
        self,
        principal: Principal,
        client: Client,
        team_id: str,
        general_practitioner_id: str | None = None,
        admitted_on: datetime.date | None = None,
    ) -> WriteResult:
        """Take a new client into care: the team that serves her and, when
        named, her GP from the directory (refused unless the directory has
        that person as a general practitioner)."""
        gp = None
        if general_practitioner_id is not None:
            # who may admit at all is settled before anyone is looked up
            self._check_admitter(principal, team_id, client.id)
            gp = await self._general_practitioner(principal, client.id, general_practitioner_id)
        day = admitted_on or datetime.date.today()
        command = AdmitClient(client, team_id, gp, day)
        return await self.change(principal, client.id, command)

    def _check_admitter(self, principal: Principal, team_id: str, client_id: str) -> None:
        """A nurse admits for her own teams only; others as their access allows."""
        if not is_id(team_id):
            raise ValidationError("teamId", f"{shown(team_id)} is not an id")
        try:
            if principal.role is Role.NURSE and team_id not in principal.teams:
                raise Forbidden("a nurse admits clients for her own team only")
            check_team_access(principal, {team_id}, Action.WRITE, client_id)
        except (NotFound, Forbidden):
            self._log(principal, ACTIONS[AdmitClient], client_id, "denied")
            raise

    async def _general_practitioner(
        self, principal: Principal, client_id: str, person_id: str
    ) -> Person:
        field = "generalPractitionerId"
        try:
            if not is_id(person_id):
                raise NotFound("person", person_id)
            person, _ = await self._repo.get_person(person_id)
            if person.ring is Ring.INFORMAL:
                # someone of a client's own network, not of the directory:
                # said as one who is not there, never by her name
                raise NotFound("person", person_id)
        except NotFound:
            self._log(principal, ACTIONS[AdmitClient], client_id, "invalid")
            raise ValidationError(
                field, f"{person_id!r} is not in the directory as a general practitioner"
            ) from None
        if person.ring is not Ring.FORMAL or person.organization or not names_gp(person.role):
            self._log(principal, ACTIONS[AdmitClient], client_id, "invalid")
            raise ValidationError(
                field, f"{person.name!r} is not a general practitioner in the directory"
            )
        return person

    async def _admit(
        self, principal: Principal, command: AdmitClient, expected_version: int | None
    ) -> WriteResult:
        """Take a client into care with the team that serves her, or change
        her details or her team: a nurse admits for her own teams only, and
        changes only clients her team serves."""
        client, team_id, name = command.client, command.team_id, ACTIONS[AdmitClient]
        self._check_admitter(principal, team_id, client.id)
        if await self._repo.client_access(client.id) is not None:
            await self._guard(principal, client.id, Action.WRITE, name)
        try:
            await self._repo.get_team(team_id)
        except NotFound:
            self._log(principal, name, client.id, "invalid")
            raise
        gp = command.general_practitioner
        if gp is not None and gp != await self._general_practitioner(principal, client.id, gp.id):
            self._log(principal, name, client.id, "invalid")
            raise ValidationError(
                "generalPractitionerId", "names the GP otherwise than the directory does"
            )
        return await self._write(
            principal,
            client.id,
            name,
            lambda _: self._changes.change(
                client.id, command, expected_version, writes=scoped_writes(principal)
            ),
            guarded=True,
            kept=self._kept(command),
        )

    # -- whole populations ----------------------------------------------------

    async def load_population(
        self,
        principal: Principal,
        population: Population | Iterable[Population],
        *,
        clients_per_slice: int = CLIENTS_PER_SLICE,
        progress: Callable[[int], object] | None = None,
    ) -> int:
        """Write teams, organisations, professionals and whole networks (the
        demo neighbourhood, a generated population) in slices, each slice one
        guarded statement with the FHIR resources that stand for its networks.
        A population may come in pieces (a generator streaming a national-size
        one); ``progress`` hears the clients of each slice. Returns the number
        of clients written."""
        if principal.role is not Role.SYSTEM or not (
            scope_allows(principal.scopes, "CareTeam", Action.WRITE)
            and scope_allows(principal.scopes, "Organization", Action.WRITE)
        ):
            self._log(principal, "population.load", None, "denied")
            raise Forbidden("loading a population needs a system client with write scopes")
        pieces = [population] if isinstance(population, Population) else population
        written = 0
        for piece in pieces:
            for part in piece.chunks(clients_per_slice):
                count = await self._changes.load(part)
                written += count
                if progress is not None:
                    progress(count)
        self._log(principal, "population.load", None, f"ok: {written} clients")
        return written
