"""nl-core-shaped fixtures (tests/fixtures/nl-core): each transaction is kept
as sent in JSON and in XML, projects into the right onion, and the analysis
sees it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fhir_mappings.xml_format import json_of_xml, xml_of_json

from .conftest import Fhir

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "nl-core"
FHIR_XML = "application/fhir+xml"
ONION = """query($id: ID!) { client(id: $id) {
  members { id ring relationship helps { activity timesPerWeek hoursPerWeek need { code } } }
  needs { code supporters { supporter { id } frequency hoursPerWeek } }
  strength { closeContacts informalMembers formalMembers } } }"""

# What each fixture's client reads as: her members (id -> ring, helps) and
# the strength figures the analysis gives.
EXPECTED: dict[str, dict[str, Any]] = {
    "contact-person": {
        "client": "nl-p-contact",
        "members": {"nl-rp-husband": ("INFORMAL", [])},
        "strength": {"closeContacts": 0, "informalMembers": 1, "formalMembers": 0},
    },
    "neighbour-shopping": {
        "client": "nl-p-shopping",
        "members": {
            "nl-rp-neighbour": (
                "INFORMAL",
                [
                    {
                        "activity": "Boodschappen doen",
                        "timesPerWeek": 1.0,
                        "hoursPerWeek": None,
                        "need": None,
                    }
                ],
            )
        },
        "strength": {"closeContacts": 1, "informalMembers": 1, "formalMembers": 0},
    },
    "organisation-home-care": {
        "client": "nl-p-homecare",
        "members": {
            "nl-org-thuiszorg": (
                "FORMAL",
                [
                    {
                        "activity": "Ochtendzorg: wassen en aankleden",
                        "timesPerWeek": 7.0,
                        "hoursPerWeek": 5.25,
                        "need": {"code": "38"},
                    }
                ],
            )
        },
        "strength": {"closeContacts": 0, "informalMembers": 0, "formalMembers": 1},
        "supported": {"38": [("nl-org-thuiszorg", "DAILY", 5.25)]},
    },
    "medication-three-times-a-day": {
        "client": "nl-p-medication",
        "members": {
            "nl-rp-daughter": (
                "INFORMAL",
                [
                    {
                        "activity": "Medicatie aanreiken",
                        "timesPerWeek": 21.0,
                        "hoursPerWeek": 1.75,
                        "need": {"code": "42"},
                    }
                ],
            )
        },
        "strength": {"closeContacts": 1, "informalMembers": 1, "formalMembers": 0},
        "supported": {"42": [("nl-rp-daughter", "DAILY", 1.75)]},
    },
    "careteam-without-subject": {
        "client": "nl-p-nosubject",
        "members": {"nl-rp-son": ("INFORMAL", [])},
        "strength": {"closeContacts": 0, "informalMembers": 1, "formalMembers": 0},
    },
}


def _load(name: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text())
    return found


def _without_meta(resource: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in resource.items() if k != "meta"}


def _xml(fhir: Fhir, method: str, path: str, body: bytes | None = None) -> Any:
    headers = {"Authorization": f"Bearer {fhir.token}", "Accept": FHIR_XML}
    if body is not None:
        headers["Content-Type"] = FHIR_XML
    return fhir.http.request(method, f"/fhir/{path}", content=body, headers=headers)


def test_every_fixture_is_checked() -> None:
    assert {p.stem for p in FIXTURES.glob("*.json")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_fixture_round_trips_in_json_and_xml_and_reads_as_its_onion(
    fhir: Fhir, issuer_for: Any, name: str
) -> None:
    from ...conftest import nurse

    bundle = _load(name)
    answer = fhir.post("", bundle)
    assert answer.status_code == 200, answer.text
    for entry in bundle["entry"]:
        sent = entry["resource"]
        path = f"{sent['resourceType']}/{sent['id']}"
        stored = fhir.get(path).json()
        assert _without_meta(stored) == _without_meta(sent), path
        assert stored["meta"]["profile"] == sent["meta"]["profile"]
        as_xml = _xml(fhir, "GET", path)
        assert as_xml.status_code == 200 and as_xml.headers["content-type"].startswith(FHIR_XML)
        assert json_of_xml(as_xml.content) == stored, path
        again = _xml(fhir, "PUT", path, xml_of_json(sent))  # the same, sent as XML
        assert again.status_code == 200, again.text
        assert fhir.get(path).json()["meta"]["versionId"] == "1", path

    expected = EXPECTED[name]
    gql = issuer_for(nurse("nl-team-assendorp"))
    client = gql(ONION, {"id": expected["client"]})["client"]
    members = {m["id"]: (m["ring"], m["helps"]) for m in client["members"]}
    assert members == expected["members"]
    assert client["strength"] == expected["strength"]
    supported = {
        n["code"]: [
            (s["supporter"]["id"], s["frequency"], s["hoursPerWeek"]) for s in n["supporters"]
        ]
        for n in client["needs"]
    }
    assert supported == expected.get("supported", {})
