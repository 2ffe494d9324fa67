"""Research figures month by month: each client's network as it was at the
end of each month (rebuilt from the versions of her FHIR resources, see
graphsvc.services.network_as_of), grouped per month by ALL, TEAM,
NEIGHBOURHOOD and NETWORK_TYPE, and released with every month and grouping
protected together.

A client is in a month when she was in care at its end, and then in one cell
of each grouping of that month. Every figure is still a sum over the clients
of its cell, but a client now adds to the figures of many months, so who she
is to the audit depends on what she adds:

- to a count (the clients, a gap kind, a metric's count) she adds 1 in every
  month she is counted in: one unknown across all of them, so the February
  figure of a team less its March figure, with nobody but her gone, is
  worked out as her and is caught;
- to a metric's sum she adds her value of that month. Months in which her
  value was the same are one unknown (a client whose network did not change
  adds the same in both months, and a researcher who subtracts one month
  from the next learns exactly the few values that changed); months with
  another value are another. So a change of one client's score between two
  months that nothing else hides is a disclosure and is suppressed.

Each measure is audited on those units (:func:`.release.complement`). A set
of units is weighed by how many units it holds; a client whose values took
several values weighs as several, so a combination resting on five or more
of her values is not sought (the search stops at four units): the guarantee
is for sets of fewer than ``min_cell`` units, which covers every set of
fewer than ``min_cell`` clients with one value each in the months combined.

Measures resting on KNOWS ties are left out: the ties have no history.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .aggregate import MIN_CELL, Cell, Grouping, ResearchRow, aggregate, group_of
from .gap import GapKind
from .release import HIDDEN_COUNT, HIDDEN_DISTRIBUTION, complement, without_cell
from .strength import METRICS

# Measures a network rebuilt from history cannot give: they rest on KNOWS
# ties, which are the graph's own and have no versions.
KNOWS_METRICS = frozenset(
    {"informal_density", "density", "effective_size", "constraint", "coordinator_betweenness"}
)
KNOWS_GAPS = frozenset({GapKind.FRAGMENTED_FORMAL_NETWORK})
TREND_METRICS = tuple(m for m in METRICS if m not in KNOWS_METRICS)
TREND_GAPS = tuple(k for k in GapKind if k not in KNOWS_GAPS)
TREND_GROUPINGS = (Grouping.ALL, Grouping.TEAM, Grouping.NEIGHBOURHOOD, Grouping.NETWORK_TYPE)

TrendKey = tuple[Grouping, str, str]  # grouping, month (or NOW), group
NOW = "now"  # the period of the networks as they are (research(), not a month)
_ORDER = {by: i for i, by in enumerate(Grouping)}
_VALUES = 1 << 16  # more values than a client can take in the months of one trend


@dataclass(frozen=True, slots=True)
class TrendRow:
    """One client in one month. ``client`` only tells her months apart from
    others' (a pseudonym); it is never published."""

    client: Hashable
    month: str  # YYYY-MM
    row: ResearchRow


@dataclass(frozen=True, slots=True)
class TrendCell:
    month: str
    cell: Cell


def release_trend(
    rows: Sequence[TrendRow], *, min_cell: int = MIN_CELL
) -> dict[Grouping, tuple[TrendCell, ...]]:
    """Per grouping, each month's cells (months in order, then groups), with
    small cells and whatever would give them away suppressed across every
    month and grouping together: one release of these months on its own
    (what is published is :func:`.calendar_release.release_calendar`)."""
    out = release_periods(rows, min_cell=min_cell)
    return {
        by: tuple(TrendCell(month, cell) for (b, month, _), cell in out.items() if b is by)
        for by in TREND_GROUPINGS
    }


