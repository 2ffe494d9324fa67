"""Informal care hours per carer and the SCP threshold of intensive care."""

from __future__ import annotations

import datetime as dt

import pytest

from graphsvc.analysis import (
    INTENSIVE_HOURS,
    InformalCarer,
    Visit,
    carer_load,
    client_strength,
    coverage,
    informal_carers,
)
from graphsvc.domain import TieStatus

from .sketch import Sketch


def test_hours_for_this_client_and_the_threshold() -> None:
    s = Sketch()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    s.informal("b", "Wim Kuipers", "neighbour")  # helps nobody: not a carer
    s.nurse("nurse", "Kim Dijkstra")
    food, care = s.need("35"), s.need("38")
    s.support("d", food, 6)
    s.support("d", care, 3)  # 9 in all: more than 8
    s.support("s", food, 8)  # exactly 8: not more than 8
    s.support("s", care, 20, status=TieStatus.ENDED)
    s.support("nurse", care, 10)  # not informal care
    onion = s.onion()
    assert INTENSIVE_HOURS == 8.0
    carers = informal_carers(onion, coverage(onion))
    assert carers == (InformalCarer("d", 9.0, 9.0), InformalCarer("s", 8.0, 8.0))
    assert [c.intensive for c in carers] == [True, False]
    st = client_strength(onion)
    assert (st.informal_care_hours, st.intensive_carers) == (17.0, 1)


def test_hours_across_her_clients_count_for_the_threshold() -> None:
    first = Sketch("c-1")
    first.informal("d", "Els de Vries")
    first.support("d", first.need("35"), 6)
    second = Sketch("c-2", "Truus Bakker")
    second.informal("d", "Els de Vries", "niece")
    second.support("d", second.need("38"), 3)
    onions = [first.onion(), second.onion()]
    loads = carer_load(onions)
    (alone,) = informal_carers(onions[0], coverage(onions[0]))
    (both,) = informal_carers(onions[0], coverage(onions[0]), loads)
    assert (alone.total_hours_per_week, alone.intensive) == (6.0, False)
    assert (both.hours_per_week, both.total_hours_per_week, both.intensive) == (6.0, 9.0, True)
    # a load read without this client (say, another team's only) adds her hours here
    elsewhere = carer_load(onions[1:])
    (added,) = informal_carers(onions[0], coverage(onions[0]), elsewhere)
    assert added.total_hours_per_week == 9.0


def test_continuity_of_care_from_visits() -> None:
    """Four visits, three by a and one by b: (9 + 1 - 4) / (4 * 3) = 0.5."""
    day = dt.date(2025, 3, 1)
    visits = [Visit("c-1", p, day) for p in ("a", "a", "a", "b")]
    visits.append(Visit("c-2", "b", day))  # another client's: left out
    st = client_strength(Sketch().onion(), visits=visits)
    assert st.continuity_of_care == pytest.approx(0.5)
    assert client_strength(Sketch().onion()).continuity_of_care is None
