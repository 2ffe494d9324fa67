"""A system client writes through GraphQL only the FHIR resource types its
scopes let it write on /fhir: with a CareTeam scope alone it may change who
is in the onion and how close, not add a need (a Condition) or a rating (an
Observation); what it is refused writes nothing."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from graphsvc.services.tokens import TokenIssuer

from ..conftest import system
from ..integration.builders import OTHER_TEAM, TEAM, population
from .graphql_client import GraphQL
from .test_graphql_mutations import ONION, mutate

# writes CareTeams only; reads what a network is made of
CARE_TEAM_ONLY = system("system/CareTeam.cruds", "system/*.read")


def test_a_care_team_scope_writes_no_condition_or_rating(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    gql = GraphQL(make_http(population(1)), issuer, CARE_TEAM_ONLY)
    before = gql(ONION, {"id": "client-0"})["client"]
    need = mutate(gql, "addNeed", {"clientId": "client-0", "code": "35", "needId": "need-new"})
    assert need["__typename"] == "ForbiddenError", need
    assert "Condition.write" in need["message"]
    rating = mutate(
        gql,
        "recordRating",
        {"clientId": "client-0", "needId": "need-0-0", "dimension": "STATUS", "value": 5},
    )
    assert rating["__typename"] == "ForbiddenError", rating
    assert "Observation.write" in rating["message"]
    assert gql(ONION, {"id": "client-0"})["client"] == before
    # what a CareTeam says it may change
    closer = mutate(
        gql, "updateMember", {"clientId": "client-0", "personId": "p-0-0", "closeness": 3}
    )
    assert closer["__typename"] == "NetworkChange", closer
    assert gql(ONION, {"id": "client-0"})["client"]["version"] == before["version"] + 1


def test_a_care_team_scope_alone_reads_no_network(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    """Her needs, ratings and relatives are Conditions, Observations and
    RelatedPersons, which /fhir shows only with their own read scopes."""
    gql = GraphQL(make_http(population(1)), issuer, system("system/CareTeam.cruds"))
    refused = gql.raw(ONION, {"id": "client-0"})
    said = refused["errors"][0]["message"]
    assert "Condition.read" in said and "RelatedPerson.read" in said, refused
    assert refused["data"] is None or refused["data"]["client"] is None


def test_a_system_client_of_one_team_reads_no_other_team(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    """Its caseload and gap counts would be of the clients it may see: none."""
    http = make_http(population(2))
    query = "query($id: ID!) { team(id: $id) { id caseload } }"
    own = GraphQL(http, issuer, system("system/*.read", teams=(TEAM.id,)))
    assert own(query, {"id": TEAM.id})["team"] == {"id": TEAM.id, "caseload": 2}
    other = GraphQL(http, issuer, system("system/*.read", teams=(OTHER_TEAM.id,)))
    assert other(query, {"id": TEAM.id})["team"] is None
