"""Fixture factories, one per real component: the embedded database, a
repository on it (or on a live Neo4j when NEO4J_URI is set), the services,
the HTTP app and tokens."""

from __future__ import annotations

import asyncio
import itertools
import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graphsvc.app import create_app
from graphsvc.config import Settings
from graphsvc.domain import Population, Principal, Role
from graphsvc.runtime import open_runtime
from graphsvc.services.network import NetworkService
from graphsvc.services.population import load_population
from graphsvc.services.tokens import TokenIssuer
from graphsvc.store.audit_log import AuditLogFile
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.embedded import EmbeddedFalkorDB
from graphsvc.store.falkordb_runner import FalkorDBRunner

_graph_names = itertools.count()


# -- the embedded database ----------------------------------------------------


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedFalkorDB]:
    """One embedded FalkorDB for the session; tests get a graph of their own on it."""
    server = EmbeddedFalkorDB(tmp_path_factory.mktemp("falkordb-shared"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def make_server(tmp_path: Path) -> Iterator[Callable[..., EmbeddedFalkorDB]]:
    """Servers of a test's own, for restarts and crashes; all stopped afterwards."""
    started: list[EmbeddedFalkorDB] = []

    def factory(data_dir: Path | None = None, fsync: str = "always") -> EmbeddedFalkorDB:
        server = EmbeddedFalkorDB(data_dir or tmp_path / f"db{len(started)}", fsync=fsync)
        started.append(server)
        server.start()
        return server

    yield factory
    for server in started:
        server.stop()


# -- repositories -------------------------------------------------------------

NEO4J_URI = os.environ.get("NEO4J_URI")


def neo4j_params() -> list[object]:
    reason = "live Neo4j contract run: set NEO4J_URI (make neo4j-up && make test-neo4j)"
    return [
        "falkordb",
        pytest.param(
            "neo4j",
            marks=[pytest.mark.neo4j, pytest.mark.skipif(NEO4J_URI is None, reason=reason)],
        ),
    ]


async def _falkordb_repository(server: EmbeddedFalkorDB) -> CypherRepository:
    runner = FalkorDBRunner.for_embedded(server, graph=f"test_{os.getpid()}_{next(_graph_names)}")
    repo = CypherRepository(runner)
    await repo.ensure_schema()
    return repo


async def _neo4j_repository() -> CypherRepository:
    from graphsvc.store.neo4j_runner import Neo4jRunner

    runner = Neo4jRunner(
        NEO4J_URI or "",
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
        os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
    repo = CypherRepository(runner)
    await repo.ensure_schema()
    # Test isolation on a shared live database: start empty.
    async with runner._driver.session(database=runner._database) as session:
        await (await session.run("MATCH (n) DETACH DELETE n")).consume()
    return repo


@pytest.fixture(params=neo4j_params())
async def repository(
    request: pytest.FixtureRequest, shared_server: EmbeddedFalkorDB
) -> AsyncIterator[CypherRepository]:
    """The repository under the store contract: embedded FalkorDB always,
    Neo4j too when NEO4J_URI is set."""
    if request.param == "falkordb":
        repo = await _falkordb_repository(shared_server)
    else:
        repo = await _neo4j_repository()
    yield repo
    await repo.close()


@pytest.fixture
async def falkordb_repository(shared_server: EmbeddedFalkorDB) -> AsyncIterator[CypherRepository]:
    repo = await _falkordb_repository(shared_server)
    yield repo
    await repo.close()


# -- services -----------------------------------------------------------------


@pytest.fixture
def audit_log(tmp_path: Path) -> Iterator[AuditLogFile]:
    log = AuditLogFile(tmp_path / "audit.jsonl")
    yield log
    log.close()


@pytest.fixture
def network(falkordb_repository: CypherRepository, audit_log: AuditLogFile) -> NetworkService:
    return NetworkService(falkordb_repository, audit_log)


# -- principals and tokens ----------------------------------------------------


def nurse(team: str = "team-a", subject: str = "nurse-1") -> Principal:
    return Principal(Role.NURSE, subject, frozenset({team}))


def coach(*teams: str) -> Principal:
    return Principal(Role.COACH, "coach-1", frozenset(teams))


def system(*scopes: str, teams: tuple[str, ...] = ()) -> Principal:
    return Principal(Role.SYSTEM, "system-1", frozenset(teams), frozenset(scopes))


RESEARCHER = Principal(Role.RESEARCHER, "researcher-1")
ADMIN = system("system/*.*")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def issuer(settings: Settings) -> TokenIssuer:
    return TokenIssuer(settings.signing_key())


# -- the HTTP app on a seeded database ------------------------------------------


def seed(settings: Settings, population: Population) -> None:
    """Load a population into the data directory the app will open."""

    async def load() -> None:
        runtime = await open_runtime(settings)
        try:
            await load_population(runtime.repository, runtime.audit, ADMIN, population)
        finally:
            await runtime.close()

    asyncio.run(load())


@pytest.fixture
def make_http(settings: Settings) -> Iterator[Callable[..., TestClient]]:
    """The real app (real lifespan, real embedded database) behind Starlette's
    TestClient, on a data directory seeded with the population given."""
    opened: list[TestClient] = []

    def factory(population: Population | None = None) -> TestClient:
        if population is not None:
            seed(settings, population)
        client = TestClient(create_app(settings))
        client.__enter__()
        opened.append(client)
        return client

    yield factory
    for client in opened:
        client.__exit__(None, None, None)
