"""Use cases for mapping a client's network. Every call acts for a principal,
is checked against the access rules and leaves an audit record."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence

from graphsvc.domain import (
    Client,
    DomainError,
    KnowsTie,
    Membership,
    Need,
    NotFound,
    Observation,
    Onion,
    Organization,
    Person,
    Principal,
    Ring,
    Role,
    SupportTie,
    Team,
    ValidationError,
    VersionConflict,
)
from graphsvc.domain.commands import (
    Command,
    RemoveKnows,
    RemoveMember,
    RemoveNeed,
    RemoveSupport,
    ResolveNeed,
    SaveKnows,
    SaveMember,
    SaveNeed,
    SaveRating,
    SaveSupport,
    UpdateMember,
)
from graphsvc.domain.values import is_id
from graphsvc.store.port import ClientPageRequest, NetworkRepository, WriteResult

from .access import (
    NETWORK_RESOURCE,
    Action,
    check_team_access,
    check_team_admin,
    directory_writer,
    scope_allows,
    visible_teams,
)
from .audit import AuditRecord, AuditTrail
from .errors import Forbidden
from .network_write import NetworkWriter


class NetworkService:
    def __init__(
        self, repository: NetworkRepository, audit: AuditTrail, changes: NetworkWriter
    ) -> None:
        self._repo = repository
        self._audit = audit
        self._changes = changes

    # -- guards -------------------------------------------------------------

    def _log(self, principal: Principal, action: str, client_id: str | None, outcome: str) -> None:
        self._audit.record(AuditRecord.of(principal, action, client_id, outcome))

    async def _guard(self, principal: Principal, client_id: str, action: Action, name: str) -> None:
        # Not an id any client can have: said the same way as an absent client.
        access = await self._repo.client_access(client_id) if is_id(client_id) else None
        try:
            if access is None:
                # Checked first against an empty team set, so that a forbidden
                # principal is told "forbidden", not whether the client exists.
                check_team_access(principal, (), action, client_id)
                raise NotFound("client", client_id)
            check_team_access(principal, access.team_ids, action, client_id)
        except NotFound:
            self._log(principal, name, client_id, "not-found")
            raise
        except Forbidden:
            self._log(principal, name, client_id, "denied")
            raise

    async def _write(
        self,
        principal: Principal,
        client_id: str,
        name: str,
        operation: Callable[[], Awaitable[WriteResult]],
    ) -> WriteResult:
        await self._guard(principal, client_id, Action.WRITE, name)
        try:
            result = await operation()
        except VersionConflict:
            self._log(principal, name, client_id, "conflict")
            raise
        except DomainError:
            self._log(principal, name, client_id, "invalid")
            raise
        self._log(principal, name, client_id, "ok")
        return result

    async def _change(
        self,
        principal: Principal,
        client_id: str,
        name: str,
        command: Command,
        expected_version: int | None,
    ) -> WriteResult:
        """Every change to a network goes this one way: the network and the
        FHIR resources that represent it, together."""

        async def check_people(before: Onion, after: Onion) -> None:
            was = {m.person.id: m.person for m in before.members}
            for member in after.members:
                if was.get(member.person.id) != member.person:
                    await self._check_person(principal, member.person, client_id)

        return await self._write(
            principal,
            client_id,
            name,
            lambda: self._changes.change(client_id, command, expected_version, check_people),
        )

    async def _check_person(self, principal: Principal, person: Person, client_id: str) -> None:
        """An informal person belongs to one network; a professional or
        organisation is a directory entry that only a directory writer
        renames. Facts of one onion go on the membership."""
        try:
            existing, _ = await self._repo.get_person(person.id)
        except NotFound:
            return
        elsewhere = set(await self._repo.person_clients([person.id])) - {client_id}
        if existing.ring is Ring.INFORMAL:
            if elsewhere:
                raise ValidationError(
                    "personId",
                    f"{person.id!r} is in another client's network; "
                    "a relative or neighbour belongs to one network only",
                )
            return
        same = (person.name, person.contact) == (existing.name, existing.contact)
        if not same and not directory_writer(principal):
            raise ValidationError(
                "name",
                f"{existing.name!r} is in the directory; its name and contact "
                "are changed there, not in one client's network",
            )

    # -- reads --------------------------------------------------------------

    async def onion(self, principal: Principal, client_id: str) -> Onion:
        await self._guard(principal, client_id, Action.READ, "onion.read")
        onion = await self._repo.get_onion(client_id)
        self._log(principal, "onion.read", client_id, "ok")
        return onion

    async def onions(self, principal: Principal, client_ids: Sequence[str]) -> dict[str, Onion]:
        """The onions of those clients the principal may read, in two round
        trips however many there are; the others are simply absent."""
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
        onions = await self._repo.get_onions(readable)
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
            if not scope_allows(principal.scopes, NETWORK_RESOURCE, Action.READ):
                raise Forbidden(f"scope does not allow {NETWORK_RESOURCE}.read")
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

    # -- clients ------------------------------------------------------------

    async def save_client(self, principal: Principal, client: Client, team_id: str) -> WriteResult:
        """Register a client with the team that serves her, or update her."""
        if principal.role is Role.NURSE and team_id not in principal.teams:
            self._log(principal, "client.save", client.id, "denied")
            raise Forbidden("a nurse registers clients for her own team only")
        access = await self._repo.client_access(client.id)
        if access is not None:
            await self._guard(principal, client.id, Action.WRITE, "client.save")
        else:
            check_team_access(principal, {team_id}, Action.WRITE, client.id)
        result = await self._repo.upsert_client(client, team_id)
        self._log(principal, "client.save", client.id, "ok")
        return result

    async def delete_client(self, principal: Principal, client_id: str) -> None:
        await self._guard(principal, client_id, Action.WRITE, "client.delete")
        await self._repo.delete_client(client_id)
        self._log(principal, "client.delete", client_id, "ok")

    # -- the onion ----------------------------------------------------------

    async def save_member(
        self,
        principal: Principal,
        person: Person,
        membership: Membership,
        expected_version: int | None = None,
    ) -> WriteResult:
        return await self._change(
            principal,
            membership.client_id,
            "member.save",
            SaveMember(person, membership),
            expected_version,
        )

    async def update_member(
        self,
        principal: Principal,
        client_id: str,
        person_id: str,
        person: Mapping[str, object],
        membership: Mapping[str, object],
        expected_version: int | None = None,
    ) -> WriteResult:
        """Change the details given of a member, on the network as it is."""
        command = UpdateMember(person_id, person, membership)
        return await self._change(principal, client_id, "member.save", command, expected_version)

    async def remove_member(
        self,
        principal: Principal,
        client_id: str,
        person_id: str,
        expected_version: int | None = None,
    ) -> WriteResult:
        return await self._change(
            principal, client_id, "member.remove", RemoveMember(person_id), expected_version
        )

    async def save_need(
        self, principal: Principal, need: Need, expected_version: int | None = None
    ) -> WriteResult:
        return await self._change(
            principal, need.client_id, "need.save", SaveNeed(need), expected_version
        )

    async def resolve_need(
        self,
        principal: Principal,
        client_id: str,
        need_id: str,
        expected_version: int | None = None,
    ) -> WriteResult:
        return await self._change(
            principal, client_id, "need.resolve", ResolveNeed(need_id), expected_version
        )

    async def remove_need(
        self,
        principal: Principal,
        client_id: str,
        need_id: str,
        expected_version: int | None = None,
    ) -> WriteResult:
        return await self._change(
            principal, client_id, "need.remove", RemoveNeed(need_id), expected_version
        )

    async def link_supporter(
        self,
        principal: Principal,
        client_id: str,
        tie: SupportTie,
        expected_version: int | None = None,
    ) -> WriteResult:
        return await self._change(
            principal, client_id, "support.save", SaveSupport(tie), expected_version
        )

    async def unlink_supporter(
        self,
        principal: Principal,
        client_id: str,
        supporter_id: str,
        need_id: str,
        expected_version: int | None = None,
    ) -> WriteResult:
        return await self._change(
            principal,
            client_id,
            "support.remove",
            RemoveSupport(supporter_id, need_id),
            expected_version,
        )

    async def add_knows(
        self,
        principal: Principal,
        client_id: str,
        tie: KnowsTie,
        expected_version: int | None = None,
    ) -> WriteResult:
        return await self._change(
            principal, client_id, "knows.save", SaveKnows(tie), expected_version
        )

    async def remove_knows(
        self,
        principal: Principal,
        client_id: str,
        person_a: str,
        person_b: str,
        expected_version: int | None = None,
    ) -> WriteResult:
        return await self._change(
            principal,
            client_id,
            "knows.remove",
            RemoveKnows(person_a, person_b),
            expected_version,
        )

    async def record_rating(
        self, principal: Principal, observation: Observation, expected_version: int | None = None
    ) -> WriteResult:
        return await self._change(
            principal,
            observation.client_id,
            "rating.save",
            SaveRating(observation),
            expected_version,
        )

    # -- directory: teams, organisations, staff -----------------------------

    async def save_team(self, principal: Principal, team: Team) -> None:
        check_team_admin(principal, team.id, Action.WRITE)
        await self._repo.upsert_team(team)

    async def save_organization(self, principal: Principal, org: Organization) -> None:
        check_team_admin(principal, org.id, Action.WRITE)
        await self._repo.upsert_organization(org)

    async def save_staff(
        self, principal: Principal, person: Person, organization_ids: Sequence[str]
    ) -> None:
        check_team_admin(principal, None, Action.WRITE)
        if not organization_ids:
            raise ValidationError("organizationIds", "a professional works for at least one")
        await self._repo.upsert_staff(person, organization_ids)
