"""Every strength metric against a number worked out by hand."""

from __future__ import annotations

import pytest

from graphsvc.analysis import (
    METRICS,
    NetworkType,
    client_strength,
    coordinator,
    coverage,
    herfindahl_hirschman,
    network_type,
)
from graphsvc.domain import Frequency, NeedStatus, Onion, Ring, TieStatus

from .sketch import Sketch, anchored

DAILY, WEEKLY, MONTHLY, RARELY = (
    Frequency.DAILY,
    Frequency.WEEKLY,
    Frequency.MONTHLY,
    Frequency.LESS_OFTEN,
)


def rich() -> Onion:
    """Anna: daughter, son, neighbour and a distant friend; two nurses; a GP.

    Needs: Nutrition (daughter, 10 h), Personal care (primary nurse 3 h,
    second nurse 5 h), Medication (primary nurse 2 h); Social contact resolved.
    KNOWS: daughter-son, daughter-neighbour, primary nurse-GP.
    """
    s = Sketch()
    s.informal("d", "Els de Vries", "daughter", WEEKLY, 3)
    s.informal("s", "Piet de Vries", "son", MONTHLY, 2)
    s.informal("b", "Wim Kuipers", "neighbour", WEEKLY, 2)
    s.informal("f", "Jo Smit", "friend", RARELY, 1)
    s.nurse("nurse", "Kim Dijkstra", "primary nurse")
    s.nurse("n2", "Sanne Peters")
    s.professional("gp", "Roel Smits")
    food, care, pills = s.need("35"), s.need("38"), s.need("42")
    s.need("06", NeedStatus.RESOLVED)
    s.support("d", food, 10)
    s.support("nurse", care, 3)
    s.support("nurse", pills, 2)
    s.support("n2", care, 5)
    s.know("d", "s")
    s.know("d", "b")
    s.know("nurse", "gp")
    return s.onion()


def test_members_per_ring_and_close_contacts() -> None:
    st = client_strength(rich())
    assert st.members_per_ring == {Ring.INFORMAL: 4, Ring.TEAM: 2, Ring.FORMAL: 1}
    assert st.close_contacts == 3  # the friend is seen too rarely and not close
    assert st.active_needs == 3


def test_informal_density() -> None:
    # 4 informal members make 6 pairs; 2 of them know each other (the nurse-GP tie is not informal)
    assert client_strength(rich()).informal_density == pytest.approx(2 / 6)


def test_supporters_per_need() -> None:
    st = client_strength(rich())
    # Nutrition 1, Personal care 2, Medication 1; the resolved need does not count
    assert st.supporters_per_need_min == 1
    assert st.supporters_per_need_mean == pytest.approx(4 / 3)
    assert st.shared_need_share == pytest.approx(1 / 3)


def test_hours_concentration() -> None:
    # daughter 10, primary nurse 3 + 2, second nurse 5: shares 0.5, 0.25, 0.25
    assert client_strength(rich()).hours_hhi == pytest.approx(0.375)
    assert herfindahl_hirschman([10, 5, 5]) == pytest.approx(0.375)
    assert herfindahl_hirschman([7]) == 1.0
    assert herfindahl_hirschman([2, 2, 2, 2]) == pytest.approx(0.25)
    assert herfindahl_hirschman([]) is None
    assert herfindahl_hirschman([0.0, 0.0]) is None


def test_coordinator_and_her_betweenness() -> None:
    """The graph (resolved need left out) has 11 nodes. The primary nurse N is
    adjacent to the client C, Personal care B, Medication D and the GP G.
    Shortest paths through her: B-D (B-C-D or B-N-D), B-G (B-C-G or B-N-G)
    and D-G (D-C-G or D-N-G), half of each: 1.5. Every other pair has a
    shorter way or one that avoids her. Normalised over (n-1)(n-2)/2 = 45
    pairs: 1.5 / 45."""
    st = client_strength(rich())
    assert st.coordinator_id == "nurse"
    assert st.coordinator_betweenness == pytest.approx(1.5 / 45)


def test_coordinator_rule() -> None:
    s = Sketch()
    s.nurse("a", "Kim Dijkstra")
    s.nurse("b", "Sanne Peters", "primary nurse")
    s.nurse("c", "Fleur Veenstra")
    onion = s.onion()
    assert coordinator(onion, coverage(onion)) == "b"  # nobody supports: the primary nurse
    s.support("c", s.need("38"))
    onion = s.onion()
    assert coordinator(onion, coverage(onion)) == "c"  # most needs wins
    s.support("a", "c-1-n38", 3)
    onion = s.onion()
    assert coordinator(onion, coverage(onion)) == "a"  # same needs: more hours


def test_network_type_and_score() -> None:
    st = client_strength(rich())
    assert st.network_type is NetworkType.FAMILY_DEPENDENT  # local kin, one local tie
    # N: LSNS-6 7 of 30 (see test_lsns6); M: Nutrition 1/2, Personal care 1,
    # Medication 1/2, mean 2/3; A: nurse and GP, 1
    expected = 100 * (0.4 * 7 / 30 + 0.4 * 2 / 3 + 0.2 * 1)
    assert expected == pytest.approx(56.0)
    assert st.score == pytest.approx(expected, abs=0.05)


