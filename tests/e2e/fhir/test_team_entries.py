"""A system client whose token names teams acts for those teams: it keeps
its own team's entry of the directory, never another team's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from graphsvc.domain import Principal

from ...conftest import nurse, system
from .conftest import Fhir
from .test_compartments import MEMBERS, team, two_teams  # noqa: F401 (fixture)

TEAM_A_SYSTEM = system("system/*.*", teams=("team-a",))


@pytest.mark.usefixtures("two_teams")
def test_a_teams_system_changes_no_other_teams_entry(
    fhir: Fhir, make_fhir: Callable[[Principal], Fhir]
) -> None:
    planning = make_fhir(TEAM_A_SYSTEM)
    renamed = {**team("team-b"), "name": "Overgenomen"}
    refused = planning.put("Organization/team-b", renamed)
    assert refused.status_code == 403, refused.text
    assert "another team" in refused.text
    kept = fhir.get("Organization/team-b").json()
    assert kept["name"] == "Wijkteam team-b" and kept["meta"]["versionId"] == "1"
    # its own team's entry, and an organisation that is no team, it may keep
    own = planning.put("Organization/team-a", {**team("team-a"), "name": "Wijkteam Oost"})
    assert own.status_code == 200, own.text
    practice = {"resourceType": "Organization", "id": "huisarts-1", "name": "Huisarts Noord"}
    assert planning.put("Organization/huisarts-1", practice).status_code == 201


def _practitioner(pid: str, family: str) -> dict[str, object]:
    return {"resourceType": "Practitioner", "id": pid, "name": [{"family": family}]}


def _role(rid: str, practitioner: str, organization: str) -> dict[str, object]:
    return {
        "resourceType": "PractitionerRole",
        "id": rid,
        "practitioner": {"reference": f"Practitioner/{practitioner}"},
        "organization": {"reference": f"Organization/{organization}"},
    }


@pytest.mark.usefixtures("two_teams")
def test_a_teams_system_changes_no_entry_another_team_relies_on(
    fhir: Fhir, make_fhir: Callable[[Principal], Fhir], issuer_for: Any
) -> None:
    # team-b's client has a GP of a practice, and team-b has a nurse
    practice = {"resourceType": "Organization", "id": "praktijk-b", "name": "Praktijk Zuid"}
    for path, body in (
        ("Organization/praktijk-b", practice),
        ("Practitioner/gp-b", _practitioner("gp-b", "Huisarts")),
        ("PractitionerRole/gp-b-role", _role("gp-b-role", "gp-b", "praktijk-b")),
        ("Practitioner/nurse-b", _practitioner("nurse-b", "Verpleegkundige")),
        ("PractitionerRole/nurse-b-role", _role("nurse-b-role", "nurse-b", "team-b")),
        ("Practitioner/gp-a", _practitioner("gp-a", "Dokter")),
    ):
        assert fhir.put(path, body).status_code == 201, path
    for pid, gp in (("bram", "gp-b"), ("anna", "gp-a")):
        careteam = fhir.get(f"CareTeam/ct-{pid}").json()
        careteam.pop("meta")
        careteam["participant"].append({"member": {"reference": f"Practitioner/{gp}"}})
        assert fhir.put(f"CareTeam/ct-{pid}", careteam).status_code == 200
    gql_b = issuer_for(nurse("team-b"))
    before = gql_b(MEMBERS, {"id": "bram"})["client"]

    planning = make_fhir(TEAM_A_SYSTEM)
    for refused in (
        planning.put("Practitioner/gp-b", _practitioner("gp-b", "Hernoemd")),
        planning.delete("Practitioner/gp-b"),
        planning.put("PractitionerRole/gp-b-role", _role("gp-b-role", "gp-b", "team-a")),
        planning.delete("PractitionerRole/gp-b-role"),
        planning.put("PractitionerRole/gp-b-new", _role("gp-b-new", "gp-b", "team-a")),
        planning.put("Organization/praktijk-b", {**practice, "name": "Hernoemd"}),
        planning.delete("Organization/praktijk-b"),
        planning.put("Practitioner/nurse-b", _practitioner("nurse-b", "Hernoemd")),
    ):
        assert refused.status_code == 403, refused.text
        assert "another team" in refused.text
    assert gql_b(MEMBERS, {"id": "bram"})["client"] == before
    assert fhir.get("Practitioner/gp-b").json()["meta"]["versionId"] == "1"
    assert fhir.get("Organization/praktijk-b").json()["meta"]["versionId"] == "1"

    # what only its own teams rely on, or nobody yet, it keeps
    renamed = planning.put("Practitioner/gp-a", _practitioner("gp-a", "Dokter Jansen"))
    assert renamed.status_code == 200, renamed.text
    assert planning.put("Practitioner/new", _practitioner("new", "Nieuw")).status_code == 201
    assert (
        planning.put("PractitionerRole/new-role", _role("new-role", "new", "team-a")).status_code
        == 201
    )
