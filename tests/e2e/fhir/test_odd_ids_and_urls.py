"""Ids and URLs a client could send that look like FHIR's but would mislead:
an id of only dots (a URL would read it as "here" or "up"), a Bundle entry
aimed at another server, a name that shows nothing."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import PUBLIC_BASE, Fhir
from .test_rest import TEAM, care_team, patient


@pytest.mark.parametrize("ident", [".", ".."])
def test_an_id_of_only_dots_is_refused(fhir: Fhir, ident: str) -> None:
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "resource": {**patient(), "id": ident},
                "request": {"method": "PUT", "url": f"Patient/{ident}"},
            }
        ],
    }
    refused = fhir.post("", bundle)
    assert refused.status_code in (400, 422), refused.text
    assert "not '.' or '..'" in refused.text


def test_a_bundle_entry_for_another_server_is_refused(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    relative: dict[str, Any] = {
        "resourceType": "RelatedPerson",
        "id": "x",
        "patient": {"reference": "Patient/p1"},
        "name": [{"family": "Buur"}],
    }
    for kind in ("transaction", "batch"):
        bundle = {
            "resourceType": "Bundle",
            "type": kind,
            "entry": [
                {
                    "resource": relative,
                    "request": {"method": "PUT", "url": "http://evil.example/fhir/RelatedPerson/x"},
                }
            ],
        }
        answer = fhir.post("", bundle)
        said = answer.text
        assert "another server" in said, said
    assert fhir.get("RelatedPerson/x").status_code == 404
    # its own base in request.url is this server
    assert fhir.put("Patient/p1", {**patient(), "id": "p1"}).status_code == 201
    own = {**care_team("p1"), "id": "ct-p1"}
    entry = {"resource": own, "request": {"method": "PUT", "url": f"{PUBLIC_BASE}/CareTeam/ct-p1"}}
    answer = fhir.post("", {"resourceType": "Bundle", "type": "transaction", "entry": [entry]})
    assert answer.status_code == 200, answer.text


def test_a_name_that_shows_nothing_is_refused(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p1", {**patient(), "id": "p1"}).status_code == 201
    relative = {
        "resourceType": "RelatedPerson",
        "id": "stil",
        "patient": {"reference": "Patient/p1"},
        "name": [{"text": "\u200b\u2060"}],
    }
    refused = fhir.put("RelatedPerson/stil", relative)
    assert refused.status_code == 422, refused.text
    assert "must not be empty" in refused.text
