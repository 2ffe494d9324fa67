"""Everything a nurse does, through /graphql alone; each change is seen in
the next query, typed errors for what can go wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from graphsvc.domain import Population
from graphsvc.services.tokens import TokenIssuer

from ..conftest import (
    coach,
    nurse,
)
from ..integration.builders import OTHER_TEAM, TEAM, population
from .graphql_client import GraphQL

RESULT = """
  __typename
  ... on NetworkChange { version changed client { id version } }
  ... on ValidationError { message field }
  ... on NotFoundError { message }
  ... on ForbiddenError { message }
  ... on ConflictError { message currentVersion }
"""


def mutate(
    gql: GraphQL, name: str, input: dict[str, Any], result_fields: str = RESULT
) -> dict[str, Any]:
    input_type = {
        "addMember": "AddMemberInput",
        "updateMember": "UpdateMemberInput",
        "removeMember": "RemoveMemberInput",
        "addNeed": "AddNeedInput",
        "resolveNeed": "NeedRefInput",
        "linkSupporter": "LinkSupporterInput",
        "unlinkSupporter": "UnlinkSupporterInput",
        "addKnows": "KnowsInput",
        "removeKnows": "KnowsInput",
        "recordRating": "RecordRatingInput",
        "undoLastChange": "UndoInput",
    }[name]
    query = f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {result_fields} }} }}"
    result: dict[str, Any] = gql(query, {"input": input})[name]
    return result


ONION = """query($id: ID!) { client(id: $id) { version
  members { id displayName ring relationship closeness contactFrequency }
  needs { id code status supporters { supporter { id } kind hoursPerWeek frequency }
          latestRatings { knowledge { value effective } } }
  knows { a { id } b { id } closeness } } }"""


@pytest.fixture
def gql(make_http: Callable[..., TestClient], issuer: TokenIssuer) -> GraphQL:
    http = make_http(population(2))
    return GraphQL(http, issuer, nurse(TEAM.id))


def onion(gql: GraphQL, client_id: str = "client-0") -> dict[str, Any]:
    data: dict[str, Any] = gql(ONION, {"id": client_id})["client"]
    return data


def test_map_a_network_from_scratch(gql: GraphQL) -> None:
    v0 = onion(gql)["version"]
    added = mutate(
        gql,
        "addMember",
        {
            "clientId": "client-0",
            "personId": "buur-1",
            "name": "Kees <script>alert(1)</script>",
            "ring": "INFORMAL",
            "relationship": "neighbour",
            "closeness": 2,
            "contactFrequency": "WEEKLY",
            "expectedVersion": v0,
        },
    )
    assert added["__typename"] == "NetworkChange" and added["version"] == v0 + 1
    member = next(m for m in onion(gql)["members"] if m["id"] == "buur-1")
    assert member == {
        "id": "buur-1",
        "displayName": "Kees <script>alert(1)</script>",
        "ring": "INFORMAL",
        "relationship": "neighbour",
        "closeness": 2,
        "contactFrequency": "WEEKLY",
    }

    updated = mutate(
        gql,
        "updateMember",
        {"clientId": "client-0", "personId": "buur-1", "closeness": 3, "relationship": None},
    )
    assert updated["__typename"] == "NetworkChange"
    member = next(m for m in onion(gql)["members"] if m["id"] == "buur-1")
    assert member["closeness"] == 3 and member["relationship"] is None
    assert member["contactFrequency"] == "WEEKLY"  # left out: kept

    need = mutate(gql, "addNeed", {"clientId": "client-0", "code": "35", "needId": "need-shop"})
    assert need["__typename"] == "NetworkChange"
    linked = mutate(
        gql,
        "linkSupporter",
        {
            "clientId": "client-0",
            "needId": "need-shop",
            "supporterId": "buur-1",
            "kind": "PRACTICAL",
            "frequency": "WEEKLY",
            "hoursPerWeek": 2.5,
        },
    )
    assert linked["__typename"] == "NetworkChange"
    shop = next(n for n in onion(gql)["needs"] if n["id"] == "need-shop")
    assert shop["supporters"] == [
        {
            "supporter": {"id": "buur-1"},
            "kind": "PRACTICAL",
            "hoursPerWeek": 2.5,
            "frequency": "WEEKLY",
        }
    ]

    rated = mutate(
        gql,
        "recordRating",
        {
            "clientId": "client-0",
            "needId": "need-shop",
            "dimension": "KNOWLEDGE",
            "value": 4,
            "effective": "2026-06-01",
        },
    )
    assert rated["__typename"] == "NetworkChange"
    shop = next(n for n in onion(gql)["needs"] if n["id"] == "need-shop")
    assert shop["latestRatings"]["knowledge"] == {"value": 4, "effective": "2026-06-01"}

    knows = mutate(
        gql,
        "addKnows",
        {"clientId": "client-0", "personA": "buur-1", "personB": "p-0-0", "closeness": 1},
    )
    assert knows["__typename"] == "NetworkChange"
    assert {"a": {"id": "buur-1"}, "b": {"id": "p-0-0"}, "closeness": 1} in onion(gql)["knows"]
    assert (
        mutate(
            gql, "removeKnows", {"clientId": "client-0", "personA": "p-0-0", "personB": "buur-1"}
        )["__typename"]
        == "NetworkChange"
    )
    assert all("buur-1" not in (k["a"]["id"], k["b"]["id"]) for k in onion(gql)["knows"])

    unlinked = mutate(
        gql,
        "unlinkSupporter",
        {"clientId": "client-0", "needId": "need-shop", "supporterId": "buur-1"},
    )
    assert unlinked["__typename"] == "NetworkChange"
    assert next(n for n in onion(gql)["needs"] if n["id"] == "need-shop")["supporters"] == []

    resolved = mutate(gql, "resolveNeed", {"clientId": "client-0", "needId": "need-shop"})
    assert resolved["__typename"] == "NetworkChange"
    assert next(n for n in onion(gql)["needs"] if n["id"] == "need-shop")["status"] == "RESOLVED"

    removed = mutate(gql, "removeMember", {"clientId": "client-0", "personId": "buur-1"})
    assert removed["__typename"] == "NetworkChange"
    assert "buur-1" not in [m["id"] for m in onion(gql)["members"]]


def test_the_same_change_twice_changes_nothing(gql: GraphQL) -> None:
    change = {
        "clientId": "client-0",
        "needId": "need-0-0",
        "supporterId": "p-0-3",
        "kind": "EMOTIONAL",
        "hoursPerWeek": 1,
    }
    first = mutate(gql, "linkSupporter", change)
    second = mutate(gql, "linkSupporter", change)
    assert first["changed"] and not second["changed"]
    assert second["version"] == first["version"]


def test_stale_version_is_a_conflict_and_loses_nothing(gql: GraphQL) -> None:
    seen = onion(gql)["version"]
    mine = mutate(
        gql,
        "addNeed",
        {"clientId": "client-0", "code": "06", "needId": "n-a", "expectedVersion": seen},
    )
    assert mine["__typename"] == "NetworkChange"
    theirs = mutate(
        gql,
        "addNeed",
        {"clientId": "client-0", "code": "21", "needId": "n-b", "expectedVersion": seen},
    )
    assert theirs["__typename"] == "ConflictError"
    assert theirs["currentVersion"] == seen + 1
    ids = [n["id"] for n in onion(gql)["needs"]]
    assert "n-a" in ids and "n-b" not in ids
    retried = mutate(
        gql,
        "addNeed",
        {
            "clientId": "client-0",
            "code": "21",
            "needId": "n-b",
            "expectedVersion": theirs["currentVersion"],
        },
    )
    assert retried["__typename"] == "NetworkChange"
    assert {"n-a", "n-b"} <= {n["id"] for n in onion(gql)["needs"]}


@pytest.mark.parametrize(
    ("name", "input", "field"),
    [
        ("addNeed", {"clientId": "client-0", "code": "77"}, "need.code"),
        ("addMember", {"clientId": "client-0", "name": "  ", "ring": "INFORMAL"}, "person.name"),
        (
            "addMember",
            {"clientId": "client-0", "name": "X", "ring": "INFORMAL", "closeness": 9},
            "membership.closeness",
        ),
        (
            "linkSupporter",
            {
                "clientId": "client-0",
                "needId": "need-0-0",
                "supporterId": "p-0-0",
                "hoursPerWeek": -2,
            },
            "support.hoursPerWeek",
        ),
        (
            "recordRating",
            {"clientId": "client-0", "needId": "need-0-0", "dimension": "STATUS", "value": 6},
            "observation.value",
        ),
        (
            "recordRating",
            {"clientId": "client-0", "needId": "need-0-0", "dimension": "STATUS", "value": 0},
            "observation.value",
        ),
        (
            "addKnows",
            {"clientId": "client-0", "personA": "p-0-0", "personB": "p-0-0"},
            "knows.personB",
        ),
    ],
)
def test_invalid_changes_say_which_field(
    gql: GraphQL, name: str, input: dict[str, Any], field: str
) -> None:
    before = onion(gql)
    result = mutate(gql, name, input)
    assert result["__typename"] == "ValidationError" and result["field"] == field
    assert onion(gql) == before


def test_not_found_and_forbidden(make_http: Callable[..., TestClient], issuer: TokenIssuer) -> None:
    http = make_http(population(2))
    mine = GraphQL(http, issuer, nurse(TEAM.id))
    missing = mutate(
        mine, "linkSupporter", {"clientId": "client-0", "needId": "nope", "supporterId": "p-0-0"}
    )
    assert missing["__typename"] == "NotFoundError"
    stranger = GraphQL(http, issuer, nurse(OTHER_TEAM.id))
    hidden = mutate(stranger, "addNeed", {"clientId": "client-0", "code": "06"})
    assert hidden["__typename"] == "NotFoundError"
    assert hidden["message"] == mutate(stranger, "addNeed", {"clientId": "ghost", "code": "06"})[
        "message"
    ].replace("ghost", "client-0")
    reader = GraphQL(http, issuer, coach(TEAM.id))
    assert (
        mutate(reader, "addNeed", {"clientId": "client-0", "code": "06"})["__typename"]
        == "ForbiddenError"
    )


def two_teams() -> Population:
    """Team A's client-0 and team B's client-5, both with the same GP."""
    a, b = population(1), population(1, OTHER_TEAM, start=5)
    return Population(
        teams=(TEAM, OTHER_TEAM),
        organizations=a.organizations,
        staff=a.staff,
        onions=(*a.onions, *b.onions),
    )


GP = {"personId": "gp-person-1", "name": "Dr. Bakker", "ring": "FORMAL"}


def test_people_are_owned(make_http: Callable[..., TestClient], issuer: TokenIssuer) -> None:
    """A directory entry is linked, not renamed, through one onion; a relative
    belongs to one network; nothing one team does changes another's onion."""
    http = make_http(two_teams())
    ours = GraphQL(http, issuer, nurse(TEAM.id))
    theirs = GraphQL(http, issuer, nurse(OTHER_TEAM.id))
    assert mutate(ours, "addMember", {"clientId": "client-0", **GP})["__typename"] == (
        "NetworkChange"
    )

    renamed = mutate(theirs, "addMember", {"clientId": "client-5", **GP, "name": "Dr. X"})
    assert renamed["__typename"] == "ValidationError" and "directory" in renamed["message"]
    linked = mutate(theirs, "addMember", {"clientId": "client-5", **GP, "relationship": "huisarts"})
    assert linked["__typename"] == "NetworkChange"
    gp = next(m for m in onion(ours, "client-0")["members"] if m["id"] == "gp-person-1")
    assert gp["displayName"] == "Dr. Bakker" and gp["relationship"] is None

    relative = {"personId": "p-0-1", "name": "Person 0.1", "ring": "INFORMAL"}
    taken = mutate(theirs, "addMember", {"clientId": "client-5", **relative})
    assert taken["__typename"] == "ValidationError" and "another client" in taken["message"]
    assert "p-0-1" not in {m["id"] for m in onion(theirs, "client-5")["members"]}
    foreign_need = mutate(
        theirs, "addNeed", {"clientId": "client-5", "code": "06", "needId": "need-0-0"}
    )
    assert foreign_need["__typename"] == "ValidationError"


