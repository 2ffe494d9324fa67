"""Malformed input is refused with an issue that names the element and says
what is wrong; nothing but FhirValidationError ever comes out."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fhir.resources.R4B.operationoutcome import OperationOutcome

from fhir_mappings import FhirValidationError, Issue, operation_outcome, parse_resource

from .corpus import FIXTURES, load

DIV = '<div xmlns="http://www.w3.org/1999/xhtml">'
CAREPLAN = {
    "resourceType": "CarePlan",
    "status": "active",
    "intent": "plan",
    "subject": {"reference": "Patient/p"},
}


def issues_of(data: Any) -> list[Issue]:
    with pytest.raises(FhirValidationError) as caught:
        parse_resource(data)
    return list(caught.value.issues)


def expressions(data: Any) -> list[str]:
    return [i.expression for i in issues_of(data)]


def careplan(**changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(CAREPLAN), **changes}


def test_a_valid_resource_parses() -> None:
    assert parse_resource(careplan()).get_resource_type() == "CarePlan"


@pytest.mark.parametrize(
    ("data", "expression", "words"),
    [
        (
            careplan(
                activity=[
                    {
                        "detail": {
                            "status": "scheduled",
                            "scheduledTiming": {"repeat": {"frequency": "2"}},
                        }
                    }
                ]
            ),
            "CarePlan.activity[0].detail.scheduledTiming.repeat.frequency",
            "JSON number",
        ),
        (
            careplan(
                activity=[
                    {
                        "detail": {
                            "status": "scheduled",
                            "scheduledTiming": {"repeat": {"frequency": "x"}},
                        }
                    }
                ]
            ),
            "CarePlan.activity[0].detail.scheduledTiming.repeat.frequency",
            "whole number",
        ),
        (careplan(activity=[{"detail": {}}]), "CarePlan.activity[0].detail", "empty object"),
        (
            careplan(activity=[{"detail": {"kind": "Appointment"}}]),
            "CarePlan.activity[0].detail.status",
            "required",
        ),
        ({k: v for k, v in CAREPLAN.items() if k != "status"}, "CarePlan.status", "required"),
        ({k: v for k, v in CAREPLAN.items() if k != "subject"}, "CarePlan.subject", "required"),
        (careplan(subject="Patient/p"), "CarePlan.subject", "object"),
        (careplan(note={"text": "x"}), "CarePlan.note", "array"),
        (careplan(colour="blue"), "CarePlan.colour", "not an element"),
        (careplan(status=None), "CarePlan.status", "null"),
        (careplan(addresses=[]), "CarePlan.addresses", "empty array"),
        (careplan(title=""), "CarePlan.title", "empty string"),
        (careplan(title="Zorg\x00plan"), "CarePlan.title", "control character"),
        (careplan(title="\ud800"), "CarePlan.title", "surrogate"),
        (careplan(title="Zorg\u00a0plan"), "CarePlan.title", "U+00A0"),
        (careplan(title="Zorg\u2028plan"), "CarePlan.title", "U+2028"),
        (careplan(id="a" * 65), "CarePlan.id", "1-64"),
        (careplan(id="bad id"), "CarePlan.id", ""),
        (
            {
                "resourceType": "Observation",
                "status": "final",
                "code": {"text": "k"},
                "valueInteger": True,
            },
            "Observation.valueInteger",
            "JSON number, not a boolean",
        ),
        (
            {
                "resourceType": "Observation",
                "status": "final",
                "code": {"text": "k"},
                "valueInteger": 1,
                "valueString": "1",
            },
            "Observation.value[x]",
            "more than one",
        ),
        (
            {
                "resourceType": "Observation",
                "status": "final",
                "code": {"text": "k"},
                "valueDecimal": float("inf"),
            },
            "Observation.valueDecimal",
            "finite",
        ),
        ({"resourceType": "Patient", "active": "yes"}, "Patient.active", "JSON boolean"),
        ({"resourceType": "Patient", "birthDate": "1941-02-30"}, "Patient.birthDate", ""),
        (
            {"resourceType": "Patient", "name": [{"given": ["a", None]}]},
            "Patient.name[0].given[1]",
            "null",
        ),
        ({"resourceType": "Patient", "name": [["nested"]]}, "Patient.name[0]", "arrays"),
        ({"resourceType": "Patient", "<script>": 1}, "Patient", "not a FHIR element name"),
        ({"resourceType": "Citation"}, "Citation.resourceType", "not accepted"),
        ({"resourceType": "Organization", "active": True}, "Organization", "org-1"),
        (
            {"resourceType": "Patient", "name": [{"text": "Anna \u202egnilK"}]},
            "Patient.name[0].text",
            "bidirectional control",
        ),
        ({"resourceType": "Foo"}, "Foo.resourceType", "not accepted"),
        ({"resourceType": 7}, "resourceType", "name of a resource type"),
        ({"resourceType": "patient"}, "resourceType", "name of a resource type"),
        ({}, "", "empty object"),
        ({"status": "active"}, "resourceType", "required"),
        ([CAREPLAN], "", "JSON object"),
        ("CarePlan", "", "JSON object"),
        (None, "", "JSON object"),
    ],
)
def test_malformed_input_names_the_element(data: Any, expression: str, words: str) -> None:
    found = issues_of(data)
    assert any(i.expression == expression and words in i.message for i in found), found


@pytest.mark.parametrize(
    "div",
    [
        DIV + "<script>alert(1)</script></div>",
        DIV + '<p onclick="steal()">x</p></div>',
        DIV + '<a href="javascript:steal()">x</a></div>',
        DIV + '<p style="background:url(javascript:x)">x</p></div>',
        DIV + '<iframe src="https://evil.example"/></div>',
        DIV + "<form><input/></form></div>",
        '<!DOCTYPE d [<!ENTITY a "aaaaaaaa">]><div xmlns="http://www.w3.org/1999/xhtml">&a;</div>',
        DIV + "<p>unclosed</div>",
        "<div><p>no namespace</p></div>",
        '<p xmlns="http://www.w3.org/1999/xhtml">not a div</p>',
        DIV + "   </div>",
        "just text",
    ],
)
def test_hostile_or_broken_narrative(div: str) -> None:
    patient = {"resourceType": "Patient", "text": {"status": "generated", "div": div}}
    assert expressions(patient) == ["Patient.text.div"]


def test_narrative_with_an_image_only_is_fine() -> None:
    div = DIV + '<img src="data:image/png;base64,AAAA" alt="x"/></div>'
    parse_resource({"resourceType": "Patient", "text": {"status": "generated", "div": div}})


def test_deeply_nested_junk_is_refused_without_recursing() -> None:
    nested: dict[str, Any] = {"url": "http://x.example"}
    for _ in range(5000):
        nested = {"url": "http://x.example", "extension": [nested]}
    found = issues_of({"resourceType": "Patient", "extension": [nested]})
    assert found[0].code == "too-costly"
    assert found[0].expression.startswith("Patient.extension[0].extension[0]")


def test_a_wide_document_is_refused() -> None:
    patient = {"resourceType": "Patient", "name": [{"given": ["x"] * 300_000}]}
    assert issues_of(patient)[0].code == "too-costly"


def test_contained_resources_are_checked() -> None:
    careteam = {
        "resourceType": "CareTeam",
        "participant": [{"member": {"reference": "#a"}}],
        "contained": [
            {
                "resourceType": "RelatedPerson",
                "id": "a",
                "patient": {"reference": "Patient/p"},
                "gender": 7,
            },
            {"resourceType": "Spaceship", "id": "b"},
            {"resourceType": "HumanName", "id": "c"},
            {"resourceType": "RelatedPerson", "patient": {"reference": "Patient/p"}},
        ],
    }
    found = {(i.expression, i.message) for i in issues_of(careteam)}
    assert ("CareTeam.contained[1]", "'Spaceship' is not a FHIR R4 resource type") in found
    assert ("CareTeam.contained[2]", "'HumanName' is not a FHIR R4 resource type") in found
    assert ("CareTeam.contained[3]", "a contained resource needs an id") in found
    assert (
        "CareTeam.contained[1]",
        "a contained resource must be referred to from its container",
    ) in found


def test_contained_type_errors_name_the_contained_element() -> None:
    careteam = {
        "resourceType": "CareTeam",
        "participant": [{"member": {"reference": "#a"}}],
        "contained": [
            {
                "resourceType": "RelatedPerson",
                "id": "a",
                "patient": {"reference": "Patient/p"},
                "gender": 7,
            }
        ],
    }
    assert expressions(careteam) == ["CareTeam.contained[0].gender"]


def test_bundle_entries_are_checked_one_by_one() -> None:
    bundle = load(FIXTURES / "Bundle-transaction-truus-veenstra.json")
    bundle["entry"][2]["resource"]["participant"][0]["member"] = "RelatedPerson/x"
    bundle["entry"][4]["resource"]["resourceType"] = "Citation"  # R4B's, not R4's
    bundle["entry"][5]["resource"]["onsetDateTime"] = "gisteren"
    found = expressions(bundle)
    assert "Bundle.entry[4].resource.resourceType" in found
    bundle["entry"][4]["resource"]["resourceType"] = "Condition"
    found = expressions(bundle)
    assert "Bundle.entry[2].resource.participant[0].member" in found
    assert "Bundle.entry[5].resource.onsetDateTime" in found


def test_a_bundle_in_a_bundle_is_refused() -> None:
    inner = {"resourceType": "Bundle", "type": "collection"}
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": inner}]}
    assert issues_of(bundle)[0].expression == "Bundle.entry[0].resource.resourceType"


def test_operation_outcome_is_valid_r4_and_names_the_path() -> None:
    found = issues_of(careplan(activity=[{"detail": {"status": 3}}]))
    outcome = operation_outcome(found)
    OperationOutcome.model_validate(outcome)
    assert outcome["issue"][0]["expression"] == ["CarePlan.activity[0].detail.status"]
    assert outcome["issue"][0]["severity"] == "error"
    empty = operation_outcome([])
    OperationOutcome.model_validate(empty)
    assert empty["issue"][0]["severity"] == "information"


def test_the_error_is_also_a_domain_validation_error() -> None:
    from graphsvc.domain import ValidationError

    with pytest.raises(ValidationError) as caught:
        parse_resource(careplan(status=5))
    assert caught.value.field == "CarePlan.status"


def test_a_message_never_carries_bidirectional_controls() -> None:
    from fhir_mappings.issues import fhir_string

    assert fhir_string("Patient/\u202dx\u2066y") == "Patient/\\u202dx\\u2066y"
