"""OVERLOADED_CARER: a carer's hours and needs, counted across every client."""

from __future__ import annotations

import pytest

from graphsvc.analysis import CarerLoad, GapKind, Severity, Thresholds, carer_load, find_gaps
from graphsvc.domain import NeedStatus, Onion, SupportKind, TieStatus

from .sketch import anchored


def father_and_aunt(hours_each: float) -> tuple[Onion, Onion]:
    """Els cares for her father (two needs) and her aunt (one need)."""
    father = anchored("c-1", "Jan de Vries")
    father.informal("els", "Els de Vries")
    father.informal("piet", "Piet de Vries", "son")
    father.support("els", father.need("35"), hours_each)
    father.support("els", father.need("38"), hours_each)
    aunt = anchored("c-2", "Truus de Vries")
    aunt.informal("els", "Els de Vries", "niece")
    aunt.informal("buur", "Wim Kuipers", "neighbour")
    aunt.support("els", aunt.need("06"), hours_each)
    return father.onion(), aunt.onion()


def test_load_is_summed_across_clients() -> None:
    loads = carer_load(father_and_aunt(7.5))
    assert loads["els"] == CarerLoad(
        "els", "Els de Vries", 22.5, ("c-1-n35", "c-1-n38", "c-2-n06"), ("c-1", "c-2")
    )
    assert (loads["els"].needs, loads["els"].clients) == (3, 2)


def test_overloaded_only_when_counted_across_clients() -> None:
    father, aunt = father_and_aunt(7.5)  # 15 hours for her father, 22.5 in all
    assert [g.kind for g in find_gaps(father) if g.kind is GapKind.OVERLOADED_CARER] == []
    gaps = find_gaps(father, carer_loads=carer_load([father, aunt]))
    (gap,) = [g for g in gaps if g.kind is GapKind.OVERLOADED_CARER]
    assert gap.severity is Severity.HIGH
    assert gap.subjects == ("els", "c-1-n35", "c-1-n38")
    assert gap.explanation == (
        "Els de Vries gives 22.5 hours a week to 3 needs of 2 clients (more than 20 hours)."
    )


def test_exactly_twenty_hours_and_three_needs_is_not_overloaded() -> None:
    s = anchored()
    s.informal("els", "Els de Vries")
    s.informal("piet", "Piet de Vries", "son")
    s.support("els", s.need("35"), 10)
    s.support("els", s.need("38"), 5)
    s.support("els", s.need("42"), 5)
    s.support("piet", "c-1-n35")
    s.support("piet", "c-1-n38")
    s.support("piet", "c-1-n42")
    onion = s.onion()
    assert carer_load([onion])["els"].hours_per_week == 20.0
    assert find_gaps(onion) == ()


def test_more_than_three_needs_is_overloaded_whatever_the_hours() -> None:
    s = anchored()
    s.informal("els", "Els de Vries")
    s.informal("piet", "Piet de Vries", "son")
    for code in ("06", "35", "38", "42"):
        need = s.need(code)
        s.support("els", need, 0.5)
        s.support("nurse", need, 0.5)
    (gap,) = find_gaps(s.onion())
    assert gap.kind is GapKind.OVERLOADED_CARER
    assert gap.explanation == "Els de Vries gives 2 hours a week to 4 needs (more than 3 needs)."


def test_several_performers_each_carry_the_full_hours() -> None:
    """One activity of 24 hours done by two sisters: a tie for each, 24 hours each."""
    s = anchored()
    s.informal("els", "Els de Vries")
    s.informal("ria", "Ria de Vries", "daughter")
    care = s.need("38")
    s.support("els", care, 24)
    s.support("ria", care, 24)
    loads = carer_load([s.onion()])
    assert loads["els"].hours_per_week == loads["ria"].hours_per_week == 24
    overloaded = [g.subjects[0] for g in find_gaps(s.onion())]
    assert overloaded == ["els", "ria"]


def test_ended_ties_resolved_needs_and_professionals_do_not_load() -> None:
    s = anchored()
    s.informal("els", "Els de Vries")
    s.informal("piet", "Piet de Vries", "son")
    s.support("els", s.need("35"), 30, status=TieStatus.ENDED)
    s.support("els", s.need("38", NeedStatus.RESOLVED), 30)
    s.support("nurse", s.need("42"), 30)
    loads = carer_load([s.onion()])
    assert loads == {}


def test_two_ties_to_one_need_count_the_need_once_and_both_hours() -> None:
    s = anchored()
    s.informal("els", "Els de Vries")
    s.informal("piet", "Piet de Vries", "son")
    food = s.need("35")
    s.support("els", food, 12)
    s.support("els", food, 9, kind=SupportKind.HOUSEHOLD)
    load = carer_load([s.onion()])["els"]
    assert (load.hours_per_week, load.needs) == (21, 1)


def test_thresholds_are_configurable() -> None:
    father, aunt = father_and_aunt(7.5)
    loads = carer_load([father, aunt])
    strict = Thresholds(carer_max_hours=40, carer_max_needs=2)
    gaps = find_gaps(aunt, carer_loads=loads, thresholds=strict)
    (gap,) = [g for g in gaps if g.kind is GapKind.OVERLOADED_CARER]
    assert gap.explanation.endswith("(more than 2 needs).")


def test_a_client_given_twice_is_refused() -> None:
    father, _ = father_and_aunt(1)
    with pytest.raises(ValueError, match="given twice"):
        carer_load([father, father])
