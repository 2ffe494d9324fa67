"""TEAM_TOO_LARGE, CASELOAD_TOO_LARGE and LOW_CONTINUITY (Bice-Boxerman)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graphsvc.analysis import (
    Gap,
    GapKind,
    Severity,
    Thresholds,
    Visit,
    clients_with_each_gap,
    continuity_of_care,
    find_gaps,
    team_gaps,
)
from graphsvc.domain import Team

from .sketch import anchored

TEAM = Team("team-1", "Team Almelo Bloemenbuurt", "Bloemenbuurt")


def test_a_team_within_bounds_has_no_gaps() -> None:
    assert team_gaps(TEAM, nurses=12, clients=60) == ()


def test_team_too_large_and_caseload_too_large() -> None:
    nurses, clients = team_gaps(TEAM, nurses=13, clients=61)
    assert (nurses.kind, nurses.severity) == (GapKind.TEAM_TOO_LARGE, Severity.MEDIUM)
    assert nurses.explanation == "Team Almelo Bloemenbuurt has 13 nurses, more than 12."
    assert nurses.subjects == ("team-1",)
    assert clients.kind is GapKind.CASELOAD_TOO_LARGE
    assert clients.explanation == "Team Almelo Bloemenbuurt serves 61 clients, more than 60."


def test_team_bounds_are_configurable() -> None:
    gaps = team_gaps(TEAM, nurses=9, clients=45, thresholds=Thresholds(team_max_clients=40))
    assert [g.kind for g in gaps] == [GapKind.CASELOAD_TOO_LARGE]
    with pytest.raises(ValueError):
        team_gaps(TEAM, nurses=-1, clients=0)


def visits(*carers: str, client: str = "c-1") -> list[Visit]:
    start = date(2025, 6, 1)
    return [Visit(client, p, start + timedelta(days=i)) for i, p in enumerate(carers)]


@pytest.mark.parametrize(
    ("carers", "expected"),
    [
        # (sum n_j^2 - N) / (N (N - 1))
        ("AAAB", (9 + 1 - 4) / (4 * 3)),  # 0.5
        ("ABCD", 0.0),
        ("AAAAA", 1.0),
        ("AABBCC", (4 + 4 + 4 - 6) / (6 * 5)),  # 0.2
        ("AABBBCCCCC", (4 + 9 + 25 - 10) / (10 * 9)),  # 28/90
        ("AB", 0.0),
    ],
)
def test_continuity_of_care_known_answers(carers: str, expected: float) -> None:
    assert continuity_of_care(visits(*carers)) == pytest.approx(expected)


def test_continuity_needs_two_visits_of_one_client() -> None:
    assert continuity_of_care([]) is None
    assert continuity_of_care(visits("A")) is None
    with pytest.raises(ValueError):
        continuity_of_care(visits("A") + visits("B", client="c-2"))


def test_low_continuity() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("f", "Jo Smit", "friend")
    s.nurse("n2", "Sanne Peters")
    onion = s.onion()
    seen = visits("nurse", "nurse", "n2", "n2", "stand-in", "stand-in")  # 0.2
    seen += visits("nurse", client="c-2")  # someone else's visit: ignored
    (gap,) = find_gaps(onion, visits=seen)
    assert (gap.kind, gap.severity) == (GapKind.LOW_CONTINUITY, Severity.MEDIUM)
    assert gap.subjects == ("n2", "nurse")  # the stand-in is not in the onion
    assert gap.explanation == (
        "The 6 visits to Anna de Vries were made by 3 different carers: "
        "continuity of care is 0.20, below 0.50."
    )


def test_no_continuity_gap_without_enough_visits_or_when_continuity_is_high() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    s.informal("f", "Jo Smit", "friend")
    onion = s.onion()
    assert find_gaps(onion) == ()
    assert find_gaps(onion, visits=visits("a", "b", "c", "d")) == ()  # 4 < 5 visits
    assert find_gaps(onion, visits=visits(*"AAAAB")) == ()  # (17 - 5) / 20 = 0.6
    assert find_gaps(onion, visits=visits(*"AAABC")) != ()  # (11 - 5) / 20 = 0.3


def test_clients_are_counted_once_per_kind_of_gap() -> None:
    uncovered = Gap(GapKind.UNCOVERED_NEED, Severity.HIGH, "x", ("n-1",))
    also_uncovered = Gap(GapKind.UNCOVERED_NEED, Severity.HIGH, "y", ("n-2",))
    isolated = Gap(GapKind.ISOLATED_CLIENT, Severity.MEDIUM, "z", ("c-2",))
    counts = clients_with_each_gap([[uncovered, also_uncovered], [isolated, uncovered], []])
    assert counts[GapKind.UNCOVERED_NEED] == 2 and counts[GapKind.ISOLATED_CLIENT] == 1
    assert set(counts) == set(GapKind) and counts[GapKind.OVERLOADED_CARER] == 0
