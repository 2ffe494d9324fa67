"""The research aggregates as published: every grouping at once, small cells
suppressed, and beside them whatever else must go so that no sum or
difference of the figures shown gives a suppressed one back.

Every grouping (ALL, TEAM, NEIGHBOURHOOD, NETWORK_TYPE, MONTH) splits the
same clients, so a researcher can combine any of their figures: ALL minus
the shown teams is the suppressed team; a neighbourhood plus a team minus
ALL can be the few clients of that team in that neighbourhood. Each figure
is a sum over the clients of its cell (a count of clients, a count of those
with a gap kind, a metric's count and its mean times that count), so what a
researcher can work out is exactly the linear combinations of the figures.

For each measure (the clients, each metric, each gap kind) the figures left
after the small-cell rule are audited (:mod:`.disclosure`) for a combination
resting on 1 to ``min_cell - 1`` clients. For each one found, one more
figure it uses is suppressed, the smallest (never ALL while another will
do), and the audit runs again until it finds nothing: complementary
suppression, decided for all groupings together, so the same figure is
shown or hidden whichever grouping is asked for. A cell whose client count
goes is suppressed whole. Suppressing only ever removes figures, so the
combinations left are a subset of those audited: the loop ends, and what it
publishes passes the audit.

With more light atoms than :data:`.disclosure.MAX_LIGHT_ATOMS` the audit
would be slow, so first the cell made most of light atoms (in practice a
month, the finest grouping) is suppressed, one at a time, until there are
few enough; what is left is still audited.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Any

from .aggregate import (
    MIN_CELL,
    Cell,
    Distribution,
    GapCount,
    Grouping,
    ResearchRow,
    aggregate,
    group_of,
)
from .disclosure import MAX_LIGHT_ATOMS, Atoms, find_disclosures
from .gap import GapKind

COMPLEMENT_NOTE = "suppressed so that it cannot be worked out from the figures shown"

CellKey = tuple[Grouping, str]
_ORDER = {by: i for i, by in enumerate(Grouping)}


def release(
    rows: Sequence[ResearchRow], *, min_cell: int = MIN_CELL
) -> dict[Grouping, tuple[Cell, ...]]:
    """Every grouping's cells, protected together."""
    primary = {by: aggregate(rows, by, min_cell=min_cell) for by in Grouping}
    members: dict[CellKey, frozenset[int]] = {}
    for by in Grouping:
        groups: dict[str, set[int]] = {}
        for i, row in enumerate(rows):
            groups.setdefault(group_of(row, by), set()).add(i)
        members.update({(by, g): frozenset(us) for g, us in groups.items()})
    cells = {(c.grouping, c.group): c for by in Grouping for c in primary[by]}
    audit = _Auditor(members, min_cell)

    everyone = frozenset(range(len(rows)))
    whole = audit.protect([k for k, c in cells.items() if not c.suppressed], everyone)
    out = {k: without_cell(c) if k in whole else c for k, c in cells.items()}
    # a measure's count is also read against the clients of its cell (a team
    # of 12 with 11 rated names the one not rated): the counts shown are kept
    counted = frozenset(k for k, c in out.items() if c.clients is not None)
    for name in sorted({m for c in cells.values() for m in c.metrics}):
        having = frozenset(i for i, r in enumerate(rows) if r.metrics.get(name) is not None)
        shown = [k for k, c in out.items() if c.metrics[name].count is not None]
        for k in audit.protect(shown, having, counted):
            out[k] = replace(out[k], metrics={**out[k].metrics, name: HIDDEN_DISTRIBUTION})
    for kind in GapKind:
        having = frozenset(i for i, r in enumerate(rows) if kind in r.gap_kinds)
        shown = [k for k, c in out.items() if c.gaps[kind].clients is not None]
        for k in audit.protect(shown, having, counted):
            out[k] = replace(out[k], gaps={**out[k].gaps, kind: HIDDEN_COUNT})
    return {by: tuple(out[(c.grouping, c.group)] for c in primary[by]) for by in Grouping}


