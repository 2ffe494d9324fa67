"""A conditional search (If-None-Exist, a reference by search, a conditional
update) finds only what the sender may read: another team's client, found by
her BSN, would tell that she is in care and under which id."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import httpx

from graphsvc.domain import Principal

from ...conftest import nurse
from .conftest import Fhir
from .test_rest import TEAM, care_team, patient

OTHER_TEAM = {**TEAM, "id": "team-other", "name": "Buurtzorg Elders"}
BSN = "http://fhir.nl/fhir/NamingSystem/bsn"
THEIRS = "999990011"  # the BSN of the other team's client
NOBODY = "999990023"  # nobody's


def _said(answer: httpx.Response) -> tuple[int, str]:
    """The status, and the body with the BSNs and the ids made of them alike."""
    text = answer.text.replace(THEIRS, "?").replace(NOBODY, "?")
    return answer.status_code, re.sub(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", "<id>", text)


def test_another_teams_client_is_not_found_by_her_bsn(
    fhir: Fhir, make_fhir: Callable[[Principal], Fhir]
) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Organization/team-other", OTHER_TEAM).status_code == 201
    theirs = {**patient(), "id": "p-theirs"}
    theirs["identifier"] = [{"system": BSN, "value": THEIRS}]
    assert fhir.put("Patient/p-theirs", theirs).status_code == 201
    their_team = {**care_team("p-theirs"), "id": "ct-theirs"}
    their_team["managingOrganization"] = [{"reference": "Organization/team-other"}]
    assert fhir.put("CareTeam/ct-theirs", their_team).status_code == 201
    assert fhir.put("Patient/p-own", {**patient(), "id": "p-own"}).status_code == 201
    assert fhir.put("CareTeam/ct-own", {**care_team("p-own"), "id": "ct-own"}).status_code == 201

    ours = make_fhir(nurse("team-rest"))

    def answers(bsn: str) -> list[tuple[int, str]]:
        body = {**patient("Nieuw"), "identifier": [{"system": BSN, "value": bsn}]}
        create = ours.post("Patient", body, **{"If-None-Exist": f"identifier={BSN}|{bsn}"})
        relative: dict[str, Any] = {
            "resourceType": "RelatedPerson",
            "patient": {"reference": f"Patient?identifier={BSN}|{bsn}"},
            "name": [{"family": "Buur"}],
        }
        validated = ours.post("RelatedPerson/$validate", relative)
        bundle = {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [
                {
                    "resource": {**patient("Bijgewerkt"), "identifier": body["identifier"]},
                    "request": {"method": "PUT", "url": f"Patient?identifier={BSN}|{bsn}"},
                }
            ],
        }
        updated = ours.post("", bundle)
        return [_said(create), _said(validated), _said(updated)]

    before = fhir.get("Patient/p-theirs").json()
    found_theirs = answers(THEIRS)
    assert "p-theirs" not in json.dumps(found_theirs)
    assert found_theirs == answers(NOBODY)  # as for a BSN nobody has
    for answer in found_theirs:
        assert answer[0] != 404, answer
    # nothing of hers was changed by it
    after = fhir.get("Patient/p-theirs").json()
    assert after["meta"]["versionId"] == before["meta"]["versionId"]
    # her own client is still found by search
    own = {**patient(), "id": "p-own", "identifier": [{"system": BSN, "value": "999990035"}]}
    assert fhir.put("Patient/p-own", own).status_code == 200
    again = ours.post(
        "Patient", {**patient("Nieuw")}, **{"If-None-Exist": f"identifier={BSN}|999990035"}
    )
    assert again.status_code == 200 and again.json()["id"] == "p-own"
