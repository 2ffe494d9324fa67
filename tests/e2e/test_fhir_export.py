"""The graph as FHIR R4: Patient/$everything with gaps as DetectedIssue and
strength as Observation; every resource valid; changes made through GraphQL
show in the export; errors as OperationOutcome."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from fhir_mappings.findings import GAP_KIND, NETWORK_METRIC
from graphsvc.seeding.codec import load_population
from graphsvc.services.tokens import TokenIssuer

from ..conftest import RESEARCHER, nurse
from ..hl7_validator import Hl7Validator
from .fhir_validity import assert_valid_fhir
from .graphql_client import GraphQL
from .test_graphql_mutations import mutate

DEMO = load_population(Path(__file__).resolve().parents[2] / "seeds" / "demo-neighbourhood.json")


@pytest.fixture
def http(make_http: Callable[..., TestClient]) -> TestClient:
    return make_http(DEMO)


def everything(http: TestClient, token: str, client_id: str) -> Any:
    return http.get(
        f"/fhir/Patient/{client_id}/$everything", headers={"Authorization": f"Bearer {token}"}
    )


Valid = Callable[[dict[str, Any]], None]


@pytest.fixture
def valid(hl7_validator: Hl7Validator) -> Valid:
    """All three validators (fhir_validity.py), a Bundle's entries too."""
    return lambda resource: assert_valid_fhir(resource, hl7_validator)


def by_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_everything_is_valid_fhir_with_gaps_and_strength(
    http: TestClient, issuer: TokenIssuer, valid: Valid
) -> None:
    response = everything(http, issuer.mint(nurse("team-0001")), "client-000001")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/fhir+json")
    bundle = response.json()
    valid(bundle)
    assert by_type(bundle, "Patient")[0]["id"] == "client-000001"
    issues = by_type(bundle, "DetectedIssue")
    uncovered = [i for i in issues if i["code"]["coding"][0]["code"] == "uncovered-need"]
    assert uncovered and uncovered[0]["code"]["coding"][0]["system"] == GAP_KIND
    assert uncovered[0]["severity"] == "high"
    assert any(r["reference"].startswith("Condition/") for r in uncovered[0]["implicated"])
    strength = [
        o
        for o in by_type(bundle, "Observation")
        if o["code"]["coding"][0]
        == {"system": NETWORK_METRIC, "code": "strength-score", "display": "Network strength"}
    ]
    assert len(strength) == 1 and 0 <= strength[0]["valueQuantity"]["value"] <= 100
    conditions = by_type(bundle, "Condition")
    assert {c["id"] for c in conditions} == {n.id for n in DEMO.onions[0].needs}


def test_changes_made_in_graphql_show_in_the_export(
    http: TestClient, issuer: TokenIssuer, valid: Valid
) -> None:
    token = issuer.mint(nurse("team-0001"))
    gql = GraphQL(http, issuer, nurse("team-0001"))
    onion = next(o for o in DEMO.onions if o.client.id == "client-000002")
    tie = onion.supports[0]
    assert mutate(
        gql,
        "unlinkSupporter",
        {"clientId": "client-000002", "needId": tie.need_id, "supporterId": tie.supporter_id},
    )["__typename"] == ("NetworkChange")
    neighbour = {
        "clientId": "client-000002",
        "personId": "buur-x",
        "name": "Ria Smit",
        "ring": "INFORMAL",
        "relationship": "neighbour",
    }
    assert mutate(gql, "addMember", neighbour)["__typename"] == "NetworkChange"
    bundle = everything(http, token, "client-000002").json()
    valid(bundle)
    team = by_type(bundle, "CareTeam")
    members = {p["member"]["reference"] for t in team for p in t.get("participant", [])}
    assert "RelatedPerson/buur-x" in members
    assert any(r["id"] == "buur-x" for r in by_type(bundle, "RelatedPerson"))
    performers = {
        (p["reference"], reason["reference"])
        for plan in by_type(bundle, "CarePlan")
        for activity in plan.get("activity", [])
        for p in activity.get("detail", {}).get("performer", [])
        for reason in activity.get("detail", {}).get("reasonReference", [])
    }
    gone = {
        (f"{kind}/{tie.supporter_id}", f"Condition/{tie.need_id}")
        for kind in ("RelatedPerson", "Practitioner")
    }
    assert not performers & gone


def test_access_and_errors_are_operation_outcomes(
    http: TestClient, issuer: TokenIssuer, valid: Valid
) -> None:
    stranger = everything(http, issuer.mint(nurse("team-9999")), "client-000001")
    absent = everything(http, issuer.mint(nurse("team-9999")), "client-none")
    assert stranger.status_code == absent.status_code == 404
    assert stranger.json()["resourceType"] == "OperationOutcome"
    valid(stranger.json())
    researcher = everything(http, issuer.mint(RESEARCHER), "client-000001")
    assert researcher.status_code == 403 and researcher.json()["resourceType"] == "OperationOutcome"
    anonymous = http.get("/fhir/Patient/client-000001/$everything")
    assert anonymous.status_code == 401 and anonymous.json()["resourceType"] == "OperationOutcome"
    bad = http.get(
        "/fhir/Patient/client-000001/$everything", headers={"Authorization": "Bearer nonsense"}
    )
    assert bad.status_code == 401 and bad.json()["resourceType"] == "OperationOutcome"


