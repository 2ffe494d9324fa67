"""Fixture factories, one per real component: the embedded FalkorDB, a live
Neo4j 5 (started by the session, or the one NEO4J_URI names), repositories on
either, the services, the HTTP app and tokens."""

from __future__ import annotations

import asyncio
import itertools
import os
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import neo4j
import pytest
from starlette.testclient import TestClient

from graphsvc.app import create_app
from graphsvc.config import Settings
from graphsvc.domain import Population, Principal, Role
from graphsvc.runtime import open_runtime
from graphsvc.services.network import NetworkService
from graphsvc.services.tokens import TokenIssuer
from graphsvc.store.audit_log import AuditLogFile
from graphsvc.store.catalog import Query, queries
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.dialect import ONLY_ON
from graphsvc.store.embedded import EmbeddedFalkorDB
from graphsvc.store.falkordb_runner import FalkorDBRunner
from graphsvc.store.neo4j_runner import Neo4jRunner
from graphsvc.store.runner import CypherRunner

from .databases import DATABASES
from .hl7_validator import Hl7Validator
from .integration.builders import network_writer
from .neo4j_local import LocalNeo4j

if TYPE_CHECKING:
    from .e2e.fhir_bodies import FhirBodies

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


# -- the live Neo4j ----------------------------------------------------------


@pytest.fixture(scope="session")
def neo4j_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Neo4j 5 for the session: the in-repository launcher on a free
    port with a folder of its own, or the one NEO4J_URI names."""
    given = os.environ.get("NEO4J_URI")
    if given:
        yield given
        return
    server = LocalNeo4j(tmp_path_factory.mktemp("neo4j"))
    server.start()
    yield server.uri
    server.stop()


def _neo4j_runner(uri: str) -> Neo4jRunner:
    return Neo4jRunner(
        uri,
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
        os.environ.get("NEO4J_DATABASE", "neo4j"),
    )


def wipe_neo4j(uri: str) -> None:
    """Test isolation on the one database of Neo4j Community: start empty."""
    password = os.environ.get("NEO4J_PASSWORD", "")
    auth = (os.environ.get("NEO4J_USER", "neo4j"), password) if password else None
    with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
        database = os.environ.get("NEO4J_DATABASE", "neo4j")
        with driver.session(database=database) as session:
            wipe = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            session.run(wipe).consume()


# -- HL7's FHIR validator ------------------------------------------------------


@pytest.fixture(scope="session")
def hl7_validator() -> Iterator[Hl7Validator]:
    """HL7's own R4 validator (fhir-validator/), one process for the session."""
    validator = Hl7Validator()
    validator.start()
    yield validator
    validator.stop()


@pytest.fixture
def fhir_bodies(hl7_validator: Hl7Validator) -> Iterator[FhirBodies]:
    """What a served app answers, kept during the test and then checked by
    the three validators (e2e/fhir_bodies.py)."""
    from .e2e.fhir_bodies import FhirBodies

    bodies = FhirBodies()
    yield bodies
    bodies.assert_valid(hl7_validator)


# -- every named query runs on both databases ---------------------------------

QUERIES_RUN: dict[str, set[str]] = {database: set() for database in DATABASES}


