"""Research figures month by month, protected across months and groupings
together: the attack of tests/differencing.py, which combines every figure
of every month and grouping (a month less the next included), recovers
nothing about fewer than five clients from the release; from the plain
per-month aggregates it does."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from graphsvc.analysis import (
    KNOWS_METRICS,
    TREND_GROUPINGS,
    GapKind,
    NetworkType,
    ResearchRow,
    TrendCell,
    TrendRow,
    aggregate,
    analyse_population,
    release_trend,
    research_row,
)
from graphsvc.analysis.trend import _trimmed

from ...differencing import attack_trend, mixed_population, shown_in_trend


def row(team: str, score: float, gaps: frozenset[GapKind] = frozenset()) -> ResearchRow:
    return ResearchRow(
        team=team,
        neighbourhood="Kern, Almelo",
        network_type=NetworkType.FAMILY_DEPENDENT,
        metrics={"score": score, "lsns6_score": 10.0},
        gap_kinds=gaps,
    )


def plain(rows: list[TrendRow]) -> list[TrendCell]:
    """Each month's aggregates on their own, small cells suppressed and
    nothing else."""
    return [
        TrendCell(month, _trimmed(cell))
        for month in sorted({r.month for r in rows})
        for by in TREND_GROUPINGS
        for cell in aggregate([r.row for r in rows if r.month == month], by)
    ]


def leaving_and_changing(*, leaving: bool = True, changing: bool = True) -> list[TrendRow]:
    """Team A: six clients in January, a6 gone in February (``leaving``).
    Team B: eight clients both months, b1's score 40 in January and 55 in
    February (``changing``), the others the same. One neighbourhood, one
    network type."""
    rows = []
    for month in ("2025-01", "2025-02"):
        for i in range(1, 7):
            if leaving and month == "2025-02" and i == 6:
                continue
            rows.append(TrendRow(f"a{i}", month, row("A", 50.0 + i)))
        for i in range(1, 9):
            score = 55.0 if (changing and i == 1 and month == "2025-02") else 40.0 + i - 1
            rows.append(TrendRow(f"b{i}", month, row("B", score)))
    return rows


def test_a_month_less_the_next_gives_the_client_who_left_away() -> None:
    rows = leaving_and_changing(changing=False)
    found = attack_trend(shown_in_trend(plain(rows)), rows)
    # January's team A less February's (or ALL less ALL): a6 alone
    assert found["clients"] == [frozenset({"a6"})]
    assert found["score:count"] == [frozenset({"a6"})]
    assert found["score:sum"] == [frozenset({("a6", 56.0)})]


def test_a_month_less_the_next_gives_the_one_change_away() -> None:
    rows = leaving_and_changing(leaving=False)
    found = attack_trend(shown_in_trend(plain(rows)), rows)
    # February's team B sum less January's: only b1's change, 55 - 40;
    # nobody came or went, so no count gives anything away
    assert found == {"score:sum": [frozenset({("b1", 40.0), ("b1", 55.0)})]}


def test_nothing_changed_nothing_given_away() -> None:
    rows = leaving_and_changing(leaving=False, changing=False)
    # the same clients with the same values: each month says what the other does
    assert attack_trend(shown_in_trend(plain(rows)), rows) == {}
    published = release_trend(rows)
    assert all(c.cell.metrics["score"].count for by in TREND_GROUPINGS for c in published[by])


def test_the_trend_release_gives_neither_away() -> None:
    rows = leaving_and_changing()
    published = release_trend(rows)
    cells = [c for by in TREND_GROUPINGS for c in published[by]]
    assert attack_trend(shown_in_trend(cells), rows) == {}
    score_shown = {
        (c.cell.grouping, c.month, c.cell.group)
        for c in cells
        if c.cell.metrics["score"].count is not None
    }
    clients_shown = {
        (c.cell.grouping, c.month, c.cell.group) for c in cells if c.cell.clients is not None
    }
    # something of both months' team B scores must go, and a count of a6's months
    assert not {(TREND_GROUPINGS[1], m, "B") for m in ("2025-01", "2025-02")} <= score_shown
    assert len(clients_shown) < len(cells)


def test_a_client_admitted_in_the_second_month_is_absent_from_the_first() -> None:
    rows = [TrendRow(f"c{i}", "2025-01", row("A", 50.0)) for i in range(5)]
    rows += [TrendRow(f"c{i}", "2025-02", row("A", 50.0)) for i in range(5)]
    rows += [TrendRow(f"n{i}", "2025-02", row("A", 70.0)) for i in range(5)]
    published = release_trend(rows)
    (january, february) = published[TREND_GROUPINGS[0]]
    assert (january.month, january.cell.clients) == ("2025-01", 5)
    assert (february.month, february.cell.clients) == ("2025-02", 10)
    assert january.cell.metrics["score"].mean == 50.0
    assert february.cell.metrics["score"].mean == 60.0
    assert attack_trend(shown_in_trend(published[TREND_GROUPINGS[0]]), rows) == {}


def test_measures_resting_on_knows_ties_are_left_out() -> None:
    rows = [TrendRow(f"c{i}", "2025-01", row("A", 50.0)) for i in range(5)]
    (only,) = release_trend(rows)[TREND_GROUPINGS[0]]
    assert not KNOWS_METRICS & set(only.cell.metrics)
    assert GapKind.FRAGMENTED_FORMAL_NETWORK not in only.cell.gaps
    assert "score" in only.cell.metrics and GapKind.NO_GP in only.cell.gaps


def generated_months() -> list[TrendRow]:
    """The mixed population (two teams of fifteen and a team of one, three
    neighbourhoods) over three months: a third admitted each month, a few
    scores moving from one month to the next."""
    onions = mixed_population().onions
    analysed = analyse_population(onions)
    out = []
    for n, (onion, found) in enumerate(zip(onions, analysed, strict=True)):
        base = research_row(onion, found, on=date(2025, 3, 1))
        for m, month in enumerate(("2025-01", "2025-02", "2025-03")):
            if m < n % 3:
                continue  # not yet in care
            metrics = dict(base.metrics)
            if n % 5 == 0 and m == 2:
                metrics["score"] = (metrics["score"] or 0.0) + 10.0
            out.append(TrendRow(onion.client.id, month, replace(base, metrics=metrics)))
    return out


@pytest.mark.parametrize("k", [3, 5])
def test_a_generated_population_over_three_months_cannot_be_differenced(k: int) -> None:
    rows = generated_months()
    leaks = attack_trend(shown_in_trend(plain(rows)), rows, k)
    assert leaks, "the plain aggregates are attackable"
    published = release_trend(rows, min_cell=k)
    cells = [c for by in TREND_GROUPINGS for c in published[by]]
    assert attack_trend(shown_in_trend(cells), rows, k) == {}
    (first, *_) = published[TREND_GROUPINGS[0]]
    assert first.cell.clients is not None  # ALL stays shown
