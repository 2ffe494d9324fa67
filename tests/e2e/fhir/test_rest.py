"""The RESTful interactions one at a time: create, read, vread, update with
versions, delete, history, conditional create; and what is refused."""

from __future__ import annotations

from typing import Any

from .conftest import Fhir

TEAM = {
    "resourceType": "Organization",
    "id": "team-rest",
    "name": "Buurtzorg Rest",
    "type": [
        {
            "coding": [
                {
                    "system": "https://graphsvc.example/fhir/CodeSystem/organization-kind",
                    "code": "nursing-team",
                }
            ]
        }
    ],
}


def patient(family: str = "Visser", **extra: Any) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "identifier": [{"system": "http://fhir.nl/fhir/NamingSystem/bsn", "value": "999990001"}],
        "name": [{"family": family, "given": ["Truus"]}],
        "birthDate": "1937-02-11",
        **extra,
    }


def care_team(patient_id: str, member: str | None = None) -> dict[str, Any]:
    participants = [{"member": {"reference": member}}] if member else []
    return {
        "resourceType": "CareTeam",
        "status": "active",
        "subject": {"reference": f"Patient/{patient_id}"},
        "managingOrganization": [{"reference": "Organization/team-rest"}],
        **({"participant": participants} if participants else {}),
    }


def test_create_read_update_delete_with_versions(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    created = fhir.post("Patient", patient())
    assert created.status_code == 201
    body = created.json()
    pid = body["id"]
    assert body["meta"]["versionId"] == "1"
    assert created.headers["ETag"] == 'W/"1"'
    assert created.headers["Location"].endswith(f"/fhir/Patient/{pid}/_history/1")

    read = fhir.get(f"Patient/{pid}")
    assert read.status_code == 200 and read.json()["name"][0]["family"] == "Visser"

    changed = {**read.json(), "name": [{"family": "Visser-Bakker", "given": ["Truus"]}]}
    updated = fhir.put(f"Patient/{pid}", changed, **{"If-Match": 'W/"1"'})
    assert updated.status_code == 200 and updated.json()["meta"]["versionId"] == "2"
    stale = fhir.put(f"Patient/{pid}", {**changed, "gender": "female"}, **{"If-Match": 'W/"1"'})
    assert stale.status_code == 412
    assert stale.json()["resourceType"] == "OperationOutcome"
    assert fhir.get(f"Patient/{pid}").json()["meta"]["versionId"] == "2"

    first = fhir.get(f"Patient/{pid}/_history/1").json()
    assert first["name"][0]["family"] == "Visser" and first["meta"]["versionId"] == "1"
    history = fhir.get(f"Patient/{pid}/_history").json()
    assert [e["resource"]["meta"]["versionId"] for e in history["entry"]] == ["2", "1"]

    same = fhir.put(f"Patient/{pid}", changed)
    assert same.status_code == 200 and same.json()["meta"]["versionId"] == "2"

    assert fhir.delete(f"Patient/{pid}").status_code == 204
    assert fhir.get(f"Patient/{pid}").status_code == 410
    assert fhir.get(f"Patient/{pid}/_history/2").status_code == 200
    assert len(fhir.get(f"Patient/{pid}/_history").json()["entry"]) == 3


def test_update_creates_the_client_in_the_graph_and_removes_members(fhir: Fhir) -> None:
    fhir.put("Organization/team-rest", TEAM)
    fhir.put("Patient/p-rest", {**patient(), "id": "p-rest"})
    neighbour = {
        "resourceType": "RelatedPerson",
        "id": "rp-rest",
        "patient": {"reference": "Patient/p-rest"},
        "relationship": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
                        "code": "NBOR",
                    }
                ]
            }
        ],
        "name": [{"text": "Henk de Buurman"}],
    }
    assert fhir.put("RelatedPerson/rp-rest", neighbour).status_code == 201
    team = {**care_team("p-rest", "RelatedPerson/rp-rest"), "id": "ct-rest"}
    assert fhir.put("CareTeam/ct-rest", team).status_code == 201

    def members() -> set[str]:
        bundle = fhir.get("Patient/p-rest/$everything").json()
        careteam = next(
            e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "CareTeam"
        )
        return {p["member"]["reference"] for p in careteam.get("participant", ())}

    assert "RelatedPerson/rp-rest" in members()
    without = {**team}
    del without["participant"]
    assert fhir.put("CareTeam/ct-rest", without).status_code == 200
    assert "RelatedPerson/rp-rest" not in members()


