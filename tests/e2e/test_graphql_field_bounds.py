"""Through /graphql: a day a change names lies between 1900 and today, an
optional role or contact of only invisible characters is none (as one of
only spaces), and a refused id comes back quoted short, not whole."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from graphsvc.services.tokens import TokenIssuer

from ..conftest import nurse
from ..integration.builders import TEAM, population
from .graphql_client import GraphQL
from .test_graphql_mutations import WHY, mutate, onion

MEMBER = {"clientId": "client-0", "name": "Kees", "ring": "INFORMAL"}
HELP = {"clientId": "client-0", "needId": "need-0-0", "supporterId": "p-0-0"}
RATING = {"clientId": "client-0", "needId": "need-0-0", "dimension": "STATUS", "value": 3}
MEMBERS = """query($id: ID!) { client(id: $id) {
  members { id role relationship contact since } } }"""
LSNS6 = """mutation($input: RecordLsns6AnswerInput!) { recordLsns6Answer(input: $input) {
  __typename ... on Problem { message code } ... on ValidationError { field } } }"""


@pytest.fixture
def gql(make_http: Callable[..., TestClient], issuer: TokenIssuer) -> GraphQL:
    return GraphQL(make_http(population(1)), issuer, nurse(TEAM.id))


def changes_with(day: str) -> list[tuple[str, dict[str, Any], str]]:
    """Every change that names a day, with that day, and the field said."""
    return [
        ("addMember", {**MEMBER, "since": day}, "since"),
        (
            "addMember",
            {**MEMBER, "helpsWith": [{"needId": "need-0-0", "since": day}]},
            "helpsWith[0].since",
        ),
        ("updateMember", {"clientId": "client-0", "personId": "p-0-0", "since": day}, "since"),
        ("linkSupporter", {**HELP, "since": day}, "since"),
        ("addNeed", {"clientId": "client-0", "code": "12", "since": day}, "since"),
        ("recordRating", {**RATING, "effective": day}, "effective"),
    ]


def label(case: tuple[str, dict[str, Any], str]) -> str:
    return f"{case[0]}-{case[2]}"


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31"])
@pytest.mark.parametrize("case", changes_with("DAY"), ids=label)
def test_a_day_before_1900_is_refused(
    gql: GraphQL, case: tuple[str, dict[str, Any], str], day: str
) -> None:
    name, template, field = case
    input = _with_day(template, day)
    before = onion(gql)
    result = mutate(gql, name, input, WHY)
    assert result["__typename"] == "ValidationError", result
    assert (result["field"], result["code"]) == (field, "too-long-ago")
    assert "1900-01-01" in result["message"]
    assert onion(gql) == before


@pytest.mark.parametrize("case", changes_with("DAY"), ids=label)
def test_a_day_in_the_future_is_still_refused(
    gql: GraphQL, case: tuple[str, dict[str, Any], str]
) -> None:
    name, template, field = case
    result = mutate(gql, name, _with_day(template, "9999-12-31"), WHY)
    assert (result["__typename"], result["field"], result["code"]) == (
        "ValidationError",
        field,
        "in-the-future",
    )


@pytest.mark.parametrize("day", ["1900-01-01", datetime.date.today().isoformat()])
@pytest.mark.parametrize("case", changes_with("DAY"), ids=label)
def test_a_day_from_1900_to_today_is_taken(
    gql: GraphQL, case: tuple[str, dict[str, Any], str], day: str
) -> None:
    name, template, _ = case
    result = mutate(gql, name, _with_day(template, day), WHY)
    assert result["__typename"] == "NetworkChange", result


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31"])
def test_an_lsns6_answer_of_before_1900_is_refused(gql: GraphQL, day: str) -> None:
    input = {"clientId": "client-0", "item": "RELATIVES_IN_TOUCH", "score": 2, "effective": day}
    result = gql(LSNS6, {"input": input})["recordLsns6Answer"]
    assert (result["__typename"], result["field"], result["code"]) == (
        "ValidationError",
        "effective",
        "too-long-ago",
    )


def _with_day(template: dict[str, Any], day: str) -> dict[str, Any]:
    def put(value: Any) -> Any:
        if value == "DAY":
            return day
        if isinstance(value, dict):
            return {k: put(v) for k, v in value.items()}
        if isinstance(value, list):
            return [put(v) for v in value]
        return value

    result: dict[str, Any] = put(template)
    return result


def member(gql: GraphQL, person_id: str) -> dict[str, Any]:
    members = gql(MEMBERS, {"id": "client-0"})["client"]["members"]
    found: dict[str, Any] = next(m for m in members if m["id"] == person_id)
    return found


@pytest.mark.parametrize("blank", ["   ", "\u200b\u200b", "\t", "\u2060\u00ad"])
@pytest.mark.parametrize("ring", ["INFORMAL", "FORMAL"])
def test_a_role_or_contact_of_nothing_visible_is_none(gql: GraphQL, blank: str, ring: str) -> None:
    """As one of only spaces always was: no value, never a value that shows nothing."""
    input = {**MEMBER, "ring": ring, "personId": "kees", "role": blank, "contact": blank}
    added = mutate(gql, "addMember", {**input, "relationship": blank})
    assert added["__typename"] == "NetworkChange", added
    kees = member(gql, "kees")
    assert (kees["role"], kees["relationship"], kees["contact"]) == (None, None, None)

    mutate(gql, "updateMember", {"clientId": "client-0", "personId": "kees", "role": "buur"})
    assert member(gql, "kees")["role"] == "buur"
    updated = mutate(
        gql,
        "updateMember",
        {"clientId": "client-0", "personId": "kees", "role": blank, "contact": blank},
    )
    assert updated["__typename"] == "NetworkChange", updated
    kees = member(gql, "kees")
    assert (kees["role"], kees["contact"]) == (None, None)


HUGE = "p" * 200_000


@pytest.mark.parametrize(
    ("name", "input"),
    [
        ("addMember", {**MEMBER, "personId": HUGE + "/"}),
        ("updateMember", {"clientId": "client-0", "personId": HUGE, "closeness": 2}),
        ("linkSupporter", {**HELP, "supporterId": HUGE}),
        ("linkSupporter", {**HELP, "needId": HUGE}),
        ("addKnows", {"clientId": "client-0", "personA": "p-0-0", "personB": HUGE + "?"}),
        ("recordRating", {**RATING, "needId": HUGE}),
        ("removeMember", {"clientId": "client-0", "personId": HUGE}),
        ("addNeed", {"clientId": "client-0", "code": HUGE}),
        ("addNeed", {"clientId": "client-0", "code": "12", "needId": HUGE + "!"}),
    ],
)
def test_a_refused_id_is_quoted_short(gql: GraphQL, name: str, input: dict[str, Any]) -> None:
    result = mutate(gql, name, input, WHY)
    assert result["__typename"] in {"ValidationError", "NotFoundError"}, str(result)[:300]
    assert len(result["message"]) < 200, result["message"][:300]
    assert "p" * 60 + "'…" in result["message"]
