"""/graphql bodies that a lenient reader would take otherwise than they were
meant: an object naming a key twice (the last silently won), a body said to
be in another charset than UTF-8. Each is refused in GraphQL's error shape
before anything runs; nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graphsvc.config import Settings
from graphsvc.services.tokens import TokenIssuer

from ..conftest import nurse
from ..integration.builders import TEAM, population
from .graphql_client import GraphQL, posting_as

ME = "{ me { subject } }"
ADD_MEMBER = (
    "mutation($input: AddMemberInput!) "
    "{ addMember(input: $input) { __typename ... on NetworkChange { version } } }"
)
MEMBERS = "query($id: ID!) { client(id: $id) { version members { id displayName } } }"


@pytest.fixture
def gql(settings: Settings, issuer: TokenIssuer) -> Iterator[TestClient]:
    with posting_as(settings, issuer, nurse("team-a")) as client:
        yield client


def refused(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    (error,) = response.json()["errors"]
    message: str = error["message"]
    return message


def test_a_key_named_twice_is_a_400(gql: TestClient) -> None:
    twice = '{"query": "{ me { subject } }", "query": "{ me { role } }"}'
    said = refused(gql.post("/graphql", content=twice), 400)
    assert "'query'" in said and "more than once" in said, said
    deep = '{"query": "{ me { subject } }", "variables": {"a": [{"b": 1, "b": 2}]}}'
    said = refused(gql.post("/graphql", content=deep), 400)
    assert "'b'" in said and "'variables.a[0]'" in said, said


def test_the_same_key_in_different_objects_is_fine(gql: TestClient) -> None:
    apart = '{"query": "{ me { subject } }", "variables": {"a": {"b": 1}, "c": {"b": 2}}}'
    response = gql.post("/graphql", content=apart)
    assert response.status_code == 200, response.text
    assert response.json() == {"data": {"me": {"subject": "nurse-1"}}}


def test_a_mutation_with_a_key_named_twice_writes_nothing(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    http = make_http(population(1))
    reader = GraphQL(http, issuer, nurse(TEAM.id))
    before = reader(MEMBERS, {"id": "client-0"})["client"]
    member = {
        "clientId": "client-0",
        "personId": "buur-1",
        "name": "Kees",
        "ring": "INFORMAL",
        "expectedVersion": before["version"],
    }
    body = json.dumps({"query": ADD_MEMBER, "variables": {"input": member}})
    twice = body.replace('"name": "Kees"', '"name": "Kees", "name": "Piet"')
    assert twice != body
    headers = {"Authorization": f"Bearer {reader.token}", "Content-Type": "application/json"}
    said = refused(http.post("/graphql", content=twice, headers=headers), 400)
    assert "'name'" in said and "'variables.input'" in said, said
    assert reader(MEMBERS, {"id": "client-0"})["client"] == before
    # the same request, each key once, is taken
    added = http.post("/graphql", content=body, headers=headers).json()
    assert added["data"]["addMember"]["__typename"] == "NetworkChange", added


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json; charset=latin-1",
        "application/json; charset=ISO-8859-1",
        'application/json; charset="windows-1252"',
        "application/json;charset=utf-16",
    ],
)
def test_a_body_in_another_charset_than_utf8_is_a_415(gql: TestClient, content_type: str) -> None:
    response = gql.post(
        "/graphql", content=json.dumps({"query": ME}), headers={"Content-Type": content_type}
    )
    assert "UTF-8" in refused(response, 415)


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=UTF-8",
        "application/json;charset=utf8",
        'application/json; charset="UTF-8"',
    ],
)
def test_utf8_or_no_charset_is_read(gql: TestClient, content_type: str) -> None:
    response = gql.post(
        "/graphql", content=json.dumps({"query": ME}), headers={"Content-Type": content_type}
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"data": {"me": {"subject": "nurse-1"}}}
