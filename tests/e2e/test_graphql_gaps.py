"""Gaps and strength through /graphql, on the demo neighbourhood; research
aggregates that name nobody."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graphsvc.analysis import Grouping, analyse_population, group_of, pseudonymous_id, research_row
from graphsvc.analysis.release import COMPLEMENT_NOTE
from graphsvc.config import Settings
from graphsvc.domain import (
    Client,
    Member,
    Membership,
    Need,
    Onion,
    Person,
    Population,
    SupportTie,
    Team,
    ValidationError,
)
from graphsvc.seeding.codec import load_population
from graphsvc.services.analysis import research_secret_from
from graphsvc.services.tokens import TokenIssuer

from ..conftest import ADMIN, RESEARCHER, nurse, system
from ..differencing import attack, mixed_population, shown_in_graphql
from .graphql_client import GraphQL
from .test_graphql_mutations import mutate

DEMO = load_population(Path(__file__).resolve().parents[2] / "seeds" / "demo-neighbourhood.json")
TEAM = "team-0001"

GAPS = """query($id: ID!) { client(id: $id) { name
  gaps { kind severity explanation subjects { __typename id displayName fhirReference } }
  strength { score networkType informalMembers teamMembers formalMembers closeContacts
             activeNeeds sharedNeedShare hoursHhi coordinator { id } } } }"""


@pytest.fixture
def http(make_http: Callable[..., TestClient]) -> TestClient:
    return make_http(DEMO)


def test_isolated_widow_has_her_gaps_explained(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM))
    client = gql(GAPS, {"id": "client-000001"})["client"]
    kinds = {g["kind"] for g in client["gaps"]}
    assert {"UNCOVERED_NEED", "ISOLATED_CLIENT"} <= kinds
    uncovered = next(g for g in client["gaps"] if g["kind"] == "UNCOVERED_NEED")
    assert client["name"].split()[0] in uncovered["explanation"]
    assert any(
        s["__typename"] == "Need" and s["fhirReference"].startswith("Condition/")
        for s in uncovered["subjects"]
    )
    severities = [g["severity"] for g in client["gaps"]]
    order = {"HIGH": 0, "MEDIUM": 1, "LOW": 2}
    assert severities == sorted(severities, key=order.__getitem__)
    strength = client["strength"]
    assert 0 <= strength["score"] <= 100 and strength["informalMembers"] <= 1


def test_overloaded_daughter(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM))
    client = gql(GAPS, {"id": "client-000002"})["client"]
    overloaded = [g for g in client["gaps"] if g["kind"] == "OVERLOADED_CARER"]
    assert overloaded and overloaded[0]["subjects"][0]["__typename"] == "Member"
    assert "hours" in overloaded[0]["explanation"]


def test_adding_a_supporter_closes_the_gap(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM))
    before = gql(GAPS, {"id": "client-000001"})["client"]["gaps"]
    uncovered = next(g for g in before if g["kind"] == "UNCOVERED_NEED")
    need_id = next(s["id"] for s in uncovered["subjects"] if s["__typename"] == "Need")
    assert (
        mutate(
            gql,
            "addMember",
            {
                "clientId": "client-000001",
                "personId": "buurvrouw-1",
                "name": "Ria Smit",
                "ring": "INFORMAL",
                "relationship": "neighbour",
            },
        )["__typename"]
        == "NetworkChange"
    )
    assert (
        mutate(
            gql,
            "linkSupporter",
            {
                "clientId": "client-000001",
                "needId": need_id,
                "supporterId": "buurvrouw-1",
                "kind": "PRACTICAL",
                "hoursPerWeek": 2,
            },
        )["__typename"]
        == "NetworkChange"
    )
    after = gql(GAPS, {"id": "client-000001"})["client"]["gaps"]
    still = [
        g
        for g in after
        if g["kind"] == "UNCOVERED_NEED" and need_id in [s["id"] for s in g["subjects"]]
    ]
    assert still == []


def test_team_gaps_and_gap_filter(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM))
    team = gql(
        '{ team(id: "team-0001") { caseload gaps { team { kind } clients { kind clients } } } }'
    )["team"]
    counts = {c["kind"]: c["clients"] for c in team["gaps"]["clients"]}
    assert counts["UNCOVERED_NEED"] >= 1 and counts["NO_GP"] >= 1
    assert team["gaps"]["team"] == []  # 10 nurses, 45 clients: within bounds
    page = gql(
        "{ clients(first: 100, where: {hasGap: NO_GP}) { totalCount "
        "edges { node { id gaps(kind: NO_GP) { kind } } } } }"
    )["clients"]
    assert page["totalCount"] == counts["NO_GP"] == len(page["edges"])
    assert all(e["node"]["gaps"] for e in page["edges"])
    wide = GraphQL(http, issuer, system("system/*.read")).raw(
        "{ clients(where: {hasGap: NO_GP}) { totalCount } }"
    )
    assert "where.team" in wide["errors"][0]["message"]


RESEARCH = """query($by: Grouping!) { research(by: $by) { grouping group clients suppressed
  note metrics { metric count mean median p25 p75 suppressed }
  gaps { kind clients suppressed } } }"""


def test_research_aggregates_name_nobody(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, RESEARCHER)
    query = RESEARCH
    overall = gql(query, {"by": "ALL"})["research"]
    assert overall[0]["clients"] == 45 and not overall[0]["suppressed"]
    score = next(m for m in overall[0]["metrics"] if m["metric"] == "score")
    assert score["count"] == 45 and 0 < score["median"] < 100
    by_team = gql(query, {"by": "TEAM"})["research"]
    assert by_team[0]["group"] != TEAM and len(by_team[0]["group"]) >= 16  # a pseudonym
    by_type = gql(query, {"by": "NETWORK_TYPE"})["research"]
    assert sum(c["clients"] or 0 for c in by_type) <= 45
    small = [c for c in by_type if c["suppressed"]]
    assert all(c["clients"] is None for c in small)
    notes = {c["note"] for c in small}
    assert "fewer than 5 clients: suppressed" in notes
    assert notes <= {"fewer than 5 clients: suppressed", COMPLEMENT_NOTE}
    text = json.dumps([overall, by_team, by_type])
    for onion in DEMO.onions:
        assert onion.client.id not in text and onion.client.name not in text
        for member in onion.members:
            assert member.person.name not in text
    # and the researcher reaches no personal data anywhere else
    denied = gql.raw('{ client(id: "client-000001") { name } }')
    assert denied.get("data", {}).get("client") is None
    assert "de-identified" in str(gql.raw("{ clients { totalCount } }")["errors"])


def test_research_cannot_be_differenced(
    make_http: Callable[..., TestClient], issuer: TokenIssuer, settings: Settings
) -> None:
    """Two teams of fifteen and a team of one, in three neighbourhoods: a
    researcher who asks every grouping and combines all the figures shown
    (ALL minus the teams, neighbourhoods against teams, months against
    everything) works out nothing about fewer than five clients."""
    population = mixed_population()
    gql = GraphQL(make_http(population), issuer, RESEARCHER)
    cells = [
        cell
        for by in ("ALL", "TEAM", "NEIGHBOURHOOD", "NETWORK_TYPE", "MONTH")
        for cell in gql(RESEARCH, {"by": by})["research"]
    ]
    found = analyse_population(population.onions)
    rows = {o.client.id: research_row(o, a) for o, a in zip(population.onions, found, strict=True)}
    secret = research_secret_from(settings.signing_key())
    members: dict[tuple[str, str], set[str]] = {}
    for cid, row in rows.items():
        team = pseudonymous_id(row.team or "", secret, kind="team")
        for by in Grouping:
            group = team if by is Grouping.TEAM else group_of(row, by)
            members.setdefault((by.name, group), set()).add(cid)
    frozen = {k: frozenset(v) for k, v in members.items()}
    assert {(c["grouping"], c["group"]) for c in cells} == set(frozen)
    assert attack(shown_in_graphql(cells), frozen, rows) == {}
    # the team of one is suppressed, and so is a complement beside it
    teams = [c for c in cells if c["grouping"] == "TEAM"]
    assert sorted(c["clients"] or 0 for c in teams) == [0, 0, 15]
    overall = next(c for c in cells if c["grouping"] == "ALL")
    assert overall["clients"] == 31


def test_only_researchers_get_research(http: TestClient, issuer: TokenIssuer) -> None:
    body = GraphQL(http, issuer, nurse(TEAM)).raw("{ research { clients } }")
    assert "researcher" in body["errors"][0]["message"]


def carer(cid: str, team_id: str, hours: float, daughter: str = "dochter") -> Onion:
    """A client whose daughter cares for her ``hours`` a week."""
    person = Person(daughter, "Marieke Smit", "informal", "daughter")
    return Onion(
        Client(cid, f"Client {cid}", "Oost"),
        team_id,
        0,
        (Member(person, Membership(daughter, cid, "informal")),),
        (Need(f"need-{cid}", cid, "38"),),
        (SupportTie(daughter, f"need-{cid}", hours_per_week=hours),),
    )


TEAMS = (Team("team-a", "Buurtzorg Oost"), Team("team-b", "Buurtzorg West"))


def test_an_informal_carer_is_in_one_network_only(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    """The daughter who cares for her mother (team A) and her aunt (team B) is
    two people here, one in each network: nothing one team records of her
    reaches the other, and an overloaded-carer gap says her hours in this
    network only."""
    http = make_http(Population(teams=TEAMS, onions=(carer("moeder", "team-a", 25),)))
    runtime = http.app.state.runtime  # type: ignore[attr-defined]
    portal = http.portal
    assert portal is not None
    aunt = Population(onions=(carer("tante", "team-b", 20),))
    with pytest.raises(ValidationError, match="'dochter' is in the network of 'moeder'"):
        portal.call(runtime.network.load_population, ADMIN, aunt)
    both = Population(onions=(carer("a", "team-a", 1, "buur"), carer("b", "team-b", 1, "buur")))
    with pytest.raises(ValidationError, match="belongs to one network"):
        portal.call(runtime.network.load_population, ADMIN, both)
    gaps = GraphQL(http, issuer, nurse("team-a"))(GAPS, {"id": "moeder"})["client"]["gaps"]
    (gap,) = [g for g in gaps if g["kind"] == "OVERLOADED_CARER"]
    assert "25 hours" in gap["explanation"] and "elsewhere" not in gap["explanation"]
    assert "20" not in gap["explanation"].replace("more than 20 hours", "")
