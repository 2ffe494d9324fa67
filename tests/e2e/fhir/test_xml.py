"""FHIR XML in and out: resources and Bundles sent as application/fhir+xml are
kept as losslessly as JSON; answers come as XML when asked (Accept or
_format), JSON otherwise; XML with a DTD or outside FHIR's namespace is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from fhir.resources.R4B import get_fhir_model_class
from lxml import etree

from .conftest import Fhir
from .test_rest import TEAM, care_team

FHIR_XML = "application/fhir+xml"
NS = {"f": "http://hl7.org/fhir"}
XML = Path(__file__).resolve().parents[2] / "fixtures" / "fhir" / "xml"

PATIENT_XML = (XML / "Patient-p-xml.xml").read_bytes()


def _send(fhir: Fhir, method: str, path: str, body: bytes, **headers: str) -> httpx.Response:
    sent = {"Authorization": f"Bearer {fhir.token}", "Content-Type": FHIR_XML, **headers}
    return fhir.http.request(method, f"/fhir/{path}", content=body, headers=sent)


def _get(fhir: Fhir, path: str, **headers: str) -> httpx.Response:
    return fhir.http.get(
        f"/fhir/{path}", headers={"Authorization": f"Bearer {fhir.token}", **headers}
    )


def _model(xml: bytes) -> Any:
    root = etree.fromstring(xml)
    kind = etree.QName(root).localname
    return get_fhir_model_class(kind).model_validate_xml(xml)


def _without_meta(xml: bytes) -> dict[str, Any]:
    found: dict[str, Any] = _model(xml).model_dump(mode="json")
    found.pop("meta", None)
    return found


def test_a_resource_sent_as_xml_reads_back_the_same_in_xml_and_json(fhir: Fhir) -> None:
    created = _send(fhir, "PUT", "Patient/p-xml", PATIENT_XML, Accept=FHIR_XML)
    assert created.status_code == 201, created.text
    assert created.headers["content-type"].startswith(FHIR_XML)
    read = _get(fhir, "Patient/p-xml?_format=xml")
    assert read.status_code == 200 and read.headers["content-type"].startswith(FHIR_XML)
    assert _without_meta(read.content) == _without_meta(PATIENT_XML)
    profile = etree.fromstring(read.content).find("f:meta/f:profile", NS)
    assert profile is not None and profile.get("value").endswith("nl-core-Patient")
    as_json = fhir.get("Patient/p-xml").json()  # JSON stays the default
    assert as_json["name"][0]["_family"]["extension"][1]["valueString"] == "Vries"
    assert as_json["text"]["div"].startswith('<div xmlns="http://www.w3.org/1999/xhtml">')
    # the same resource again, as XML: nothing changes
    again = _send(fhir, "PUT", "Patient/p-xml", PATIENT_XML)
    assert again.status_code == 200 and again.json()["meta"]["versionId"] == "1"


def test_a_transaction_in_xml_projects_into_the_onion(fhir: Fhir, issuer_for: Any) -> None:
    from ...conftest import nurse

    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert _send(fhir, "PUT", "Patient/p-xml", PATIENT_XML).status_code == 201
    bundle = (XML / "Bundle-transaction-help.xml").read_bytes()
    answer = _send(fhir, "POST", "", bundle, Accept=FHIR_XML)
    assert answer.status_code == 200, answer.text
    statuses = etree.fromstring(answer.content).findall("f:entry/f:response/f:status", NS)
    assert [s.get("value")[:3] for s in statuses] == ["201", "201"]
    assert fhir.put("CareTeam/ct-xml", {**care_team("p-xml"), "id": "ct-xml"}).status_code == 201
    gql = issuer_for(nurse("team-rest"))
    members = gql(
        """query { client(id: "p-xml") { members { displayName ring
             helps { activity timesPerWeek } } strength { closeContacts } } }""",
    )["client"]
    assert members["members"] == [
        {
            "displayName": "Buurvrouw Ria",
            "ring": "INFORMAL",
            "helps": [{"activity": "Boodschappen", "timesPerWeek": 1.0}],
        }
    ]
    assert members["strength"]["closeContacts"] == 1
    found = _get(fhir, "CarePlan?patient=p-xml", Accept=f"{FHIR_XML}, application/fhir+json;q=0.5")
    assert found.headers["content-type"].startswith(FHIR_XML)
    plan = etree.fromstring(found.content).find("f:entry/f:resource/f:CarePlan", NS)
    assert plan is not None
    written = plan.find("f:activity/f:detail/f:scheduledString", NS)
    assert written is not None and written.get("value") == "1 keer per week"


def test_xml_that_is_not_fhir_is_refused_and_says_why(fhir: Fhir) -> None:
    cases = {
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x "xx">]>'
        b'<Patient xmlns="http://hl7.org/fhir"><id value="&x;"/></Patient>': "DTD",
        b'<Patient><id value="p-1"/></Patient>': "namespace",
        b'<Patient xmlns="http://hl7.org/fhir"><id value="p-1"/>': "not XML",
        b'<Patient xmlns="http://hl7.org/fhir"><id value="p-1"/><tall value="2"/></Patient>': (
            "tall"
        ),
        b'<Patient xmlns="http://hl7.org/fhir"><id value="p-1"/><gender value="v"/></Patient>': (
            "Patient.gender"
        ),
        b'<Patient xmlns="http://hl7.org/fhir">' + b"<a>" * 300 + b"</a>" * 300 + b"</Patient>": (
            "the XML is nested too deeply"
        ),
    }
    for body, said in cases.items():
        answer = _send(fhir, "PUT", "Patient/p-1", body, Accept=FHIR_XML)
        assert answer.status_code in (400, 422), (body, answer.text)
        assert answer.headers["content-type"].startswith(FHIR_XML)
        outcome = etree.fromstring(answer.content)
        assert etree.QName(outcome).localname == "OperationOutcome"
        assert said in answer.text, (said, answer.text)
        assert "XML_PARSE" not in answer.text  # libxml's words stay inside
    assert fhir.get("Patient/p-1").status_code == 404  # nothing written
