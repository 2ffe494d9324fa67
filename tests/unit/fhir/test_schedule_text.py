"""How often, read from a schedule in words (CarePlan.activity.detail.scheduledString)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fhir_mappings.schedule_text import describe, times_per_week
from graphsvc.domain import Frequency, Help, ValidationError, frequency_band

A_MONTH = Fraction(7 * 48, 1461)  # once a month, in times a week


@pytest.mark.parametrize(
    ("text", "per_week"),
    [
        ("1 keer per week", 1),
        ("Eén keer per week", 1),
        ("2x per week", 2),
        ("2 x p/w", 2),
        ("2x/week", 2),
        ("3 keer per dag", 21),
        ("3 maal daags", 21),
        ("3 dd", 21),
        ("dagelijks", 7),
        ("Elke dag even langs", 7),
        ("om de dag", Fraction(7, 2)),
        ("om de week", Fraction(1, 2)),
        ("om de 3 dagen", Fraction(7, 3)),
        ("elke 2 weken", Fraction(1, 2)),
        ("1 keer per 2 weken", Fraction(1, 2)),
        ("tweewekelijks", Fraction(1, 2)),
        ("wekelijks op dinsdag", 1),
        ("maandelijks", A_MONTH),
        ("4 keer in de maand", 4 * A_MONTH),
        ("op werkdagen", 5),
        ("twice a week", 2),
        ("three times per week", 3),
        ("3 times a day", 21),
        ("daily", 7),
        ("every other day", Fraction(7, 2)),
        ("once a month", A_MONTH),
        ("weekly", 1),
        ("zo nodig", None),
        ("als het uitkomt", None),
        ("a few times", None),
        ("", None),
    ],
)
def test_a_rate_in_dutch_or_english_is_read(text: str, per_week: int | Fraction | None) -> None:
    assert times_per_week(text) == per_week


@pytest.mark.parametrize(
    ("per_week", "words"),
    [
        (7, "dagelijks"),
        (21, "3 keer per dag"),
        (Fraction(7, 2), "om de dag"),
        (1, "wekelijks"),
        (3, "3 keer per week"),
        (A_MONTH, "maandelijks"),
        (Fraction(1, 2), "om de 2 weken"),
        (2 * A_MONTH, "2 keer per maand"),
        (Fraction(7, 3), "2,33 keer per week"),
    ],
)
def test_a_rate_is_described_as_a_dutch_care_plan_says_it(
    per_week: int | Fraction, words: str
) -> None:
    assert describe(per_week) == words


@given(st.fractions(min_value=Fraction(1, 100), max_value=100))
def test_a_described_rate_reads_back_close_to_itself(rate: Fraction) -> None:
    back = times_per_week(describe(rate))
    assert back is not None and abs(back - rate) <= max(Fraction(1, 100), rate / 100)


@given(st.text(max_size=80))
def test_any_text_gives_a_rate_or_none_and_never_fails(text: str) -> None:
    found = times_per_week(text)
    assert found is None or found >= 0


def test_help_counts_as_contact_by_its_band() -> None:
    assert Help("boodschappen", times_per_week=2).frequency is Frequency.SEVERAL_TIMES_A_WEEK
    assert Help("klusjes").frequency is None
    assert frequency_band(A_MONTH) is Frequency.MONTHLY
    assert frequency_band(A_MONTH - Fraction(1, 10**6)) is Frequency.LESS_OFTEN
    with pytest.raises(ValidationError):
        Help("boodschappen", times_per_week=-1)
    with pytest.raises(ValidationError):
        Help(" ")
