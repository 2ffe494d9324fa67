"""Bodies that a lenient reader would take otherwise than they were meant:
an object naming a key twice (the last silently won), a body said to be in
another charset than UTF-8 (read as UTF-8 all the same). Each is refused with
an OperationOutcome that says what and where, and nothing is written. And a
large body's $validate answers as a small one's does."""

from __future__ import annotations

from typing import Any

import pytest

from fhir_mappings.issues import IssueType

from .conftest import FHIR_JSON, Fhir
from .test_rest import TEAM, patient

FORM = "application/x-www-form-urlencoded"
FHIR_XML = "application/fhir+xml"


def refusal(response: Any, status: int, code: IssueType) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.json()["resourceType"] == "OperationOutcome"
    first: dict[str, Any] = response.json()["issue"][0]
    assert first["severity"] == "error" and first["code"] == code, first
    return first


# -- a key named twice in one object ----------------------------------------

TWO_GENDERS = '{"resourceType":"Patient","id":"p-dup","gender":"male","gender":"female"}'


def test_a_key_named_twice_is_refused_and_nothing_is_written(fhir: Fhir) -> None:
    refused = refusal(fhir.put("Patient/p-dup", TWO_GENDERS), 400, "structure")
    assert refused["expression"] == ["Patient.gender"]
    assert "'gender'" in refused["diagnostics"], refused
    assert fhir.get("Patient/p-dup").status_code == 404
    created = fhir.post("Patient", TWO_GENDERS)
    assert refusal(created, 400, "structure")["expression"] == ["Patient.gender"]
    assert fhir.get("Patient").json().get("entry", []) == []


def _entry(uuid: str, name: str) -> str:
    return (
        f'{{"fullUrl":"urn:uuid:{uuid}",'
        f'"resource":{{"resourceType":"Patient","name":[{name}]}},'
        '"request":{"method":"POST","url":"Patient"}}'
    )


def test_a_key_named_twice_deep_in_a_transaction_is_refused_where_it_is(fhir: Fhir) -> None:
    fine = _entry("0b6f3c1e-4c1a-4d0e-9a57-2d2d0c1b1a01", '{"family":"Visser"}')
    twice = _entry("0b6f3c1e-4c1a-4d0e-9a57-2d2d0c1b1a02", '{"family":"Visser","family":"Bakker"}')
    bundle = f'{{"resourceType":"Bundle","type":"transaction","entry":[{fine},{twice}]}}'
    refused = refusal(fhir.post("", bundle), 400, "structure")
    assert refused["expression"] == ["Bundle.entry[1].resource.name[0].family"]
    assert "'family'" in refused["diagnostics"], refused
    assert fhir.get("Patient").json().get("entry", []) == []


def test_a_key_named_twice_in_a_validate_body_is_a_400(fhir: Fhir) -> None:
    refused = refusal(fhir.post("Patient/$validate", TWO_GENDERS), 400, "structure")
    assert refused["expression"] == ["Patient.gender"]


def test_a_key_named_twice_outside_a_resource_says_where_it_is(fhir: Fhir) -> None:
    refused = refusal(fhir.post("Patient", '[{"a":1},{"b":{"c":1,"c":1}}]'), 400, "structure")
    assert refused["expression"] == ["[1].b.c"]


