"""Answers to GraphQL reads kept by the endpoint (api/graphql/answers.py),
through the real app on both databases: a kept answer is served again only
while no write has landed, to the same reader, and leaves its audit records
each time; mutations and answers with errors are never kept; a setting turns
keeping off."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from graphsvc.api.graphql.answers import ReadAnswers
from graphsvc.api.graphql.endpoint import GraphQLEndpoint
from graphsvc.app import create_app
from graphsvc.config import Settings
from graphsvc.services.tokens import TokenIssuer

from ..conftest import ADMIN, nurse, seed, settings_for
from .graphql_client import GraphQL
from .test_graphql_gaps import DEMO
from .test_graphql_mutations import mutate

TEAM = "team-0001"
CLIENT = "client-000001"
ONION = """query($id: ID!) { client(id: $id) { name version
  members { id displayName ring relationship contactFrequency closeness }
  needs { code status supporters { supporter { id } hoursPerWeek } }
  gaps { kind severity explanation }
  strength { score networkType closeContacts informalMembers } } }"""
CASELOAD = """query($team: ID!) { team(id: $team) { caseload } }"""


@pytest.fixture
def http(make_http: Callable[..., TestClient]) -> TestClient:
    return make_http(DEMO)


def answers_of(http: TestClient) -> ReadAnswers:
    (route,) = [r for r in http.app.routes if isinstance(r, Route) and r.path == "/graphql"]  # type: ignore[attr-defined]
    assert isinstance(route.app, GraphQLEndpoint) and route.app.answers is not None
    return route.app.answers


def reads_recorded(http: TestClient, subject: str) -> int:
    trail = http.app.state.runtime.audit  # type: ignore[attr-defined]
    return sum(
        r.action == "onion.read" and r.subject == subject and r.client_id == CLIENT
        for r in trail.read()
    )


def onion(gql: GraphQL) -> dict[str, Any]:
    found: dict[str, Any] = gql(ONION, {"id": CLIENT})["client"]
    return found


def test_a_kept_answer_is_served_again_and_audited_each_time(
    http: TestClient, issuer: TokenIssuer
) -> None:
    answers = answers_of(http)
    gql = GraphQL(http, issuer, nurse(TEAM))
    first = onion(gql)
    assert (answers.hits, len(answers)) == (0, 1)
    assert onion(gql) == first
    assert answers.hits == 1
    # the hit left its record of the read, as running the query does
    assert reads_recorded(http, "nurse-1") == 2


def test_an_edit_then_the_same_read_shows_it(http: TestClient, issuer: TokenIssuer) -> None:
    answers = answers_of(http)
    gql = GraphQL(http, issuer, nurse(TEAM))
    before = onion(gql)
    kept = len(answers)
    change = mutate(
        gql,
        "addMember",
        {
            "clientId": CLIENT,
            "personId": "buurvrouw-1",
            "name": "Ria Smit",
            "ring": "INFORMAL",
            "relationship": "neighbour",
        },
    )
    assert change["__typename"] == "NetworkChange"
    assert len(answers) == kept  # a mutation is never kept
    after = onion(gql)
    assert after["version"] == before["version"] + 1
    assert "buurvrouw-1" in {m["id"] for m in after["members"]}
    assert answers.hits == 0


def test_a_fhir_write_then_the_read_shows_it(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM))
    before = onion(gql)
    admin = {"Authorization": f"Bearer {issuer.mint(ADMIN)}"}
    patient = http.get(f"/fhir/Patient/{CLIENT}", headers=admin).json()
    patient["name"] = [{"family": "Bakker-de Vries", "given": ["Geertruida"]}]
    written = http.put(f"/fhir/Patient/{CLIENT}", json=patient, headers=admin)
    assert written.status_code == 200, written.text
    after = onion(gql)
    assert after["name"] != before["name"] and "Bakker-de Vries" in after["name"]
    assert answers_of(http).hits == 0


def test_another_reader_never_gets_our_answer(http: TestClient, issuer: TokenIssuer) -> None:
    answers = answers_of(http)
    ours = onion(GraphQL(http, issuer, nurse(TEAM)))
    assert ours is not None
    # a nurse of another team: her own answer (the client is not hers to see)
    other = GraphQL(http, issuer, nurse("team-0099", "nurse-9"))
    assert other(ONION, {"id": CLIENT})["client"] is None
    assert other(ONION, {"id": CLIENT})["client"] is None
    # a colleague of the same team: her own entry, her own audit records
    colleague = GraphQL(http, issuer, nurse(TEAM, "nurse-2"))
    assert onion(colleague) == ours
    assert reads_recorded(http, "nurse-2") == 1
    assert (len(answers), answers.hits) == (3, 1)


def test_a_change_in_another_clients_network_moves_a_kept_answer(
    http: TestClient, issuer: TokenIssuer
) -> None:
    """The team's caseload rests on every client's network: admitting a
    client (another network) moves the version every answer is kept under."""
    gql = GraphQL(http, issuer, nurse(TEAM))
    caseload = gql(CASELOAD, {"team": TEAM})["team"]["caseload"]
    ours = onion(gql)
    admit = """mutation($input: AdmitClientInput!) { admitClient(input: $input) { __typename } }"""
    admitted = gql(admit, {"input": {"name": "Truus Bos", "teamId": TEAM}})["admitClient"]
    assert admitted["__typename"] == "NetworkChange"
    assert gql(CASELOAD, {"team": TEAM})["team"]["caseload"] == caseload + 1
    assert onion(gql) == ours  # run again, the same
    assert answers_of(http).hits == 0


def test_an_answer_with_errors_is_never_kept(http: TestClient, issuer: TokenIssuer) -> None:
    answers = answers_of(http)
    gql = GraphQL(http, issuer, nurse(TEAM))
    for _ in range(2):
        body = gql.raw('{ client(id: "client-000001") { name noSuchField } }')
        assert body["errors"]
        body = gql.raw("{ me { subject } research { clients } }")
        assert body["errors"]
    assert (len(answers), answers.hits) == (0, 0)


def test_keeping_answers_is_off_by_setting(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path
) -> None:
    settings: Settings = settings_for(request, backend, tmp_path / "off", graphql_answers=False)
    seed(settings, DEMO)
    with TestClient(create_app(settings)) as http:
        (route,) = [r for r in http.app.routes if isinstance(r, Route) and r.path == "/graphql"]  # type: ignore[attr-defined]
        assert isinstance(route.app, GraphQLEndpoint) and route.app.answers is None
        issued = TokenIssuer(settings.signing_key())
        gql = GraphQL(http, issued, nurse(TEAM))
        assert onion(gql) == onion(gql)
        assert reads_recorded(http, "nurse-1") == 2
