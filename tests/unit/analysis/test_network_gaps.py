"""ISOLATED_CLIENT, NO_TEAM_CONTACT, NO_GP and FRAGMENTED_FORMAL_NETWORK."""

from __future__ import annotations

import pytest

from graphsvc.analysis import Gap, GapKind, Severity, Thresholds, find_gaps, is_gp
from graphsvc.domain import Frequency, Ring

from .sketch import Sketch, anchored


def of(gaps: tuple[Gap, ...], kind: GapKind) -> list[Gap]:
    return [g for g in gaps if g.kind is kind]


# -- isolation: fewer than two informal members in touch at least monthly, not distant


def test_isolated_with_one_close_contact() -> None:
    s = anchored()
    s.informal("niece", "Ingrid Bakker", "niece", Frequency.LESS_OFTEN, 3)  # seen too rarely
    s.informal("d", "Els de Vries", "daughter", Frequency.MONTHLY, 2)  # counts
    s.informal("buur", "Wim Kuipers", "neighbour", Frequency.DAILY, 1)  # not close
    (gap,) = find_gaps(s.onion())
    assert gap.kind is GapKind.ISOLATED_CLIENT
    assert gap.severity is Severity.MEDIUM
    assert gap.subjects == ("d",)
    assert gap.explanation == (
        "Only Els de Vries keeps close contact with Anna de Vries "
        "(in touch at least monthly and not distant)."
    )


def test_isolated_with_nobody_is_high() -> None:
    s = anchored()
    s.informal("niece", "Ingrid Bakker", "niece", Frequency.LESS_OFTEN, 1)
    (gap,) = find_gaps(s.onion())
    assert (gap.kind, gap.severity, gap.subjects) == (GapKind.ISOLATED_CLIENT, Severity.HIGH, ())
    assert gap.explanation.startswith("Nobody among family, friends or neighbours")


def test_two_close_contacts_are_enough() -> None:
    s = anchored()
    s.informal("d", "Els de Vries", "daughter", Frequency.MONTHLY, 2)
    s.informal("f", "Jo Smit", "friend", Frequency.WEEKLY, None)  # closeness unrecorded
    assert find_gaps(s.onion()) == ()


def test_unrecorded_frequency_is_not_contact() -> None:
    s = anchored()
    s.informal("d", "Els de Vries", "daughter", None, 3)
    s.informal("f", "Jo Smit", "friend", Frequency.WEEKLY, 3)
    assert len(of(find_gaps(s.onion()), GapKind.ISOLATED_CLIENT)) == 1


def test_professionals_are_no_contacts() -> None:
    s = anchored()
    s.professional("physio", "Femke Smit", "physiotherapist")
    s.nurse("n2", "Sanne Peters")
    assert len(of(find_gaps(s.onion()), GapKind.ISOLATED_CLIENT)) == 1


def test_isolation_threshold_is_configurable() -> None:
    s = anchored()
    s.informal("d", "Els de Vries", "daughter", Frequency.WEEKLY, 3)
    s.informal("f", "Jo Smit", "friend", Frequency.MONTHLY, 3)
    assert find_gaps(s.onion()) == ()
    stricter = Thresholds(isolation_min_contacts=3)
    (gap,) = find_gaps(s.onion(), thresholds=stricter)
    assert gap.explanation.startswith("Only Els de Vries and Jo Smit keep close contact")
    weekly = Thresholds(contact_at_least=Frequency.WEEKLY)
    assert [g.subjects for g in find_gaps(s.onion(), thresholds=weekly)] == [("d",)]


# -- the team and the GP


def informal_pair(s: Sketch) -> Sketch:
    s.informal("d", "Els de Vries")
    s.informal("f", "Jo Smit", "friend")
    return s


def test_no_team_contact() -> None:
    s = informal_pair(Sketch())
    s.professional("gp", "Roel Smits")
    (gap,) = find_gaps(s.onion())
    assert (gap.kind, gap.severity) == (GapKind.NO_TEAM_CONTACT, Severity.HIGH)
    assert gap.explanation == "No nurse of the team is in the network of Anna de Vries."


def test_no_gp() -> None:
    s = informal_pair(Sketch())
    s.nurse("nurse", "Kim Dijkstra")
    s.professional("pharm", "Kim van den Brink", "pharmacist")
    (gap,) = find_gaps(s.onion())
    assert (gap.kind, gap.severity) == (GapKind.NO_GP, Severity.MEDIUM)
    assert gap.explanation == "Anna de Vries has no general practitioner in the network."


@pytest.mark.parametrize(
    ("ring", "role", "gp"),
    [
        (Ring.FORMAL, "general practitioner", True),
        (Ring.FORMAL, "GP", True),
        (Ring.FORMAL, "Huisarts", True),
        (Ring.FORMAL, "waarnemend huisarts", True),
        (Ring.FORMAL, "family doctor", True),
        (Ring.FORMAL, "GP assistant", False),
        (Ring.FORMAL, "huisartsassistent", False),
        (Ring.FORMAL, "pharmacist", False),
        (Ring.FORMAL, None, False),
        (Ring.INFORMAL, "general practitioner", False),  # a retired GP next door
    ],
)
def test_gp_rule(ring: Ring, role: str | None, gp: bool) -> None:
    s = Sketch()
    s.member("p", "Roel Smits", ring, role=role)
    assert is_gp(s.members[0]) is gp


# -- professionals who know no team nurse


def test_fragmented_formal_network() -> None:
    s = informal_pair(anchored())  # the GP knows the nurse
    s.professional("physio", "Femke Smit", "physiotherapist")
    s.professional("pharm", "Kim van den Brink", "pharmacist")
    s.professional("social", "Ali Yilmaz", "social worker")
    moving, pills = s.need("25"), s.need("42")
    for pid in ("physio", "d"):
        s.support(pid, moving)
    for pid in ("pharm", "gp", "nurse"):
        s.support(pid, pills)
    s.know("pharm", "d")  # knowing the family is not knowing the team
    # the social worker supports nothing: not part of the gap
    (gap, other) = of(find_gaps(s.onion()), GapKind.FRAGMENTED_FORMAL_NETWORK)
    assert gap.severity is Severity.LOW
    assert gap.subjects == ("pharm", pills)
    assert gap.explanation == (
        "Kim van den Brink (pharmacist) helps Anna de Vries with Medication regimen "
        "but knows no nurse of the team."
    )
    assert other.subjects == ("physio", moving)


def test_knowing_a_nurse_is_enough() -> None:
    s = informal_pair(anchored())
    s.nurse("n2", "Sanne Peters")
    s.professional("physio", "Femke Smit", "physiotherapist")
    moving = s.need("25")
    s.support("physio", moving)
    s.support("d", moving)
    s.know("physio", "n2")
    assert find_gaps(s.onion()) == ()


def test_without_team_nurse_every_supporting_professional_is_unconnected() -> None:
    s = informal_pair(Sketch())
    s.professional("gp", "Roel Smits")
    pills = s.need("42")
    s.support("gp", pills)
    s.support("d", pills)
    found = [(g.kind, g.subjects) for g in find_gaps(s.onion())]
    assert found == [
        (GapKind.NO_TEAM_CONTACT, ()),
        (GapKind.FRAGMENTED_FORMAL_NETWORK, ("gp", pills)),
    ]
