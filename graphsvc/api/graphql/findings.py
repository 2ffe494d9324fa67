"""Gaps, strength and research aggregates, as GraphQL types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from graphsvc.analysis import INTENSIVE_HOURS, Cell, Gap, InformalCarer, Lsns6, Strength

from .context import Info
from .enums import GapKind, Grouping, ItemSource, Lsns6Item, NetworkType, Severity  # registered

if TYPE_CHECKING:
    from .types import Member, OnionNode


@strawberry.type(name="Gap", description="Something thin or missing in the support.")
class GapType:
    kind: GapKind
    severity: Severity
    explanation: str
    client_id: strawberry.Private[str | None]
    subject_ids: strawberry.Private[tuple[str, ...]]

    @staticmethod
    def of(gap: Gap, client_id: str | None) -> GapType:
        return GapType(
            kind=gap.kind,
            severity=gap.severity,
            explanation=gap.explanation,
            client_id=client_id,
            subject_ids=gap.subjects,
        )

    @strawberry.field(description="The people and needs the gap is about.")
    async def subjects(self, info: Info) -> list[Annotated[OnionNode, strawberry.lazy(".types")]]:
        from .types import Member, Need

        if self.client_id is None:
            return []
        onion = await info.context.onions.load(self.client_id)
        if onion is None:
            return []
        members = {m.person.id: Member.of(m, onion) for m in onion.members}
        needs = {n.id: Need.of(n, onion, members) for n in onion.needs}
        found: list[OnionNode] = []
        for sid in self.subject_ids:
            if sid in members:
                found.append(members[sid])
            elif sid in needs:
                found.append(needs[sid])
        return found


@strawberry.type(description="One LSNS-6 item: its question and its score.")
class Lsns6ItemScore:
    item: Lsns6Item
    question: str
    score: int = strawberry.field(
        description="0 none, 1 one, 2 two, 3 three or four, 4 five to eight, 5 nine or more."
    )
    source: ItemSource
    people: int | None = strawberry.field(
        description="The informal members counted; null when the client answered."
    )


@strawberry.type(
    name="Lsns6",
    description="Lubben Social Network Scale, six items (Lubben et al. 2006), 0-30.",
)
class Lsns6Type:
    score: int
    at_risk: bool = strawberry.field(description="Below 12: at risk of social isolation.")
    relatives: int = strawberry.field(description="The three items about relatives, 0-15.")
    friends: int = strawberry.field(description="The three items about friends, 0-15.")
    items: list[Lsns6ItemScore]

    @staticmethod
    def of(found: Lsns6) -> Lsns6Type:
        return Lsns6Type(
            score=found.score,
            at_risk=found.at_risk,
            relatives=found.relatives,
            friends=found.friends,
            items=[
                Lsns6ItemScore(
                    item=i.item,
                    question=i.question,
                    score=i.score,
                    source=i.source,
                    people=i.people,
                )
                for i in found.items
            ],
        )


@strawberry.type(
    name="InformalCarer", description="An informal carer of the client and her hours a week."
)
class InformalCarerType:
    hours_per_week: float = strawberry.field(description="For this client.")
    total_hours_per_week: float = strawberry.field(
        description="For every client she supports that you may see."
    )
    intensive: bool = strawberry.field(
        description=f"More than {INTENSIVE_HOURS:g} hours a week in all: intensive informal "
        "care as the SCP counts it."
    )
    client_id: strawberry.Private[str]
    person_id: strawberry.Private[str]

    @staticmethod
    def of(carer: InformalCarer, client_id: str) -> InformalCarerType:
        return InformalCarerType(
            hours_per_week=carer.hours_per_week,
            total_hours_per_week=carer.total_hours_per_week,
            intensive=carer.intensive,
            client_id=client_id,
            person_id=carer.person_id,
        )

    @strawberry.field(description="The carer.")
    async def member(self, info: Info) -> Annotated[Member, strawberry.lazy(".types")] | None:
        from .types import Member

        onion = await info.context.onions.load(self.client_id)
        if onion is None:
            return None
        found = next((m for m in onion.members if m.person.id == self.person_id), None)
        return None if found is None else Member.of(found, onion)


@strawberry.type(name="Strength", description="How strong the client's network is.")
class StrengthType:
    score: float = strawberry.field(
        description="0-100: LSNS-6, needs met and professional anchor, weighted; "
        "0 with nobody, never lower for more support. Formula in docs/analysis.md."
    )
    network_type: NetworkType
    informal_members: int
    team_members: int
    formal_members: int
    close_contacts: int
    active_needs: int
    informal_density: float | None
    supporters_per_need_min: int | None
    supporters_per_need_mean: float | None
    shared_need_share: float | None = strawberry.field(
        description="Share of active needs with two or more supporters."
    )
    hours_hhi: float | None = strawberry.field(
        description="Concentration of care hours across carers (Herfindahl-Hirschman, 0-1)."
    )
    coordinator_betweenness: float | None
    lsns6: Lsns6Type = strawberry.field(
        description="The Lubben Social Network Scale, estimated from the onion "
        "where the client did not answer."
    )
    network_size: int = strawberry.field(description="People in the onion, every ring.")
    density: float = strawberry.field(
        description="KNOWS ties among the people of the onion over the pairs they make; "
        "0 under two people."
    )
    effective_size: float = strawberry.field(
        description="Burt's effective size: her people less their redundancy (0 with nobody)."
    )
    constraint: float | None = strawberry.field(
        description="Burt's constraint: how much her network closes around her; null with nobody."
    )
    continuity_of_care: float | None = strawberry.field(
        description="Bice-Boxerman continuity of care index of her visits, 0-1; "
        "null while visits are not known."
    )
    informal_care_hours: float = strawberry.field(
        description="Hours a week her informal carers give her, together."
    )
    intensive_carers: int = strawberry.field(
        description=f"Informal carers giving more than {INTENSIVE_HOURS:g} hours a week "
        "across their clients."
    )
    informal_carers: list[InformalCarerType] = strawberry.field(
        description="Her informal carers, most hours first."
    )
    client_id: strawberry.Private[str]
    coordinator_id: strawberry.Private[str | None]

    @staticmethod
    def of(strength: Strength, client_id: str) -> StrengthType:
        return StrengthType(
            score=strength.score,
            network_type=strength.network_type,
            informal_members=strength.informal_members,
            team_members=strength.team_members,
            formal_members=strength.formal_members,
            close_contacts=strength.close_contacts,
            active_needs=strength.active_needs,
            informal_density=strength.informal_density,
            supporters_per_need_min=strength.supporters_per_need_min,
            supporters_per_need_mean=strength.supporters_per_need_mean,
            shared_need_share=strength.shared_need_share,
            hours_hhi=strength.hours_hhi,
            coordinator_betweenness=strength.coordinator_betweenness,
            lsns6=Lsns6Type.of(strength.lsns6),
            network_size=strength.network_size,
            density=strength.density,
            effective_size=strength.effective_size,
            constraint=strength.constraint,
            continuity_of_care=strength.continuity_of_care,
            informal_care_hours=strength.informal_care_hours,
            intensive_carers=strength.intensive_carers,
            informal_carers=[InformalCarerType.of(c, client_id) for c in strength.informal_carers],
            client_id=client_id,
            coordinator_id=strength.coordinator_id,
        )

    @strawberry.field(description="The team nurse who coordinates, if any.")
    async def coordinator(self, info: Info) -> Annotated[Member, strawberry.lazy(".types")] | None:
        from .types import Member

        onion = await info.context.onions.load(self.client_id)
        if onion is None or self.coordinator_id is None:
            return None
        found = next((m for m in onion.members if m.person.id == self.coordinator_id), None)
        return None if found is None else Member.of(found, onion)


@strawberry.type(description="How many clients have a gap of this kind.")
class GapKindCount:
    kind: GapKind
    clients: int | None = strawberry.field(description="Null when suppressed.")
    suppressed: bool = False


@strawberry.type(description="A team's own gaps and its clients' gaps by kind.")
class TeamGaps:
    team: list[GapType] = strawberry.field(description="Too many nurses or clients.")
    clients: list[GapKindCount]


@strawberry.type(description="A metric's distribution in a group; null figures when suppressed.")
class MetricDistribution:
    metric: str
    count: int | None
    mean: float | None
    median: float | None
    p25: float | None
    p75: float | None
    suppressed: bool


@strawberry.type(description="One group of a research aggregate; nothing in it names anyone.")
class ResearchCell:
    grouping: Grouping
    group: str = strawberry.field(description="Team pseudonym, neighbourhood or network type.")
    clients: int | None
    suppressed: bool
    note: str | None
    metrics: list[MetricDistribution]
    gaps: list[GapKindCount]

    @staticmethod
    def of(cell: Cell) -> ResearchCell:
        return ResearchCell(
            grouping=cell.grouping,
            group=cell.group,
            clients=cell.clients,
            suppressed=cell.suppressed,
            note=cell.note,
            metrics=[
                MetricDistribution(
                    metric=name,
                    count=d.count,
                    mean=d.mean,
                    median=d.median,
                    p25=d.p25,
                    p75=d.p75,
                    suppressed=d.suppressed,
                )
                for name, d in cell.metrics.items()
            ],
            gaps=[
                GapKindCount(kind=kind, clients=c.clients, suppressed=c.suppressed)
                for kind, c in cell.gaps.items()
            ],
        )
