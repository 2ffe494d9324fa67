"""The FHIR REST API on the real app and embedded database, as another
system sees it. Every body the service answers with goes through three
validators (fhir.resources R4B, HL7's R4 JSON schema and HL7's own validator:
fhir_validity.py)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from graphsvc.app import create_app
from graphsvc.config import Settings
from graphsvc.domain import Principal
from graphsvc.services.tokens import TokenIssuer

from ...conftest import ADMIN, settings_for
from ...hl7_validator import Hl7Validator
from ..fhir_validity import assert_valid_fhir

# The corpus's absolute references name this server by its public URL.
PUBLIC_BASE = "https://graphsvc.example/fhir"
FHIR_JSON = "application/fhir+json"


@dataclasses.dataclass
class Fhir:
    """A FHIR client on the test app for one principal; checks every answer."""

    http: TestClient
    token: str
    hl7: Hl7Validator

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
            assert_valid_fhir(response.json(), self.hl7)
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
        return Fhir(self.http, issuer.mint(principal), self.hl7)


@pytest.fixture
def fhir_settings(request: pytest.FixtureRequest, backend: str, tmp_path: Any) -> Settings:
    return settings_for(request, backend, tmp_path / "data", fhir_base_urls=(PUBLIC_BASE,))


@pytest.fixture
def make_fhir(
    fhir_settings: Settings, hl7_validator: Hl7Validator
) -> Iterator[Callable[[Principal], Fhir]]:
    """The real app on an empty database; a client per principal."""
    http = TestClient(create_app(fhir_settings))
    http.__enter__()
    issuer = TokenIssuer(fhir_settings.signing_key())

    def factory(principal: Principal = ADMIN) -> Fhir:
        return Fhir(http, issuer.mint(principal), hl7_validator)

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
