"""What the embedded database keeps: everything acknowledged survives a
restart and a crash; a write cut off by ``kill -9`` is there whole or not at all."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable

import pytest

from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.embedded import EmbeddedFalkorDB
from graphsvc.store.falkordb_runner import FalkorDBRunner
from graphsvc.store.fhir_commit import CypherFhirWriter
from graphsvc.store.port import StoreUnavailable

from .builders import graph_only, load, population

BIG = 1000  # clients in one statement: about 12,000 nodes and 20,000 ties


async def _repo(server: EmbeddedFalkorDB) -> CypherRepository:
    repo = CypherRepository(FalkorDBRunner.for_embedded(server))
    await repo.ensure_schema()
    return repo


async def _client_count(server: EmbeddedFalkorDB, team: str = "team-a") -> int:
    repo = await _repo(server)
    try:
        return len(await repo.team_client_ids(team))
    finally:
        await repo.close()


async def test_data_survives_a_clean_restart(
    make_server: Callable[..., EmbeddedFalkorDB],
) -> None:
    server = make_server()
    repo = await _repo(server)
    pop = population(5)
    await load(repo, pop)
    before = await repo.get_onion("client-3")
    await repo.close()
    server.stop()
    server.start()
    repo = await _repo(server)
    try:
        assert await repo.get_onion("client-3") == before
    finally:
        await repo.close()


async def test_acknowledged_writes_survive_kill_9(
    make_server: Callable[..., EmbeddedFalkorDB],
) -> None:
    server = make_server()
    repo = await _repo(server)
    await load(repo, population(3))
    await repo.close()
    server.kill()
    server.start()
    assert await _client_count(server) == 3


async def _time_big_write(server: EmbeddedFalkorDB) -> float:
    repo = CypherRepository(FalkorDBRunner.for_embedded(server, graph="timing"))
    try:
        await repo.ensure_schema()
        started = time.perf_counter()
        assert await CypherFhirWriter(repo._runner).commit(graph_only(population(BIG)))
        return time.perf_counter() - started
    finally:
        await repo.close()


@pytest.mark.slow
async def test_kill_9_in_the_middle_of_a_large_write_is_all_or_nothing(
    make_server: Callable[..., EmbeddedFalkorDB],
) -> None:
    duration = await _time_big_write(make_server())
    server = make_server()
    outcomes: list[int] = []
    for fraction in (0.25, 0.5, 0.75):
        repo = await _repo(server)
        before = await _client_count(server)
        start = 10_000 * (len(outcomes) + 1)
        unit = graph_only(population(BIG, start=start))
        write = asyncio.create_task(CypherFhirWriter(repo._runner).commit(unit))
        await asyncio.sleep(duration * fraction)
        was_running = not write.done()
        server.kill()
        with contextlib.suppress(StoreUnavailable, ConnectionError, OSError):
            await write
        await repo.close()
        server.start()
        after = await _client_count(server)
        assert after - before in (0, BIG), f"a cut-off write left {after - before} clients"
        if was_running:
            outcomes.append(after - before)
        # what is there is whole: every onion complete (a sample of them)
        repo = await _repo(server)
        try:
            for cid in (await repo.team_client_ids("team-a"))[::50]:
                onion = await repo.get_onion(cid)
                assert len(onion.members) == 4 and len(onion.needs) == 3
                assert len(onion.supports) == 6 and len(onion.observations) == 3
        finally:
            await repo.close()
        server.stop()  # a clean stop compacts the log, so the next replay is short
        server.start()
    print("outcomes of cut writes:", outcomes)
    assert outcomes, "the write always finished before the kill; the test proved nothing"
