"""UNCOVERED_NEED, SINGLE_SUPPORTER and SINGLE_POINT_OF_FAILURE, by known answer."""

from __future__ import annotations

import networkx as nx
import pytest

from graphsvc.analysis import (
    Gap,
    GapKind,
    Severity,
    Thresholds,
    coverage,
    find_gaps,
    node_key,
    support_graph,
)
from graphsvc.analysis.graph import NodeKind
from graphsvc.domain import NeedStatus, SupportKind, TieStatus

from .sketch import Sketch, anchored


def kinds(gaps: tuple[Gap, ...]) -> list[GapKind]:
    return [g.kind for g in gaps]


def of(gaps: tuple[Gap, ...], kind: GapKind) -> list[Gap]:
    return [g for g in gaps if g.kind is kind]


def test_uncovered_need_named_in_plain_english() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    care = s.need("38")
    gaps = find_gaps(s.onion())
    assert kinds(gaps) == [GapKind.UNCOVERED_NEED]
    (gap,) = gaps
    assert gap.severity is Severity.HIGH
    assert gap.explanation == "Nobody helps Anna de Vries with Personal care."
    assert gap.subjects == (care,)


def test_single_supporter() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    food = s.need("35")
    s.support("d", food, 3)
    (gap,) = find_gaps(s.onion())
    assert gap.kind is GapKind.SINGLE_SUPPORTER
    assert gap.severity is Severity.MEDIUM
    assert gap.explanation == "Only Els de Vries helps Anna de Vries with Nutrition."
    assert gap.subjects == (food, "d")


def test_two_supporters_is_no_gap() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    food = s.need("35")
    s.support("d", food)
    s.support("s", food)
    assert find_gaps(s.onion()) == ()


def test_ended_ties_do_not_count() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    food, care = s.need("35"), s.need("38")
    s.support("d", food, status=TieStatus.ENDED)
    s.support("d", care)
    s.support("s", care, status=TieStatus.ENDED)
    gaps = find_gaps(s.onion())
    assert [(g.kind, g.subjects) for g in gaps] == [
        (GapKind.UNCOVERED_NEED, (food,)),
        (GapKind.SINGLE_SUPPORTER, (care, "d")),
    ]


def test_resolved_needs_are_ignored() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    s.need("35", NeedStatus.RESOLVED)  # nobody helps, and nobody needs to
    done = s.need("38", NeedStatus.RESOLVED)
    s.support("d", done)  # a tie left active on a resolved need is no support
    assert find_gaps(s.onion()) == ()
    assert coverage(s.onion()).active_needs == ()


def test_same_supporter_twice_on_one_need_is_one_supporter() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    food = s.need("35")
    s.support("d", food, 2, kind=SupportKind.HOUSEHOLD)
    s.support("d", food, 1, kind=SupportKind.PRACTICAL)
    onion = s.onion()
    cover = coverage(onion)
    assert cover.supporters[food] == ("d",)
    assert cover.hours["d"] == 3.0
    (gap,) = find_gaps(onion)
    assert (gap.kind, gap.subjects) == (GapKind.SINGLE_SUPPORTER, (food, "d"))


def test_no_needs_no_support_gaps() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    assert find_gaps(s.onion()) == ()


def test_client_alone() -> None:
    """Nobody at all: isolated, no team nurse, no GP; nothing about needs."""
    s = Sketch()
    gaps = find_gaps(s.onion())
    assert kinds(gaps) == [GapKind.ISOLATED_CLIENT, GapKind.NO_TEAM_CONTACT, GapKind.NO_GP]
    assert [g.severity for g in gaps] == [Severity.HIGH, Severity.HIGH, Severity.MEDIUM]
    assert all(g.subjects == () for g in gaps)


def test_single_point_of_failure() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    food, care, pills = s.need("35"), s.need("38"), s.need("42")
    s.support("d", food)
    s.support("d", care)
    s.support("d", pills)
    s.support("s", pills)
    gaps = find_gaps(s.onion())
    (spof,) = of(gaps, GapKind.SINGLE_POINT_OF_FAILURE)
    assert spof.severity is Severity.HIGH
    assert spof.subjects == ("d", food, care)
    assert spof.explanation == (
        "If Els de Vries could not help, nobody would help Anna de Vries "
        "with Nutrition and Personal care."
    )
    assert len(of(gaps, GapKind.SINGLE_SUPPORTER)) == 2


def test_one_sole_need_is_no_single_point_of_failure() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    food, care = s.need("35"), s.need("38")
    s.support("d", food)
    s.support("d", care)
    s.support("s", care)
    assert of(find_gaps(s.onion()), GapKind.SINGLE_POINT_OF_FAILURE) == []


def test_a_professional_single_point_of_failure_is_medium() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    for code in ("24", "27"):
        s.support("nurse", s.need(code))
    (spof,) = of(find_gaps(s.onion()), GapKind.SINGLE_POINT_OF_FAILURE)
    assert spof.severity is Severity.MEDIUM
    assert spof.subjects[0] == "nurse"


def test_threshold_for_single_point_of_failure_is_configurable() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    s.support("d", s.need("35"))
    gaps = find_gaps(s.onion(), thresholds=Thresholds(spof_min_needs=1))
    assert len(of(gaps, GapKind.SINGLE_POINT_OF_FAILURE)) == 1


@pytest.mark.parametrize("extra_supporter", [False, True])
def test_single_point_of_failure_is_the_node_cut(extra_supporter: bool) -> None:
    """The counted rule agrees with NetworkX's minimum node cut between the
    client and each need in the support graph."""
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    food, care, pills = s.need("35"), s.need("38"), s.need("42")
    s.support("d", food)
    s.support("d", care)
    s.support("s", pills)
    s.support("nurse", pills)
    if extra_supporter:
        s.support("s", care)
    onion = s.onion()
    graph = support_graph(onion, coverage(onion))
    client = node_key(NodeKind.CLIENT, onion.client.id)
    cut_by: dict[str, list[str]] = {}
    for need in (food, care, pills):
        target = node_key(NodeKind.NEED, need)
        if nx.node_connectivity(graph, client, target) == 1:
            (person,) = nx.minimum_node_cut(graph, client, target)
            cut_by.setdefault(person.removeprefix("person/"), []).append(need)
    expected = [(p, *ns) for p, ns in sorted(cut_by.items()) if len(ns) >= 2]
    found = [g.subjects for g in of(find_gaps(onion), GapKind.SINGLE_POINT_OF_FAILURE)]
    assert found == expected
    assert found == ([] if extra_supporter else [("d", food, care)])
