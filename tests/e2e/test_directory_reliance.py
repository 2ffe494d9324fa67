"""Through GraphQL as on /fhir: a system client that acts for some teams
renames no professional another team relies on (services/reliance.py)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from graphsvc.services.tokens import TokenIssuer

from ..conftest import nurse, system
from ..integration.builders import OTHER_TEAM, TEAM
from .graphql_client import GraphQL
from .test_graphql_mutations import GP, mutate, onion, two_teams


def test_a_teams_system_renames_no_professional_of_another_team(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    http = make_http(two_teams())
    ours = GraphQL(http, issuer, nurse(TEAM.id))
    assert mutate(ours, "addMember", {"clientId": "client-0", **GP})["__typename"] == (
        "NetworkChange"
    )
    feed_b = GraphQL(http, issuer, system("system/*.*", teams=(OTHER_TEAM.id,)))
    renamed = mutate(feed_b, "addMember", {"clientId": "client-5", **GP, "name": "Dr. X"})
    assert renamed["__typename"] == "ForbiddenError", renamed
    assert "another team" in renamed["message"]
    gp = next(m for m in onion(ours, "client-0")["members"] if m["id"] == "gp-person-1")
    assert gp["displayName"] == "Dr. Bakker"

    # a feed for both teams may
    feed = GraphQL(http, issuer, system("system/*.*", teams=(TEAM.id, OTHER_TEAM.id)))
    renamed = mutate(feed, "addMember", {"clientId": "client-5", **GP, "name": "Dr. Bakker-Visser"})
    assert renamed["__typename"] == "NetworkChange", renamed


CODED = """mutation($input: AddMemberInput!) { addMember(input: $input) {
  __typename ... on Problem { code } } }"""


def test_what_an_onion_may_not_change_says_why_as_a_code(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    http = make_http(two_teams())
    ours, theirs = (
        GraphQL(http, issuer, nurse(TEAM.id)),
        GraphQL(http, issuer, nurse(OTHER_TEAM.id)),
    )
    assert mutate(ours, "addMember", {"clientId": "client-0", **GP})["__typename"] == (
        "NetworkChange"
    )

    def code(member: dict[str, str]) -> str:
        found = theirs(CODED, {"input": {"clientId": "client-5", **member}})["addMember"]
        assert found["__typename"] == "ValidationError", found
        return str(found["code"])

    assert code({**GP, "name": "Dr. X"}) == "directory-entry"
    relative = {"personId": "p-0-1", "name": "Person 0.1", "ring": "INFORMAL"}
    assert code(relative) == "in-another-network"
    assert code({"personId": TEAM.id, "name": "Een team", "ring": "FORMAL"}) == "not-a-person"
