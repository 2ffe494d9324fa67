"""Measures over time, as GraphQL types: a client's strength at the end of
each month or week, and the research aggregates per month."""

from __future__ import annotations

import strawberry

from graphsvc.analysis import INTENSIVE_HOURS, TrendCell
from graphsvc.services.analysis import MAX_POINTS, MAX_TREND_MONTHS
from graphsvc.services.network_as_of import Moment, NetworkAsOf

from .enums import GapKind, NetworkType
from .findings import Lsns6Type, ResearchCell

HISTORY = (
    "Rebuilt from the versions of her FHIR resources (every change from any surface "
    "writes them): the latest version of each at the moment. KNOWS ties have no history, "
    "so the measures resting on them (density, effective size, constraint, informal "
    "density, the coordinator's betweenness) and the FRAGMENTED_FORMAL_NETWORK gap are "
    "not given."
)


@strawberry.type(
    description="The client's network as it was at the end of a month or week. " + HISTORY
)
class StrengthPoint:
    period: str = strawberry.field(description="The month (2025-03) or ISO week (2025-W12).")
    at: str = strawberry.field(
        description="The moment (UTC): the end of the period, or now while it lasts."
    )
    changed_at: str = strawberry.field(
        description="When her resources last changed at or before that moment."
    )
    score: float = strawberry.field(description="0-100, as Strength.score.")
    network_type: NetworkType
    lsns6: Lsns6Type
    network_size: int = strawberry.field(description="People in the onion, every ring.")
    informal_members: int
    team_members: int
    formal_members: int
    close_contacts: int
    active_needs: int
    supporters_per_need_min: int | None
    supporters_per_need_mean: float | None
    shared_need_share: float | None
    hours_hhi: float | None
    informal_care_hours: float = strawberry.field(
        description="Hours a week her informal carers gave her, together."
    )
    intensive_carers: int = strawberry.field(
        description=f"Informal carers giving more than {INTENSIVE_HOURS:g} hours a week."
    )
    gap_count: int = strawberry.field(description="Gaps in support then.")
    gap_kinds: list[GapKind] = strawberry.field(description="Their kinds, each once.")

    @staticmethod
    def of(moment: Moment, found: NetworkAsOf) -> StrengthPoint:
        s = found.analysis.strength
        gaps = found.analysis.gaps
        return StrengthPoint(
            period=moment.period,
            at=moment.at,
            changed_at=found.changed_at,
            score=s.score,
            network_type=s.network_type,
            lsns6=Lsns6Type.of(s.lsns6),
            network_size=s.network_size,
            informal_members=s.informal_members,
            team_members=s.team_members,
            formal_members=s.formal_members,
            close_contacts=s.close_contacts,
            active_needs=s.active_needs,
            supporters_per_need_min=s.supporters_per_need_min,
            supporters_per_need_mean=s.supporters_per_need_mean,
            shared_need_share=s.shared_need_share,
            hours_hhi=s.hours_hhi,
            informal_care_hours=s.informal_care_hours,
            intensive_carers=s.intensive_carers,
            gap_count=len(gaps),
            gap_kinds=sorted({g.kind for g in gaps}, key=list(GapKind).index),
        )


@strawberry.type(description="One month of a research trend: its cells, as research gives them.")
class ResearchMonth:
    month: str = strawberry.field(description="YYYY-MM; the networks as at its end.")
    cells: list[ResearchCell]

    @staticmethod
    def of(cells: tuple[TrendCell, ...]) -> list[ResearchMonth]:
        months: dict[str, list[ResearchCell]] = {}
        for c in cells:
            months.setdefault(c.month, []).append(ResearchCell.of(c.cell))
        return [ResearchMonth(month=m, cells=found) for m, found in months.items()]


HISTORY_DESCRIPTION = (
    f"Her measures at the end of each month or week from `from` to `to` (at most "
    f"{MAX_POINTS} points; periods before she was in care are left out). " + HISTORY
)
TREND_DESCRIPTION = (
    "De-identified aggregates per month (researchers only), each month from every "
    "client's network as it was at its end (clients not yet in care are absent, and a "
    "month with none is left out); "
    f"`from` and `to` are months (YYYY-MM), at most {MAX_TREND_MONTHS}, within the last "
    f"{MAX_TREND_MONTHS}. Every month of those and every grouping, with `research`, is one "
    "release protected together, and every call is a slice of it, so no difference of "
    "months, groupings or calls gives away fewer than five clients. "
    + HISTORY.replace("her FHIR", "the clients' FHIR")
)
