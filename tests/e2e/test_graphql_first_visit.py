"""A first visit through /graphql: each person added with what she helps
with and whom she knows in one call, and help of any number of minutes."""

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

ADD = """mutation($i: AddMemberInput!) { addMember(input: $i) {
  __typename
  ... on NetworkChange { version }
  ... on ValidationError { field message }
  ... on NotFoundError { message } } }"""

READ = """query($id: ID!) { client(id: $id) { version
  needs { id supporters { supporter { id } kind frequency hoursPerWeek } }
  knows { a { id } b { id } closeness } } }"""


@pytest.fixture
def gql(make_http: Callable[..., TestClient], issuer: TokenIssuer) -> GraphQL:
    return GraphQL(make_http(population(1)), issuer, nurse(TEAM.id))


def add(gql: GraphQL, **fields: Any) -> dict[str, Any]:
    person = {"clientId": "client-0", "personId": "buur-9", "name": "Kees", "ring": "INFORMAL"}
    result: dict[str, Any] = gql(ADD, {"i": {**person, **fields}})["addMember"]
    return result


def read(gql: GraphQL) -> dict[str, Any]:
    found: dict[str, Any] = gql(READ, {"id": "client-0"})["client"]
    return found


def test_a_person_with_her_help_and_whom_she_knows_in_one_call(gql: GraphQL) -> None:
    before = read(gql)["version"]
    added = add(
        gql,
        relationship="neighbour",
        helpsWith=[
            {
                "needId": "need-0-0",
                "kind": "PRACTICAL",
                "frequency": "WEEKLY",
                "minutesPerWeek": 10,
            },
            {"needId": "need-0-1", "kind": "EMOTIONAL", "hoursPerWeek": 0.1},
        ],
        knows=[{"personId": "p-0-0", "closeness": 3}, {"personId": "p-0-2"}],
    )
    assert added == {"__typename": "NetworkChange", "version": before + 1}
    onion = read(gql)
    helps = {
        n["id"]: s
        for n in onion["needs"]
        for s in n["supporters"]
        if s["supporter"]["id"] == "buur-9"
    }
    # ten minutes a week, as the FHIR CarePlan reads back (hours to 0.01)
    assert helps["need-0-0"]["kind"] == "PRACTICAL"
    assert helps["need-0-0"]["frequency"] == "WEEKLY"
    assert round(helps["need-0-0"]["hoursPerWeek"] * 60) == 10
    assert helps["need-0-1"]["hoursPerWeek"] == pytest.approx(0.1)
    pairs = {(k["a"]["id"], k["b"]["id"]): k["closeness"] for k in onion["knows"]}
    assert pairs[("buur-9", "p-0-0")] == 3
    assert ("buur-9", "p-0-2") in pairs


def test_what_is_wrong_with_her_help_is_said_and_nothing_is_written(gql: GraphQL) -> None:
    before = read(gql)["version"]
    both = add(gql, helpsWith=[{"needId": "need-0-0", "hoursPerWeek": 1, "minutesPerWeek": 10}])
    assert (both["__typename"], both["field"]) == ("ValidationError", "helpsWith[0].minutesPerWeek")
    negative = add(gql, helpsWith=[{"needId": "need-0-0", "minutesPerWeek": -5}])
    assert negative["__typename"] == "ValidationError"
    assert "minutes a week" in negative["message"]
    unknown = add(gql, helpsWith=[{"needId": "need-elsewhere", "minutesPerWeek": 10}])
    assert unknown["__typename"] == "NotFoundError"
    stranger = add(gql, knows=[{"personId": "nobody"}])
    assert stranger["__typename"] == "NotFoundError"
    twice = [{"needId": "need-0-0", "minutesPerWeek": 30}, {"needId": "need-0-0"}]
    helps_twice = add(gql, helpsWith=twice)
    assert (helps_twice["__typename"], helps_twice["field"]) == (
        "ValidationError",
        "supports[1].needId",
    )
    knows_twice = add(gql, knows=[{"personId": "p-0-0"}, {"personId": "p-0-0", "closeness": 3}])
    assert (knows_twice["__typename"], knows_twice["field"]) == ("ValidationError", "knows[1]")
    assert read(gql)["version"] == before
    assert "buur-9" not in str(read(gql))


def test_link_supporter_takes_minutes_too(gql: GraphQL) -> None:
    linked = gql(
        """mutation($i: LinkSupporterInput!) { linkSupporter(input: $i) {
             __typename ... on NetworkChange { version } } }""",
        {
            "i": {
                "clientId": "client-0",
                "needId": "need-0-2",
                "supporterId": "p-0-3",
                "minutesPerWeek": 25,
                "frequency": "DAILY",
            }
        },
    )["linkSupporter"]
    assert linked["__typename"] == "NetworkChange"
    [help] = [
        s
        for n in read(gql)["needs"]
        if n["id"] == "need-0-2"
        for s in n["supporters"]
        if s["supporter"]["id"] == "p-0-3"
    ]
    assert round(help["hoursPerWeek"] * 60) == 25


def test_a_day_in_the_future_is_refused_where_it_was_given(gql: GraphQL) -> None:
    before = read(gql)["version"]
    later = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    since = add(gql, since=later)
    assert (since["__typename"], since["field"]) == ("ValidationError", "since")
    assert later in since["message"] and "future" in since["message"]
    helping = add(gql, helpsWith=[{"needId": "need-0-0", "since": later}])
    assert (helping["__typename"], helping["field"]) == ("ValidationError", "helpsWith[0].since")
    for mutation, kind, fields in (
        ("addNeed", "AddNeedInput", {"code": "06", "since": later}),
        ("updateMember", "UpdateMemberInput", {"personId": "p-0-0", "since": later}),
        (
            "linkSupporter",
            "LinkSupporterInput",
            {"needId": "need-0-2", "supporterId": "p-0-3", "since": later},
        ),
        (
            "recordRating",
            "RecordRatingInput",
            {"needId": "need-0-0", "dimension": "STATUS", "value": 3, "effective": later},
        ),
    ):
        refused = gql(
            f"""mutation($i: {kind}!) {{ {mutation}(input: $i) {{
                 __typename ... on ValidationError {{ field message }} }} }}""",
            {"i": {"clientId": "client-0", **fields}},
        )[mutation]
        assert refused["__typename"] == "ValidationError", (mutation, refused)
        assert refused["field"] in {"since", "effective"}, (mutation, refused)
    assert read(gql)["version"] == before
    # a day ahead of the server's clock is today somewhere east of it
    assert add(gql, since=tomorrow)["__typename"] == "NetworkChange"
