"""Requests that fuzzing found answered with a 500 or a bare status: a
search by POST (a form), any method on what is not served, bodies nested
too deep, a POST to the base that is not a Bundle. Each is now an
OperationOutcome that says what and where."""

from __future__ import annotations

import json

import pytest

from fhir_mappings.issues import IssueType

from .conftest import Fhir

FORM = "application/x-www-form-urlencoded"


def issue(response: object, status: int, code: IssueType) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    first: dict[str, object] = response.json()["issue"][0]  # type: ignore[attr-defined]
    assert first["code"] == code and first["diagnostics"], first
    return first


def test_a_search_by_post_reads_the_form(fhir: Fhir) -> None:
    created = fhir.post("Patient", {"resourceType": "Patient", "name": [{"family": "Wolters"}]})
    assert created.status_code == 201
    by_get = fhir.get("Patient?name=wolters").json()
    by_post = fhir.request("POST", "Patient/_search", "name=wolters", **{"Content-Type": FORM})
    assert by_post.status_code == 200
    assert len(by_post.json()["entry"]) == len(by_get["entry"]) == 1
    assert len(fhir.request("POST", "Patient/_search?name=wolters").json()["entry"]) == 1
    nobody = fhir.request("POST", "Patient/_search", "name=nobody", **{"Content-Type": FORM})
    assert nobody.json().get("entry", []) == []


def test_a_search_by_post_that_is_not_a_form_is_refused(fhir: Fhir) -> None:
    json_body = fhir.request(
        "POST", "Patient/_search", "{}", **{"Content-Type": "application/json"}
    )
    assert FORM in str(issue(json_body, 415, "not-supported")["diagnostics"])
    not_utf8 = fhir.request("POST", "Patient/_search", b"name=\xff", **{"Content-Type": FORM})
    assert "byte 5" in str(issue(not_utf8, 400, "structure")["diagnostics"])
    many = "&".join(f"name={i}" for i in range(201))
    assert "200" in str(
        issue(
            fhir.request("POST", "Patient/_search", many, **{"Content-Type": FORM}),
            400,
            "structure",
        )["diagnostics"]
    )
    huge = fhir.request("POST", "Patient/_search", "name=" + "x" * 70_000, **{"Content-Type": FORM})
    assert "64 KiB" in str(issue(huge, 413, "too-costly")["diagnostics"])


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("OPTIONS", "metadata"),
        ("PATCH", "Patient/x"),
        ("POST", "Patient/x/$everything"),
        ("DELETE", "AuditEvent"),
        ("BREW", ""),
        ("GET", "Patient/x/_history/1/more"),
    ],
)
def test_any_method_on_what_is_not_served_is_answered_in_fhir(
    fhir: Fhir, method: str, path: str
) -> None:
    response = fhir.request(method, path)
    assert method in str(issue(response, 404, "not-supported")["diagnostics"])


def test_a_body_nested_too_deep_is_a_400_that_says_where(fhir: Fhir) -> None:
    deep: object = "x"
    for _ in range(70):
        deep = {"a": deep}
    patient = {"resourceType": "Patient", "extension": [{"url": "x", "deep": deep}]}
    refused = issue(fhir.post("Patient", patient), 400, "structure")
    assert "64 levels" in str(refused["diagnostics"])
    assert str(refused["expression"][0]).startswith("extension[0].deep.a.a")  # type: ignore[index]
    very = issue(fhir.post("Patient", "[" * 100_000 + "]" * 100_000), 400, "structure")
    assert "64 levels" in str(very["diagnostics"])
    assert fhir.get("Patient").json().get("entry", []) == []


def test_a_post_to_the_base_that_is_not_a_bundle_names_what_is_wrong(fhir: Fhir) -> None:
    refused = issue(fhir.post("", {"resourceType": "Patient"}), 400, "structure")
    assert refused["expression"] == ["resourceType"]
    assert "Bundle" in str(refused["diagnostics"])
    assert "Bundle" in str(issue(fhir.post("", json.dumps([1])), 400, "structure")["diagnostics"])
    for kind in ({"a": 1}, ["transaction"], None, 7):
        odd = issue(fhir.post("", {"resourceType": "Bundle", "type": kind}), 422, "value")
        assert odd["expression"] == ["Bundle.type"], kind


def test_a_create_or_update_whose_body_is_not_a_resource_says_so(fhir: Fhir) -> None:
    for body in ("[1]", "{}", '"Patient"', "null"):
        for response in (fhir.post("Patient", body), fhir.put("Patient/x", body)):
            refused = issue(response, 400, "structure")
            assert "the body must be a resource" in str(refused["diagnostics"]), body


def test_a_version_in_other_digits_is_refused_not_a_500(fhir: Fhir) -> None:
    for version in ("²", "³", "\u0661"):  # superscripts and an Arabic-Indic one
        refused = issue(fhir.get(f"Patient/x/_history/{version}"), 422, "value")
        assert refused["expression"] == ["vid"]