HIDDEN_DISTRIBUTION = Distribution(None, suppressed=True)
HIDDEN_COUNT = GapCount(None, suppressed=True)


def without_cell(cell: Cell) -> Cell:
    return replace(
        cell,
        clients=None,
        suppressed=True,
        note=COMPLEMENT_NOTE,
        metrics=dict.fromkeys(cell.metrics, HIDDEN_DISTRIBUTION),
        gaps=dict.fromkeys(cell.gaps, HIDDEN_COUNT),
    )


class _Auditor:
    """Complementary suppression of one measure at a time; measures with the
    same figures get the same answer once."""

    def __init__(self, members: dict[CellKey, frozenset[int]], min_cell: int) -> None:
        self.members = members
        self.min_cell = min_cell
        self.known: dict[
            tuple[frozenset[CellKey], frozenset[int], frozenset[CellKey]], frozenset[CellKey]
        ] = {}

    def protect(
        self,
        shown: Collection[CellKey],
        having: frozenset[int],
        counted: frozenset[CellKey] = frozenset(),
    ) -> frozenset[CellKey]:
        """The cells, of those ``shown``, to suppress as well for the measure
        that the clients ``having`` it contribute to; ``counted``: the cells
        whose client count is shown (kept: decided before)."""
        key = (frozenset(shown), having, counted)
        if key not in self.known:
            self.known[key] = self._protect(
                sorted(shown, key=_rank), having, sorted(counted, key=_rank)
            )
        return self.known[key]

    def _protect(
        self, shown: list[CellKey], having: frozenset[int], counted: list[CellKey]
    ) -> frozenset[CellKey]:
        figures = [self.members[k] & having for k in shown]
        cost = [
            (by is Grouping.ALL, len(units), _ORDER[by], group)
            for (by, group), units in zip(shown, figures, strict=True)
        ]
        fixed = [self.members[k] for k in counted]
        return frozenset(shown[i] for i in complement(figures, cost, self.min_cell, fixed))


def complement(
    figures: Sequence[frozenset[int]],
    cost: Sequence[tuple[Any, ...]],
    min_cell: int,
    fixed: Sequence[frozenset[int]] = (),
) -> frozenset[int]:
    """Which of ``figures`` (each the units it sums over) to suppress so that
    no combination of the rest and of the ``fixed`` figures (shown, and kept:
    the cells' client counts, which a measure's count can be taken from)
    rests on 1 to ``min_cell - 1`` units: for each combination found, the
    figure it uses that costs least (``cost``, least first; its first element
    says what is kept while another will do: a total, or a figure published
    before)."""
    hidden: set[int] = set()
    kept = [f for f in fixed if f]
    while True:
        visible = [i for i, f in enumerate(figures) if i not in hidden and f]
        shown = [figures[i] for i in visible]
        costs = [cost[i] for i in visible]
        atoms = Atoms.of([*shown, *kept])
        light = atoms.light(min_cell)
        crowded = {u for a in light for u in atoms.members[a]}
        share = [len(f & crowded) / len(f) for f in shown]
        splitting = [i for i, part in enumerate(share) if part]
        if len(light) > MAX_LIGHT_ATOMS and splitting:
            # the figure most made of small atoms splits them most: merge it away
            # (what is kept alone is audited as it is, however slowly)
            coarsest = min(splitting, key=lambda i: (costs[i][0], -share[i], costs[i][1:]))
            hidden.add(visible[coarsest])
            continue
        found = find_disclosures([*shown, *kept], min_cell)
        if not found:
            return frozenset(hidden)
        for disclosure in found:
            used = [i for i in disclosure.figures if i < len(shown)]
            if not used:  # the kept figures alone: audited where they are decided
                raise AssertionError("the kept figures disclose on their own")
            if any(visible[i] in hidden for i in used):
                continue  # already broken this round; the next audit tells
            hidden.add(visible[min(used, key=costs.__getitem__)])


def _rank(key: CellKey) -> tuple[int, str]:
    return _ORDER[key[0]], key[1]
