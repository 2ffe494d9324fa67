"""Every R4 resource type is kept: read, vread, history, searched by _id,
_lastUpdated and patient; one about a client is hers (her team's to see and
write); one about nobody is shared data that other systems keep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from .conftest import Fhir
from .test_rest import TEAM, care_team, patient


def _encounter(encounter_id: str, patient_id: str) -> dict[str, Any]:
    return {
        "resourceType": "Encounter",
        "id": encounter_id,
        "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "HH"},
        "subject": {"reference": f"Patient/{patient_id}"},
        "period": {"start": "2026-11-30T09:00:00+01:00", "end": "2026-11-30T09:30:00+01:00"},
    }


def _ids(bundle: dict[str, Any]) -> list[str]:
    return [e["resource"]["id"] for e in bundle.get("entry", ()) if e["search"]["mode"] == "match"]


def test_an_encounter_is_kept_versioned_and_searched(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p-any", {**patient(), "id": "p-any"}).status_code == 201
    assert fhir.put("CareTeam/ct-any", {**care_team("p-any"), "id": "ct-any"}).status_code == 201
    visit = _encounter("enc-1", "p-any")
    assert fhir.put("Encounter/enc-1", visit).status_code == 201
    visit["status"] = "cancelled"
    updated = fhir.put("Encounter/enc-1", visit)
    assert updated.status_code == 200 and updated.json()["meta"]["versionId"] == "2"
    assert fhir.get("Encounter/enc-1/_history/1").json()["status"] == "finished"
    history = fhir.get("Encounter/enc-1/_history").json()
    assert [e["resource"]["meta"]["versionId"] for e in history["entry"]] == ["2", "1"]
    assert _ids(fhir.get("Encounter?patient=p-any").json()) == ["enc-1"]
    assert _ids(fhir.get("Encounter?_id=enc-1").json()) == ["enc-1"]
    today = datetime.now(UTC).date()
    since = _ids(fhir.get(f"Encounter?_lastUpdated=ge{today.isoformat()}").json())
    assert since == ["enc-1"]
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert _ids(fhir.get(f"Encounter?_lastUpdated=ge{tomorrow}").json()) == []
    assert _ids(fhir.get(f"CareTeam?_lastUpdated=lt{tomorrow}&patient=p-any").json()) == ["ct-any"]
    everything = fhir.get("Patient/p-any/$everything").json()
    assert "Encounter/enc-1" in {
        f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in everything["entry"]
    }
    bad = fhir.get("Encounter?_lastUpdated=ne2026-01-01")
    assert bad.status_code == 400 and bad.json()["issue"][0]["expression"] == [
        "Encounter?_lastUpdated"
    ]


def test_a_transaction_with_a_location_and_an_encounter_is_accepted(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p-any", {**patient(), "id": "p-any"}).status_code == 201
    location = {"resourceType": "Location", "name": "Wijkpost Assendorp", "status": "active"}
    visit = {k: v for k, v in _encounter("x", "p-any").items() if k != "id"}
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {"resource": location, "request": {"method": "POST", "url": "Location"}},
            {"resource": visit, "request": {"method": "POST", "url": "Encounter"}},
        ],
    }
    answer = fhir.post("", bundle)
    assert answer.status_code == 200, answer.text
    assert [e["response"]["status"][:3] for e in answer.json()["entry"]] == ["201", "201"]


def test_a_type_r4_does_not_have_is_refused(fhir: Fhir) -> None:
    answer = fhir.post("", {"resourceType": "SubscriptionTopic", "status": "active"})
    assert 400 <= answer.status_code < 500
    assert fhir.get("SubscriptionTopic/x").status_code in (400, 404)


def test_another_teams_nurse_neither_sees_nor_writes_her_encounters(
    fhir: Fhir, make_fhir: Any
) -> None:
    from ...conftest import nurse

    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p-any", {**patient(), "id": "p-any"}).status_code == 201
    assert fhir.put("CareTeam/ct-any", {**care_team("p-any"), "id": "ct-any"}).status_code == 201
    assert fhir.put("Encounter/enc-1", _encounter("enc-1", "p-any")).status_code == 201
    own, other = make_fhir(nurse("team-rest")), make_fhir(nurse("team-elders"))
    assert own.get("Encounter/enc-1").status_code == 200
    assert own.put("Encounter/enc-2", _encounter("enc-2", "p-any")).status_code == 201
    assert other.get("Encounter/enc-1").status_code == 404
    assert _ids(other.get("Encounter?patient=p-any").json()) == []
    # a write or delete out of reach answers as if there were nothing
    answers = {
        name: (answer.status_code, answer.json()["issue"][0]["diagnostics"].replace(name, "X"))
        for name, answer in (
            ("enc-1", other.put("Encounter/enc-1", _encounter("enc-1", "p-any"))),
            ("enc-3", other.put("Encounter/enc-3", _encounter("enc-3", "p-any"))),
        )
    }
    assert answers["enc-1"] == answers["enc-3"] and answers["enc-1"][0] == 404, answers
    deletes = {
        name: (answer.status_code, answer.json()["issue"][0]["diagnostics"].replace(name, "X"))
        for name, answer in (
            ("enc-1", other.delete("Encounter/enc-1")),
            ("enc-9", other.delete("Encounter/enc-9")),
        )
    }
    assert deletes["enc-1"] == deletes["enc-9"] and deletes["enc-1"][0] == 404, deletes
    assert fhir.get("Encounter/enc-3").status_code == 404  # nothing written
    assert fhir.get("Encounter/enc-1").json()["meta"]["versionId"] == "1"  # nor deleted
    # about nobody: shared data, read by all, written by the systems that keep it
    medication = {"resourceType": "Medication", "id": "med-1", "status": "active"}
    refused = own.put("Medication/med-1", medication)
    assert refused.status_code == 403 and "shared data" in refused.text
    assert fhir.put("Medication/med-1", medication).status_code == 201
    assert own.get("Medication/med-1").json()["status"] == "active"


def test_everything_holds_only_the_types_a_systems_scopes_name(fhir: Fhir, make_fhir: Any) -> None:
    from ...conftest import system

    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p-any", {**patient(), "id": "p-any"}).status_code == 201
    assert fhir.put("CareTeam/ct-any", {**care_team("p-any"), "id": "ct-any"}).status_code == 201
    assert fhir.put("Encounter/enc-1", _encounter("enc-1", "p-any")).status_code == 201
    careteams_only = make_fhir(system("system/CareTeam.read"))
    bundle = careteams_only.get("Patient/p-any/$everything").json()
    assert {e["resource"]["resourceType"] for e in bundle["entry"]} == {"CareTeam"}
    v2 = make_fhir(system("system/CareTeam.rs", "system/Encounter.rs"))
    bundle = v2.get("Patient/p-any/$everything").json()
    assert {e["resource"]["resourceType"] for e in bundle["entry"]} == {"CareTeam", "Encounter"}
