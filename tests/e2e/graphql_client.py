"""A small GraphQL-over-HTTP helper for the tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from starlette.testclient import TestClient

from graphsvc.app import create_app
from graphsvc.config import Settings
from graphsvc.domain import Principal
from graphsvc.services.tokens import TokenIssuer


@contextmanager
def posting_as(
    settings: Settings, issuer: TokenIssuer, principal: Principal
) -> Iterator[TestClient]:
    """The real app, every request with the principal's token and sent as JSON
    (for tests that write bodies by hand)."""
    token = issuer.mint(principal)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        client.headers["Content-Type"] = "application/json"
        yield client


class GraphQL:
    def __init__(self, http: TestClient, issuer: TokenIssuer, principal: Principal) -> None:
        self.http = http
        self.token = issuer.mint(principal)

    def raw(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.http.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.token}"},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def __call__(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = self.raw(query, variables)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data
