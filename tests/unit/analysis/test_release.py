"""Research aggregates that survive arithmetic: the published figures of all
groupings together, attacked by a researcher who forms every linear
combination of them (tests/differencing.py), give away nothing about fewer
than five clients; the plain per-grouping aggregates do."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from datetime import date

import pytest

from graphsvc.analysis import (
    MIN_CELL,
    Cell,
    Grouping,
    ResearchRow,
    aggregate,
    analyse_population,
    group_of,
    release,
    research_row,
)
from graphsvc.analysis.release import COMPLEMENT_NOTE

from ...differencing import CellKey, attack, mixed_population


def rows() -> dict[Hashable, ResearchRow]:
    onions = mixed_population().onions
    found = analyse_population(onions)
    return {
        o.client.id: research_row(o, a, on=date(2026, 12, 1))
        for o, a in zip(onions, found, strict=True)
    }


def members(data: Mapping[Hashable, ResearchRow]) -> dict[CellKey, frozenset[Hashable]]:
    groups: dict[CellKey, set[Hashable]] = {}
    for cid, row in data.items():
        for by in Grouping:
            groups.setdefault((by.name, group_of(row, by)), set()).add(cid)
    return {k: frozenset(v) for k, v in groups.items()}


def shown(cells: Sequence[Cell]) -> dict[str, list[CellKey]]:
    out: dict[str, list[CellKey]] = {}
    for cell in cells:
        key = (cell.grouping.name, cell.group)
        if cell.clients is not None:
            out.setdefault("clients", []).append(key)
        for name, d in cell.metrics.items():
            if d.count is not None:
                out.setdefault(name, []).append(key)
        for kind, count in cell.gaps.items():
            if count.clients is not None:
                out.setdefault(f"gap:{kind.name}", []).append(key)
    return out


def test_the_plain_aggregates_give_the_one_client_team_away() -> None:
    data = rows()
    plain = [c for by in Grouping for c in aggregate(list(data.values()), by)]
    found = attack(shown(plain), members(data), data)
    (alone,) = [cid for cid, r in data.items() if r.team == "team-0003"]
    assert frozenset({alone}) in found["clients"]  # ALL minus the two teams shown
    assert frozenset({alone}) in found["score"]


def test_the_release_cannot_be_differenced() -> None:
    data = rows()
    published = release(list(data.values()))
    cells = [c for by in Grouping for c in published[by]]
    assert attack(shown(cells), members(data), data) == {}


def test_what_stays_and_what_goes() -> None:
    published = release(list(rows().values()))
    (everyone,) = published[Grouping.ALL]
    assert everyone.clients == 31 and everyone.metrics["score"].count == 31
    teams = {c.group: c for c in published[Grouping.TEAM]}
    assert teams["team-0003"].note == f"fewer than {MIN_CELL} clients: suppressed"
    # one of the big teams goes too, or ALL minus the other gives team-0003
    complements = [c for c in teams.values() if c.note == COMPLEMENT_NOTE]
    assert len(complements) == 1 and complements[0].clients is None
    assert all(d.suppressed for d in complements[0].metrics.values())
    shown_teams = [c for c in teams.values() if c.clients is not None]
    assert [c.clients for c in shown_teams] == [15]
    hoods = published[Grouping.NEIGHBOURHOOD]
    assert sum(c.clients or 0 for c in hoods) >= 20  # most neighbourhoods survive


def test_each_grouping_is_a_slice_of_one_release() -> None:
    data = list(rows().values())
    once = release(data)
    assert release(list(reversed(data))) == once
    assert set(once) == set(Grouping)


@pytest.mark.parametrize("min_cell", [2, 3, 6])
def test_other_thresholds(min_cell: int) -> None:
    data = rows()
    published = release(list(data.values()), min_cell=min_cell)
    cells = [c for by in Grouping for c in published[by]]
    assert attack(shown(cells), members(data), data, k=min_cell) == {}
