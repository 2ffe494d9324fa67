"""FHIR XML <-> JSON through the R4B models, and which answers are XML."""

from __future__ import annotations

import json

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


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b"<a>" * 300 + b"</a>" * 300, "the XML is nested too deeply at line 1, column "),
        (b"<a>" * 5000, "the XML is nested too deeply at line 1, column "),
        (b"<a>" + b"x" * (11 * 2**20) + b"</a>", "the XML holds a text or value too long"),
        (b'<a b="' + b"x" * (11 * 2**20) + b'"/>', "the XML holds a text or value too long"),
    ],
    ids=["deep", "deep-unclosed", "long-text", "long-attribute"],
)
def test_a_limit_of_the_parser_is_said_plainly(body: bytes, said: str) -> None:
    """Too deep or too long is said in the sender's words, not libxml's."""
    xml = b'<Patient xmlns="http://hl7.org/fhir">' + body + b"</Patient>"
    with pytest.raises(FhirValidationError) as raised:
        json_of_xml(xml)
    [issue] = raised.value.issues
    assert issue.message.startswith(said), issue.message
    assert issue.code == "structure"
    assert "XML_PARSE_HUGE" not in issue.message and "xcessive" not in issue.message


@given(st.binary(max_size=200))
def test_any_bytes_give_json_or_a_clear_refusal(body: bytes) -> None:
    try:
        json_of_xml(body)
    except FhirValidationError as error:
        assert error.issues and all(i.message for i in error.issues)


@given(st.text(max_size=60))
def test_any_accept_header_is_answered(accept: str) -> None:
    assert wants_xml(accept, None) in (True, False)


def test_instants_keep_the_form_they_were_sent_in_both_ways() -> None:
    observation = {
        "resourceType": "Observation",
        "id": "o-1",
        "meta": {"lastUpdated": "2026-12-02T09:01:50.776Z"},
        "status": "final",
        "_status": {"extension": [{"url": "http://e.x/b", "valueInstant": "2026-01-01T00:00:00Z"}]},
        "code": {"text": "bloeddruk"},
        "issued": "2026-11-30T09:00:00.5+01:00",
    }
    bundle = {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": observation}]}
    xml = xml_of_json(bundle)
    assert b'<issued value="2026-11-30T09:00:00.5+01:00"/>' in xml
    assert b'<lastUpdated value="2026-12-02T09:01:50.776Z"/>' in xml
    assert json_of_xml(xml) == bundle


@given(
    st.one_of(st.integers(-(10**9), 10**9), st.floats(-1e6, 1e6, allow_nan=False)),
    st.sampled_from(["2026-11-30T09:00:00Z", "2026-11-30T09:00:00.123+01:00"]),
)
def test_numbers_and_instants_come_back_as_sent(number: float, instant: str) -> None:
    quantity = {"value": number, "unit": "mg"}
    observation = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"text": "x"},
        "issued": instant,
        "valueQuantity": quantity,
    }
    back = json_of_xml(xml_of_json(observation))
    assert back == observation
    assert json.dumps(back) == json.dumps(observation)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b'<gender value="male"/><gender value="female"/>', "Patient.gender"),
        (b'<name><family value="X"/><family value="Y"/></name>', "Patient.name[0].family"),
        (
            b'<name><given value="A"/></name><name><text value="B"/><text value="C"/></name>',
            "Patient.name[1].text",
        ),
    ],
)
def test_an_element_that_occurs_once_given_twice_is_refused(body: bytes, where: str) -> None:
    """The models keep the last of them, and the first would be lost unsaid."""
    xml = b'<Patient xmlns="http://hl7.org/fhir">' + body + b"</Patient>"
    with pytest.raises(FhirValidationError) as refused:
        json_of_xml(xml)
    assert [i.expression for i in refused.value.issues] == [where]


def test_elements_that_repeat_still_do() -> None:
    xml = (
        b'<Patient xmlns="http://hl7.org/fhir"><name><given value="A"/><given value="B"/>'
        b'</name><name><family value="C"/></name></Patient>'
    )
    assert json_of_xml(xml)["name"] == [{"given": ["A", "B"]}, {"family": "C"}]
