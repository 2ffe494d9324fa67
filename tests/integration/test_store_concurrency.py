"""Writers on the same client, each with its own connection, on both
databases: no update is lost. FalkorDB runs one write at a time; Neo4j runs
them concurrently at read committed, where the guard holds only because every
guarded statement locks the client before it reads her version."""

from __future__ import annotations

import asyncio

import pytest

from graphsvc.domain import Membership, Need, Person, VersionConflict
from graphsvc.domain.commands import SaveMember, SaveNeed
from graphsvc.store.cypher_repository import CypherRepository

from ..conftest import StoreFactory
from .builders import client_with_team, edit

WRITES_EACH = 40


async def _two_writers(database: StoreFactory) -> tuple[CypherRepository, CypherRepository]:
    return await database.connect(), await database.connect()


async def test_sixteen_concurrent_additions_all_land(database: StoreFactory) -> None:
    repos = [await database.connect() for _ in range(16)]
    try:
        client = await client_with_team(repos[0])
        start = (await repos[0].get_onion(client.id)).version
        await asyncio.gather(
            *(
                edit(
                    repo,
                    client.id,
                    SaveMember(
                        Person(f"helper-{k}", f"Helper {k}", "informal"),
                        Membership(f"helper-{k}", client.id, "informal"),
                    ),
                )
                for k, repo in enumerate(repos)
            )
        )
        onion = await repos[0].get_onion(client.id)
        assert {m.person.id for m in onion.members} == {f"helper-{k}" for k in range(16)}
        assert onion.version == start + 16
    finally:
        for repo in repos:
            await repo.close()


async def test_concurrent_additions_all_land(database: StoreFactory) -> None:
    a, b = await _two_writers(database)
    try:
        client = await client_with_team(a)
        start = (await a.get_onion(client.id)).version

        async def writer(repo: CypherRepository, tag: str) -> None:
            for i in range(WRITES_EACH):
                pid = f"{tag}-{i}"
                await edit(
                    repo,
                    client.id,
                    SaveMember(
                        Person(pid, f"Helper {pid}", "informal"),
                        Membership(pid, client.id, "informal"),
                    ),
                )

        await asyncio.gather(writer(a, "a"), writer(b, "b"))
        onion = await b.get_onion(client.id)
        assert len(onion.members) == 2 * WRITES_EACH
        assert onion.version == start + 2 * WRITES_EACH
    finally:
        await a.close()
        await b.close()


async def test_guarded_read_modify_write_never_loses_an_update(database: StoreFactory) -> None:
    """Each writer reads the onion, decides, and writes with the version it
    read; on a conflict it reads again. Every intended need is there in the end."""
    a, b = await _two_writers(database)
    try:
        client = await client_with_team(a)
        conflicts = 0

        async def writer(repo: CypherRepository, codes: list[str], tag: str) -> None:
            nonlocal conflicts
            for i, code in enumerate(codes):
                while True:
                    seen = await repo.get_onion(client.id)
                    await asyncio.sleep(0)  # let the other writer in between read and write
                    try:
                        need = Need(f"need-{tag}-{i}", client.id, code)
                        await edit(repo, client.id, SaveNeed(need), seen.version)
                        break
                    except VersionConflict:
                        conflicts += 1

        codes = [f"{n:02d}" for n in range(1, 21)]
        await asyncio.gather(writer(a, codes, "a"), writer(b, codes, "b"))
        onion = await a.get_onion(client.id)
        assert len(onion.needs) == 40
        assert conflicts > 0, "the writers never overlapped; the test proved nothing"
    finally:
        await a.close()
        await b.close()


async def test_same_version_two_writes_exactly_one_wins(database: StoreFactory) -> None:
    a, b = await _two_writers(database)
    try:
        client = await client_with_team(a)
        version = (await a.get_onion(client.id)).version
        results = await asyncio.gather(
            edit(a, client.id, SaveNeed(Need("need-a", client.id, "06")), version),
            edit(b, client.id, SaveNeed(Need("need-b", client.id, "21")), version),
            return_exceptions=True,
        )
        wins = [r for r in results if not isinstance(r, BaseException)]
        losses = [r for r in results if isinstance(r, VersionConflict)]
        assert len(wins) == 1 and len(losses) == 1
        assert len((await a.get_onion(client.id)).needs) == 1
    finally:
        await a.close()
        await b.close()


@pytest.mark.parametrize("writers", [4])
async def test_many_writers_version_counts_every_change(
    database: StoreFactory, writers: int
) -> None:
    repos = [await database.connect() for _ in range(writers)]
    try:
        client = await client_with_team(repos[0])
        start = (await repos[0].get_onion(client.id)).version

        async def writer(k: int, repo: CypherRepository) -> None:
            for i in range(10):
                need = Need(f"need-{k}-{i}", client.id, f"{i + 1:02d}")
                await edit(repo, client.id, SaveNeed(need))

        await asyncio.gather(*(writer(k, r) for k, r in enumerate(repos)))
        onion = await repos[0].get_onion(client.id)
        assert len(onion.needs) == writers * 10
        assert onion.version == start + writers * 10
    finally:
        for r in repos:
            await r.close()


async def test_a_read_network_is_never_older_than_its_version(database: StoreFactory) -> None:
    """The guard trusts the version a plan read: a network read at version v
    must hold at least what v holds, else a plan from it commits at v and
    drops what it did not see (the CareTeam loses a member the graph keeps).
    Neo4j reads at read committed, so one read may see a commit half-way:
    the version is read before the rest of the network, never after it. One
    writer adds a member per version while readers read the network."""
    writer, *readers = [await database.connect() for _ in range(3)]
    try:
        client = await client_with_team(writer)
        start = (await writer.get_onion(client.id)).version
        done = asyncio.Event()
        torn: list[tuple[int, int]] = []

        async def write() -> None:
            for i in range(WRITES_EACH * 2):
                person = Person(f"helper-{i}", f"Helper {i}", "informal")
                await edit(
                    writer,
                    client.id,
                    SaveMember(person, Membership(person.id, client.id, "informal")),
                )
            done.set()

        async def read(repo: CypherRepository) -> None:
            while not done.is_set():
                onion = await repo.get_onion(client.id)
                if len(onion.members) < onion.version - start:
                    torn.append((onion.version, len(onion.members)))

        await asyncio.gather(write(), *(read(r) for r in readers))
        assert torn == []
    finally:
        for repo in (writer, *readers):
            await repo.close()
