"""FHIR XML <-> JSON through the R4B models, and which answers are XML."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fhir_mappings import FhirValidationError
from fhir_mappings.xml_format import json_of_xml, xml_of_json
from graphsvc.api.fhir.xml_answers import wants_xml

CAREPLAN = {
    "resourceType": "CarePlan",
    "id": "cp-1",
    "status": "active",
    "intent": "plan",
    "subject": {"reference": "Patient/p-1"},
    "activity": [
        {
            "detail": {
                "status": "in-progress",
                "scheduledString": "2x per week",
                "_scheduledString": {"extension": [{"url": "http://e.x/a", "valueBoolean": True}]},
                "performer": [{"reference": "RelatedPerson/r-1"}],
            }
        }
    ],
}


def test_json_to_xml_and_back_is_the_same() -> None:
    assert json_of_xml(xml_of_json(CAREPLAN)) == CAREPLAN


@pytest.mark.parametrize(
    ("accept", "format_", "xml"),
    [
        ("", None, False),
        ("application/fhir+json", None, False),
        ("application/fhir+xml", None, True),
        ("application/xml;q=0.9, application/fhir+json", None, False),
        ("application/fhir+xml, application/fhir+json;q=0.5", None, True),
        ("text/html, */*", None, False),
        ("application/fhir+json", "xml", True),
        ("application/fhir+xml", "json", False),
        ("application/fhir+xml;q=0", None, False),
        ("application/fhir+xml;q=x", None, False),
    ],
)
def test_xml_is_answered_when_asked(accept: str, format_: str | None, xml: bool) -> None:
    assert wants_xml(accept, format_) is xml


def test_entities_are_never_expanded() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<Patient xmlns="http://hl7.org/fhir"><id value="&b;"/></Patient>'
    )
    with pytest.raises(FhirValidationError, match="DTD"):
        json_of_xml(laughs)


@given(st.binary(max_size=200))
def test_any_bytes_give_json_or_a_clear_refusal(body: bytes) -> None:
    try:
        json_of_xml(body)
    except FhirValidationError as error:
        assert error.issues and all(i.message for i in error.issues)


@given(st.text(max_size=60))
def test_any_accept_header_is_answered(accept: str) -> None:
    assert wants_xml(accept, None) in (True, False)
