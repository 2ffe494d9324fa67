"""What Patient/$everything gives of a client is hers and the directory's: a
reference in her record to a resource that is another client's (a CareTeam
that was hers when it was named, then moved to another client, say) never
brings that client's record along."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from graphsvc.domain import Principal

from ...conftest import nurse
from .conftest import Fhir
from .test_rest import TEAM, care_team, patient

OTHER_TEAM = {**TEAM, "id": "team-other", "name": "Buurtzorg Elders"}


def _theirs(patient_id: str, member: str) -> dict[str, Any]:
    return {
        **care_team(patient_id, member),
        "managingOrganization": [{"reference": "Organization/team-other"}],
    }


def _keys(bundle: dict[str, Any]) -> set[str]:
    return {f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in bundle["entry"]}


def test_everything_never_brings_another_clients_record(
    fhir: Fhir, make_fhir: Callable[[Principal], Fhir]
) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Organization/team-other", OTHER_TEAM).status_code == 201
    assert fhir.put("Patient/p-own", {**patient(), "id": "p-own"}).status_code == 201
    hidden = {**patient("Verborgen"), "id": "p-other"}
    hidden["address"] = [{"line": ["Geheimlaan 7"], "city": "Almelo"}]
    assert fhir.put("Patient/p-other", hidden).status_code == 201
    neighbour = {
        "resourceType": "RelatedPerson",
        "id": "rp-other",
        "patient": {"reference": "Patient/p-other"},
        "name": [{"family": "Buurvrouw", "given": ["Stille"]}],
        "telecom": [{"system": "phone", "value": "06-99999999"}],
    }
    assert fhir.put("RelatedPerson/rp-other", neighbour).status_code == 201
    own_team = {**care_team("p-own"), "id": "ct-own"}
    assert fhir.put("CareTeam/ct-own", own_team).status_code == 201
    moving = {**care_team("p-own"), "id": "ct-moving"}
    assert fhir.put("CareTeam/ct-moving", moving).status_code == 201
    plan = {
        "resourceType": "CarePlan",
        "id": "cp-own",
        "status": "active",
        "intent": "plan",
        "subject": {"reference": "Patient/p-own"},
        "careTeam": [{"reference": "CareTeam/ct-moving"}],
    }
    assert fhir.put("CarePlan/cp-own", plan).status_code == 201
    # the CareTeam her plan names becomes another client's
    moved = {**_theirs("p-other", "RelatedPerson/rp-other"), "id": "ct-moving"}
    assert fhir.put("CareTeam/ct-moving", moved).status_code == 200

    ours = make_fhir(nurse("team-rest")).get("Patient/p-own/$everything")
    assert ours.status_code == 200
    keys = _keys(ours.json())
    assert {"Patient/p-own", "CareTeam/ct-own", "CarePlan/cp-own"} <= keys
    assert not keys & {"CareTeam/ct-moving", "Patient/p-other", "RelatedPerson/rp-other"}, keys
    text = json.dumps(ours.json())
    assert "Verborgen" not in text and "Geheimlaan" not in text and "06-99999999" not in text

    theirs = make_fhir(nurse("team-other")).get("Patient/p-other/$everything")
    assert {"Patient/p-other", "CareTeam/ct-moving", "RelatedPerson/rp-other"} <= _keys(
        theirs.json()
    )
