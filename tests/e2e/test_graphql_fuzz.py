"""Schemathesis (GraphQL mode) throws generated queries and mutations, valid
and odd, at every root field: never a 500, never a masked unexpected error."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from starlette.testclient import TestClient

from graphsvc.api.graphql.schema import sdl
from graphsvc.services.tokens import TokenIssuer

from ..conftest import nurse
from ..integration.builders import TEAM, population

SCHEMA = schemathesis.graphql.from_file(sdl())
OPERATIONS = {op.ok().label: op.ok() for op in SCHEMA.get_all_operations()}


def test_every_root_field_is_fuzzed() -> None:
    assert {"Query.client", "Query.clients", "Mutation.addMember", "Mutation.recordRating"} <= set(
        OPERATIONS
    )


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_no_server_errors(
    label: str, make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    http = make_http(population(3))
    headers = {"Authorization": f"Bearer {issuer.mint(nurse(TEAM.id))}"}

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        derandomize=True,
    )
    @given(case=OPERATIONS[label].as_strategy())
    def run(case: schemathesis.Case) -> None:
        response = http.post("/graphql", json={"query": case.body}, headers=headers)
        assert response.status_code < 500, response.text
        body = response.json()
        messages = [e.get("message", "") for e in body.get("errors") or []]
        assert "Unexpected error." not in messages, (case.body, body)

    run()
