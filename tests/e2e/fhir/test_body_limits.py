"""Bodies that cost far more to read than their size suggests: an XML
element with tens of thousands of attributes or namespace declarations, a
resource repeating one element thousands of times. Each is refused quickly
with an OperationOutcome that says what and where, and the worker goes on
serving; what is real (a few hundred repeats, a transaction of thousands
of entries) is still accepted."""

from __future__ import annotations

import time
from typing import Any

import httpx

from fhir_mappings.body_limits import MAX_REPEATS, MAX_XML_ATTRIBUTES, MAX_XML_NAMESPACES

from .conftest import Fhir

FHIR_XML = "application/fhir+xml"
QUICK = 2.0  # seconds; the bodies below took 5 s to minutes before


def _send_xml(fhir: Fhir, path: str, body: bytes) -> httpx.Response:
    headers = {
        "Authorization": f"Bearer {fhir.token}",
        "Content-Type": FHIR_XML,
        "Accept": "application/fhir+json",
    }
    response: httpx.Response = fhir.http.post(f"/fhir/{path}", content=body, headers=headers)
    return response


def _refused(response: httpx.Response) -> dict[str, Any]:
    assert 400 <= response.status_code < 500, response.text
    first: dict[str, Any] = response.json()["issue"][0]
    assert response.json()["resourceType"] == "OperationOutcome"
    assert first["severity"] == "error" and first["diagnostics"], first
    return first


def _related_person_xml(attributes: str) -> bytes:
    return (
        f'<RelatedPerson xmlns="http://hl7.org/fhir" {attributes}>'
        '<patient><reference value="Patient/x"/></patient></RelatedPerson>'
    ).encode()


def _extensions(count: int) -> list[dict[str, str]]:
    return [{"url": f"http://example.org/e/{i}", "valueString": "v"} for i in range(count)]


def test_an_element_with_50000_attributes_is_refused_quickly(fhir: Fhir) -> None:
    assert fhir.put("Patient/p-limits", {"resourceType": "Patient", "id": "p-limits"}).status_code
    body = _related_person_xml(" ".join(f'a{i}="1"' for i in range(50_000)))
    assert len(body) > 500_000
    started = time.perf_counter()
    refused = _refused(_send_xml(fhir, "RelatedPerson", body))
    assert time.perf_counter() - started < QUICK
    said = refused["diagnostics"]
    assert f"more than {MAX_XML_ATTRIBUTES} attributes" in said, said
    assert "<RelatedPerson> at line 1, column 1" in said, said
    assert fhir.get("Patient/p-limits").status_code == 200  # the worker serves on


def test_20000_namespace_declarations_are_refused_quickly(fhir: Fhir) -> None:
    assert fhir.put("Patient/p-limits", {"resourceType": "Patient", "id": "p-limits"}).status_code
    on_one = _related_person_xml(" ".join(f'xmlns:p{i}="urn:x:{i}"' for i in range(20_000)))
    started = time.perf_counter()
    refused = _refused(_send_xml(fhir, "RelatedPerson", on_one))
    assert time.perf_counter() - started < QUICK
    assert f"more than {MAX_XML_ATTRIBUTES} attributes" in refused["diagnostics"]
    # the same declarations spread over many elements, a few on each
    spread = "".join(
        f'<extension url="http://example.org/e" xmlns:p{i}="urn:x:{i}">'
        '<valueString value="v"/></extension>'
        for i in range(20_000)
    )
    body = (
        '<RelatedPerson xmlns="http://hl7.org/fhir">'
        f'{spread}<patient><reference value="Patient/x"/></patient></RelatedPerson>'
    ).encode()
    started = time.perf_counter()
    refused = _refused(_send_xml(fhir, "RelatedPerson", body))
    assert time.perf_counter() - started < QUICK
    said = refused["diagnostics"]
    assert f"more than {MAX_XML_NAMESPACES} XML namespaces" in said, said
    assert "at line 1, column " in said
    assert fhir.get("Patient/p-limits").status_code == 200
    assert fhir.get("RelatedPerson").json().get("entry", []) == []


def test_a_resource_repeating_an_element_6000_times_is_refused_naming_it(fhir: Fhir) -> None:
    related = {
        "resourceType": "RelatedPerson",
        "patient": {"reference": "Patient/x"},
        "extension": _extensions(6_000),
    }
    started = time.perf_counter()
    refused = _refused(fhir.post("RelatedPerson", related))
    assert time.perf_counter() - started < QUICK
    assert refused["expression"] == ["RelatedPerson.extension"], refused
    assert str(MAX_REPEATS) in refused["diagnostics"], refused
    # deeper down, and in $validate, which reads the body the same way
    related["extension"] = [{"url": "http://example.org/e", "extension": _extensions(6_000)}]
    refused = _refused(fhir.post("RelatedPerson/$validate", related))
    assert refused["expression"] == ["RelatedPerson.extension[0].extension"], refused
    # the same as XML: counted before the models read it
    extensions = "".join(
        f'<extension url="http://example.org/e/{i}"><valueString value="v"/></extension>'
        for i in range(6_000)
    )
    xml = (
        f'<RelatedPerson xmlns="http://hl7.org/fhir">{extensions}'
        '<patient><reference value="Patient/x"/></patient></RelatedPerson>'
    ).encode()
    started = time.perf_counter()
    refused = _refused(_send_xml(fhir, "RelatedPerson", xml))
    assert time.perf_counter() - started < QUICK
    assert refused["expression"] == ["RelatedPerson.extension"], refused
    assert str(MAX_REPEATS) in refused["diagnostics"], refused
    assert fhir.get("RelatedPerson").json().get("entry", []) == []


def test_a_resource_with_a_few_hundred_repeats_is_accepted(fhir: Fhir) -> None:
    related = {
        "resourceType": "RelatedPerson",
        "patient": {"reference": "Patient/p-limits"},
        "extension": _extensions(300),
    }
    assert fhir.put("Patient/p-limits", {"resourceType": "Patient", "id": "p-limits"}).status_code
    created = fhir.post("RelatedPerson", related)
    assert created.status_code == 201, created.text
    extensions = "".join(
        f'<extension url="http://example.org/x/{i}"><valueString value="v"/></extension>'
        for i in range(300)
    )
    xml = (
        f'<RelatedPerson xmlns="http://hl7.org/fhir">{extensions}'
        '<patient><reference value="Patient/p-limits"/></patient></RelatedPerson>'
    ).encode()
    as_xml = _send_xml(fhir, "RelatedPerson", xml)
    assert as_xml.status_code == 201, as_xml.text
    assert len(as_xml.json()["extension"]) == 300


def test_a_transaction_of_more_entries_than_an_array_may_hold_is_accepted(fhir: Fhir) -> None:
    count = MAX_REPEATS + 1
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": f"urn:uuid:00000000-0000-4000-8000-{i:012d}",
                "resource": {"resourceType": "Patient", "active": True},
                "request": {"method": "POST", "url": "Patient"},
            }
            for i in range(count)
        ],
    }
    headers = {"Authorization": f"Bearer {fhir.token}", "Content-Type": "application/fhir+json"}
    # not through fhir.post: the validators would read the whole response
    answer = fhir.http.post("/fhir", json=bundle, headers=headers)
    assert answer.status_code == 200, answer.text[:2000]
    assert len(answer.json()["entry"]) == count