def release_periods(
    rows: Sequence[TrendRow],
    *,
    min_cell: int = MIN_CELL,
    held: Mapping[TrendKey, Cell] | None = None,
) -> dict[TrendKey, Cell]:
    """Every cell of every period (months in order, then :data:`NOW` if any
    row is of it; then groupings, then groups), protected together. A month
    is grouped by :data:`TREND_GROUPINGS` without the measures history cannot
    give; :data:`NOW` (the networks as they are, with KNOWS ties) by every
    grouping with every measure.

    ``held``: cells published before from the same rows, kept as they were:
    what they hid stays hidden, and what they showed is suppressed only if
    nothing else can be (the audit then hides what is needed beside them)."""
    held = held or {}
    periods = sorted({r.month for r in rows}, key=lambda p: (p == NOW, p))
    cells: dict[TrendKey, Cell] = {}
    members: dict[TrendKey, list[int]] = {}
    for period in periods:
        of_period = [i for i, r in enumerate(rows) if r.month == period]
        for by in Grouping if period == NOW else TREND_GROUPINGS:
            for cell in aggregate([rows[i].row for i in of_period], by, min_cell=min_cell):
                cells[(by, period, cell.group)] = cell if period == NOW else _trimmed(cell)
            for i in of_period:
                members.setdefault((by, period, group_of(rows[i].row, by)), []).append(i)

    clients = {c: n for n, c in enumerate(dict.fromkeys(r.client for r in rows))}
    # a client's k-th distinct value of a metric (periods in order) is unit
    # client * _VALUES + k; her unit in counts is client * _VALUES, so a
    # metric nobody's value of moved audits as its count does, and metrics
    # whose values moved alike audit alike (the answers are shared)
    ranks: dict[tuple[int, str], dict[float, int]] = {}

    def the_client(i: int, _: str) -> int:
        return clients[rows[i].client] * _VALUES

    def her_value(i: int, name: str) -> int:
        value = rows[i].row.metrics[name]
        assert value is not None
        client = clients[rows[i].client]
        seen = ranks.setdefault((client, name), {})
        return client * _VALUES + seen.setdefault(value, len(seen))

    known: dict[tuple[tuple[TrendKey, ...], tuple[frozenset[int], ...]], frozenset[TrendKey]] = {}

    def protect(
        shown: list[TrendKey],
        having: Callable[[int], bool],
        unit: Callable[[int, str], int],
        m: str,
        counted: Sequence[TrendKey] = (),
    ) -> frozenset[TrendKey]:
        figures = [frozenset(unit(i, m) for i in members[k] if having(i)) for k in shown]
        # a count is also read against the client counts shown (kept: decided before)
        fixed = [frozenset(the_client(i, "") for i in members[k]) for k in counted]
        key = (tuple(shown), (*figures, *fixed))
        if key not in known:
            # figures over the same units (a team now and this month, with
            # nobody changed) are one figure: shown or hidden together
            costs: dict[frozenset[int], tuple[Any, ...]] = {}
            for (by, period, group), f in zip(shown, figures, strict=True):
                kept = (by, period, group) in held
                cost = ((kept, by is Grouping.ALL), len(f), _ORDER[by], period, group)
                if f not in costs or cost[0] > costs[f][0]:
                    costs[f] = cost
            distinct = list(costs)
            hiding = complement(distinct, list(costs.values()), min_cell, fixed)
            hidden = {distinct[i] for i in hiding}
            known[key] = frozenset(k for k, f in zip(shown, figures, strict=True) if f in hidden)
        return known[key]

    out = cells | {k: c for k, c in held.items() if k in cells}
    shown = [k for k, c in out.items() if not c.suppressed]
    for k in protect(shown, lambda i: True, the_client, ""):
        out[k] = without_cell(out[k])
    counted = [k for k, c in out.items() if c.clients is not None]
    for name in METRICS:

        def defined(i: int, name: str = name) -> bool:
            return rows[i].row.metrics.get(name) is not None

        for unit in (the_client, her_value):
            shown = [k for k, c in out.items() if _count(c, name) is not None]
            read_against = counted if unit is the_client else ()
            for k in protect(shown, defined, unit, name, read_against):
                out[k] = replace(out[k], metrics={**out[k].metrics, name: HIDDEN_DISTRIBUTION})
    for kind in GapKind:

        def has_gap(i: int, kind: GapKind = kind) -> bool:
            return kind in rows[i].row.gap_kinds

        shown = [k for k, c in out.items() if kind in c.gaps and c.gaps[kind].clients is not None]
        for k in protect(shown, has_gap, the_client, "", counted):
            out[k] = replace(out[k], gaps={**out[k].gaps, kind: HIDDEN_COUNT})
    return out


def _count(cell: Cell, metric: str) -> int | None:
    """The count of the metric's values a cell shows (None: not shown or not
    a measure of the cell)."""
    found = cell.metrics.get(metric)
    return None if found is None else found.count


def _trimmed(cell: Cell) -> Cell:
    """Without the measures history cannot give."""
    return replace(
        cell,
        metrics={m: d for m, d in cell.metrics.items() if m not in KNOWS_METRICS},
        gaps={k: g for k, g in cell.gaps.items() if k not in KNOWS_GAPS},
    )
