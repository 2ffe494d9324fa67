"""Choosing a resource's versions for a history request: pure, on versions
made here (fhir_mappings/search/history.py)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

import pytest

from fhir_mappings import FhirValidationError
from fhir_mappings.search.history import HistoryQuery, chosen_versions, parse_history


@dataclass(frozen=True)
class V:
    version_id: int
    last_updated: str


# newest first, as the store gives them: one a day in March
VERSIONS = [V(n, f"2026-03-0{n}T12:00:00.250Z") for n in (5, 4, 3, 2, 1)]


def ids(query: HistoryQuery) -> tuple[list[int], int, int | None]:
    page, total, after = chosen_versions(VERSIONS, query)
    return [v.version_id for v in page], total, after


def test_pages_follow_one_another_to_the_oldest() -> None:
    query = parse_history([("_count", "2")])
    assert ids(query) == ([5, 4], 5, 4)
    assert ids(parse_history([("_count", "2"), ("_after", "4")])) == ([3, 2], 5, 2)
    assert ids(parse_history([("_count", "2"), ("_after", "2")])) == ([1], 5, None)
    assert parse_history(parse_qsl(query.as_query(4))) == HistoryQuery(count=2, after=4)


def test_since_is_at_or_after_to_the_second() -> None:
    assert ids(parse_history([("_since", "2026-03-03T12:00:00Z")])) == ([5, 4, 3], 3, None)
    assert ids(parse_history([("_since", "2026-03-04")])) == ([5, 4], 2, None)


def test_at_is_what_was_current_then() -> None:
    assert ids(parse_history([("_at", "2026-03-03T18:00:00Z")])) == ([3], 1, None)
    assert ids(parse_history([("_at", "2026-03-03")])) == ([3, 2], 2, None)  # the whole day
    assert ids(parse_history([("_at", "ge2026-03-04T13:00:00Z")])) == ([5, 4], 2, None)
    assert ids(parse_history([("_at", "le2026-03-01T11:00:00Z")])) == ([], 0, None)
    assert ids(parse_history([("_at", "2030")])) == ([5], 1, None)  # the last stays current


def test_parameters_it_cannot_read_are_all_named() -> None:
    with pytest.raises(FhirValidationError) as raised:
        parse_history([("_count", "-1"), ("_since", "x"), ("_sort", "a"), ("_after", "1.5")])
    assert [i.expression for i in raised.value.issues] == [
        "_history?_count",
        "_history?_since",
        "_history?_sort",
        "_history?_after",
    ]
