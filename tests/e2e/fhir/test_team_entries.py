"""A system client whose token names teams acts for those teams: it keeps
its own team's entry of the directory, never another team's."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graphsvc.domain import Principal

from ...conftest import system
from .conftest import Fhir
from .test_compartments import team, two_teams  # noqa: F401 (fixture)

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
