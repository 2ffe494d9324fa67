"""HL7's own validator, the third of fhir_validity.py, is a real check: it
finds what the models and the schema let through, and lets pass only what it
cannot check offline."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class

from ..hl7_validator import Hl7Validator
from .fhir_bodies import FhirBodies
from .fhir_schema import schema_errors
from .fhir_validity import TOLERATED_WARNINGS, hl7_problems


def problems(hl7: Hl7Validator, resource: dict[str, Any]) -> list[str]:
    return [str(p) for p in hl7_problems(hl7.validate(resource))]


def test_it_finds_what_the_models_and_the_schema_let_through(hl7_validator: Hl7Validator) -> None:
    empty = {"resourceType": "Bundle", "type": "searchset", "entry": []}
    get_fhir_model_class("Bundle").model_validate(empty)
    assert not schema_errors(empty)
    assert problems(hl7_validator, empty)  # an array is never empty in FHIR JSON
    twice = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"fullUrl": "urn:uuid:6f3e0c52-1d0a-4b8e-9a57-3c1b2f4d5e6a", "resource": patient}
            for patient in ({"resourceType": "Patient"}, {"resourceType": "Patient"})
        ],
    }
    get_fhir_model_class("Bundle").model_validate(twice)
    assert not schema_errors(twice)
    assert any("bdl-7" in p for p in problems(hl7_validator, twice))


def test_a_code_outside_a_required_binding_is_an_error(hl7_validator: Hl7Validator) -> None:
    assert not problems(hl7_validator, {"resourceType": "Patient", "gender": "female"})
    found = problems(hl7_validator, {"resourceType": "Patient", "gender": "bogus"})
    assert found and all("Patient.gender" in p for p in found)


OWN = "https://graphsvc.example/fhir/CodeSystem"
UNCHECKABLE: list[dict[str, Any]] = [
    {
        "resourceType": "CareTeam",
        "meta": {"profile": ["http://nictiz.nl/fhir/StructureDefinition/nl-core-CareTeam"]},
        "status": "active",
        "category": [{"coding": [{"system": f"{OWN}/team-kind", "code": "home-care"}]}],
    },
    {
        "resourceType": "Observation",
        "status": "final",
        "code": {"text": "netwerksterkte ", "coding": [{"display": " "}]},
        "subject": {"reference": "Patient/client-000001"},
        "effectiveDateTime": "2026-12-02",
    },
    {
        "resourceType": "AuditEvent",
        "type": {
            "system": "http://terminology.hl7.org/CodeSystem/audit-event-type",
            "code": "rest",
        },
        "subtype": [{"system": f"{OWN}/audit-action", "code": "fhir.Patient.read"}],
        "recorded": "2026-12-02T09:00:00Z",
        "agent": [{"requestor": True, "who": {"identifier": {"value": "nurse-7"}}}],
        "source": {"observer": {"display": "graphsvc"}},
    },
]


def test_what_cannot_be_checked_offline_is_a_tolerated_warning(
    hl7_validator: Hl7Validator,
) -> None:
    """Each tolerated message id is one the validator gives, and on these
    resources it gives nothing else."""
    said: set[str] = set()
    for resource in UNCHECKABLE:
        issues = hl7_validator.validate(resource)
        assert not hl7_problems(issues), resource
        said |= {i.message_id for i in issues if i.severity == "warning"}
    assert said == set(TOLERATED_WARNINGS)


def test_what_is_not_a_resource_is_fatal(hl7_validator: Hl7Validator) -> None:
    assert problems(hl7_validator, {"resourceType": "Nonsense"})
    assert problems(hl7_validator, {"gender": "female"})


def test_kept_bodies_are_checked_and_an_invalid_one_fails(hl7_validator: Hl7Validator) -> None:
    """What served tests keep (fhir_bodies.py) passes only when every body is valid."""
    kept = FhirBodies()
    valid = {"resourceType": "Patient", "id": "p1", "gender": "female"}
    kept.keep("GET /fhir/Patient/p1", 200, "application/fhir+json", json.dumps(valid).encode())
    kept.keep("GET /healthz", 200, "application/json", b'{"not": "fhir"}')
    kept.assert_valid(hl7_validator)
    assert len(kept.bodies) == 1

    bogus = {**valid, "gender": "bogus"}
    kept.keep("GET /fhir/Patient/p1", 200, "application/fhir+json", json.dumps(bogus).encode())
    with pytest.raises(AssertionError, match="GET /fhir/Patient/p1 answered 200"):
        kept.assert_valid(hl7_validator)
