"""A create (POST) makes a new resource, or finds the one it made before when
sent again as it was; it never changes another resource whose id its fullUrl,
its id or its content happens to give (409, nothing written)."""

from __future__ import annotations

from typing import Any

from .conftest import Fhir
from .test_rest import TEAM, care_team, patient


def _stored(fhir: Fhir, path: str) -> dict[str, Any]:
    found: dict[str, Any] = fhir.get(path).json()
    return found


def test_a_create_never_changes_another_resource(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p1", {**patient(), "id": "p1"}).status_code == 201
    assert fhir.put("Patient/p2", {**patient("Bakker"), "id": "p2"}).status_code == 201
    team = {**care_team("p1", "RelatedPerson/rp1"), "id": "0b6f2a52-5d1e-4b59-9a3e-2f1f4d7c8e90"}
    relative = {
        "resourceType": "RelatedPerson",
        "id": "rp1",
        "patient": {"reference": "Patient/p1"},
        "name": [{"family": "Buur"}],
    }
    assert fhir.put("RelatedPerson/rp1", relative).status_code == 201
    assert fhir.put(f"CareTeam/{team['id']}", team).status_code == 201
    before = {p: _stored(fhir, p) for p in (f"CareTeam/{team['id']}", "RelatedPerson/rp1")}

    # a transaction whose urn:uuid is the id of her CareTeam, without participants
    emptied = {k: v for k, v in team.items() if k not in ("id", "participant")}
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": f"urn:uuid:{team['id']}",
                "resource": emptied,
                "request": {"method": "POST", "url": "CareTeam"},
            }
        ],
    }
    refused = fhir.post("", bundle)
    assert refused.status_code == 409, refused.text
    assert refused.json()["issue"][0]["code"] == "duplicate"
    assert "a create never changes another resource" in refused.text

    # a transaction's POST whose resource has the relative's id, about another client
    moved = {**relative, "patient": {"reference": "Patient/p2"}}
    entry = {"resource": moved, "request": {"method": "POST", "url": "RelatedPerson"}}
    refused = fhir.post("", {**bundle, "entry": [entry]})
    assert refused.status_code == 409, refused.text
    # a single POST takes no id from its body: a new resource
    made = fhir.post("RelatedPerson", moved)
    assert made.status_code == 201 and made.json()["id"] != "rp1"
    assert {p: _stored(fhir, p) for p in before} == before

    # in a batch, that entry alone is refused
    batch = {**bundle, "type": "batch"}
    answered = fhir.post("", batch).json()
    assert answered["entry"][0]["response"]["status"].startswith("409")
    assert {p: _stored(fhir, p) for p in before} == before

    # the same create sent again finds what it made
    note = {"resourceType": "Patient", "name": [{"family": "Nieuw"}], "birthDate": "1940-01-01"}
    first = fhir.post("Patient", note)
    again = fhir.post("Patient", note)
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["meta"]["versionId"] == "1"
