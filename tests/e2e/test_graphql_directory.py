"""Picking someone from the directory through /graphql and linking her in."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from graphsvc.services.tokens import TokenIssuer

from ..conftest import RESEARCHER, nurse
from ..integration.builders import TEAM, population
from .graphql_client import GraphQL

SEARCH = """query($s: String!, $r: String, $n: Int) { directory(search: $s, role: $r, first: $n) {
  id name role ring isOrganization organizations { id name kind } } }"""


def test_a_nurse_finds_the_gp_and_links_her_in(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    http = make_http(population(1))
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    found = gql(SEARCH, {"s": "huisarts"})["directory"]
    assert found == [
        {
            "id": "gp-person-1",
            "name": "Dr. Bakker",
            "role": "general practitioner",
            "ring": "FORMAL",
            "isOrganization": False,
            "organizations": [
                {"id": "gp-1", "name": "Huisartsenpraktijk Oost", "kind": "gp-practice"}
            ],
        }
    ]
    assert gql(SEARCH, {"s": "Bakk", "r": "general practitioner"})["directory"] == found
    assert gql(SEARCH, {"s": "apotheek"})["directory"] == []
    assert gql(SEARCH, {"s": "Person 0"})["directory"] == []  # a neighbour is no entry
    linked = gql(
        """mutation($i: AddMemberInput!) { addMember(input: $i) {
             ... on NetworkChange { client { members(ring: FORMAL) { id displayName } } } } }""",
        {
            "i": {
                "clientId": "client-0",
                "personId": found[0]["id"],
                "name": found[0]["name"],
                "ring": "FORMAL",
            }
        },
    )["addMember"]
    assert linked["client"]["members"] == [{"id": "gp-person-1", "displayName": "Dr. Bakker"}]

    short = gql.raw(SEARCH, {"s": "b"})
    assert "at least two letters" in short["errors"][0]["message"]
    many = gql.raw(SEARCH, {"s": "bakker", "n": 500})
    assert "1-50" in many["errors"][0]["message"]
    researcher = GraphQL(http, issuer, RESEARCHER).raw(SEARCH, {"s": "huisarts"})
    assert "researchers" in researcher["errors"][0]["message"]
