"""The measures from named instruments through /graphql, on the demo
neighbourhood's overloaded daughter, worked out by hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graphsvc.seeding.codec import load_population
from graphsvc.services.tokens import TokenIssuer

from ..conftest import nurse
from .graphql_client import GraphQL

DEMO = load_population(Path(__file__).resolve().parents[2] / "seeds" / "demo-neighbourhood.json")

STRENGTH = """query($id: ID!) { client(id: $id) { strength {
  score networkType
  lsns6 { score atRisk relatives friends items { item question score source people } }
  networkSize density effectiveSize constraint continuityOfCare
  informalCareHours intensiveCarers
  informalCarers { hoursPerWeek totalHoursPerWeek intensive member { displayName } } } } }"""


@pytest.fixture
def http(make_http: Callable[..., TestClient]) -> TestClient:
    return make_http(DEMO)


def test_the_overloaded_daughter_s_mother(http: TestClient, issuer: TokenIssuer) -> None:
    """Informal: daughter (daily, very close, 25 hours a week on four needs),
    son (monthly, sort of close), neighbour (weekly, sort of close); two
    nurses and the GP. KNOWS: daughter-son, daughter-neighbour, GP with each
    nurse."""
    gql = GraphQL(http, issuer, nurse("team-0001"))
    strength = gql(STRENGTH, {"id": "client-000002"})["client"]["strength"]
    lsns6 = strength["lsns6"]
    scores = {i["item"]: (i["score"], i["source"], i["people"]) for i in lsns6["items"]}
    assert scores == {
        "RELATIVES_IN_TOUCH": (2, "DERIVED", 2),
        "RELATIVES_PRIVATE_MATTERS": (1, "DERIVED", 1),  # the daughter
        "RELATIVES_HELP": (2, "DERIVED", 2),
        "FRIENDS_IN_TOUCH": (1, "DERIVED", 1),  # the neighbour
        "FRIENDS_PRIVATE_MATTERS": (0, "DERIVED", 0),
        "FRIENDS_HELP": (1, "DERIVED", 1),
    }
    assert (lsns6["score"], lsns6["relatives"], lsns6["friends"], lsns6["atRisk"]) == (
        7,
        5,
        2,
        True,
    )
    assert all(i["question"].startswith("How many") for i in lsns6["items"])
    # six people, 4 of 15 pairs know each other: effective size 6 - 2*4/6
    assert strength["networkSize"] == 6
    assert strength["density"] == pytest.approx(4 / 15)
    assert strength["effectiveSize"] == pytest.approx(14 / 3)
    # p = 1/6 each; daughter and GP reached through two others, 1/3 squared;
    # the four others through one, (1/6 + 1/18) squared: 2/9 + 16/81
    assert strength["constraint"] == pytest.approx(34 / 81)
    assert strength["continuityOfCare"] is None  # no visits are recorded
    assert (strength["informalCareHours"], strength["intensiveCarers"]) == (25.0, 1)
    (daughter,) = strength["informalCarers"]
    assert daughter == {
        "hoursPerWeek": 25.0,
        "totalHoursPerWeek": 25.0,
        "intensive": True,
        "member": {"displayName": "Marieke Wolters"},
    }
    # N 7/30; M: three needs with two or more supporters, Nutrition with one: 7/8; A 1
    assert strength["score"] == pytest.approx(100 * (0.4 * 7 / 30 + 0.4 * 7 / 8 + 0.2), abs=0.05)
    assert strength["networkType"] == "FAMILY_DEPENDENT"
