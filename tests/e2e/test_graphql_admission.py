"""Admitting a client through /graphql: she is then on her team's list, and
her FHIR Patient and CareTeam read back; what is wrong is said clearly."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from graphsvc.services.tokens import TokenIssuer

from ..conftest import RESEARCHER, coach, nurse
from ..integration.builders import OTHER_TEAM, TEAM, population
from .graphql_client import GraphQL

ADMIT = """mutation($input: AdmitClientInput!) { admitClient(input: $input) {
  __typename
  ... on NetworkChange { version changed client { id name address neighbourhood birthDate
        team { id } members { id displayName ring role } } }
  ... on ValidationError { message field }
  ... on NotFoundError { message }
  ... on ForbiddenError { message }
} }"""

TRUUS = {
    "name": "Truus Bos",
    "birthDate": "1941-03-09",
    "address": "Dorpsstraat 1, 3512 AB Utrecht",
    "neighbourhood": "Oost",
    "teamId": TEAM.id,
    "generalPractitionerId": "gp-person-1",
}


@pytest.fixture
def http(make_http: Callable[..., TestClient]) -> TestClient:
    return make_http(population(1))


def admit(gql: GraphQL, **changes: Any) -> dict[str, Any]:
    result: dict[str, Any] = gql(ADMIT, {"input": {**TRUUS, **changes}})["admitClient"]
    return result


def test_a_nurse_admits_a_client_with_her_gp(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    admitted = admit(gql)
    assert admitted["__typename"] == "NetworkChange", admitted
    client = admitted["client"]
    assert (admitted["version"], admitted["changed"]) == (1, True)
    assert client["name"] == "Truus Bos"
    assert client["address"] == TRUUS["address"]
    assert (client["neighbourhood"], client["birthDate"]) == ("Oost", "1941-03-09")
    assert client["team"] == {"id": TEAM.id}
    assert client["members"] == [
        {
            "id": "gp-person-1",
            "displayName": "Dr. Bakker",
            "ring": "FORMAL",
            "role": "general practitioner",
        }
    ]
    listed = gql(
        "query($t: ID!) { team(id: $t) { clients(first: 100) { nodes { id name } } } }",
        {"t": TEAM.id},
    )["team"]["clients"]["nodes"]
    assert {"id": client["id"], "name": "Truus Bos"} in listed

    headers = {"Authorization": f"Bearer {gql.token}"}
    patient = http.get(f"/fhir/Patient/{client['id']}", headers=headers)
    assert patient.status_code == 200, patient.text
    body = patient.json()
    assert body["name"][0]["text"] == "Truus Bos"
    assert body["birthDate"] == "1941-03-09"
    assert body["address"] == [{"use": "home", "text": TRUUS["address"], "district": "Oost"}]
    teams = http.get(f"/fhir/CareTeam?patient=Patient/{client['id']}", headers=headers)
    assert teams.status_code == 200, teams.text
    [care_team] = [e["resource"] for e in teams.json()["entry"]]
    assert care_team["subject"]["reference"] == f"Patient/{client['id']}"
    named = {p["member"]["reference"] for p in care_team["participant"]}
    assert "Practitioner/gp-person-1" in named

    # in her history; taking her into care is not undone (she leaves care otherwise)
    history = gql(
        "query($id: ID!) { client(id: $id) { history { words yours } } }", {"id": client["id"]}
    )
    assert history["client"]["history"] == [{"words": "Truus Bos in zorg genomen", "yours": True}]
    undo = gql(
        """mutation($i: UndoInput!) { undoLastChange(input: $i) {
             __typename ... on ValidationError { message } } }""",
        {"i": {"clientId": client["id"]}},
    )["undoLastChange"]
    assert undo["__typename"] == "ValidationError"
    assert "cannot be undone" in undo["message"]


def test_a_client_admitted_without_a_gp_has_her_team_s_careteam(
    http: TestClient, issuer: TokenIssuer
) -> None:
    """Admitting always gives her a CareTeam managed by her team, members or
    not: so her team's nurse may update her Patient over FHIR."""
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    admitted = admit(gql, generalPractitionerId=None)
    assert admitted["__typename"] == "NetworkChange", admitted
    client_id = admitted["client"]["id"]
    assert admitted["client"]["members"] == []

    headers = {"Authorization": f"Bearer {gql.token}"}
    teams = http.get(f"/fhir/CareTeam?patient=Patient/{client_id}", headers=headers)
    [care_team] = [e["resource"] for e in teams.json()["entry"]]
    assert care_team["subject"]["reference"] == f"Patient/{client_id}"
    assert care_team["managingOrganization"] == [{"reference": f"Organization/{TEAM.id}"}]
    assert "participant" not in care_team

    read = http.get(f"/fhir/Patient/{client_id}", headers=headers)
    changed = {k: v for k, v in read.json().items() if k != "meta"} | {"gender": "female"}
    put = http.put(
        f"/fhir/Patient/{client_id}",
        json=changed,
        headers={**headers, "If-Match": read.headers["ETag"]},
    )
    assert put.status_code == 200, put.text
    assert put.json()["gender"] == "female"
    after = gql("query($id: ID!) { client(id: $id) { team { id } } }", {"id": client_id})
    assert after["client"] == {"team": {"id": TEAM.id}}