def test_conditional_create_finds_what_is_there(fhir: Fhir) -> None:
    first = fhir.post(
        "Patient",
        patient(),
        **{"If-None-Exist": "identifier=http://fhir.nl/fhir/NamingSystem/bsn|999990001"},
    )
    assert first.status_code == 201
    again = fhir.post(
        "Patient",
        patient("Anders"),
        **{"If-None-Exist": "identifier=http://fhir.nl/fhir/NamingSystem/bsn|999990001"},
    )
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["name"][0]["family"] == "Visser"


def test_refusals_say_what_and_where(fhir: Fhir) -> None:
    bad_date = fhir.post("Patient", patient(birthDate="11-02-1937"))
    assert bad_date.status_code in (400, 422)
    issue = bad_date.json()["issue"][0]
    assert issue["expression"] == ["Patient.birthDate"]

    assert fhir.post("Patient", "{not json").status_code == 400
    wrong_type = fhir.post("Patient", {"resourceType": "Observation", "status": "final"})
    assert wrong_type.status_code in (400, 422)
    mismatch = fhir.put("Patient/a", {**patient(), "id": "b"})
    assert mismatch.status_code in (400, 422)
    assert mismatch.json()["issue"][0]["expression"] == ["Patient.id"]
    assert fhir.get("Medication/x").status_code == 404
    assert fhir.get("Patient/nobody").status_code == 404
    assert fhir.get("Patient/x/_history/abc").status_code in (400, 422)
    plain = fhir.request("POST", "Patient", "x", **{"Content-Type": "text/plain"})
    assert plain.status_code == 415
    huge = fhir.request(
        "POST",
        "Patient",
        b" " * (16 * 1024 * 1024 + 1),
        **{"Content-Type": "application/fhir+json"},
    )
    assert huge.status_code == 413
    assert fhir.put("Patient/x", patient(), **{"If-Match": "yesterday"}).status_code in (400, 422)


def test_plain_json_is_accepted(fhir: Fhir) -> None:
    response = fhir.post("Patient", patient(), **{"Content-Type": "application/json"})
    assert response.status_code == 201


def test_a_reference_to_nothing_is_kept_outside_a_transaction(fhir: Fhir) -> None:
    goal = {
        "resourceType": "Goal",
        "lifecycleStatus": "active",
        "description": {"text": "Zelf boodschappen doen"},
        "subject": {"reference": "Patient/not-here-yet"},
    }
    response = fhir.put("Goal/g-1", {**goal, "id": "g-1"})
    assert response.status_code == 201
    assert fhir.get("Goal/g-1").json()["subject"] == {"reference": "Patient/not-here-yet"}


def test_another_clients_relative_is_refused(fhir: Fhir) -> None:
    """A relative belongs to the network her RelatedPerson.patient names: a
    CareTeam or CarePlan of another client naming her is refused (422, both
    clients named), writes nothing, and shows nothing of her there."""
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    for pid, family in (("anna", "Visser"), ("bram", "Bakker")):
        assert fhir.put(f"Patient/{pid}", {**patient(family), "id": pid}).status_code == 201
    relative = {
        "resourceType": "RelatedPerson",
        "id": "dochter-anna",
        "patient": {"reference": "Patient/anna"},
        "name": [{"family": "Visser", "given": ["Els"]}],
    }
    assert fhir.put("RelatedPerson/dochter-anna", relative).status_code == 201
    assert fhir.post("CareTeam", care_team("anna", "RelatedPerson/dochter-anna")).status_code == 201

    refused = fhir.post("CareTeam", care_team("bram", "RelatedPerson/dochter-anna"))
    assert refused.status_code == 422, refused.text
    (issue,) = refused.json()["issue"]
    assert "RelatedPerson/dochter-anna" in issue["diagnostics"]
    assert "Patient/anna" in issue["diagnostics"] and "Patient/bram" in issue["diagnostics"]
    assert issue["expression"] == ["CareTeam.participant[0].member"]
    plan = {
        "resourceType": "CarePlan",
        "status": "active",
        "intent": "plan",
        "subject": {"reference": "Patient/bram"},
        "activity": [
            {
                "detail": {
                    "status": "in-progress",
                    "description": "boodschappen",
                    "performer": [{"reference": "RelatedPerson/dochter-anna"}],
                }
            }
        ],
    }
    assert fhir.post("CarePlan", plan).status_code == 422
    assert fhir.get("CareTeam?patient=bram").json().get("total", 0) == 0
    assert fhir.get("CarePlan?patient=bram").json().get("total", 0) == 0
