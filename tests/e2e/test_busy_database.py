"""When every database connection is busy a request waits for one (for a
bounded time) instead of failing; past that it is answered 503 with
Retry-After on every surface, never as an error inside a 200."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from graphsvc.app import create_app
from graphsvc.config import Settings
from graphsvc.services.tokens import TokenIssuer

from ..conftest import ADMIN, seed
from .fhir_bodies import FhirBodies
from .test_graphql_gaps import DEMO

ONION = '{ client(id: "client-000001") { name members { displayName } needs { code } } }'
TEAM = DEMO.teams[0].id


def served(settings: Settings, **pool: Any) -> Iterator[TestClient]:
    small = dataclasses.replace(settings, **pool)
    seed(small, DEMO)
    with TestClient(create_app(small), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def two_connections(settings: Settings) -> Iterator[TestClient]:
    yield from served(settings, pool_size=2, pool_wait=10.0)


@pytest.fixture
def one_connection(settings: Settings) -> Iterator[TestClient]:
    yield from served(settings, pool_size=1, pool_wait=0.3)


def run(http: TestClient, work: Callable[[httpx.AsyncClient], Any], kept: FhirBodies) -> Any:
    """``work`` with an async client on the app's own event loop, so that its
    requests run at once against the one database pool; the FHIR bodies
    answered are kept for the validators."""

    async def go() -> Any:
        transport = httpx.ASGITransport(app=http.app)
        hooks = {"response": [kept.on_async_response]}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://test", event_hooks=hooks
        ) as client:
            return await work(client)

    assert http.portal is not None
    return http.portal.call(go)


def test_fifty_requests_at_once_on_two_connections_all_succeed(
    two_connections: TestClient, issuer: TokenIssuer, fhir_bodies: FhirBodies
) -> None:
    from ..conftest import nurse

    graphql = {"Authorization": f"Bearer {issuer.mint(nurse(TEAM))}"}
    fhir = {"Authorization": f"Bearer {issuer.mint(ADMIN)}"}

    async def burst(client: httpx.AsyncClient) -> list[httpx.Response]:
        asks = [client.post("/graphql", json={"query": ONION}, headers=graphql) for _ in range(50)]
        asks += [client.get("/fhir/Patient/client-000001", headers=fhir) for _ in range(50)]
        return list(await asyncio.gather(*asks))

    answers = run(two_connections, burst, fhir_bodies)
    assert [r.status_code for r in answers] == [200] * 100
    for r in answers[:50]:
        body = r.json()
        assert "errors" not in body and body["data"]["client"]["name"]


@contextlib.asynccontextmanager
async def every_connection_held(http: TestClient, backend: str) -> AsyncIterator[None]:
    runner = http.app.state.runtime.repository._runner  # type: ignore[attr-defined]
    if backend == "neo4j":
        async with runner._driver.session() as session:
            tx = await session.begin_transaction()
            try:
                yield
            finally:
                await tx.rollback()
    else:
        pool = runner._db.connection.connection_pool
        held = await pool.get_connection()
        try:
            yield
        finally:
            await pool.release(held)


def test_past_the_wait_it_is_503_with_retry_after(
    one_connection: TestClient, issuer: TokenIssuer, backend: str, fhir_bodies: FhirBodies
) -> None:
    from ..conftest import nurse

    graphql = {"Authorization": f"Bearer {issuer.mint(nurse(TEAM))}"}
    fhir = {"Authorization": f"Bearer {issuer.mint(ADMIN)}"}

    async def while_held(client: httpx.AsyncClient) -> list[httpx.Response]:
        async with every_connection_held(one_connection, backend):
            return [
                await client.post("/graphql", json={"query": ONION}, headers=graphql),
                await client.get("/fhir/Patient/client-000001", headers=fhir),
            ]

    graphql_answer, fhir_answer = run(one_connection, while_held, fhir_bodies)
    assert graphql_answer.status_code == 503 and graphql_answer.headers["Retry-After"] == "1"
    assert "busy" in graphql_answer.json()["errors"][0]["message"]
    assert fhir_answer.status_code == 503 and fhir_answer.headers["Retry-After"] == "1"
    assert fhir_answer.json()["resourceType"] == "OperationOutcome"
    # and once a connection is free again, all is well
    again = one_connection.post("/graphql", json={"query": ONION}, headers=graphql)
    assert again.status_code == 200 and "errors" not in again.json()