def test_every_mutation_shows_in_the_export(
    http: TestClient, issuer: TokenIssuer, valid: Valid
) -> None:
    """KNOWS ties excepted: FHIR has no place for them (the graph's own value)."""
    token = issuer.mint(nurse("team-0001"))
    gql = GraphQL(http, issuer, nurse("team-0001"))
    cid = "client-000003"

    def export() -> dict[str, Any]:
        bundle: dict[str, Any] = everything(http, token, cid).json()
        valid(bundle)
        return bundle

    def ok(name: str, change: dict[str, Any]) -> None:
        assert mutate(gql, name, {"clientId": cid, **change})["__typename"] == "NetworkChange"

    ok(
        "addMember",
        {
            "personId": "vriend-1",
            "name": "Gerrit Mol",
            "ring": "INFORMAL",
            "relationship": "friend",
        },
    )
    ok("addNeed", {"needId": "need-eenzaam", "code": "06"})
    ok(
        "linkSupporter",
        {
            "needId": "need-eenzaam",
            "supporterId": "vriend-1",
            "kind": "EMOTIONAL",
            "frequency": "WEEKLY",
            "hoursPerWeek": 3,
        },
    )
    ok(
        "recordRating",
        {
            "needId": "need-eenzaam",
            "dimension": "STATUS",
            "value": 2,
            "ratingId": "obs-eenzaam",
            "effective": "2026-06-01",
        },
    )
    bundle = export()
    assert any(r["id"] == "vriend-1" for r in by_type(bundle, "RelatedPerson"))
    condition = next(c for c in by_type(bundle, "Condition") if c["id"] == "need-eenzaam")
    assert condition["code"]["coding"][0]["code"] == "06"
    acts = [
        a["detail"]
        for p in by_type(bundle, "CarePlan")
        for a in p.get("activity", [])
        if "detail" in a
    ]
    helps = [
        d
        for d in acts
        if {"reference": "RelatedPerson/vriend-1"} in d.get("performer", [])
        and {"reference": "Condition/need-eenzaam"} in d.get("reasonReference", [])
    ]
    assert helps, acts
    rating = next(o for o in by_type(bundle, "Observation") if o["id"] == "obs-eenzaam")
    assert rating["valueInteger"] == 2 and rating["focus"] == [
        {"reference": "Condition/need-eenzaam"}
    ]

    ok("updateMember", {"personId": "vriend-1", "name": "Gerrit Molenaar"})
    ok("resolveNeed", {"needId": "need-eenzaam"})
    bundle = export()
    friend = next(r for r in by_type(bundle, "RelatedPerson") if r["id"] == "vriend-1")
    assert "Molenaar" in str(friend["name"])
    condition = next(c for c in by_type(bundle, "Condition") if c["id"] == "need-eenzaam")
    assert condition["clinicalStatus"]["coding"][0]["code"] == "resolved"

    ok("unlinkSupporter", {"needId": "need-eenzaam", "supporterId": "vriend-1"})
    ok("removeMember", {"personId": "vriend-1"})
    bundle = export()
    members = {
        p["member"]["reference"]
        for t in by_type(bundle, "CareTeam")
        for p in t.get("participant", [])
    }
    assert "RelatedPerson/vriend-1" not in members


@pytest.mark.parametrize(
    "client_id",
    ["%3Cscript%3E", "a" * 300, "client-000001%00", "..%2F..%2Fetc", "%F0%9F%98%80", "Patient"],
)
def test_hostile_ids_get_an_outcome_not_a_crash(
    http: TestClient, issuer: TokenIssuer, client_id: str
) -> None:
    response = http.get(
        f"/fhir/Patient/{client_id}/$everything",
        headers={"Authorization": f"Bearer {issuer.mint(nurse('team-0001'))}"},
    )
    assert response.status_code == 404
    assert response.json()["resourceType"] == "OperationOutcome"


def test_the_schema_validator_catches_what_pydantic_lets_through() -> None:
    """The two validators are independent: an unknown element is refused by
    the schema (additionalProperties: false) however the models read it."""
    from .fhir_schema import schema_errors

    assert schema_errors({"resourceType": "Patient", "id": "a", "nickname": "x"})
    assert schema_errors({"resourceType": "Patient", "id": "a", "gender": "x"})
    assert not schema_errors({"resourceType": "Patient", "id": "a", "gender": "female"})
