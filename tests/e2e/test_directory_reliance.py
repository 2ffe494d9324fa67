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
