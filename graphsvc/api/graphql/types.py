"""GraphQL object types: the onion as nurses and tools see it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import strawberry

from graphsvc.analysis import clients_with_each_gap
from graphsvc.domain import Diagnosis as DomainDiagnosis
from graphsvc.domain import Help as DomainHelp
from graphsvc.domain import Member as DomainMember
from graphsvc.domain import Need as DomainNeed
from graphsvc.domain import NotFound, Observation, OmahaProblem, Onion, Organization
from graphsvc.domain import OmahaDomain as DomainOmahaDomain
from graphsvc.domain import Person as DomainPerson
from graphsvc.domain import Team as DomainTeam
from graphsvc.domain.rating_scale import SCALES, RatingScale
from graphsvc.domain.rating_trend import RatingTrend, rating_trends

from . import references
from .context import Info
from .enums import (
    Classification,
    Every,
    Frequency,
    GapKind,
    NeedStatus,
    OmahaDomain,
    RatingDimension,
    Ring,
    SupportKind,
    TieStatus,
)
from .trends import HISTORY_DESCRIPTION, StrengthPoint

if TYPE_CHECKING:
    from .connections import ClientConnection
    from .findings import GapType, StrengthType, TeamGaps


@strawberry.interface(description="Anything drawn in the onion: a member or a need.")
class OnionNode:
    id: strawberry.ID
    display_name: str
    fhir_reference: str | None = strawberry.field(
        description="The FHIR resource this came from or goes to, e.g. RelatedPerson/abc."
    )


@strawberry.type(description="A domain of the Omaha System, named in Dutch and English.")
class OmahaDomainInfo:
    domain: OmahaDomain
    name_nl: str = strawberry.field(description='As Dutch district nursing names it ("Omgeving").')
    name_en: str

    @staticmethod
    def of(domain: DomainOmahaDomain) -> OmahaDomainInfo:
        return OmahaDomainInfo(domain=domain, name_nl=domain.name_nl, name_en=domain.name_en)


@strawberry.type(name="OmahaProblem", description="A problem of the Omaha System (01-42).")
class OmahaProblemType:
    code: str
    display: str = strawberry.field(description="The English name, as the code system has it.")
    name_nl: str = strawberry.field(
        description='The Dutch name used in Dutch district nursing ("Medicatieregime").'
    )
    name_en: str = strawberry.field(description="The English name (the same as display).")
    domain: OmahaDomain
    domain_nl: str = strawberry.field(description='The domain\'s Dutch name ("Omgeving").')
    domain_en: str

    @staticmethod
    def of(problem: OmahaProblem) -> OmahaProblemType:
        return OmahaProblemType(
            code=problem.code,
            display=problem.display,
            name_nl=problem.display_nl,
            name_en=problem.display,
            domain=problem.domain,
            domain_nl=problem.domain.name_nl,
            domain_en=problem.domain.name_en,
        )


@strawberry.type(description="Someone in a client's onion, with her place there.")
class Member(OnionNode):
    ring: Ring
    person_ring: Ring = strawberry.field(
        description="What the person is by herself (a neighbour is informal, a GP formal)."
    )
    role: str | None
    relationship: str | None
    contact: str | None
    contact_frequency: Frequency | None
    closeness: int | None = strawberry.field(description="1 not very close .. 3 very close.")
    since: datetime.date | None
    organization_ids: list[strawberry.ID]
    helps: list[Help] = strawberry.field(
        description="What she does for the client, as the care plans say it (help from others)."
    )

    @staticmethod
    def of(member: DomainMember, onion: Onion) -> Member:
        person, tie = member.person, member.membership
        return Member(
            id=strawberry.ID(person.id),
            display_name=person.name,
            fhir_reference=references.person_reference(person),
            ring=tie.ring,
            person_ring=person.ring,
            role=tie.role or person.role,
            relationship=tie.relationship,
            contact=person.contact,
            contact_frequency=tie.contact_frequency,
            closeness=tie.closeness,
            since=tie.since,
            organization_ids=[strawberry.ID(o) for o in member.organization_ids],
            helps=[Help.of(h, onion) for h in member.helps],
        )


@strawberry.type(description="One activity of help for the client, as a care plan says it.")
class Help:
    activity: str = strawberry.field(description="What the help is, in the plan's own words.")
    frequency_text: str | None = strawberry.field(
        description='How often, as written ("2x per week") or described from the schedule.'
    )
    times_per_week: float | None = strawberry.field(
        description="How often a week; null when the schedule could not be read."
    )
    hours_per_week: float | None = strawberry.field(
        description="Hours a week; null when the plan gives no duration."
    )
    status: TieStatus
    need_id: strawberry.Private[str | None]
    onion: strawberry.Private[Onion]

    @staticmethod
    def of(help: DomainHelp, onion: Onion) -> Help:
        return Help(
            activity=help.activity,
            frequency_text=help.frequency_text,
            times_per_week=help.times_per_week,
            hours_per_week=help.hours_per_week,
            status=help.status,
            need_id=help.need_id,
            onion=onion,
        )

    @strawberry.field(description="The need it is for; null when the plan names none.")
    def need(self) -> Need | None:
        found = next((n for n in self.onion.needs if n.id == self.need_id), None)
        if found is None:
            return None
        members = {m.person.id: Member.of(m, self.onion) for m in self.onion.members}
        return Need.of(found, self.onion, members)


@strawberry.type(description="A supporter's help with one need.")
class Support:
    supporter: Member
    kind: SupportKind
    frequency: Frequency | None
    hours_per_week: float
    status: TieStatus
    since: datetime.date | None


@strawberry.type(description="A Knowledge, Behavior or Status rating (1-5) on a date.")
class Rating:
    id: strawberry.ID
    dimension: RatingDimension
    value: int
    effective: datetime.date
    fhir_reference: str
    label_nl: str = strawberry.field(description='The level in words, Dutch ("basiskennis").')
    label_en: str = strawberry.field(description='The level in words ("basic knowledge").')

    @staticmethod
    def of(o: Observation) -> Rating:
        level = SCALES[o.dimension].level(o.value)
        return Rating(
            id=strawberry.ID(o.id),
            dimension=o.dimension,
            value=o.value,
            effective=o.effective,
            fhir_reference=references.rating_reference(o),
            label_nl=level.label_nl,
            label_en=level.label_en,
        )


@strawberry.type(description="One level (1-5) of a rating dimension, in words.")
class RatingLevelType:
    value: int
    label_nl: str
    label_en: str


@strawberry.type(
    description="The Omaha System Problem Rating Scale for Outcomes: one dimension and "
    "the words of its levels, 1 (worst) to 5 (best)."
)
class RatingScaleType:
    dimension: RatingDimension
    name_nl: str = strawberry.field(description='"Kennis", "Gedrag", "Status".')
    name_en: str
    levels: list[RatingLevelType]

    @staticmethod
    def of(scale: RatingScale) -> RatingScaleType:
        return RatingScaleType(
            dimension=scale.dimension,
            name_nl=scale.name_nl,
            name_en=scale.name_en,
            levels=[
                RatingLevelType(value=v.value, label_nl=v.label_nl, label_en=v.label_en)
                for v in scale.levels
            ],
        )


@strawberry.type(description="One dimension of a need's ratings over time.")
class RatingTrendType:
    dimension: RatingDimension
    ratings: list[Rating] = strawberry.field(description="Oldest first.")
    first: Rating
    latest: Rating
    change: int = strawberry.field(
        description="Latest minus first value: above 0 better, below 0 worse."
    )

    @staticmethod
    def of(trend: RatingTrend) -> RatingTrendType:
        ratings = [Rating.of(o) for o in trend.ratings]
        return RatingTrendType(
            dimension=trend.dimension,
            ratings=ratings,
            first=ratings[0],
            latest=ratings[-1],
            change=trend.change,
        )


@strawberry.type(description="The latest rating of each dimension.")
class RatingSet:
    knowledge: Rating | None
    behavior: Rating | None
    status: Rating | None


@strawberry.type(description="A need of the client: one Omaha System problem.")
class Need(OnionNode):
    problem: OmahaProblemType
    code: str
    domain: OmahaDomain
    status: NeedStatus
    since: datetime.date | None
    supporters: list[Support]
    ratings: list[Rating] = strawberry.field(description="Every rating, oldest first.")
    latest_ratings: RatingSet
    trends: list[RatingTrendType] = strawberry.field(
        description="Each rated dimension (Knowledge, Behavior, Status) over time."
    )

    @staticmethod
    def of(need: DomainNeed, onion: Onion, members: dict[str, Member]) -> Need:
        supports = [
            Support(
                supporter=members[s.supporter_id],
                kind=s.kind,
                frequency=s.frequency,
                hours_per_week=s.hours_per_week,
                status=s.status,
                since=s.since,
            )
            for s in onion.supports
            if s.need_id == need.id and s.supporter_id in members
        ]
        ratings = [Rating.of(o) for o in onion.observations if o.need_id == need.id]
        latest: dict[str, Rating] = {}
        for r in ratings:  # oldest first, so the last one wins
            latest[r.dimension.value] = r
        return Need(
            id=strawberry.ID(need.id),
            display_name=need.display,
            fhir_reference=references.need_reference(need),
            problem=OmahaProblemType.of(need.problem),
            code=need.code,
            domain=need.domain,
            status=need.status,
            since=need.since,
            supporters=supports,
            ratings=ratings,
            latest_ratings=RatingSet(
                knowledge=latest.get("knowledge"),
                behavior=latest.get("behavior"),
                status=latest.get("status"),
            ),
            trends=[RatingTrendType.of(t) for t in rating_trends(onion.observations, need.id)],
        )


@strawberry.type(
    description="A diagnosis in a medical classification (SNOMED CT, ICPC, ICD-10), "
    "as her GP or hospital records it: kept beside her needs, never one."
)
class Diagnosis:
    id: strawberry.ID
    display: str
    classification: Classification
    code: str | None
    system: str | None
    status: NeedStatus
    since: datetime.date | None
    fhir_reference: str

    @staticmethod
    def of(diagnosis: DomainDiagnosis) -> Diagnosis:
        return Diagnosis(
            id=strawberry.ID(diagnosis.id),
            display=diagnosis.display,
            classification=diagnosis.classification,
            code=diagnosis.code,
            system=diagnosis.system,
            status=diagnosis.status,
            since=diagnosis.since,
            fhir_reference=references.diagnosis_reference(diagnosis),
        )


@strawberry.type(name="Knows", description="Two members of the onion know each other.")
class KnowsType:
    a: Member
    b: Member
    closeness: int | None


@strawberry.type(description="A professional of a team or organisation.")
class Professional:
    id: strawberry.ID
    name: str
    role: str | None
    ring: Ring

    @staticmethod
    def of(person: DomainPerson) -> Professional:
        return Professional(
            id=strawberry.ID(person.id), name=person.name, role=person.role, ring=person.ring
        )


@strawberry.type(description="An organisation of the directory.")
class OrganizationType:
    id: strawberry.ID
    name: str
    kind: str = strawberry.field(description='"gp-practice", "pharmacy", "nursing-team", ...')


@strawberry.type(
    description="A professional or an organisation taking part as one, to link into an "
    "onion (addMember with personId)."
)
class DirectoryEntry:
    id: strawberry.ID
    name: str
    role: str | None
    ring: Ring = strawberry.field(description="FORMAL, or TEAM for a nurse of a team.")
    is_organization: bool = strawberry.field(
        description="An organisation taking part as one (a home-help service)."
    )
    organizations: list[OrganizationType] = strawberry.field(
        description="Where she works (her practice, pharmacy, team)."
    )

    @staticmethod
    def of(person: DomainPerson, organizations: Sequence[Organization]) -> DirectoryEntry:
        return DirectoryEntry(
            id=strawberry.ID(person.id),
            name=person.name,
            role=person.role,
            ring=person.ring,
            is_organization=person.organization,
            organizations=[
                OrganizationType(id=strawberry.ID(o.id), name=o.name, kind=o.kind.value)
                for o in organizations
            ],
        )


@strawberry.type(description="A self-managing neighbourhood nursing team.")
class Team:
    id: strawberry.ID
    name: str
    neighbourhood: str | None

    @staticmethod
    def of(team: DomainTeam) -> Team:
        return Team(id=strawberry.ID(team.id), name=team.name, neighbourhood=team.neighbourhood)

    @strawberry.field(description="The team's nurses.")
    async def nurses(self, info: Info) -> list[Professional]:
        staff = await info.context.network.team_staff(info.context.principal, self.id)
        return [Professional.of(p) for p in staff]

    @strawberry.field(description="How many clients the team serves.")
    async def caseload(self, info: Info) -> int:
        from .connections import count_clients

        return await count_clients(info, team=self.id)

    @strawberry.field(description="The team's own gaps, and how many clients have each kind.")
    async def gaps(self, info: Info) -> Annotated[TeamGaps, strawberry.lazy(".findings")]:
        from .connections import all_client_ids
        from .findings import GapKindCount, GapType, TeamGaps

        ctx = info.context
        own = await ctx.analysis.team_gaps(ctx.principal, str(self.id))
        ids = await all_client_ids(info, team=str(self.id))
        analyses = [a for a in await ctx.analyses.load_many(ids) if a is not None]
        counts = clients_with_each_gap(a.gaps for a in analyses)
        return TeamGaps(
            team=[GapType.of(g, None) for g in own],
            clients=[GapKindCount(kind=k, clients=n) for k, n in counts.items()],
        )

    @strawberry.field(description="The clients the team serves.")
    async def clients(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Annotated[ClientConnection, strawberry.lazy(".connections")]:
        from .connections import client_connection

        return await client_connection(info, team=self.id, first=first, after=after)


@strawberry.type(description="One change of a client's network.")
class HistoryEntryType:
    at: datetime.datetime = strawberry.field(description="When (UTC).")
    who: str = strawberry.field(
        description="A colleague's name for a change made for one of your teams; else "
        '"een medewerker van een ander team" or "een gekoppeld systeem".'
    )
    yours: bool = strawberry.field(description="You made it.")
    words: str = strawberry.field(description='What it did, in Dutch ("Kees toegevoegd ...").')
    version: int = strawberry.field(description="The network version it made.")
    who_en: str = strawberry.field(
        description='Who, in English: the name, or "a colleague of another team" or '
        '"a linked system".'
    )
    words_en: str = strawberry.field(
        description='What it did, in English ("Kees added ..."); the Dutch words for '
        "changes recorded before the history spoke English."
    )


@strawberry.type(description="A client and her onion.")
class Client:
    id: strawberry.ID

    async def _onion(self, info: Info) -> Onion:
        onion = await info.context.onions.load(self.id)
        if onion is None:  # removed, or access lost, since the page was listed
            raise NotFound("client", str(self.id))
        return onion

    @strawberry.field
    async def name(self, info: Info) -> str:
        return (await self._onion(info)).client.name

    @strawberry.field
    async def neighbourhood(self, info: Info) -> str | None:
        return (await self._onion(info)).client.neighbourhood

    @strawberry.field
    async def birth_date(self, info: Info) -> datetime.date | None:
        return (await self._onion(info)).client.birth_date

    @strawberry.field(description="Her home address as one line.")
    async def address(self, info: Info) -> str | None:
        return (await self._onion(info)).client.address

    @strawberry.field(description="The network's version; name it in a change to detect conflicts.")
    async def version(self, info: Info) -> int:
        return (await self._onion(info)).version

    @strawberry.field
    async def fhir_reference(self, info: Info) -> str:
        return references.client_reference((await self._onion(info)).client)

    @strawberry.field(description="The team that serves the client.")
    async def team(self, info: Info) -> Team | None:
        onion = await self._onion(info)
        if onion.team_id is None:
            return None
        return Team.of(await info.context.network.team(info.context.principal, onion.team_id))

    @strawberry.field(description="The people of the onion, in one ring or all.")
    async def members(self, info: Info, ring: Ring | None = None) -> list[Member]:
        onion = await self._onion(info)
        return [Member.of(m, onion) for m in onion.members if ring is None or m.ring is ring]

    @strawberry.field(description="The client's needs, optionally only active or resolved.")
    async def needs(self, info: Info, status: NeedStatus | None = None) -> list[Need]:
        onion = await self._onion(info)
        members = {m.person.id: Member.of(m, onion) for m in onion.members}
        return [
            Need.of(n, onion, members) for n in onion.needs if status is None or n.status is status
        ]

    @strawberry.field(description="The changes of her network, newest first.")
    async def history(self, info: Info) -> list[HistoryEntryType]:
        ctx = info.context
        entries = await ctx.network.history(ctx.principal, str(self.id))
        return [
            HistoryEntryType(
                at=datetime.datetime.fromisoformat(e.at),
                who=e.who,
                yours=e.yours,
                words=e.words,
                version=e.version,
                who_en=e.who_en,
                words_en=e.words_en,
            )
            for e in entries
        ]

    @strawberry.field(description="Her diagnoses (non-Omaha Conditions), not needs.")
    async def diagnoses(self, info: Info) -> list[Diagnosis]:
        return [Diagnosis.of(d) for d in (await self._onion(info)).diagnoses]

    @strawberry.field(description="Who among the onion's people know each other.")
    async def knows(self, info: Info) -> list[KnowsType]:
        onion = await self._onion(info)
        members = {m.person.id: Member.of(m, onion) for m in onion.members}
        return [
            KnowsType(a=members[k.person_a], b=members[k.person_b], closeness=k.closeness)
            for k in onion.knows
            if k.person_a in members and k.person_b in members
        ]

    @strawberry.field(description="Gaps in support, most severe first.")
    async def gaps(
        self, info: Info, kind: GapKind | None = None
    ) -> list[Annotated[GapType, strawberry.lazy(".findings")]]:
        from .findings import GapType

        found = await info.context.analyses.load(self.id)
        if found is None:
            raise NotFound("client", str(self.id))
        return [GapType.of(g, str(self.id)) for g in found.gaps if kind is None or g.kind is kind]

    @strawberry.field(description="Strength of the network, with its type and score.")
    async def strength(self, info: Info) -> Annotated[StrengthType, strawberry.lazy(".findings")]:
        from .findings import StrengthType

        found = await info.context.analyses.load(self.id)
        if found is None:
            raise NotFound("client", str(self.id))
        return StrengthType.of(found.strength, str(self.id))

    @strawberry.field(description=HISTORY_DESCRIPTION)
    async def strength_history(
        self,
        info: Info,
        from_: Annotated[datetime.date, strawberry.argument(name="from")],
        to: datetime.date,
        every: Every = Every.MONTH,
    ) -> list[StrengthPoint]:
        if await info.context.onions.load(str(self.id)) is None:
            raise NotFound("client", str(self.id))
        points = await info.context.analysis.strength_history(
            info.context.principal, str(self.id), from_, to, every
        )
        return [StrengthPoint.of(moment, found) for moment, found in points]

    @strawberry.field(description="References of the FHIR resources of this client's network.")
    async def fhir_references(self, info: Info) -> list[str]:
        onion = await self._onion(info)
        refs = [references.client_reference(onion.client)]
        refs += [references.person_reference(m.person) for m in onion.members]
        refs += [references.need_reference(n) for n in onion.needs]
        refs += [references.diagnosis_reference(d) for d in onion.diagnoses]
        refs += [references.rating_reference(o) for o in onion.observations]
        return refs


@strawberry.type(description="Who the bearer token says you are.")
class Me:
    subject: str
    role: str
    teams: list[strawberry.ID]
    scopes: list[str]