def test_client_alone() -> None:
    st = client_strength(Sketch().onion())
    assert st.members_per_ring == {Ring.INFORMAL: 0, Ring.TEAM: 0, Ring.FORMAL: 0}
    assert st.informal_density is None
    assert st.supporters_per_need_min is None
    assert st.supporters_per_need_mean is None
    assert st.shared_need_share is None
    assert st.hours_hhi is None
    assert st.coordinator_id is None
    assert st.coordinator_betweenness is None
    # nobody to type, and at the bottom of every scale
    assert st.network_type is NetworkType.NO_INFORMAL_NETWORK
    assert st.lsns6.score == 0 and st.lsns6.at_risk
    assert (st.network_size, st.density, st.effective_size) == (0, 0.0, 0.0)
    assert st.constraint is None  # nobody to be constrained by
    assert st.continuity_of_care is None
    assert st.informal_carers == ()
    assert st.score == 0.0  # no needs: M is left out, N = A = 0


def test_needs_nobody_meets() -> None:
    s = Sketch()
    s.need("38")
    s.need("06")
    st = client_strength(s.onion())
    assert (st.supporters_per_need_min, st.supporters_per_need_mean) == (0, 0.0)
    assert st.shared_need_share == 0.0
    assert st.score == 0.0


def test_ended_ties_and_duplicates_in_metrics() -> None:
    s = Sketch()
    s.informal("d", "Els de Vries")
    s.informal("s", "Piet de Vries", "son")
    food = s.need("35")
    s.support("d", food, 4)
    s.support("d", food, 4)  # a second activity: one supporter, 8 hours
    s.support("s", food, 8)
    s.support("s", food, 100, status=TieStatus.ENDED)
    st = client_strength(s.onion())
    assert (st.supporters_per_need_min, st.supporters_per_need_mean) == (2, 2.0)
    assert st.hours_hhi == pytest.approx(0.5)  # 8 and 8


def test_metrics_are_all_numbers_by_name() -> None:
    metrics = client_strength(rich()).metrics()
    assert tuple(metrics) == METRICS
    assert metrics["score"] == client_strength(rich()).score
    assert (metrics["lsns6_score"], metrics["lsns6_relatives"], metrics["lsns6_friends"]) == (
        7,
        5,
        2,
    )
    assert metrics["network_size"] == 7 and metrics["continuity_of_care"] is None
    assert "coordinator_id" not in metrics


# -- the network types, one onion each


def typed(*people: tuple[str, Frequency, int]) -> NetworkType:
    s = Sketch()
    for i, (relationship, frequency, closeness) in enumerate(people):
        s.informal(f"p{i}", f"Person {i}", relationship, frequency, closeness)
    return network_type(s.onion())


def test_family_dependent() -> None:
    assert typed(("partner", DAILY, 3), ("daughter", Frequency.SEVERAL_TIMES_A_WEEK, 3),
                 ("neighbour", WEEKLY, 2)) is NetworkType.FAMILY_DEPENDENT  # fmt: skip


def test_locally_integrated() -> None:
    assert typed(("daughter", WEEKLY, 3), ("neighbour", WEEKLY, 2),
                 ("friend", WEEKLY, 3)) is NetworkType.LOCALLY_INTEGRATED  # fmt: skip


def test_local_self_contained() -> None:
    assert typed(("son", MONTHLY, 2), ("neighbour", WEEKLY, 2),
                 ("buurvrouw", WEEKLY, 3)) is NetworkType.LOCAL_SELF_CONTAINED  # fmt: skip


def test_wider_community_focused() -> None:
    assert typed(("son", MONTHLY, 3), ("friend", WEEKLY, 3), ("volunteer", WEEKLY, 2),
                 ("neighbour", WEEKLY, 2)) is NetworkType.WIDER_COMMUNITY_FOCUSED  # fmt: skip


def test_private_restricted() -> None:
    # partner only: Wenger's independent couple
    assert typed(("partner", DAILY, 3)) is NetworkType.PRIVATE_RESTRICTED
    assert typed(("partner", DAILY, 3), ("niece", RARELY, 1),
                 ("neighbour", MONTHLY, 1)) is NetworkType.PRIVATE_RESTRICTED  # fmt: skip


def test_private_restricted_at_its_edges() -> None:
    # far family: kin in touch but none near, nobody else (no local kin, no
    # local friends: Wenger's private restricted, not family-dependent)
    assert typed(("son", MONTHLY, 3)) is NetworkType.PRIVATE_RESTRICTED
    assert typed(("partner", DAILY, 3), ("daughter", MONTHLY, 3)) is NetworkType.PRIVATE_RESTRICTED
    # far family with friends: wider-community-focused
    assert typed(("son", MONTHLY, 3), ("friend", WEEKLY, 2)) is NetworkType.WIDER_COMMUNITY_FOCUSED
    # someone in the ring but nobody in touch: isolated, private restricted
    assert typed(("niece", RARELY, 1)) is NetworkType.PRIVATE_RESTRICTED


def test_nobody_is_no_informal_network() -> None:
    assert typed() is NetworkType.NO_INFORMAL_NETWORK
    # professionals do not make an informal network
    s = anchored()
    assert network_type(s.onion()) is NetworkType.NO_INFORMAL_NETWORK
