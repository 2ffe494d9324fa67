"""Gaps, strength and research aggregates, as GraphQL types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from graphsvc.analysis import Cell, Gap, Strength

from .context import Info
from .enums import GapKind, Grouping, NetworkType, Severity  # registered there

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


@strawberry.type(name="Strength", description="How strong the client's network is.")
class StrengthType:
    score: float = strawberry.field(description="0-100; formula in docs/analysis.md.")
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