def test_the_same_key_in_different_objects_is_fine(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    twice = (
        '{"resourceType":"Patient","id":"p-names","name":'
        '[{"family":"Visser","given":["Truus"]},{"family":"Bakker","given":["Geertruida"]}]}'
    )
    assert fhir.put("Patient/p-names", twice).status_code == 201
    stored = fhir.get("Patient/p-names").json()
    assert [n["family"] for n in stored["name"]] == ["Visser", "Bakker"]


# -- charsets -----------------------------------------------------------------

REFUSED_CHARSETS = [
    f"{FHIR_JSON}; charset=latin-1",
    f"{FHIR_JSON}; charset=iso-8859-1",
    "application/json;charset=ISO-8859-1",
    f'{FHIR_JSON}; charset="windows-1252"',
    f"{FHIR_JSON}; charset=utf-16",
    f"{FHIR_JSON}; charset=utf-8; charset=latin-1",
]
ACCEPTED_CHARSETS = [
    FHIR_JSON,
    f"{FHIR_JSON}; charset=utf-8",
    f"{FHIR_JSON}; charset=UTF-8",
    f"{FHIR_JSON};charset=utf8",
    f'{FHIR_JSON}; charset="Utf-8"',
    f"{FHIR_JSON}; fhirVersion=4.0; charset=UTF8",
]


@pytest.mark.parametrize("content_type", REFUSED_CHARSETS)
def test_a_body_in_another_charset_than_utf8_is_a_415(fhir: Fhir, content_type: str) -> None:
    body = {**patient(), "id": "p-latin"}
    put = fhir.put("Patient/p-latin", body, **{"Content-Type": content_type})
    assert "UTF-8" in refusal(put, 415, "not-supported")["diagnostics"]
    latin = b'{"resourceType":"Patient","id":"p-latin","name":[{"family":"M\xfcller"}]}'
    put = fhir.put("Patient/p-latin", latin, **{"Content-Type": content_type})
    assert "UTF-8" in refusal(put, 415, "not-supported")["diagnostics"]
    checked = fhir.post("Patient/$validate", body, **{"Content-Type": content_type})
    assert "UTF-8" in refusal(checked, 415, "not-supported")["diagnostics"]
    assert fhir.get("Patient/p-latin").status_code == 404


@pytest.mark.parametrize("content_type", ACCEPTED_CHARSETS)
def test_utf8_or_no_charset_is_read(fhir: Fhir, content_type: str) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    body = {**patient("Müller"), "id": "p-utf8"}
    put = fhir.put("Patient/p-utf8", body, **{"Content-Type": content_type})
    assert put.status_code == 201, put.text
    assert fhir.get("Patient/p-utf8").json()["name"][0]["family"] == "Müller"


def test_xml_and_forms_in_another_charset_are_a_415_too(fhir: Fhir) -> None:
    xml = b'<Patient xmlns="http://hl7.org/fhir"><id value="p-xml"/></Patient>'
    put = fhir.put("Patient/p-xml", xml, **{"Content-Type": f"{FHIR_XML}; charset=iso-8859-1"})
    assert "UTF-8" in refusal(put, 415, "not-supported")["diagnostics"]
    assert fhir.get("Patient/p-xml").status_code == 404
    form = fhir.request(
        "POST", "Patient/_search", "name=visser", **{"Content-Type": f"{FORM}; charset=latin-1"}
    )
    assert "UTF-8" in refusal(form, 415, "not-supported")["diagnostics"]
    form = fhir.request(
        "POST", "Patient/_search", "name=visser", **{"Content-Type": f"{FORM}; charset=UTF-8"}
    )
    assert form.status_code == 200, form.text


# -- $validate of a large body -----------------------------------------------

LARGE = 2_000  # extensions of 500 characters: a body of about 1.2 MB


def _large_patient(bad_at: int | None = None) -> dict[str, Any]:
    extensions: list[dict[str, Any]] = [
        {"url": f"https://graphsvc.example/fhir/e/{i}", "valueString": f"{i:04d}" + "x" * 496}
        for i in range(LARGE)
    ]
    if bad_at is not None:
        extensions[bad_at] = {"url": extensions[bad_at]["url"], "valueBoolean": "yes"}
    return {**patient(), "extension": extensions}


def test_validate_of_a_large_body_answers_as_for_a_small_one(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    valid = fhir.post("Patient/$validate", _large_patient())
    assert valid.status_code == 200, valid.text
    answer = valid.json()["issue"]
    assert [i for i in answer if i["severity"] == "error"] == []
    assert any(i["code"] == "informational" for i in answer), answer
    small = fhir.post("Patient/$validate", patient()).json()["issue"]
    assert answer == small

    invalid = fhir.post("Patient/$validate", _large_patient(bad_at=1_500))
    assert invalid.status_code == 200, invalid.text
    errors = [i for i in invalid.json()["issue"] if i["severity"] == "error"]
    assert [e["expression"] for e in errors] == [["Patient.extension[1500].valueBoolean"]]
    refused = fhir.post("Patient", _large_patient(bad_at=1_500))
    assert refused.status_code in (400, 422), refused.text
    assert errors == refused.json()["issue"]
    assert fhir.get("Patient").json().get("entry", []) == []