@pytest.fixture(scope="session", autouse=True)
def record_queries_run() -> Iterator[None]:
    """Notes which named queries each database ran in this session, so that
    the whole suite can insist that every one ran for real on both."""
    originals: list[tuple[type[Any], Any]] = []
    for runner, database in ((FalkorDBRunner, "falkordb"), (Neo4jRunner, "neo4j")):
        original = runner._run
        originals.append((runner, original))

        def recording(original: Any = original, database: str = database) -> Any:
            async def run(self: Any, query: Query, params: Any, **options: Any) -> Any:
                QUERIES_RUN[database].add(query.name)
                return await original(self, query, params, **options)

            return run

        runner._run = recording()  # type: ignore[method-assign]
    yield
    for runner, original in originals:
        runner._run = original  # type: ignore[method-assign]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """When the whole suite ran and passed, a named query that one of the
    databases never ran fails it."""
    config = session.config
    whole = (
        config.args_source == pytest.Config.ArgsSource.TESTPATHS
        and not config.option.keyword
        and not config.option.markexpr
    )
    if exitstatus != 0 or not whole:
        return
    missing = {
        database: sorted(
            name for name in set(queries()) - ran if ONLY_ON.get(name, database) == database
        )
        for database, ran in QUERIES_RUN.items()
    }
    if any(missing.values()):
        print(f"\nnamed queries that never ran: {missing}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# -- repositories -------------------------------------------------------------


@dataclass
class StoreFactory:
    """Connections to one test's own empty graph on one database; each
    ``connect`` is another client of it (its own pool), as another service
    process would be."""

    database: str
    connect_runner: Callable[[], CypherRunner]

    async def connect(self) -> CypherRepository:
        repo = CypherRepository(self.connect_runner())
        await repo.ensure_schema()
        return repo


@pytest.fixture(params=DATABASES)
async def database(request: pytest.FixtureRequest) -> AsyncIterator[StoreFactory]:
    """A fresh graph on each database: the embedded FalkorDB and a live Neo4j."""
    if request.param == "falkordb":
        server: EmbeddedFalkorDB = request.getfixturevalue("shared_server")
        graph = f"test_{os.getpid()}_{next(_graph_names)}"
        yield StoreFactory("falkordb", lambda: FalkorDBRunner.for_embedded(server, graph=graph))
    else:
        uri: str = request.getfixturevalue("neo4j_uri")
        wipe_neo4j(uri)
        yield StoreFactory("neo4j", lambda: _neo4j_runner(uri))


@pytest.fixture
async def repository(database: StoreFactory) -> AsyncIterator[CypherRepository]:
    """The repository under the store contract, on each database."""
    repo = await database.connect()
    yield repo
    await repo.close()


async def _falkordb_repository(server: EmbeddedFalkorDB) -> CypherRepository:
    runner = FalkorDBRunner.for_embedded(server, graph=f"test_{os.getpid()}_{next(_graph_names)}")
    repo = CypherRepository(runner)
    await repo.ensure_schema()
    return repo


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
def network(repository: CypherRepository, audit_log: AuditLogFile) -> NetworkService:
    return NetworkService(repository, audit_log, network_writer(repository))


# -- principals and tokens ----------------------------------------------------


def nurse(team: str = "team-a", subject: str = "nurse-1") -> Principal:
    return Principal(Role.NURSE, subject, frozenset({team}))


def coach(*teams: str) -> Principal:
    return Principal(Role.COACH, "coach-1", frozenset(teams))


def system(*scopes: str, teams: tuple[str, ...] = ()) -> Principal:
    return Principal(Role.SYSTEM, "system-1", frozenset(teams), frozenset(scopes))


RESEARCHER = Principal(Role.RESEARCHER, "researcher-1")
ADMIN = system("system/*.*")


@pytest.fixture(params=DATABASES)
def backend(request: pytest.FixtureRequest) -> str:
    """The database the app runs on: every test that opens the app runs on
    the embedded FalkorDB and again on Neo4j."""
    return str(request.param)


def settings_for(
    request: pytest.FixtureRequest, backend: str, data_dir: Path, **options: Any
) -> Settings:
    """Settings of an app on an empty database of the kind asked for."""
    if backend == "neo4j":
        uri: str = request.getfixturevalue("neo4j_uri")
        wipe_neo4j(uri)
        options.update(
            neo4j_uri=uri,
            neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
            neo4j_password=os.environ.get("NEO4J_PASSWORD", ""),
            neo4j_database=os.environ.get("NEO4J_DATABASE", "neo4j"),
        )
    return Settings(data_dir=data_dir, **options)


@pytest.fixture
def settings(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Settings:
    return settings_for(request, backend, tmp_path / "data")


@pytest.fixture
def issuer(settings: Settings) -> TokenIssuer:
    return TokenIssuer(settings.signing_key())


# -- the HTTP app on a seeded database ------------------------------------------


def seed(settings: Settings, population: Population) -> None:
    """Load a population into the data directory the app will open."""

    async def load() -> None:
        runtime = await open_runtime(settings)
        try:
            await runtime.network.load_population(ADMIN, population)
        finally:
            await runtime.close()

    asyncio.run(load())


def fhir_bodies_checked(request: pytest.FixtureRequest) -> Callable[[httpx.Response], None]:
    """A response hook: every FHIR body passes the three validators of
    e2e/fhir_validity.py (HL7's validator starts with the first one)."""
    from .e2e.fhir_validity import assert_valid_fhir

    def check(response: httpx.Response) -> None:
        if response.headers.get("content-type", "").startswith("application/fhir+json"):
            response.read()
            assert_valid_fhir(response.json(), request.getfixturevalue("hl7_validator"))

    return check


@pytest.fixture
def make_http(
    settings: Settings, request: pytest.FixtureRequest
) -> Iterator[Callable[..., TestClient]]:
    """The real app (real lifespan, real embedded database) behind Starlette's
    TestClient, on a data directory seeded with the population given; every
    FHIR body it answers with is checked."""
    opened: list[TestClient] = []

    def factory(population: Population | None = None) -> TestClient:
        if population is not None:
            seed(settings, population)
        client = TestClient(create_app(settings))
        client.event_hooks = {"response": [fhir_bodies_checked(request)]}
        client.__enter__()
        opened.append(client)
        return client

    yield factory
    for client in opened:
        client.__exit__(None, None, None)
