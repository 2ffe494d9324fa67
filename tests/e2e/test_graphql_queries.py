"""Reading onions through /graphql: fields, connections, access, limits."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graphsvc.api.graphql.schema import sdl
from graphsvc.services.tokens import TokenIssuer

from ..conftest import (
    RESEARCHER,
    coach,
    nurse,
    system,
)
from ..integration.builders import OTHER_TEAM, TEAM, population
from .graphql_client import GraphQL

ONION = """
query($id: ID!) {
  client(id: $id) {
    id name neighbourhood version fhirReference
    team { id name }
    informal: members(ring: INFORMAL) { id displayName ring closeness fhirReference }
    members { id }
    needs {
      id code displayName domain status fhirReference
      problem { code display domain }
      supporters { supporter { id displayName } kind hoursPerWeek status }
      ratings { dimension value effective }
      latestRatings { knowledge { value } behavior { value } status { value } }
    }
    knows { a { id } b { id } closeness }
    fhirReferences
  }
}
"""


@pytest.fixture
def http(make_http: Callable[..., TestClient]) -> TestClient:
    return make_http(population(12))


def test_a_nurse_reads_a_whole_onion(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    client = gql(ONION, {"id": "client-3"})["client"]
    assert client["name"] == "Client 3" and client["fhirReference"] == "Patient/client-3"
    assert client["team"] == {"id": TEAM.id, "name": TEAM.name}
    assert [m["id"] for m in client["informal"]] == ["p-3-0", "p-3-1", "p-3-2", "p-3-3"]
    assert client["informal"][1] == {
        "id": "p-3-1",
        "displayName": "Person 3.1",
        "ring": "INFORMAL",
        "closeness": 2,
        "fhirReference": "RelatedPerson/p-3-1",
    }
    need = client["needs"][1]
    assert need["code"] == "02" and need["displayName"] == "Sanitation"
    assert need["domain"] == "ENVIRONMENTAL" and need["status"] == "ACTIVE"
    assert need["fhirReference"] == "Condition/need-3-1"
    assert sorted(s["supporter"]["id"] for s in need["supporters"]) == ["p-3-1", "p-3-2"]
    assert need["supporters"][0]["hoursPerWeek"] == 1.5
    assert need["ratings"] == [{"dimension": "KNOWLEDGE", "value": 3, "effective": "2026-05-01"}]
    assert need["latestRatings"] == {"knowledge": {"value": 3}, "behavior": None, "status": None}
    assert len(client["knows"]) == 3
    assert "Condition/need-3-0" in client["fhirReferences"]


def test_another_teams_nurse_gets_nothing(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    http = make_http(population(3))
    stranger = GraphQL(http, issuer, nurse(OTHER_TEAM.id))
    assert stranger(ONION, {"id": "client-1"}) == {"client": None}
    assert stranger(ONION, {"id": "no-such-client"}) == {"client": None}
    listed = stranger("{ clients { totalCount edges { node { id } } } }")
    assert listed == {"clients": {"totalCount": 0, "edges": []}}
    assert stranger('query { team(id: "team-a") { name } }') == {"team": None}
    # filtering on the other team does not widen what she sees
    by_team = stranger('{ clients(where: {team: "team-a"}) { totalCount } }')
    assert by_team["clients"]["totalCount"] == 0


def test_researcher_and_missing_token(http: TestClient, issuer: TokenIssuer) -> None:
    body = GraphQL(http, issuer, RESEARCHER).raw(ONION, {"id": "client-1"})
    assert body["data"] == {"client": None} or "de-identified" in str(body.get("errors"))
    listed = GraphQL(http, issuer, RESEARCHER).raw("{ clients { totalCount } }")
    assert "de-identified" in listed["errors"][0]["message"]
    r = http.post("/graphql", json={"query": "{ me { role } }"})
    assert r.status_code == 401
    r = http.post(
        "/graphql", json={"query": "{ me { role } }"}, headers={"Authorization": "Bearer x"}
    )
    assert r.status_code == 401


def test_coach_and_system_read(http: TestClient, issuer: TokenIssuer) -> None:
    assert GraphQL(http, issuer, coach(TEAM.id))(ONION, {"id": "client-1"})["client"]
    sys_reader = GraphQL(http, issuer, system("system/*.read"))
    assert sys_reader("{ clients { totalCount } }")["clients"]["totalCount"] == 12
    assert sys_reader(ONION, {"id": "client-1"})["client"]
    care_team_only = GraphQL(http, issuer, system("system/CareTeam.read")).raw(
        ONION, {"id": "client-1"}
    )
    assert "Condition.read" in care_team_only["errors"][0]["message"]
    no_scope = GraphQL(http, issuer, system("system/Observation.read")).raw(
        "{ clients { totalCount } }"
    )
    assert "scope" in no_scope["errors"][0]["message"]


PAGE = """
query($first: Int!, $after: String, $sort: ClientSort, $where: ClientFilter) {
  clients(first: $first, after: $after, sort: $sort, where: $where) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name } }
  }
}
"""


def _walk(gql: GraphQL, first: int, **variables: object) -> list[str]:
    seen: list[str] = []
    after = None
    while True:
        page = gql(PAGE, {"first": first, "after": after, **variables})["clients"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return seen
        after = page["pageInfo"]["endCursor"]


def test_keyset_pages_cover_every_client_once(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    by_name = _walk(gql, 5)
    assert len(by_name) == 12 and len(set(by_name)) == 12
    names = [f"Client {n}" for n in range(12)]
    assert by_name == [f"client-{n}" for n in sorted(range(12), key=lambda n: names[n].lower())]
    descending = _walk(gql, 4, sort={"field": "ID", "descending": True})
    assert descending == sorted(by_name, reverse=True)
    first = gql(PAGE, {"first": 5})["clients"]
    assert first["totalCount"] == 12 and first["pageInfo"]["hasNextPage"]
    assert _walk(gql, 2, where={"name": "client 1"}) == ["client-1", "client-10", "client-11"]


def test_paging_errors_are_clear(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    too_many = gql.raw(PAGE, {"first": 101})
    assert "between 0 and 100" in too_many["errors"][0]["message"]
    bad_cursor = gql.raw(PAGE, {"first": 2, "after": "not-a-cursor"})
    assert "cursor" in bad_cursor["errors"][0]["message"]
    cursor = gql(PAGE, {"first": 2})["clients"]["pageInfo"]["endCursor"]
    other_sort = gql.raw(PAGE, {"first": 2, "after": cursor, "sort": {"field": "ID"}})
    assert "sorted another way" in other_sort["errors"][0]["message"]
    # a forged cursor holding text no database takes (a lone surrogate, escaped in JSON)
    forged = base64.urlsafe_b64encode(b'["name", false, "\\ud800", "x"]').decode()
    lone = gql.raw(PAGE, {"first": 2, "after": forged})
    assert lone["data"] is None
    assert "is not a cursor this service gave out" in lone["errors"][0]["message"]


def test_round_trips_do_not_grow_with_the_number_of_clients(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    http = make_http(population(60))
    repository = http.app.state.runtime.repository  # type: ignore[attr-defined]
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    query = """query($n: Int!) { clients(first: $n) { edges { node {
        name version members { id } needs { code supporters { supporter { id } } }
        knows { closeness } } } } }"""
    counts = {}
    for n in (5, 50):
        before = repository.round_trips
        data = gql(query, {"n": n})
        assert len(data["clients"]["edges"]) == n
        counts[n] = repository.round_trips - before
    assert counts[50] == counts[5] <= 4, counts


def test_limits(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    deep = (
        "{ clients { edges { node { needs { supporters { supporter { id } } } "
        + ("team { clients { edges { node { team { clients { edges { node { id } } } } } } } } ")
        + "} } } }"
    )
    aliases = "{ " + " ".join(f"a{i}: me {{ role }}" for i in range(20)) + " }"
    tokens = "{ me { " + " ".join(["role"] * 2100) + " } }"
    for _ in range(2):  # documents are parsed and validated once, then cached
        assert "exceeds maximum operation depth" in gql.raw(deep)["errors"][0]["message"]
        assert "aliases" in gql.raw(aliases)["errors"][0]["message"].lower()
        assert "token" in gql.raw(tokens)["errors"][0]["message"].lower()
        assert gql("{ me { role } }")["me"] == {"role": "nurse"}


def test_omaha_catalogue_and_me(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    assert len(gql("{ omahaProblems { code } }")["omahaProblems"]) == 42
    found = gql('{ omahaProblems(search: "medic") { code display } }')["omahaProblems"]
    assert found == [{"code": "42", "display": "Medication regimen"}]
    assert gql("{ me { role teams } }")["me"] == {"role": "nurse", "teams": [TEAM.id]}


def test_omaha_in_dutch_and_the_searches_nurses_type(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    query = "query($s: String) { omahaProblems(search: $s) { code nameNl nameEn domainNl } }"

    def search(text: str) -> list[dict[str, str]]:
        found: list[dict[str, str]] = gql(query, {"s": text})["omahaProblems"]
        return found

    assert search("voeding") == [
        {
            "code": "35",
            "nameNl": "Voeding",
            "nameEn": "Nutrition",
            "domainNl": "Gezondheidsgerelateerd gedrag",
        }
    ]
    assert [p["nameNl"] for p in search("Medicatie")] == ["Medicatieregime"]
    assert [p["nameNl"] for p in search("boodschappen")] == ["Woning", "Voeding"]
    assert [p["code"] for p in search("eenzaam")] == ["06", "11"]
    assert [p["code"] for p in search("valgevaar")] == ["03", "25"]
    assert [p["code"] for p in search("geestelijke")] == [p["code"] for p in search("Mental")]
    domains = gql("{ omahaDomains { domain nameNl nameEn } }")["omahaDomains"]
    assert domains[0] == {
        "domain": "ENVIRONMENTAL",
        "nameNl": "Omgeving",
        "nameEn": "Environmental",
    }
    assert [d["nameNl"] for d in domains[1:]] == [
        "Psychosociaal",
        "Fysiologisch",
        "Gezondheidsgerelateerd gedrag",
    ]


def test_team_view(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    team = gql(
        '{ team(id: "team-a") { name caseload clients(first: 3) { totalCount '
        "edges { node { id } } } nurses { id } } }"
    )["team"]
    assert team["caseload"] == 12 and team["clients"]["totalCount"] == 12
    assert len(team["clients"]["edges"]) == 3


def test_checked_in_sdl_matches_the_code() -> None:
    checked_in = (Path(__file__).resolve().parents[2] / "schema.graphql").read_text()
    assert checked_in == sdl(), "schema.graphql is stale: run `make schema`"


def test_nul_characters_are_refused_in_words(http: TestClient, issuer: TokenIssuer) -> None:
    gql = GraphQL(http, issuer, nurse(TEAM.id))
    assert gql("query($id: ID!) { client(id: $id) { name } }", {"id": "client-1\u0000"}) == {
        "client": None
    }
    body = gql.raw(PAGE, {"first": 2, "where": {"name": "Cli\u0000ent"}})
    assert "NUL" in body["errors"][0]["message"]
    # nothing was harmed
    assert gql(PAGE, {"first": 2})["clients"]["totalCount"] == 12