def test_what_is_wrong_with_an_admission_is_said(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    empty = admit(gql, name="  ")
    assert (empty["__typename"], empty["field"]) == ("ValidationError", "client.name")
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    unborn = admit(gql, birthDate=tomorrow)
    assert (unborn["__typename"], unborn["field"]) == ("ValidationError", "birthDate")
    assert "future" in unborn["message"]
    ancient = admit(gql, birthDate="0001-01-01")
    assert (ancient["__typename"], ancient["field"]) == ("ValidationError", "birthDate")
    assert "130 years" in ancient["message"]
    not_a_gp = admit(gql, generalPractitionerId="p-0-0")  # a neighbour of client-0
    assert (not_a_gp["__typename"], not_a_gp["field"]) == (
        "ValidationError",
        "generalPractitionerId",
    )
    assert "general practitioner" in not_a_gp["message"]
    unknown_gp = admit(gql, generalPractitionerId="gp-nobody")
    assert unknown_gp["__typename"] == "ValidationError"
    assert "not in the directory" in unknown_gp["message"]
    other_team = admit(gql, teamId=OTHER_TEAM.id)
    assert other_team["__typename"] == "ForbiddenError"
    assert "own team" in other_team["message"]
    nowhere = admit(gql, teamId="team-nowhere")
    assert nowhere["__typename"] == "ForbiddenError"
    # nothing of these was written: her team still has its one client
    count = gql("query($t: ID!) { team(id: $t) { caseload } }", {"t": TEAM.id})
    assert count["team"]["caseload"] == 1


def test_naming_a_gp_tells_nothing_of_another_teams_people(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    ours, theirs = population(1), population(1, OTHER_TEAM, start=10)
    http = make_http(
        dataclasses.replace(ours, teams=(TEAM, OTHER_TEAM), onions=ours.onions + theirs.onions)
    )
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    # p-10-0 is a neighbour of a client of the other team: said as one who is not there
    neighbour = admit(gql, generalPractitionerId="p-10-0")
    nobody = admit(gql, generalPractitionerId="p-10-99")
    assert neighbour["__typename"] == "ValidationError"
    assert neighbour["field"] == "generalPractitionerId"
    assert "Person 10.0" not in neighbour["message"]
    assert neighbour["message"] == nobody["message"].replace("p-10-99", "p-10-0")
    # and a researcher or a coach is refused before anyone is looked up
    for who in (RESEARCHER, coach(TEAM.id)):
        refused = admit(GraphQL(http, issuer, who), generalPractitionerId="p-10-0")
        assert refused["__typename"] == "ForbiddenError", refused
        assert "Person 10.0" not in refused["message"]


@pytest.mark.parametrize(
    ("born", "code", "maximum"),
    [("2999-01-01", "in-the-future", None), ("1850-01-01", "too-long-ago", 130)],
)
def test_a_birth_date_refused_says_why_as_a_code(
    http: TestClient, issuer: TokenIssuer, born: str, code: str, maximum: int | None
) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    refused = gql(
        """mutation($input: AdmitClientInput!) { admitClient(input: $input) {
             __typename ... on ValidationError { field code maximum } } }""",
        {"input": {**TRUUS, "birthDate": born}},
    )["admitClient"]
    assert refused == {
        "__typename": "ValidationError",
        "field": "birthDate",
        "code": code,
        "maximum": maximum,
    }
