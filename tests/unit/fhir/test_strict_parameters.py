"""Query strings and forms read strictly, and $everything's period: pure
(fhir_mappings/search/urlencoded.py, fhir_mappings/search/everything.py)."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fhir_mappings import FhirValidationError
from fhir_mappings.search.everything import check_everything_parameters
from fhir_mappings.search.urlencoded import parse_pairs

TEXT = st.text(st.characters(codec="utf-8"), max_size=12)  # no lone surrogates


@given(st.lists(st.tuples(TEXT, TEXT), max_size=5), st.booleans())
def test_a_valid_query_reads_as_parse_qsl_reads_it(
    pairs: list[tuple[str, str]], plus: bool
) -> None:
    """Spaces as ``+`` or as ``%20``, and any character escaped or not."""
    text = urlencode(pairs) if plus else urlencode(pairs, quote_via=quote)
    assert parse_pairs(text.encode("ascii"), "Patient?") == parse_qsl(text, keep_blank_values=True)


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        (b"", []),
        (b"&&name=a&", [("name", "a")]),
        (b"name", [("name", "")]),
        (b"=x", [("", "x")]),
        (b"name=a=b", [("name", "a=b")]),
        (b"name=a+b%2Bc", [("name", "a b+c")]),
        (b"name=50%25", [("name", "50%")]),
        (b"name=Ren%C3%A9", [("name", "René")]),
        ("name=René".encode(), [("name", "René")]),
    ],
)
def test_what_is_read(raw: bytes, read: list[tuple[str, str]]) -> None:
    assert parse_pairs(raw, "Patient?") == read


@pytest.mark.parametrize(
    ("raw", "where", "says"),
    [
        (b"name=%zz", "Patient?name", "'%zz'"),
        (b"name=a%2", "Patient?name", "'%2'"),
        (b"name=a%", "Patient?name", "'%'"),
        (b"na%zzme=a", "Patient?na%zzme", "its name"),
        (b"name=Ren%E9", "Patient?name", "UTF-8"),
        (b"name=Ren\xe9", "Patient?name", "UTF-8"),
    ],
)
def test_a_broken_escape_is_named(raw: bytes, where: str, says: str) -> None:
    with pytest.raises(FhirValidationError) as refused:
        parse_pairs(b"_count=5&" + raw, "Patient?")
    (issue,) = refused.value.issues
    assert issue.expression == where and says in issue.message and issue.code == "structure"


def test_every_broken_parameter_is_named() -> None:
    with pytest.raises(FhirValidationError) as refused:
        parse_pairs(b"name=%zz&identifier=ok&_id=%G1", "Patient?")
    assert [i.expression for i in refused.value.issues] == ["Patient?name", "Patient?_id"]


@pytest.mark.parametrize(
    "query",
    [
        [],
        [("start", "2025-01-01"), ("end", "2025-06-01")],
        [("start", "2025-06"), ("end", "2025-06-01")],  # the month holds the day
        [("start", "2025-06-01"), ("end", "2025-06-01")],
        [("end", "2025")],
        [("_count", "10"), ("_type", "Patient")],  # left to the caller
    ],
)
def test_a_period_that_can_be_is_taken(query: list[tuple[str, str]]) -> None:
    check_everything_parameters(query)


@pytest.mark.parametrize(
    ("query", "where", "says"),
    [
        ([("start", "2025-06-01"), ("end", "2025-01-01")], "$everything?start", "end 2025-01-01"),
        ([("start", "2025-07"), ("end", "2025-06-30")], "$everything?start", "ends before"),
        ([("start", "yesterday")], "$everything?start", "must be a date"),
        ([("end", "2025-02-30")], "$everything?end", "must be a date"),
        ([("end", "2025-01-01T10:00:00Z")], "$everything?end", "must be a date"),
        ([("start", "x"), ("start", "2025")], "$everything?start", "more than once"),
    ],
)
def test_a_period_that_cannot_be_is_named(
    query: list[tuple[str, str]], where: str, says: str
) -> None:
    with pytest.raises(FhirValidationError) as refused:
        check_everything_parameters(query)
    assert refused.value.issues[-1].expression == where
    assert says in " ".join(i.message for i in refused.value.issues)
