"""The versions the write path leaves are enough to rebuild every network:
the demo neighbourhood seeded and then edited in the graph, rebuilt from the
history of its FHIR resources on each real database, is the network the
graph holds (but for KNOWS ties, which have no history), before and after
the edit."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

from graphsvc.analysis import DEFAULT_THRESHOLDS
from graphsvc.domain import KnowsTie, Onion, Ring
from graphsvc.domain.commands import RemoveKnows, RemoveMember, SaveKnows
from graphsvc.seeding.codec import load_population
from graphsvc.services.network import NetworkService
from graphsvc.services.network_as_of import network_as_of
from graphsvc.services.network_history import NetworkHistory
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.records import now
from graphsvc.store.resource_store import CypherResourceStore

from ..conftest import ADMIN, nurse

DEMO = Path(__file__).resolve().parents[2] / "seeds" / "demo-neighbourhood.json"


def comparable(onion: Onion) -> Onion:
    return dataclasses.replace(onion, knows=(), version=0).canonical()


async def rebuilt(repository: CypherRepository, client_ids: list[str], at: str) -> dict[str, Onion]:
    history = await NetworkHistory(CypherResourceStore(repository._runner)).read(client_ids, at)
    sliced = history.at(at)
    out = {}
    for cid in client_ids:
        resources = sliced.of_client(cid)
        assert resources is not None, cid
        found = network_as_of(cid, resources, at, thresholds=DEFAULT_THRESHOLDS)
        assert found is not None, cid
        out[cid] = found.onion
    return out


async def test_seeded_and_edited_networks_are_rebuilt_from_their_history(
    repository: CypherRepository, network: NetworkService
) -> None:
    demo = load_population(DEMO)
    await network.load_population(ADMIN, demo)
    seeded = now()
    ids = [o.client.id for o in demo.onions]
    before = await repository.get_onions(ids)
    for cid, onion in (await rebuilt(repository, ids, seeded)).items():
        assert onion == comparable(before[cid]), cid

    await asyncio.sleep(0.002)  # time stamps are to the millisecond
    target = next(o for o in demo.onions if len(tuple(o.ring(Ring.INFORMAL))) >= 2)
    gone = next(iter(target.ring(Ring.INFORMAL))).person.id
    await network.change(nurse(target.team_id or ""), target.client.id, RemoveMember(gone))
    edited = now()
    after = await repository.get_onion(target.client.id)
    assert gone not in {m.person.id for m in after.members}

    then = (await rebuilt(repository, [target.client.id], seeded))[target.client.id]
    later = (await rebuilt(repository, [target.client.id], edited))[target.client.id]
    assert then == comparable(before[target.client.id])
    assert later == comparable(after)


async def test_the_data_version_moves_with_every_write_and_nothing_else(
    repository: CypherRepository, network: NetworkService
) -> None:
    """What a research release is kept for: the same after reads, another
    after any change, a KNOWS tie (which has no history) included."""
    store = CypherResourceStore(repository._runner)
    empty = await store.data_version()
    demo = load_population(DEMO)
    await network.load_population(ADMIN, demo)
    seeded = await store.data_version()
    assert seeded != empty
    ids = [o.client.id for o in demo.onions]
    await repository.get_onions(ids)
    await NetworkHistory(store).read(ids, now())
    assert await store.data_version() == seeded

    target = next(o for o in demo.onions if len(tuple(o.ring(Ring.INFORMAL))) >= 2)
    who = nurse(target.team_id or "")
    first, second, *_ = (m.person.id for m in target.ring(Ring.INFORMAL))
    known = any({k.person_a, k.person_b} == {first, second} for k in target.knows)
    tie = RemoveKnows(first, second) if known else SaveKnows(KnowsTie(first, second))
    await network.change(who, target.client.id, tie)
    tied = await store.data_version()
    assert tied != seeded
    await network.change(who, target.client.id, RemoveMember(first))
    assert await store.data_version() not in (seeded, tied)
