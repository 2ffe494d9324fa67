"""The gap vocabulary: kinds, severities, thresholds."""

from __future__ import annotations

import pytest

from graphsvc.analysis import Gap, GapKind, Severity, Thresholds
from graphsvc.domain import Frequency


def test_gap_kinds_are_exactly_these() -> None:
    assert [k.name for k in GapKind] == [
        "UNCOVERED_NEED",
        "SINGLE_SUPPORTER",
        "SINGLE_POINT_OF_FAILURE",
        "OVERLOADED_CARER",
        "ISOLATED_CLIENT",
        "NO_TEAM_CONTACT",
        "NO_GP",
        "FRAGMENTED_FORMAL_NETWORK",
        "TEAM_TOO_LARGE",
        "CASELOAD_TOO_LARGE",
        "LOW_CONTINUITY",
    ]


def test_severities_are_ordered() -> None:
    assert Severity.LOW < Severity.MEDIUM < Severity.HIGH
    assert [s.rank for s in Severity] == [1, 2, 3]
    assert max(Severity) is Severity.HIGH
    assert Severity.HIGH.label == "high"


def test_gaps_are_frozen_values_sorted_most_severe_first() -> None:
    low = Gap(GapKind.NO_GP, Severity.LOW, "x")
    high = Gap(GapKind.UNCOVERED_NEED, Severity.HIGH, "y", ("n-1",))
    assert sorted([low, high], key=Gap.sort_key) == [high, low]
    with pytest.raises(AttributeError):
        low.severity = Severity.HIGH  # type: ignore[misc]


def test_thresholds_default_and_checked() -> None:
    t = Thresholds()
    assert (t.carer_max_hours, t.carer_max_needs) == (20.0, 3)
    assert (t.team_max_nurses, t.team_max_clients) == (12, 60)
    assert t.contact_at_least is Frequency.MONTHLY
    assert Thresholds(contact_at_least="weekly").contact_at_least is Frequency.WEEKLY  # type: ignore[arg-type]
    for bad in (
        {"carer_max_hours": -1},
        {"spof_min_needs": 0},
        {"contact_min_closeness": 4},
        {"continuity_min": 1.5},
        {"continuity_min_visits": 1},
        {"team_max_nurses": -1},
    ):
        with pytest.raises(ValueError):
            Thresholds(**bad)
