"""The HTTP app in-process (Starlette's TestClient runs the real lifespan,
so the real database, embedded or Neo4j, is opened and closed with it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graphsvc.app import create_app
from graphsvc.config import Settings
from graphsvc.domain import Principal, Role
from graphsvc.services.tokens import TokenIssuer


@pytest.fixture
def http(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def bearer(issuer: TokenIssuer, principal: Principal, ttl: int | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {issuer.mint(principal, ttl=ttl)}"}


NURSE = Principal(Role.NURSE, "nurse-1", frozenset({"team-0001"}))


def test_healthz_reports_the_database(http: TestClient, backend: str) -> None:
    r = http.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["database"]["state"] == "up"
    if backend == "neo4j":
        assert body["database"]["kind"] == "neo4j"
        assert body["database"]["server"].startswith("Neo4j/5.")
    else:
        assert body["database"]["kind"] == "falkordb-embedded"
        assert body["database"]["fsync"] == "always"


def test_healthz_degraded_when_the_embedded_database_is_down(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path / "data"))) as http:
        server = http.app.state.runtime.server  # type: ignore[attr-defined]
        server.kill()
        r = http.get("/healthz")
        assert r.status_code == 503 and r.json()["database"]["state"] == "down"
        server.ensure_running()
        assert http.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer not.a.token", "bearer x.y.z"],
)
def test_requests_without_a_valid_token_get_401(http: TestClient, header: str | None) -> None:
    headers = {} if header is None else {"Authorization": header}
    r = http.get("/api/me", headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert r.json()["error"] == "unauthenticated"


def test_expired_and_foreign_tokens_get_401(http: TestClient, issuer: TokenIssuer) -> None:
    expired = issuer.mint(NURSE, ttl=1, now=0)
    assert http.get("/api/me", headers={"Authorization": f"Bearer {expired}"}).status_code == 401
    foreign = TokenIssuer(b"z" * 48).mint(NURSE)
    assert http.get("/api/me", headers={"Authorization": f"Bearer {foreign}"}).status_code == 401


def test_me_with_a_valid_token(http: TestClient, issuer: TokenIssuer) -> None:
    r = http.get("/api/me", headers=bearer(issuer, NURSE))
    assert r.status_code == 200
    assert r.json() == {
        "subject": "nurse-1",
        "role": "nurse",
        "teams": ["team-0001"],
        "scopes": [],
    }
