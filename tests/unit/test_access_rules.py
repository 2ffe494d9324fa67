from __future__ import annotations

import pytest

from graphsvc.domain import NotFound, Principal, Role
from graphsvc.services.access import Action, check_team_access, scope_allows
from graphsvc.services.errors import Forbidden


@pytest.mark.parametrize(
    ("scopes", "resource", "action", "allowed"),
    [
        (["system/*.*"], "CareTeam", Action.WRITE, True),
        (["system/*.read"], "CareTeam", Action.READ, True),
        (["system/*.read"], "CareTeam", Action.WRITE, False),
        (["system/CareTeam.read"], "CarePlan", Action.READ, False),
        (["system/CareTeam.write"], "CareTeam", Action.WRITE, True),
        (["system/CareTeam.rs"], "CareTeam", Action.READ, True),
        (["system/CareTeam.rs"], "CareTeam", Action.WRITE, False),
        (["system/CareTeam.cud"], "CareTeam", Action.WRITE, True),
        (["patient/CareTeam.read"], "CareTeam", Action.READ, False),
        (["systemCareTeam.read", "", "system/"], "CareTeam", Action.READ, False),
        ([], "CareTeam", Action.READ, False),
    ],
)
def test_scopes(scopes: list[str], resource: str, action: Action, allowed: bool) -> None:
    assert scope_allows(scopes, resource, action) is allowed


def test_nurse_rules() -> None:
    n = Principal(Role.NURSE, "n", frozenset({"t1"}))
    check_team_access(n, {"t1"}, Action.WRITE, "c")
    with pytest.raises(NotFound):
        check_team_access(n, {"t2"}, Action.READ, "c")
    with pytest.raises(NotFound):
        check_team_access(n, set(), Action.READ, "c")  # an unserved client


def test_researcher_never() -> None:
    r = Principal(Role.RESEARCHER, "r", frozenset({"t1"}))
    with pytest.raises(Forbidden):
        check_team_access(r, {"t1"}, Action.READ, "c")
