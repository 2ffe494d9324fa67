"""The one research release every call is served from: the networks as they
are (what ``research`` shows, by every grouping) and every month of a fixed
calendar (what a trend shows, by ALL, TEAM, NEIGHBOURHOOD and NETWORK_TYPE),
protected together (:func:`.trend.release_periods`).

A release protects the figures it publishes against each other, not against
those of another release. So if each call made its own, two trends over
overlapping months, or a trend and ``research``, would each pass their audit
while a figure one shows is what the other hid: this month's team in a
trend against the same team in ``research``, or one window's figures of a
month against another's. Released once over the whole calendar, every
figure any call can show is one of the same audited set: a call only picks
which of them it shows, and any combination of the figures of any calls is
a combination of that set's.

The release is made for one state of the data; another state makes another
release, in which each closed month whose rows are the same keeps the cells
it had (docs/analysis.md says what that leaves open).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from .aggregate import MIN_CELL, Cell, Grouping, ResearchRow
from .trend import NOW, TREND_GROUPINGS, TrendCell, TrendKey, TrendRow, release_periods


@dataclass(frozen=True, slots=True)
class CalendarRelease:
    """Every published cell: ``cells`` keyed by grouping, period (a month of
    ``months`` or :data:`.trend.NOW`) and group, in order."""

    months: tuple[str, ...]  # the calendar (YYYY-MM), oldest first
    cells: dict[TrendKey, Cell]
    digests: dict[str, str]  # per month, of the rows it was made from

    def research(self, by: Grouping) -> tuple[Cell, ...]:
        """The networks as they are, by one grouping."""
        return tuple(c for (b, period, _), c in self.cells.items() if b is by and period == NOW)

    def trend(self, by: Grouping, first: str, last: str) -> tuple[TrendCell, ...]:
        """The months from ``first`` to ``last`` (YYYY-MM, both included) by
        one grouping: months in order, then groups; a month in which nobody
        was in care has no cells."""
        return tuple(
            TrendCell(period, c)
            for (b, period, _), c in self.cells.items()
            if b is by and period != NOW and first <= period <= last
        )

    def trends(self, first: str, last: str) -> dict[Grouping, tuple[TrendCell, ...]]:
        """:meth:`trend` by every grouping a trend has."""
        return {by: self.trend(by, first, last) for by in TREND_GROUPINGS}


def release_calendar(
    now: Sequence[tuple[str, ResearchRow]],
    months: Sequence[TrendRow],
    calendar: Sequence[str],
    *,
    min_cell: int = MIN_CELL,
    before: CalendarRelease | None = None,
) -> CalendarRelease:
    """The release of ``now`` (each client's pseudonym and research row as
    she is) and of ``months`` (the clients month by month, as
    :meth:`graphsvc.services.analysis.AnalysisService.trend_rows` gives
    them) over the months of ``calendar``; rows of other months are left
    out. A client is known by her pseudonym in both, so what she adds now
    and what she adds in this month (the same, if nothing changed since)
    are one unknown to the audit.

    ``before``: the release published last. Each closed month of the
    calendar (every month but the last) whose rows are those ``before``
    was made from keeps its cells as ``before`` published them: a closed
    month is shown and hidden alike from one state of the data to the next,
    so two releases tell no more about it than one did."""
    covered = frozenset(calendar)
    rows = [r for r in months if r.month in covered]
    digests = {m: _digest([r for r in rows if r.month == m]) for m in sorted(covered)}
    held = {}
    if before is not None:
        closed = {m for m in covered if m < max(covered) and before.digests.get(m) == digests[m]}
        held = {k: c for k, c in before.cells.items() if k[1] in closed}
    rows += [TrendRow(client, NOW, row) for client, row in now]
    cells = release_periods(rows, min_cell=min_cell, held=held)
    return CalendarRelease(tuple(sorted(covered)), cells, digests)


def _digest(rows: Sequence[TrendRow]) -> str:
    """The same for the same rows of a month, in any order."""
    text = sorted(
        repr((r.client, sorted(r.row.metrics.items()), sorted(r.row.gap_kinds), r.row))
        for r in rows
    )
    return hashlib.sha256("\n".join(text).encode()).hexdigest()
