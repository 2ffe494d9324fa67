"""A client's record (a rating, a CareTeam, a Condition, ...) that names no
client is in no team's reach: a nurse cannot write one, nor read, change or
delete one a system stored; and a record that moved from one client to
another shows each team only the versions that were about its own client."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from graphsvc.domain import Principal

from .conftest import Fhir
from .test_compartments import NURSE_A, NURSE_B, two_teams  # noqa: F401 (fixture)

RATING = "https://graphsvc.example/fhir/CodeSystem/omaha-rating"


def _rating(**more: Any) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": RATING, "code": "behavior"}]},
        "effectiveDateTime": "2026-11-20",
        "focus": [{"reference": "Condition/cond-anna"}],
        "valueInteger": 2,
        "note": [{"text": "weigert medicatie"}],
        **more,
    }


def _said(response: Any) -> str:
    return " ".join(i.get("diagnostics", "") for i in response.json()["issue"])


@pytest.mark.usefixtures("two_teams")
def test_a_nurse_writes_no_record_about_no_client(
    fhir: Fhir, make_fhir: Callable[[Principal], Fhir]
) -> None:
    nurse_a = make_fhir(NURSE_A)
    count = len(fhir.get("Observation").json().get("entry", ()))
    posted = nurse_a.post("Observation", _rating())
    assert posted.status_code == 422, posted.text
    assert [i.get("expression") for i in posted.json()["issue"]] == [["Observation.subject"]]
    assert "must name the client" in _said(posted)
    care_team = {
        "resourceType": "CareTeam",
        "id": "ct-nobody",
        "status": "active",
        "managingOrganization": [{"reference": "Organization/team-a"}],
        "participant": [{"member": {"reference": "RelatedPerson/kind-anna"}}],
    }
    assert nurse_a.put("CareTeam/ct-nobody", care_team).status_code == 422
    # her own client's record moved out of every compartment: refused too
    condition = fhir.get("Condition/cond-anna").json()
    condition.pop("meta")
    condition["subject"] = {"reference": "RelatedPerson/kind-anna"}
    moved = nurse_a.put("Condition/cond-anna", condition)
    assert moved.status_code == 422, moved.text
    assert fhir.get("Condition/cond-anna").json()["meta"]["versionId"] == "1"
    assert fhir.get("CareTeam/ct-nobody").status_code == 404
    assert len(fhir.get("Observation").json().get("entry", ())) == count


@pytest.mark.usefixtures("two_teams")
def test_a_record_a_system_stored_about_no_client_is_out_of_every_teams_reach(
    fhir: Fhir, make_fhir: Callable[[Principal], Fhir]
) -> None:
    group = {"resourceType": "Group", "id": "buurt-7", "type": "person", "actual": False}
    assert fhir.put("Group/buurt-7", group).status_code == 201
    # about a group of people, so in no client's compartment
    stored = fhir.post("Observation", _rating(subject={"reference": "Group/buurt-7"}))
    assert stored.status_code == 201, stored.text
    path = f"Observation/{stored.json()['id']}"
    for principal in (NURSE_A, NURSE_B):
        nurse = make_fhir(principal)
        assert nurse.get(path).status_code == 404
        assert nurse.get(f"{path}/_history").status_code == 404
        assert nurse.get(f"{path}/_history/1").status_code == 404
        # not said otherwise than for a record that is not there
        absent = nurse.get("Observation/no-such-rating")
        assert nurse.get(path).json()["issue"][0]["code"] == absent.json()["issue"][0]["code"]
        changed = {**_rating(), "id": path.partition("/")[2], "valueInteger": 3}
        changed["subject"] = {"reference": "Patient/anna"}  # taken into her record
        assert nurse.put(path, changed).status_code == 404
        assert nurse.delete(path).status_code == 404
        revinclude = nurse.get("Condition?_id=cond-anna&_revinclude=Observation:focus")
        assert path not in {
            f"{e['resource']['resourceType']}/{e['resource']['id']}"
            for e in revinclude.json().get("entry", ())
        }
    kept = fhir.get(path).json()
    assert kept["meta"]["versionId"] == "1" and kept["valueInteger"] == 2


@pytest.mark.usefixtures("two_teams")
def test_a_record_that_moved_shows_each_team_only_its_own_clients_versions(
    fhir: Fhir, make_fhir: Callable[[Principal], Fhir]
) -> None:
    nurse_a, nurse_b = make_fhir(NURSE_A), make_fhir(NURSE_B)
    condition = fhir.get("Condition/cond-anna").json()
    condition.pop("meta")
    condition["code"] = {"text": "valt vaak"}
    assert fhir.put("Condition/cond-anna", condition).status_code == 200  # v2, anna's
    condition["subject"] = {"reference": "Patient/bram"}
    condition["code"] = {"text": "verkeerd dossier"}
    assert fhir.put("Condition/cond-anna", condition).status_code == 200  # v3, bram's now
    assert nurse_a.get("Condition/cond-anna").status_code == 404
    assert nurse_b.get("Condition/cond-anna").status_code == 200
    history = nurse_b.get("Condition/cond-anna/_history").json()
    shown = [e["resource"]["meta"]["versionId"] for e in history["entry"]]
    assert shown == ["3"]
    assert "valt vaak" not in str(history) and "eenzaamheid" not in str(history)
    for version in ("1", "2"):
        assert nurse_b.get(f"Condition/cond-anna/_history/{version}").status_code == 404
    assert nurse_b.get("Condition/cond-anna/_history/3").status_code == 200
    every = fhir.get("Condition/cond-anna/_history").json()
    assert [e["resource"]["meta"]["versionId"] for e in every["entry"]] == ["3", "2", "1"]
