"""A change that comes as FHIR resources is in the network's history too:
what it did in words, by "a linked system", at the version it made; the
version a nurse sees move always has its entry."""

from __future__ import annotations

from typing import Any

import pytest

from ...conftest import nurse
from .conftest import Fhir
from .test_compartments import two_teams  # noqa: F401 (fixture)

HISTORY = """query($id: ID!) { client(id: $id) { version
  history { who words wordsEn version } } }"""


@pytest.mark.usefixtures("two_teams")
def test_fhir_changes_are_in_her_history(fhir: Fhir, issuer_for: Any) -> None:
    gql = issuer_for(nurse("team-a"))
    first = gql(HISTORY, {"id": "anna"})["client"]
    assert [e["version"] for e in first["history"]] == list(range(first["version"], 0, -1)), first
    assert first["history"][-1]["words"] == "Jo Visser in zorg genomen"
    assert first["history"][-1]["who"] == "een gekoppeld systeem"

    doctor = {"resourceType": "Practitioner", "id": "dokter", "name": [{"text": "Dokter Pil"}]}
    assert fhir.put("Practitioner/dokter", doctor).status_code == 201
    careteam = fhir.get("CareTeam/ct-anna").json()
    careteam.pop("meta")
    careteam["participant"].append({"member": {"reference": "Practitioner/dokter"}})
    assert fhir.put("CareTeam/ct-anna", careteam).status_code == 200
    condition = fhir.get("Condition/cond-anna").json()
    condition.pop("meta")
    condition["clinicalStatus"] = {
        "coding": [
            {
                "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                "code": "resolved",
            }
        ]
    }
    assert fhir.put("Condition/cond-anna", condition).status_code == 200

    now = gql(HISTORY, {"id": "anna"})["client"]
    newest, added = now["history"][0], now["history"][1]
    assert added["version"] == first["version"] + 1
    assert added["words"] == "Dokter Pil toegevoegd (formeel)"
    assert added["wordsEn"] == "Dokter Pil added (formal)"
    assert newest["version"] == now["version"] == first["version"] + 2
    # what the graph reads as no change of who or what (her diagnosis here)
    assert newest["words"] == "Gegevens bijgewerkt (Condition/cond-anna)", newest
    # another team's client has none of it
    other = issuer_for(nurse("team-b"))(HISTORY, {"id": "bram"})["client"]
    assert all("Dokter" not in e["words"] for e in other["history"])
