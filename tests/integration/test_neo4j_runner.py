"""The Neo4j connection as an operator meets it: health says what runs and
how it is; the service works without authentication (the local database) and
with a user and password (as in production), and refuses wrong ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j.exceptions import AuthError, ClientError

from graphsvc.config import Settings
from graphsvc.domain import Client, Onion, Population, Team
from graphsvc.runtime import open_runtime
from graphsvc.store.catalog import Query
from graphsvc.store.neo4j_runner import Neo4jRunner, _without_credentials

from ..conftest import ADMIN
from ..neo4j_local import LocalNeo4j, free_port


async def test_health_names_the_database_and_its_state(neo4j_uri: str) -> None:
    runner = Neo4jRunner(neo4j_uri, "neo4j", "")
    try:
        health = await runner.health()
    finally:
        await runner.close()
    assert health["kind"] == "neo4j" and health["state"] == "up"
    assert health["database"] == "neo4j" and health["uri"] == neo4j_uri
    assert health["server"].startswith("Neo4j/5.")


async def test_health_says_down_when_nothing_answers() -> None:
    runner = Neo4jRunner(f"bolt://127.0.0.1:{free_port()}", "neo4j", "")
    try:
        health = await runner.health()
    finally:
        await runner.close()
    assert health["state"] == "down" and health["error"]


_WRITE = Query("a_write", "CREATE (:Probe {id: 'read-mode'}) RETURN 1 AS one", frozenset())
_COUNT = Query("count_probes", "MATCH (p:Probe) RETURN count(p) AS n", frozenset())


async def test_reads_run_in_read_transactions(neo4j_uri: str) -> None:
    """What the runner reads runs in a read transaction (so a cluster behind
    ``neo4j://`` can serve it from a follower): the database refuses a write
    there, in a managed transaction and in the single try of a health check."""
    runner = Neo4jRunner(neo4j_uri, "neo4j", "")
    try:
        with pytest.raises(ClientError, match="read access mode"):
            await runner.read(_WRITE, {})
        with pytest.raises(ClientError, match="read access mode"):
            await runner._run(_WRITE, {}, write=False, once=True)
        assert (await runner.read(_COUNT, {}))[0]["n"] == 0
        assert await runner.write(_WRITE, {}) == [{"one": 1}]
        assert (await runner.read(_COUNT, {}))[0]["n"] == 1
        await runner.write(Query("clean", "MATCH (p:Probe) DELETE p", frozenset()), {})
    finally:
        await runner.close()


def test_health_never_shows_credentials() -> None:
    assert _without_credentials("neo4j+s://admin:geheim@db.example:7687") == (
        "neo4j+s://db.example:7687"
    )


async def test_a_user_and_password_as_in_production(tmp_path: Path) -> None:
    server = LocalNeo4j(tmp_path / "neo4j", password="graphsvc-secret")
    server.start()
    try:
        settings = Settings(
            data_dir=tmp_path / "data",
            neo4j_uri=server.uri,
            neo4j_user="neo4j",
            neo4j_password="graphsvc-secret",
        )
        runtime = await open_runtime(settings)
        try:
            team = Team("team-a", "Wijkteam A")
            onion = Onion(Client("client-a", "Anna"), team.id)
            await runtime.network.load_population(ADMIN, Population((team,), onions=(onion,)))
            assert (await runtime.repository.get_onion("client-a")).client.name == "Anna"
            assert (await runtime.repository.health())["state"] == "up"
        finally:
            await runtime.close()
        wrong = Settings(data_dir=tmp_path / "data", neo4j_uri=server.uri, neo4j_password="nope")
        with pytest.raises(AuthError):
            await open_runtime(wrong)
    finally:
        server.stop()
