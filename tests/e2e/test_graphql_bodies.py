"""What /graphql does with bodies that are not a GraphQL request: a 400 (or
413 when too large) that says what is wrong, never a 500, never a write."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graphsvc.config import Settings
from graphsvc.services.tokens import TokenIssuer

from ..conftest import nurse
from .graphql_client import posting_as

ME = "{ me { subject } }"


@pytest.fixture
def gql(settings: Settings, issuer: TokenIssuer) -> Iterator[TestClient]:
    with posting_as(settings, issuer, nurse("team-a")) as client:
        yield client


def nested(depth: int) -> str:
    """Variables ``depth`` objects deep, as JSON text."""
    return '{"a": ' * depth + '"x"' + "}" * depth


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("null", "a JSON object"),
        ("NaN", "not JSON"),
        ('"x"', "a JSON object"),
        ("[1, 2]", "a JSON object"),
        ("{", "not JSON"),
        ("{}", "'query'"),
        ('{"query": 7}', "'query'"),
        (json.dumps({"query": ME, "variables": [1]}), "'variables'"),
        (json.dumps({"query": ME, "operationName": 3}), "'operationName'"),
        ('{"query": "{ me { subject } }", "variables": ' + nested(990) + "}", "nests"),
        ('{"query": "{ me { subject } }", "variables": {"n": "\\ud800"}}', "surrogate"),
        (b'{"query": "\xff"}', "UTF-8"),
        (json.dumps({"query": "query A " + ME, "operationName": "C"}), "names no operation"),
        (json.dumps({"query": f"query A {ME} query B {ME}"}), "several operations"),
    ],
)
def test_a_body_that_is_not_a_graphql_request_is_a_400(
    gql: TestClient, body: str | bytes, says: str
) -> None:
    response = gql.post("/graphql", content=body)
    assert response.status_code == 400, response.text
    message = response.json()["errors"][0]["message"]
    assert says in message


def test_a_body_too_large_is_a_413(gql: TestClient) -> None:
    huge = json.dumps({"query": ME, "variables": {"pad": "x" * (2 * 1024 * 1024)}})
    response = gql.post("/graphql", content=huge)
    assert response.status_code == 413
    assert "MiB" in response.json()["errors"][0]["message"]
    declared = gql.post(
        "/graphql", content=b"{}", headers={"Content-Length": str(64 * 1024 * 1024)}
    )
    assert declared.status_code == 413


def test_a_good_request_still_works(gql: TestClient) -> None:
    response = gql.post("/graphql", content=json.dumps({"query": ME}))
    assert response.status_code == 200
    assert response.json()["data"]["me"]["subject"] == "nurse-1"
    named = {"query": f"query A {{ me {{ role }} }} query B {ME}", "operationName": "B"}
    response = gql.post("/graphql", content=json.dumps(named))
    assert response.json() == {"data": {"me": {"subject": "nurse-1"}}}
