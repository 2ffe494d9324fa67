"""Every research figure from one release: what separate calls show (trends
over overlapping months, a trend and ``research``, different groupings) is
combined by the attack of tests/differencing.py. Each call released on its
own gives a client away (worked out by hand below); slices of the one
release over the calendar and now give nothing away."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from graphsvc.analysis import (
    TREND_GROUPINGS,
    GapKind,
    Grouping,
    NetworkType,
    ResearchRow,
    TrendCell,
    TrendRow,
    release,
    release_calendar,
    release_trend,
)
from graphsvc.analysis.trend import NOW

from ...differencing import (
    attack_calls,
    attack_trend,
    shown_in_research,
    shown_in_trend,
)
from .test_trend import generated_months

CALENDAR = ("2025-01", "2025-02", "2025-03")  # March is this month


def row(team: str, score: float, began: str) -> ResearchRow:
    return ResearchRow(
        team=team,
        neighbourhood="Kern, Almelo",
        network_type=NetworkType.FAMILY_DEPENDENT,
        metrics={"score": score, "lsns6_score": 10.0},
        gap_kinds=frozenset({GapKind.NO_GP}) if team == "A" else frozenset(),
        month=began,
    )


def months_and_now() -> tuple[list[TrendRow], list[tuple[str, ResearchRow]]]:
    """Team A: a1-a6 in January and February, a6 gone in March. Team B:
    b1-b8 all three months. Now (in March) is as March is."""
    months = []
    for month in CALENDAR:
        for i in range(1, 7):
            if not (month == "2025-03" and i == 6):
                months.append(TrendRow(f"a{i}", month, row("A", 50.0 + i, "2024-12")))
        months += [TrendRow(f"b{i}", month, row("B", 40.0 + i, "2024-06")) for i in range(1, 9)]
    now = [(r.client, r.row) for r in months if r.month == "2025-03"]
    return months, now


def window(rows: Iterable[TrendRow], first: str, last: str) -> list[TrendRow]:
    return [r for r in rows if first <= r.month <= last]


def trend_call(cells: dict[Grouping, tuple[TrendCell, ...]], by: Grouping) -> list[TrendCell]:
    return list(cells[by])


def every_row(months: list[TrendRow], now: list[tuple[str, ResearchRow]]) -> list[TrendRow]:
    return [*months, *(TrendRow(client, NOW, r) for client, r in now)]


def test_each_call_released_on_its_own_gives_the_client_who_left_away() -> None:
    months, now = months_and_now()
    # researchTrend(from: 2025-01, to: 2025-03, by: TEAM), released on its own:
    # February's team A (6) less March's (5) is a6, so March's team A is hidden
    whole = release_trend(months)
    shown = {(c.month, c.cell.group): c.cell.clients for c in whole[Grouping.TEAM]}
    assert shown[("2025-02", "A")] == 6 and shown[("2025-03", "A")] is None
    # research(by: TEAM), released on its own, shows team A as it is now: 5
    research = release([r for _, r in now])[Grouping.TEAM]
    assert {c.group: c.clients for c in research} == {"A": 5, "B": 8}
    # researchTrend(from: 2025-03, to: 2025-03, by: TEAM) on its own: 5 too
    march = release_trend(window(months, "2025-03", "2025-03"))
    assert {c.cell.group: c.cell.clients for c in march[Grouping.TEAM]} == {"A": 5, "B": 8}
    # 6 - 5: a6, by hand; the attack finds it too, from either pair of calls
    rows = every_row(months, now)
    trend = shown_in_trend(whole[Grouping.TEAM])
    with_research = attack_calls([trend, shown_in_research(research)], rows)
    assert frozenset({"a6"}) in with_research["clients"]
    assert frozenset({("a6", 56.0)}) in with_research["score:sum"]
    overlapping = attack_calls([trend, shown_in_trend(march[Grouping.TEAM])], rows)
    assert frozenset({"a6"}) in overlapping["clients"]
    assert frozenset({"a6"}) in overlapping["gap:NO_GP"]


def test_slices_of_the_one_release_give_nothing_away() -> None:
    months, now = months_and_now()
    published = release_calendar(now, months, CALENDAR)
    calls = [shown_in_research(published.research(by)) for by in Grouping]
    for first, last in (("2025-01", "2025-03"), ("2025-03", "2025-03"), ("2025-02", "2025-03")):
        calls += [shown_in_trend(published.trend(by, first, last)) for by in TREND_GROUPINGS]
    assert attack_calls(calls, every_row(months, now)) == {}
    # a month's cells are the same in every window that holds it
    whole = published.trends(CALENDAR[0], CALENDAR[-1])
    for first in CALENDAR:
        for last in CALENDAR[CALENDAR.index(first) :]:
            part = published.trends(first, last)
            for by in TREND_GROUPINGS:
                assert part[by] == tuple(c for c in whole[by] if first <= c.month <= last)
    # the figures that gave a6 away apart are not all shown together
    teams = {c.group: c.clients for c in published.research(Grouping.TEAM)}
    february = published.trend(Grouping.TEAM, "2025-02", "2025-02")
    assert None in (teams["A"], {c.cell.group: c.cell.clients for c in february}["A"])


def test_a_slice_is_the_cells_of_its_months_in_order() -> None:
    months, now = months_and_now()
    published = release_calendar(
        now, [*months, TrendRow("a1", "2024-12", row("A", 1, ""))], CALENDAR
    )
    assert published.months == CALENDAR
    every = published.trend(Grouping.ALL, "2024-01", "2025-12")
    assert [c.month for c in every] == list(CALENDAR)  # December is not in the calendar
    assert [c.month for c in published.trend(Grouping.ALL, "2025-02", "2025-03")] == list(
        CALENDAR[1:]
    )
    assert {c.group for c in published.research(Grouping.MONTH)} == {"2024-12", "2024-06"}
    assert published.trends("2025-01", "2025-01")[Grouping.TEAM] == published.trend(
        Grouping.TEAM, "2025-01", "2025-01"
    )


@pytest.mark.parametrize("k", [3, 5])
def test_a_generated_population_now_and_over_three_months_cannot_be_differenced(k: int) -> None:
    months = generated_months()
    now = [(r.client, r.row) for r in months if r.month == "2025-03"]
    rows = every_row(months, now)
    published = release_calendar(now, months, CALENDAR, min_cell=k)
    calls = [shown_in_research(published.research(by)) for by in Grouping]
    calls += [
        shown_in_trend(published.trend(by, m, "2025-03"))
        for m in CALENDAR
        for by in TREND_GROUPINGS
    ]
    assert attack_calls(calls, rows, k) == {}
    assert attack_trend([s for call in calls for s in call], rows, k) == {}
    (everyone,) = published.research(Grouping.ALL)
    assert everyone.clients == len(now)  # ALL now stays shown


def test_a_closed_month_keeps_its_cells_when_the_data_changes() -> None:
    """Two clients admitted to team A now: a new state of the data and a new
    release, in which January and February (closed, their rows the same)
    are published as before; March, now, and a month whose rows changed are
    audited afresh. Together with what came before, still nothing."""
    months, now = months_and_now()
    first = release_calendar(now, months, CALENDAR)
    admitted = [TrendRow(f"n{i}", "2025-03", row("A", 70.0 + i, "2025-03")) for i in (1, 2)]
    later = [*months, *admitted]
    later_now = [*now, *((r.client, r.row) for r in admitted)]
    second = release_calendar(later_now, later, CALENDAR, before=first)
    for month in CALENDAR[:2]:
        assert second.trends(month, month) == first.trends(month, month)
    assert second.digests["2025-03"] != first.digests["2025-03"]
    # February's ALL is kept shown (14), so March's (15), and now's, which
    # would leave a6, n1 and n2 beside it, are what go
    (all_february,) = second.trend(Grouping.ALL, "2025-02", "2025-02")
    (all_march,) = second.trend(Grouping.ALL, "2025-03", "2025-03")
    (all_now,) = second.research(Grouping.ALL)
    assert (all_february.cell.clients, all_march.cell.clients, all_now.clients) == (14, None, None)
    calls = [shown_in_research(second.research(by)) for by in Grouping]
    calls += [shown_in_trend(second.trend(by, *CALENDAR[::2])) for by in TREND_GROUPINGS]
    assert attack_calls(calls, every_row(later, later_now)) == {}
    # a closed month whose rows changed (a6 gone from February's history) is not held
    edited = [r for r in later if not (r.client == "a6" and r.month == "2025-02")]
    third = release_calendar(later_now, edited, CALENDAR, before=second)
    assert third.trends("2025-01", "2025-01") == first.trends("2025-01", "2025-01")
    assert third.digests["2025-02"] != second.digests["2025-02"]
    (all_february,) = third.trend(Grouping.ALL, "2025-02", "2025-02")
    assert all_february.cell.clients in (13, None)
    calls = [shown_in_research(third.research(by)) for by in Grouping]
    calls += [shown_in_trend(third.trend(by, *CALENDAR[::2])) for by in TREND_GROUPINGS]
    assert attack_calls(calls, every_row(edited, later_now)) == {}
