"""Fields that ask for the same client's findings share one answer: a field
that fails (and with it, in GraphQL, its siblings) never takes that answer
away from the fields elsewhere in the document that still wait for it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from starlette.testclient import TestClient

from graphsvc.seeding.codec import load_population
from graphsvc.services.tokens import TokenIssuer

from ..conftest import nurse
from .graphql_client import GraphQL

DEMO = load_population(Path(__file__).resolve().parents[2] / "seeds" / "demo-neighbourhood.json")

# `a` fails as a whole (a history backwards is an error, and its list may not
# be null); `b` asks for the same findings and must still get them.
DOCUMENT = """query($id: ID!) {
  a: client(id: $id) {
    strength { score }
    gaps { kind }
    strengthHistory(from: "2026-06-01", to: "2026-01-01") { score }
  }
  b: client(id: $id) { strength { score } gaps { kind } }
}"""


def test_a_failed_field_leaves_the_shared_findings_to_the_others(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    gql = GraphQL(make_http(DEMO), issuer, nurse("team-0001"))
    for _ in range(5):
        answer = gql.raw(DOCUMENT, {"id": "client-000002"})
        assert answer["data"]["a"] is None
        assert answer["errors"] and answer["errors"][0]["path"][0] == "a"
        assert 0 <= answer["data"]["b"]["strength"]["score"] <= 100
        assert answer["data"]["b"]["gaps"]
