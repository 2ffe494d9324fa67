"""De-identified aggregates for research: distributions of every strength
metric and counts of every gap kind, by team, neighbourhood, network type or
the month care began.

Small cells are suppressed, and say so rather than vanish: a group of fewer
than ``min_cell`` (5) clients keeps its name but shows no figures
(``suppressed`` true, ``clients`` None); within a shown group, a metric with
1-4 values and a gap kind found in 1-4 clients are suppressed the same way.
A count of 0 is shown. Percentiles interpolate linearly between ranks
(``statistics.quantiles(method="inclusive")``, numpy's default).

This is one grouping on its own; what is published is :func:`.release.release`,
which also suppresses what the groupings together would give away.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from graphsvc.domain import Onion, Ring

from .analyse import ClientAnalysis
from .gap import GapKind
from .strength import METRICS
from .typology import NetworkType

MIN_CELL = 5
NO_GROUP = "(none)"


class Grouping(StrEnum):
    ALL = "all"
    TEAM = "team"
    NEIGHBOURHOOD = "neighbourhood"
    NETWORK_TYPE = "network-type"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class ResearchRow:
    """One client with nothing that names her. ``month``: when her care
    began (YYYY-MM, see :func:`care_began`); ``age`` in whole years."""

    team: str | None
    neighbourhood: str | None
    network_type: NetworkType
    metrics: Mapping[str, float | None]
    gap_kinds: frozenset[GapKind]
    month: str | None = None
    age: int | None = None


def care_began(onion: Onion) -> date | None:
    """The first day the nursing team was in her network (the earliest
    ``since`` of a team-ring member); without one, the day her first need was
    recorded; None when neither is dated."""
    team = [m.membership.since for m in onion.ring(Ring.TEAM) if m.membership.since]
    if team:
        return min(team)
    needs = [n.since for n in onion.needs if n.since]
    return min(needs) if needs else None


def age_on(birth: date | None, day: date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def research_row(onion: Onion, analysis: ClientAnalysis, *, on: date | None = None) -> ResearchRow:
    began = care_began(onion)
    return ResearchRow(
        team=onion.team_id,
        neighbourhood=onion.client.neighbourhood,
        network_type=analysis.strength.network_type,
        metrics=analysis.strength.metrics(),
        gap_kinds=frozenset(g.kind for g in analysis.gaps),
        month=None if began is None else f"{began:%Y-%m}",
        age=age_on(onion.client.birth_date, on or date.today()),
    )


@dataclass(frozen=True, slots=True)
class Distribution:
    """A metric's values in a group. ``suppressed``: 1-4 values, none shown."""

    count: int | None
    mean: float | None = None
    median: float | None = None
    p25: float | None = None
    p75: float | None = None
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class GapCount:
    """Clients of a group with at least one gap of a kind."""

    clients: int | None
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class Cell:
    grouping: Grouping
    group: str
    clients: int | None
    suppressed: bool
    note: str | None
    metrics: dict[str, Distribution]
    gaps: dict[GapKind, GapCount]


def group_of(row: ResearchRow, by: Grouping) -> str:
    if by is Grouping.ALL:
        return "all"
    if by is Grouping.TEAM:
        return row.team or NO_GROUP
    if by is Grouping.NEIGHBOURHOOD:
        return row.neighbourhood or NO_GROUP
    if by is Grouping.MONTH:
        return row.month or NO_GROUP
    return row.network_type.value


def distribution(values: list[float], min_cell: int = MIN_CELL) -> Distribution:
    n = len(values)
    if n == 0:
        return Distribution(0)
    if n < min_cell:
        return Distribution(None, suppressed=True)
    if n == 1:
        only = float(values[0])
        return Distribution(1, only, only, only, only)
    p25, median, p75 = statistics.quantiles(values, n=4, method="inclusive")
    return Distribution(n, statistics.fmean(values), median, p25, p75)


def _cell(by: Grouping, group: str, rows: list[ResearchRow], min_cell: int) -> Cell:
    if len(rows) < min_cell:
        return Cell(
            by,
            group,
            None,
            True,
            f"fewer than {min_cell} clients: suppressed",
            {name: Distribution(None, suppressed=True) for name in METRICS},
            {kind: GapCount(None, suppressed=True) for kind in GapKind},
        )
    metrics = {}
    for name in METRICS:
        values = [v for r in rows if (v := r.metrics.get(name)) is not None]
        metrics[name] = distribution(values, min_cell)
    gaps = {}
    for kind in GapKind:
        found = sum(kind in r.gap_kinds for r in rows)
        small = 0 < found < min_cell
        gaps[kind] = GapCount(None, suppressed=True) if small else GapCount(found)
    return Cell(by, group, len(rows), False, None, metrics, gaps)


def aggregate(
    rows: Iterable[ResearchRow], by: Grouping, *, min_cell: int = MIN_CELL
) -> tuple[Cell, ...]:
    """One cell per group, in group order; suppressed cells included."""
    if min_cell < 1:
        raise ValueError("min_cell must be at least 1")
    groups: defaultdict[str, list[ResearchRow]] = defaultdict(list)
    for row in rows:
        groups[group_of(row, by)].append(row)
    return tuple(_cell(by, g, groups[g], min_cell) for g in sorted(groups))
