"""Bounds of what a change may say: a day something began or was seen lies
between 1900 and today; an optional text of only invisible characters is no
text, as one of only spaces; a refused value is quoted short."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from graphsvc.domain import (
    Membership,
    NotFound,
    Person,
    Ring,
    SupportKind,
    ValidationError,
    omaha_problem,
)
from graphsvc.domain.values import (
    check_date,
    check_enum,
    check_hours,
    check_id,
    check_int_range,
)

TODAY = datetime.date(2025, 6, 1)
HUGE = "x" * 200_000


def refused(make: Callable[[], object]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        make()
    return caught.value


@pytest.mark.parametrize(
    "day", [datetime.date(1, 1, 1), datetime.date(1899, 12, 31), datetime.date(1000, 6, 1)]
)
def test_a_day_before_1900_is_too_long_ago(day: datetime.date) -> None:
    from graphsvc.domain.values import check_day

    error = refused(lambda: check_day("since", day, today=TODAY))
    assert (error.field, error.code) == ("since", "too-long-ago")
    assert day.isoformat() in error.message and "1900-01-01" in error.message


@pytest.mark.parametrize(
    "day", [datetime.date(2025, 6, 3), datetime.date(2999, 1, 1), datetime.date(9999, 12, 31)]
)
def test_a_day_after_today_is_in_the_future(day: datetime.date) -> None:
    from graphsvc.domain.values import check_day

    error = refused(lambda: check_day("effective", day, today=TODAY))
    assert (error.field, error.code) == ("effective", "in-the-future")


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(1900, 1, 1),
        datetime.date(1975, 3, 9),
        TODAY,
        TODAY + datetime.timedelta(days=1),  # today where the nurse is, as before
    ],
)
def test_a_day_from_1900_to_today_is_taken(day: datetime.date) -> None:
    from graphsvc.domain.values import check_day

    assert check_day("since", day, today=TODAY) == day


@pytest.mark.parametrize("given", ["   ", "\t", "\u200b\u200b", " \u2060\u00ad\u200d ", "\u00a0"])
def test_an_optional_text_of_only_invisible_characters_is_none(given: str) -> None:
    """As a name of them is blank, and a role of only spaces was already none."""
    person = Person("p-1", "Kees", Ring.INFORMAL, role=given, contact=given)
    assert (person.role, person.contact) == (None, None)
    tie = Membership("p-1", "c-1", Ring.FORMAL, role=given, relationship=given)
    assert (tie.role, tie.relationship) == (None, None)


def test_an_optional_text_keeps_what_shows() -> None:
    person = Person("p-1", "Kees", Ring.INFORMAL, role=" bu\u200bur ", contact="06\u00a012")
    assert (person.role, person.contact) == ("bu\u200bur", "06 12")
    assert refused(lambda: Person("p-1", "Kees", Ring.INFORMAL, contact="\u200b\x07")).code == (
        "control-characters"
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: check_id("personId", HUGE),
        lambda: check_enum("ring", Ring, HUGE),
        lambda: check_enum("kind", SupportKind, HUGE),
        lambda: check_int_range("closeness", HUGE, 1, 3),
        lambda: check_hours("hoursPerWeek", HUGE),
        lambda: check_date("since", HUGE),
        lambda: omaha_problem(HUGE, "need.code"),
        lambda: Person(HUGE, "Kees", Ring.INFORMAL),
    ],
)
def test_a_refused_value_is_quoted_short(make: Callable[[], object]) -> None:
    error = refused(make)
    assert len(error.message) < 200, error.message[:300]
    assert "'" + "x" * 60 + "'…" in error.message
    assert "x" * 61 not in error.message


def test_what_is_not_found_is_quoted_short() -> None:
    said = str(NotFound("member", HUGE))
    assert said == "member '" + "x" * 60 + "'… not found"
    assert str(NotFound("member", "p-1")) == "member 'p-1' not found"


def test_a_short_value_is_quoted_whole() -> None:
    error = refused(lambda: check_id("personId", "a b"))
    assert error.message.startswith("'a b' is not a valid id")
    sixty = "é" * 60
    assert f"{sixty!r} is not one of" in refused(lambda: check_enum("ring", Ring, sixty)).message
