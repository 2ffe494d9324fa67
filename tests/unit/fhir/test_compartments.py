"""A client's records are hers: a resource written in one client's compartment
that names anything of another's is refused at that element, naming both
clients; her own Patient, the directory and what is not stored here are
named freely."""

from __future__ import annotations

from typing import Any

import pytest

from fhir_mappings import FhirValidationError, JsonObject, ResourceKey, project

from .corpus import BASE_URL, stored

ANNA, BRAM = {"reference": "Patient/anna"}, {"reference": "Patient/bram"}


def records() -> dict[ResourceKey, JsonObject]:
    found: list[JsonObject] = [
        {"resourceType": "Practitioner", "id": "huisarts", "name": [{"family": "Arts"}]},
        {"resourceType": "Organization", "id": "thuiszorg", "name": "Thuiszorg"},
    ]
    for pid, patient in (("anna", ANNA), ("bram", BRAM)):
        found += [
            {"resourceType": "Patient", "id": pid, "name": [{"family": pid}]},
            {"resourceType": "RelatedPerson", "id": f"kind-{pid}", "patient": patient},
            {"resourceType": "CareTeam", "id": f"ct-{pid}", "subject": patient},
            {"resourceType": "Condition", "id": f"cond-{pid}", "subject": patient},
            {"resourceType": "Goal", "id": f"goal-{pid}", "subject": patient},
        ]
    return {ResourceKey(r["resourceType"], r["id"]): r for r in found}


def written(resource: JsonObject) -> dict[ResourceKey, JsonObject]:
    key = ResourceKey(resource["resourceType"], resource["id"])
    return {**records(), key: resource}


def ref(text: str) -> dict[str, str]:
    return {"reference": text}


FOREIGN: list[tuple[JsonObject, str]] = [
    (
        {
            "resourceType": "CareTeam",
            "id": "ct-anna",
            "subject": ANNA,
            "participant": [{"member": ref("Patient/bram")}],
        },
        "CareTeam.participant[0].member",
    ),
    (
        {
            "resourceType": "CarePlan",
            "id": "cp-anna",
            "status": "active",
            "intent": "plan",
            "subject": ANNA,
            "activity": [{"detail": {"status": "scheduled", "performer": [BRAM]}}],
        },
        "CarePlan.activity[0].detail.performer[0]",
    ),
    (
        {
            "resourceType": "CarePlan",
            "id": "cp-anna",
            "status": "active",
            "intent": "plan",
            "subject": ANNA,
            "careTeam": [ref("CareTeam/ct-bram")],
        },
        "CarePlan.careTeam[0]",
    ),
    (
        {
            "resourceType": "Observation",
            "id": "obs-anna",
            "status": "final",
            "code": {"text": "notitie"},
            "subject": ANNA,
            "focus": [ref("Condition/cond-bram")],
        },
        "Observation.focus[0]",
    ),
    (
        {
            "resourceType": "Goal",
            "id": "goal-anna",
            "lifecycleStatus": "active",
            "description": {"text": "g"},
            "subject": ANNA,
            "expressedBy": ref("RelatedPerson/kind-bram"),
        },
        "Goal.expressedBy",
    ),
    (
        {
            "resourceType": "Goal",
            "id": "goal-anna",
            "lifecycleStatus": "active",
            "description": {"text": "g"},
            "subject": ANNA,
            "extension": [
                {"url": "https://example.org/x", "valueReference": ref("Goal/goal-bram")}
            ],
        },
        "Goal.extension[0].valueReference",
    ),
    (
        {
            "resourceType": "CareTeam",
            "id": "ct-anna",
            "subject": ANNA,
            "contained": [{"resourceType": "RelatedPerson", "id": "r", "patient": BRAM}],
            "participant": [{"member": ref("#r")}],
        },
        "CareTeam.contained[0].patient",
    ),
]


@pytest.mark.parametrize(("resource", "where"), FOREIGN, ids=[w for _, w in FOREIGN])
def test_naming_anything_of_another_client_is_refused_there(
    resource: JsonObject, where: str
) -> None:
    key = ResourceKey(resource["resourceType"], resource["id"])
    with pytest.raises(FhirValidationError) as refused:
        project(written(resource), written={key})
    (issue,) = refused.value.issues
    assert issue.expression == where
    assert issue.resource == key.reference and issue.code == "business-rule"
    assert "Patient/bram" in issue.message and "Patient/anna" in issue.message


def test_her_own_records_the_directory_and_the_unknown_are_named_freely() -> None:
    care_team: dict[str, Any] = {
        "resourceType": "CareTeam",
        "id": "ct-anna",
        "subject": ANNA,
        "participant": [
            {"member": ANNA},
            {"member": ref("RelatedPerson/kind-anna")},
            {"member": ref("Practitioner/huisarts")},
            {"member": ref("Organization/thuiszorg")},
            {"member": ref("RelatedPerson/not-stored")},
        ],
    }
    key = ResourceKey("CareTeam", "ct-anna")
    onion = project(written(care_team), written={key}).onion("anna")
    assert onion is not None
    assert {m.person.id for m in onion.members} == {"kind-anna", "huisarts", "thuiszorg"}


def test_only_what_is_written_is_judged() -> None:
    """What is stored is projected as ever (a relative named in another
    network is still an error there), but only the resources being written
    are held to the rule for every element."""
    goal = {
        **records()[ResourceKey("Goal", "goal-bram")],
        "addresses": [ref("Condition/cond-anna")],
    }
    resources = written(goal)
    project(resources)
    with pytest.raises(FhirValidationError):
        project(resources, written={ResourceKey("Goal", "goal-bram")})


def test_a_patient_of_another_client_is_no_member_of_hers() -> None:
    """As a CareTeam participant, another client is refused even in what is
    stored (as another client's relative is): she is nobody's informal carer."""
    care_team = {
        "resourceType": "CareTeam",
        "id": "ct-anna",
        "subject": ANNA,
        "participant": [{"member": BRAM}],
    }
    with pytest.raises(FhirValidationError, match="Patient/bram"):
        project(written(care_team))


def test_the_corpus_names_nothing_of_another_client() -> None:
    resources = stored()
    project(resources, base_urls=(BASE_URL,), written=set(resources))