NETWORK = """query($id: ID!) { client(id: $id) { version
  members { id } needs { id code latestRatings { knowledge { value } } }
  gaps { kind explanation subjects { __typename id } } } }"""


def test_an_id_of_another_kind_names_no_need_or_rating(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    """A need's or a rating's id is refused when anything else already has
    it: a person (of this onion, another's, the directory), a client, a team
    or organisation, a need or rating of another kind or client; said as
    taken, not whose, and nothing is written."""
    http = make_http(two_teams())
    ours = GraphQL(http, issuer, nurse(TEAM.id))
    theirs = GraphQL(http, issuer, nurse(OTHER_TEAM.id))
    before = ours(NETWORK, {"id": "client-0"})["client"]
    before_theirs = theirs(NETWORK, {"id": "client-5"})["client"]
    others = [
        "p-0-1",  # her own informal carer
        "p-5-1",  # another team's client's relative
        "gp-person-1",  # a professional of the directory
        "client-0",
        "client-5",
        TEAM.id,
        OTHER_TEAM.id,
        "gp-1",  # an organisation
    ]
    needs = [*others, "obs-0-0", "obs-5-0", "need-5-0"]
    ratings = [*others, "need-0-1", "need-5-0", "obs-5-0"]
    token = {"Authorization": f"Bearer {ours.token}"}
    said: dict[str, set[str]] = {"need.id": set(), "observation.id": set()}
    for taken in needs:
        refused = mutate(ours, "addNeed", {"clientId": "client-0", "code": "12", "needId": taken})
        assert refused["__typename"] == "ValidationError", (taken, refused)
        assert refused["field"] == "need.id" and "taken" in refused["message"], refused
        said["need.id"].add(refused["message"].replace(repr(taken), "<id>"))
        if taken not in ("need-5-0", "obs-5-0"):  # those are another team's to read
            assert http.get(f"/fhir/Condition/{taken}", headers=token).status_code == 404
    for taken in ratings:
        rating = {"clientId": "client-0", "needId": "need-0-0", "ratingId": taken}
        refused = mutate(ours, "recordRating", {**rating, "dimension": "STATUS", "value": 2})
        assert refused["__typename"] == "ValidationError", (taken, refused)
        assert refused["field"] == "observation.id" and "taken" in refused["message"], refused
        said["observation.id"].add(refused["message"].replace(repr(taken), "<id>"))
        if taken not in ("need-5-0", "obs-5-0"):
            assert http.get(f"/fhir/Observation/{taken}", headers=token).status_code == 404
    # one message whatever holds the id: nothing said of whose it is
    assert all(len(messages) == 1 for messages in said.values()), said
    assert not any("client-" in m or "team-" in m for m in said["need.id"] | said["observation.id"])
    assert ours(NETWORK, {"id": "client-0"})["client"] == before
    assert theirs(NETWORK, {"id": "client-5"})["client"] == before_theirs
    # an id nothing has is taken as given
    added = mutate(ours, "addNeed", {"clientId": "client-0", "code": "12", "needId": "need-new"})
    assert added["__typename"] == "NetworkChange" and added["changed"], added


def test_a_change_stays_acknowledged_when_reading_her_back_fails(gql: GraphQL) -> None:
    """The change is committed before the client is read back: a field of
    hers that fails (a history with its dates the wrong way round) is an
    error of that field, and the result still says the change went through."""
    v0 = onion(gql)["version"]
    body = gql.raw(
        """mutation { addNeed(input: {clientId: "client-0", code: "35", needId: "need-back"}) {
             __typename
             ... on NetworkChange { version changed client { id
               strengthHistory(from: "2025-06-01", to: "2025-01-01") { gapKinds } } } } }"""
    )
    assert body["data"]["addNeed"] == {
        "__typename": "NetworkChange",
        "version": v0 + 1,
        "changed": True,
        "client": None,
    }
    assert [e["path"] for e in body["errors"]] == [["addNeed", "client", "strengthHistory"]]
    after = onion(gql)
    assert after["version"] == v0 + 1
    assert "need-back" in {n["id"] for n in after["needs"]}


WHY = """
  __typename
  ... on Problem { message code }
  ... on ValidationError { field minimum maximum }
"""


def refusal(gql: GraphQL, name: str, input: dict[str, Any]) -> dict[str, Any]:
    """A change's problem with its code, or the change."""
    return mutate(gql, name, input, WHY)


MEMBER = {"clientId": "client-0", "ring": "INFORMAL"}
RATING = {"clientId": "client-0", "needId": "need-0-0", "dimension": "STATUS"}


@pytest.mark.parametrize(
    ("name", "input", "expected"),
    [
        (
            "addMember",
            {**MEMBER, "name": "Kees\u0007"},
            {"field": "person.name", "code": "control-characters"},
        ),
        (
            "addMember",
            {**MEMBER, "name": "Kees \u202edeR"},
            {"field": "person.name", "code": "bidirectional-characters"},
        ),
        ("addMember", {**MEMBER, "name": "  "}, {"field": "person.name", "code": "blank"}),
        (
            "addMember",
            {**MEMBER, "name": "K", "contact": "0" * 501},
            {"field": "person.contact", "code": "too-long", "maximum": 500},
        ),
        (
            "addMember",
            {**MEMBER, "name": "K", "closeness": 9},
            {"field": "membership.closeness", "code": "out-of-range", "minimum": 1, "maximum": 3},
        ),
        (
            "recordRating",
            {**RATING, "value": 6},
            {"field": "observation.value", "code": "out-of-range", "minimum": 1, "maximum": 5},
        ),
        (
            "recordRating",
            {**RATING, "value": 3, "effective": "2999-01-01"},
            {"field": "effective", "code": "in-the-future"},
        ),
        (
            "linkSupporter",
            {
                "clientId": "client-0",
                "needId": "need-0-0",
                "supporterId": "p-0-0",
                "hoursPerWeek": 169,
            },
            {"field": "support.hoursPerWeek", "code": "out-of-range", "minimum": 0, "maximum": 168},
        ),
        (
            "addKnows",
            {"clientId": "client-0", "personA": "p-0-0", "personB": "p-0-0"},
            {"field": "knows.personB", "code": "knows-herself"},
        ),
        ("addNeed", {"clientId": "client-0", "code": "77"}, {"code": "unknown-omaha-code"}),
        (
            "addNeed",
            {"clientId": "client-0", "code": "12", "needId": "p-0-1"},
            {"field": "need.id", "code": "taken"},
        ),
        (
            "linkSupporter",
            {"clientId": "client-0", "needId": "nope", "supporterId": "p-0-0"},
            {"__typename": "NotFoundError", "code": "not-found"},
        ),
    ],
)
def test_a_refusal_says_why_as_a_code(
    gql: GraphQL, name: str, input: dict[str, Any], expected: dict[str, Any]
) -> None:
    """The code a page translates by, with the bounds it speaks of; the
    service's English stays in the message."""
    result = refusal(gql, name, input)
    expected = {"__typename": "ValidationError", "minimum": None, "maximum": None, **expected}
    assert {k: result.get(k) for k in expected} == expected, result
    assert result["message"]


def test_a_refusal_without_a_code(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    """What the service has no code for has none: its message says why. A
    conflict is version-conflict."""
    http = make_http(population(1))
    reader = GraphQL(http, issuer, coach(TEAM.id))
    refused = refusal(reader, "addNeed", {"clientId": "client-0", "code": "06"})
    assert refused["__typename"] == "ForbiddenError" and refused["code"] is None
    assert refused["message"]

    mine = GraphQL(http, issuer, nurse(TEAM.id))
    version = onion(mine)["version"]
    stale = {"clientId": "client-0", "code": "06", "expectedVersion": version - 1}
    conflict = refusal(mine, "addNeed", stale)
    assert conflict == {
        "__typename": "ConflictError",
        "message": conflict["message"],
        "code": "version-conflict",
    }
