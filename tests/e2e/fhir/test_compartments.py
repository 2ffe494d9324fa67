"""A client's records are hers: a nurse writing for her own client cannot
name another team's client, nor anything of that client's compartment (her
relatives, CareTeam, Conditions, ...), by any element or write path. Each
try is refused with 422 naming both clients, and writes nothing: no version
moves and the graph shows no one new."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ...conftest import nurse
from .conftest import Fhir

NURSE_A = nurse("team-a", "nurse-a")
NURSE_B = nurse("team-b", "nurse-b")


def team(team_id: str) -> dict[str, Any]:
    kind = "https://graphsvc.example/fhir/CodeSystem/organization-kind"
    return {
        "resourceType": "Organization",
        "id": team_id,
        "name": f"Wijkteam {team_id}",
        "type": [{"coding": [{"system": kind, "code": "nursing-team"}]}],
    }


def client_records(pid: str, family: str, team_id: str) -> list[dict[str, Any]]:
    """A client of ``team_id``: her Patient, a relative in her CareTeam, a
    Condition, a CarePlan, an Observation and a Goal."""
    patient = {"reference": f"Patient/{pid}"}
    return [
        {"resourceType": "Patient", "id": pid, "name": [{"family": family, "given": ["Jo"]}]},
        {
            "resourceType": "RelatedPerson",
            "id": f"kind-{pid}",
            "patient": patient,
            "name": [{"family": family, "given": ["Geheim"]}],
        },
        {
            "resourceType": "CareTeam",
            "id": f"ct-{pid}",
            "status": "active",
            "subject": patient,
            "managingOrganization": [{"reference": f"Organization/{team_id}"}],
            "participant": [{"member": {"reference": f"RelatedPerson/kind-{pid}"}}],
        },
        {
            "resourceType": "Condition",
            "id": f"cond-{pid}",
            "subject": patient,
            "code": {"text": "eenzaamheid"},
        },
        {
            "resourceType": "CarePlan",
            "id": f"cp-{pid}",
            "status": "active",
            "intent": "plan",
            "subject": patient,
            "activity": [
                {
                    "detail": {
                        "status": "in-progress",
                        "description": "boodschappen",
                        "performer": [{"reference": f"RelatedPerson/kind-{pid}"}],
                    }
                }
            ],
        },
        {
            "resourceType": "Observation",
            "id": f"obs-{pid}",
            "status": "final",
            "code": {"text": "notitie"},
            "subject": patient,
            "effectiveDateTime": "2024-05-01",
            "valueString": "gaat goed",
        },
        {
            "resourceType": "Goal",
            "id": f"goal-{pid}",
            "lifecycleStatus": "active",
            "description": {"text": "zelf boodschappen doen"},
            "subject": patient,
        },
    ]


@pytest.fixture
def two_teams(fhir: Fhir) -> None:
    for team_id in ("team-a", "team-b"):
        assert fhir.put(f"Organization/{team_id}", team(team_id)).status_code == 201
    for pid, family, team_id in (("anna", "Visser", "team-a"), ("bram", "Bakker", "team-b")):
        for resource in client_records(pid, family, team_id):
            path = f"{resource['resourceType']}/{resource['id']}"
            assert fhir.put(path, resource).status_code == 201, fhir.put(path, resource).text


MEMBERS = "query($id: ID!) { client(id: $id) { version members { id } } }"


def snapshot(fhir: Fhir, gql: Any, pid: str) -> dict[str, Any]:
    """The client's network version and members, and every resource of her
    compartment with its version."""
    client = gql(MEMBERS, {"id": pid})["client"]
    versions = {}
    for kind in ("RelatedPerson", "CareTeam", "Condition", "CarePlan", "Observation", "Goal"):
        found = fhir.get(f"{kind}?patient={pid}").json()
        for entry in found.get("entry", ()):
            resource = entry["resource"]
            versions[f"{kind}/{resource['id']}"] = resource["meta"]["versionId"]
    members = sorted(m["id"] for m in client["members"])
    return {"version": client["version"], "members": members, "resources": versions}


def changed(fhir: Fhir, path: str, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    resource = fhir.get(path).json()
    resource.pop("meta")
    change(resource)
    return resource


def refused_naming_both(response: Any, where: str | None = None) -> None:
    assert response.status_code == 422, response.text
    issues = response.json()["issue"]
    said = " ".join(i.get("diagnostics", "") for i in issues)
    assert "Patient/anna" in said and "Patient/bram" in said, said
    if where is not None:
        assert [where] in [i.get("expression") for i in issues], issues


def test_nothing_of_another_teams_client_can_be_named(
    fhir: Fhir, make_fhir: Callable[..., Fhir], issuer_for: Any, two_teams: None
) -> None:
    nurse_a = make_fhir(NURSE_A)
    gql_a, gql_b = issuer_for(NURSE_A), issuer_for(NURSE_B)
    assert nurse_a.get("Patient/bram").status_code == 404  # she cannot read her
    before_a, before_b = snapshot(fhir, gql_a, "anna"), snapshot(fhir, gql_b, "bram")
    assert before_a["members"] == ["kind-anna"]

    def participant(care_team: dict[str, Any]) -> None:
        care_team["participant"].append({"member": {"reference": "Patient/bram"}})

    put = nurse_a.put("CareTeam/ct-anna", changed(nurse_a, "CareTeam/ct-anna", participant))
    refused_naming_both(put, "CareTeam.participant[1].member")

    def performer(plan: dict[str, Any]) -> None:
        plan["activity"][0]["detail"]["performer"] = [{"reference": "Patient/bram"}]

    put = nurse_a.put("CarePlan/cp-anna", changed(nurse_a, "CarePlan/cp-anna", performer))
    refused_naming_both(put, "CarePlan.activity[0].detail.performer[0]")

    def conditional(care_team: dict[str, Any]) -> None:
        care_team["participant"].append({"member": {"reference": "Patient?_id=bram"}})

    transaction = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "resource": changed(nurse_a, "CareTeam/ct-anna", conditional),
                "request": {"method": "PUT", "url": "CareTeam/ct-anna"},
            }
        ],
    }
    # a search finds only her own team's clients (test_conditional_reach.py):
    # refused as naming nobody, the other client's existence untold
    answer = nurse_a.post("", transaction)
    assert answer.status_code in (400, 422), answer.text
    assert "no Patient matches" in answer.text and "Patient/bram" not in answer.text

    def care_team(plan: dict[str, Any]) -> None:
        plan["careTeam"] = [{"reference": "CareTeam/ct-bram"}]

    put = nurse_a.put("CarePlan/cp-anna", changed(nurse_a, "CarePlan/cp-anna", care_team))
    refused_naming_both(put, "CarePlan.careTeam[0]")

    def focus(observation: dict[str, Any]) -> None:
        observation["focus"] = [{"reference": "Condition/cond-bram"}]

    put = nurse_a.put("Observation/obs-anna", changed(nurse_a, "Observation/obs-anna", focus))
    refused_naming_both(put, "Observation.focus[0]")

    observation = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"text": "notitie"},
        "subject": {"reference": "Patient/anna"},
        "effectiveDateTime": "2024-05-02",
        "valueString": "x",
        "performer": [{"reference": "RelatedPerson/kind-bram"}],
    }
    refused_naming_both(nurse_a.post("Observation", observation), "Observation.performer[0]")
    goal = {
        "resourceType": "Goal",
        "lifecycleStatus": "active",
        "description": {"text": "g"},
        "subject": {"reference": "Patient/anna"},
        "expressedBy": {"reference": "RelatedPerson/kind-bram"},
    }
    refused_naming_both(nurse_a.post("Goal", goal), "Goal.expressedBy")
    batch = {
        "resourceType": "Bundle",
        "type": "batch",
        "entry": [
            {
                "resource": {
                    **goal,
                    "expressedBy": {"reference": "Patient/anna"},
                    "addresses": [{"reference": "Condition/cond-bram"}],
                },
                "request": {"method": "POST", "url": "Goal"},
            }
        ],
    }
    answered = nurse_a.post("", batch)
    assert answered.status_code == 200, answered.text
    (entry,) = answered.json()["entry"]
    assert entry["response"]["status"].startswith("422"), entry
    said = " ".join(i.get("diagnostics", "") for i in entry["response"]["outcome"]["issue"])
    assert "Patient/anna" in said and "Patient/bram" in said, said

    assert snapshot(fhir, gql_a, "anna") == before_a
    assert snapshot(fhir, gql_b, "bram") == before_b
    everything = nurse_a.get("Patient/anna/$everything").json()
    assert "bram" not in str(everything) and "Bakker" not in str(everything)

    # what is hers, and the shared directory, she still writes
    own = {**goal, "expressedBy": {"reference": "RelatedPerson/kind-anna"}}
    assert nurse_a.post("Goal", own).status_code == 201
    doctor_record = {
        "resourceType": "Practitioner",
        "id": "huisarts",
        "name": [{"family": "Huisarts"}],
    }
    made = fhir.put("Practitioner/huisarts", doctor_record)
    assert made.status_code == 201, made.text

    def doctor(care_team: dict[str, Any]) -> None:
        care_team["participant"] += [
            {"member": {"reference": "Patient/anna"}},
            {"member": {"reference": "Practitioner/huisarts"}},
        ]

    put = nurse_a.put("CareTeam/ct-anna", changed(nurse_a, "CareTeam/ct-anna", doctor))
    assert put.status_code == 200, put.text
    assert snapshot(fhir, gql_a, "anna")["members"] == ["huisarts", "kind-anna"]
