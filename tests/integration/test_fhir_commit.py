"""One FHIR write as one statement: resources and the graph together, only
when nothing read has changed since."""

from __future__ import annotations

import asyncio
import dataclasses
import json

from graphsvc.domain import Membership, Person, Population, Team
from graphsvc.domain.commands import RemoveKnows, RemoveMember, RemoveNeed, SaveMember
from graphsvc.store import records
from graphsvc.store.catalog import Query, query
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.fhir_commit import CypherFhirWriter, FhirCommit, ResourceWrite
from graphsvc.store.resource_store import CypherResourceStore

from .builders import edit, load, onion, population


def _writer(repo: CypherRepository) -> tuple[CypherFhirWriter, CypherResourceStore]:
    return CypherFhirWriter(repo._runner), CypherResourceStore(repo._runner)


def _patient(client_id: str, version: int, name: str = "Anna") -> ResourceWrite:
    content = json.dumps({"name": [{"text": name}]})
    return ResourceWrite(
        "Patient", client_id, version, content, client_id=client_id, tokens=(f"_id|{client_id}",)
    )


async def test_resources_and_onions_land_together(repository: CypherRepository) -> None:
    writer, store = _writer(repository)
    first = population(2)
    unit = FhirCommit([_patient("client-0", 1), _patient("client-1", 1)], {}, first, {})
    assert await writer.commit(unit)
    assert (await store.get("Patient", "client-0")) is not None
    onion0 = await repository.get_onion("client-0")
    assert len(onion0.members) == 4 and len(onion0.needs) == 3


async def test_what_the_new_onion_drops_is_deleted(repository: CypherRepository) -> None:
    writer, _ = _writer(repository)
    assert await writer.commit(FhirCommit([], {}, population(1), {}))
    before = await repository.get_onion("client-0")
    smaller = onion(0, members=3, needs=2)
    # ratings of the dropped need go with it; KNOWS ties stay the graph's
    smaller = dataclasses.replace(
        smaller,
        supports=tuple(s for s in smaller.supports if s.supporter_id != "p-0-3"),
        knows=(),
    )
    unit = FhirCommit(
        [], {}, Population(onions=(smaller,)), {"client-0": before.version}, {"client-0": before}
    )
    assert await writer.commit(unit)
    after = await repository.get_onion("client-0")
    assert {m.person.id for m in after.members} == {"p-0-0", "p-0-1", "p-0-2"}
    assert {n.id for n in after.needs} == {"need-0-0", "need-0-1"}
    assert {o.id for o in after.observations} == {"obs-0-0", "obs-0-1"}
    assert {(s.supporter_id, s.need_id) for s in after.supports} == {
        (s.supporter_id, s.need_id) for s in smaller.supports
    }
    assert after.version == before.version + 1


async def test_a_stale_read_writes_nothing(repository: CypherRepository) -> None:
    writer, store = _writer(repository)
    assert await writer.commit(FhirCommit([_patient("client-0", 1)], {}, population(1), {}))
    before = await repository.get_onion("client-0")
    version = await store.data_version()
    # a resource version that is no longer current
    stale = FhirCommit(
        [_patient("client-0", 2, "Changed")],
        {"Patient/client-0": 0},
        Population(onions=(onion(0, members=1, needs=1),)),
        {"client-0": before.version},
        {"client-0": before},
    )
    assert not await writer.commit(stale)
    # a resource that appeared since it was read as absent
    assert not await writer.commit(
        FhirCommit([_patient("client-0", 2, "Changed")], {}, Population(), {})
    )
    # a client version that moved on
    assert not await writer.commit(
        FhirCommit([], {}, Population(onions=(onion(0, members=1),)), {"client-0": 99}, {})
    )
    assert await repository.get_onion("client-0") == before
    assert await store.data_version() == version  # a refused write moves nothing
    stored = await store.get("Patient", "client-0")
    assert (
        stored is not None
        and stored.version_id == 1
        and stored.content["name"][0]["text"] == "Anna"
    )


async def test_every_landed_write_moves_the_data_version_once(
    repository: CypherRepository,
) -> None:
    """Writes at once, each of another client, each move the one counter:
    none is lost, and there is one counter (its key is unique)."""
    writer, store = _writer(repository)
    assert await store.data_version() == ":0"  # no write yet: no counter either
    units = [FhirCommit([_patient(f"client-{i}", 1)], {}, Population(), {}) for i in range(8)]
    assert all(await asyncio.gather(*(writer.commit(u) for u in units)))
    since, count = (await store.data_version()).rsplit(":", 1)
    assert since and count == "8"
    assert await repository.repeated_ids() == []
    assert await writer.commit(FhirCommit([_patient("client-8", 1)], {}, Population(), {}))
    assert await store.data_version() == f"{since}:9"


async def test_removed_client_goes_with_her_needs(repository: CypherRepository) -> None:
    writer, _ = _writer(repository)
    assert await writer.commit(FhirCommit([], {}, population(2), {}))
    before = await repository.get_onion("client-1")
    unit = FhirCommit(
        [],
        {},
        Population(),
        {"client-1": before.version},
        {"client-1": before},
        removed_clients=["client-1"],
    )
    assert await writer.commit(unit)
    left = await repository._runner.read(
        Query(
            "left",
            "MATCH (n:Need) WHERE n.id STARTS WITH 'need-1-' RETURN count(n) AS n",
            frozenset(),
        ),
        {},
    )
    assert left[0]["n"] == 0
    assert (await repository.get_onions(["client-1"])) == {}
    assert len((await repository.get_onion("client-0")).needs) == 3


async def test_each_network_read_gives_the_fingerprint_its_commit_stored(
    repository: CypherRepository,
) -> None:
    """What a commit stores beside a network's version (records.network_state)
    is what a read of that network computes, after a load and after edits
    that add and take away (members, needs, KNOWS ties, a team), so a read
    is taken at once and only a torn one is read again."""
    await load(repository, population(3))
    new = Person("buur-1", "Buur 1", "informal", "neighbour")
    await edit(repository, "client-0", SaveMember(new, Membership(new.id, "client-0", "informal")))
    await edit(repository, "client-0", RemoveMember("p-0-1"))
    await edit(repository, "client-1", RemoveNeed("need-1-0"))
    await edit(repository, "client-1", RemoveKnows("p-1-2", "p-1-3"))
    team_b = Team("team-b", "Wijkteam Noord")
    await load(repository, Population(teams=(team_b,), onions=(onion(2, team_b.id),)))
    rows = await repository._runner.read(
        query("onion_get"), {"client_ids": ["client-0", "client-1", "client-2"]}
    )
    assert len(rows) == 3
    for row in rows:
        read = records.onion_from(row)
        assert row["client"]["state"] == records.network_state(read), read.client.id
