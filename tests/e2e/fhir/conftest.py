"""The FHIR REST API on the real app and embedded database, as another
system sees it. Every body the service answers with goes through both
validators (fhir.resources R4B and HL7's R4 JSON schema)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fhir.resources.R4B import get_fhir_model_class
from starlette.testclient import TestClient

from graphsvc.app import create_app
from graphsvc.config import Settings
from graphsvc.domain import Principal
from graphsvc.services.tokens import TokenIssuer

from ...conftest import ADMIN, settings_for
from ..fhir_schema import assert_schema_valid

# The corpus's absolute references name this server by its public URL.
PUBLIC_BASE = "https://graphsvc.example/fhir"
FHIR_JSON = "application/fhir+json"


def valid(resource: dict[str, Any]) -> None:
    """Both validators, on a resource and every resource inside it."""
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    assert_schema_valid(resource)
    if resource["resourceType"] == "Bundle":
        for entry in resource.get("entry", ()):
            for inner in (entry.get("resource"), entry.get("response", {}).get("outcome")):
                if inner is not None:
                    valid(inner)


@dataclasses.dataclass
class Fhir:
    """A FHIR client on the test app for one principal; checks every answer."""

    http: TestClient
    token: str

    def request(
        self, method: str, path: str, body: object = None, **headers: str
    ) -> httpx.Response:
        sent = {"Authorization": f"Bearer {self.token}", "Accept": FHIR_JSON, **headers}
        content = None
        if body is not None:
            sent.setdefault("Content-Type", FHIR_JSON)
            content = body if isinstance(body, bytes | str) else json.dumps(body)
        response = self.http.request(method, f"/fhir/{path}", content=content, headers=sent)
        assert response.status_code < 500, response.text
        if response.content:
            assert response.headers["content-type"].startswith(FHIR_JSON), response.headers
            valid(response.json())
        return response

    def get(self, path: str, **headers: str) -> httpx.Response:
        return self.request("GET", path, **headers)

    def post(self, path: str, body: object, **headers: str) -> httpx.Response:
        return self.request("POST", path, body, **headers)

    def put(self, path: str, body: object, **headers: str) -> httpx.Response:
        return self.request("PUT", path, body, **headers)

    def delete(self, path: str, **headers: str) -> httpx.Response:
        return self.request("DELETE", path, **headers)

    def as_(self, principal: Principal, issuer: TokenIssuer) -> Fhir:
        return Fhir(self.http, issuer.mint(principal))


@pytest.fixture
def fhir_settings(request: pytest.FixtureRequest, backend: str, tmp_path: Any) -> Settings:
    return settings_for(request, backend, tmp_path / "data", fhir_base_urls=(PUBLIC_BASE,))


@pytest.fixture
def make_fhir(fhir_settings: Settings) -> Iterator[Callable[[Principal], Fhir]]:
    """The real app on an empty database; a client per principal."""
    http = TestClient(create_app(fhir_settings))
    http.__enter__()
    issuer = TokenIssuer(fhir_settings.signing_key())

    def factory(principal: Principal = ADMIN) -> Fhir:
        return Fhir(http, issuer.mint(principal))

    yield factory
    http.__exit__(None, None, None)


@pytest.fixture
def fhir(make_fhir: Callable[[Principal], Fhir]) -> Fhir:
    """A system client with every scope."""
    return make_fhir(ADMIN)


@pytest.fixture
def issuer_for(fhir: Fhir, fhir_settings: Settings) -> Callable[[Principal], Any]:
    """A GraphQL client on the same app, for a principal."""
    from ..graphql_client import GraphQL

    issuer = TokenIssuer(fhir_settings.signing_key())
    return lambda principal: GraphQL(fhir.http, issuer, principal)
