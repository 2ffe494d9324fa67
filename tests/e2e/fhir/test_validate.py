"""$validate on a type and on an instance: the checks a create, update or
delete makes (parsing, losslessness, required codes, references, the rules of
the domain), with nothing written. 200 whether valid or not, the errors in the
OperationOutcome; 4xx only when the validation cannot be made."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from graphsvc.domain import Principal

from ...conftest import RESEARCHER
from .conftest import Fhir
from .test_rest import TEAM, care_team, patient


def issues(answer: Any, severity: str) -> list[dict[str, Any]]:
    assert answer.status_code == 200, answer.text
    outcome = answer.json()
    assert outcome["resourceType"] == "OperationOutcome"
    return [i for i in outcome["issue"] if i["severity"] == severity]


def accepted(answer: Any) -> bool:
    return not issues(answer, "error") and any(
        i["code"] == "informational" for i in issues(answer, "information")
    )


def stored(fhir: Fhir, query: str) -> int:
    return len(fhir.get(query).json().get("entry", ()))


def test_a_valid_resource_is_accepted_and_nothing_is_written(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert accepted(fhir.post("Patient/$validate", patient()))
    assert accepted(fhir.post("Patient/p-val/$validate", {**patient(), "id": "p-val"}))
    assert stored(fhir, "Patient") == 0
    assert fhir.get("Patient/p-val").status_code == 404


BAD = [
    ("Patient", patient(gender="bogus")),
    ("Patient", patient(birthDate="11-02-1937")),
    ("Patient", {"resourceType": "Observation", "status": "final", "code": {"text": "x"}}),
    ("Patient", {**patient(), "colour": "red"}),
    ("Observation", {"resourceType": "Observation", "code": {"text": "gewicht"}}),
    (
        "Condition",
        {
            "resourceType": "Condition",
            "subject": {"reference": "Patient/p-rest"},
            "clinicalStatus": {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                        "code": "actief",
                    }
                ]
            },
        },
    ),
    ("CareTeam", {**care_team("p-x"), "status": "bogus"}),
]


@pytest.mark.parametrize(("kind", "body"), BAD)
def test_validate_finds_what_a_create_refuses(fhir: Fhir, kind: str, body: dict[str, Any]) -> None:
    checked = issues(fhir.post(f"{kind}/$validate", body), "error")
    refused = fhir.post(kind, body)
    assert refused.status_code in (400, 422), refused.text
    assert checked and checked == refused.json()["issue"]
    assert stored(fhir, kind) == 0


def test_a_rule_of_the_domain_is_found_too(fhir: Fhir) -> None:
    """Another client's relative in a CareTeam: refused by a write, an error
    of $validate, with the same words."""
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
    theirs = care_team("bram", "RelatedPerson/dochter-anna")
    (error,) = issues(fhir.post("CareTeam/$validate", theirs), "error")
    assert error["expression"] == ["CareTeam.participant[0].member"]
    assert [error] == fhir.post("CareTeam", theirs).json()["issue"]
    assert accepted(
        fhir.post("CareTeam/$validate", care_team("anna", "RelatedPerson/dochter-anna"))
    )
    assert stored(fhir, "CareTeam") == 0


def test_what_a_write_keeps_with_a_note_is_a_warning(fhir: Fhir) -> None:
    """A CareTeam about no patient is kept, not projected: valid, with why."""
    lost = {"resourceType": "CareTeam", "status": "active", "name": "Niemands team"}
    answer = fhir.post("CareTeam/$validate", lost)
    assert accepted(answer) and issues(answer, "warning")


def test_modes_parameters_and_what_cannot_be_validated(
    fhir: Fhir, make_fhir: Callable[[Principal], Fhir]
) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p-val", {**patient(), "id": "p-val"}).status_code == 201
    as_parameters = {
        "resourceType": "Parameters",
        "parameter": [
            {"name": "resource", "resource": {**patient("Bakker"), "id": "p-val"}},
            {"name": "mode", "valueCode": "update"},
        ],
    }
    assert accepted(fhir.post("Patient/p-val/$validate", as_parameters))
    other_id = issues(fhir.post("Patient/p-val/$validate", {**patient(), "id": "p-x"}), "error")
    assert other_id[0]["expression"] == ["Patient.id"]
    assert accepted(fhir.post("Patient/p-val/$validate?mode=delete", None))
    assert fhir.get("Patient/p-val").json()["name"][0]["family"] == "Visser"  # unchanged
    # a delete of what was never there is 404, as the delete itself (and as
    # for a client out of reach: whether it is says nothing)
    assert fhir.post("Patient/p-none/$validate?mode=delete", None).status_code == 404
    assert fhir.delete("Patient/p-none").status_code == 404
    # validations that cannot be made
    assert fhir.post("Patient/$validate?mode=update", patient()).status_code == 400
    assert fhir.post("Patient/p-val/$validate?mode=create", patient()).status_code == 400
    profile = {"resourceType": "Parameters", "parameter": [{"name": "profile", "valueUri": "x"}]}
    assert fhir.post("Patient/$validate", profile).status_code == 400
    assert fhir.post("Patient/$validate", b"{not json").status_code == 400
    assert fhir.post("Citation/$validate", {"resourceType": "Citation"}).status_code == 404
    assert make_fhir(RESEARCHER).post("Patient/$validate", patient()).status_code == 403
    assert stored(fhir, "Patient") == 1
