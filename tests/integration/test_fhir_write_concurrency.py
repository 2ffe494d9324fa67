"""Several service instances on one database (as behind a load balancer),
writing FHIR about the same client at once, on both databases. Each write is
planned from what it read and lands only if that is still current; the
statement takes its locks before it checks, so Neo4j's concurrent, read
committed transactions lose nothing either."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from fhir_mappings import onion_differences
from graphsvc.config import Settings
from graphsvc.domain import Membership, Person, Principal, Role
from graphsvc.domain.commands import SaveMember
from graphsvc.runtime import Runtime, compose
from graphsvc.seeding.demo import build_demo
from graphsvc.services.fhir_import import FhirImporter, read_documents
from graphsvc.services.fhir_write import PreconditionFailed
from graphsvc.store.port import WriteResult

from ..conftest import ADMIN, StoreFactory
from ..unit.fhir import corpus

CLIENT = "gerrit-jansen"
INSTANCES = 8
DEMO_FHIR = Path(__file__).resolve().parents[2] / "seeds" / "demo-fhir"

Instances = Callable[[int], Awaitable[list[Runtime]]]


@pytest.fixture
async def instances(database: StoreFactory, tmp_path: Path) -> AsyncIterator[Instances]:
    """Service instances of their own (connection pool, in-process turn
    taking, audit file) on the test's one database."""
    opened: list[Runtime] = []

    async def factory(count: int) -> list[Runtime]:
        for _ in range(count):
            settings = Settings(data_dir=tmp_path / f"instance-{len(opened)}", jwt_key="k" * 32)
            opened.append(await compose(settings, database.connect_runner()))
        return opened[-count:]

    yield factory
    for runtime in opened:
        await runtime.close()


async def load_gerrit(runtime: Runtime) -> None:
    family = {CLIENT, "ahmed-el-amrani", "annelies-jansen", "riet-jansen"}
    for key, resource in sorted(
        corpus.stored().items(), key=lambda kv: kv[0].resource_type != "Organization"
    ):
        directory = key.resource_type in {"Organization", "Practitioner", "PractitionerRole"}
        if directory or "gerrit" in key.id or key.id in family:
            await runtime.fhir_interactions.update(
                ADMIN, key.resource_type, key.id, resource, base_urls=(corpus.BASE_URL,)
            )


def rating(n: int) -> dict[str, Any]:
    base = copy.deepcopy(
        corpus.stored()[next(k for k in corpus.stored() if k.id == "obs-gerrit-38-s-2024")]
    )
    base.pop("id")
    base["effectiveDateTime"] = f"2025-01-{n + 1:02d}"
    base["valueInteger"] = 1 + n % 5
    return base


async def test_concurrent_writes_to_one_network_all_land(instances: Instances) -> None:
    runtimes = await instances(INSTANCES)
    await load_gerrit(runtimes[0])
    before = await runtimes[0].repository.get_onion(CLIENT)
    results = await asyncio.gather(
        *(
            runtime.fhir_interactions.create(ADMIN, "Observation", rating(n))
            for n, runtime in enumerate(runtimes)
        )
    )
    assert len({r.key for r in results}) == INSTANCES
    after = await runtimes[-1].repository.get_onion(CLIENT)
    new = {o.id for o in after.observations} - {o.id for o in before.observations}
    assert new == {r.key.id for r in results}
    assert after.version > before.version


async def test_the_same_if_match_wins_once(instances: Instances) -> None:
    """Eight PUTs of one CareTeam with the version they all read: one lands,
    seven are told the version moved on (HTTP 412)."""
    runtimes = await instances(INSTANCES)
    await load_gerrit(runtimes[0])
    team_id = next(k.id for k in corpus.stored() if k.resource_type == "CareTeam")
    current = await runtimes[0].fhir_reads.read(ADMIN, "CareTeam", team_id)
    version = current["meta"]["versionId"]

    async def put(n: int, runtime: Runtime) -> object:
        body = {**copy.deepcopy(current), "name": f"Team rond Gerrit, versie {n}"}
        body.pop("meta")
        try:
            return await runtime.fhir_interactions.update(
                ADMIN, "CareTeam", team_id, body, if_match=f'W/"{version}"'
            )
        except PreconditionFailed as refused:
            return refused

    results = await asyncio.gather(*(put(n, r) for n, r in enumerate(runtimes)))
    refused = [r for r in results if isinstance(r, PreconditionFailed)]
    landed = [r for r in results if not isinstance(r, PreconditionFailed)]
    assert (len(landed), len(refused)) == (1, INSTANCES - 1), results
    after = await runtimes[0].fhir_reads.read(ADMIN, "CareTeam", team_id)
    assert int(after["meta"]["versionId"]) == int(version) + 1
    history = await runtimes[0].fhir_reads.history(ADMIN, "CareTeam", team_id)
    assert len(history) == int(version) + 1


async def test_overlapping_imports_create_no_duplicate(instances: Instances) -> None:
    """Four instances import overlapping slices of the demo Bundles at once:
    every node exists once and every onion is the demo's."""
    runtimes = await instances(4)
    directory, *clients = sorted(DEMO_FHIR.glob("*.json"))
    slices = [[directory, *clients[k * 8 : k * 8 + 16]] for k in range(4)]
    importer_of = [FhirImporter(r.fhir_interactions) for r in runtimes]
    summaries = await asyncio.gather(
        *(
            importer.run(ADMIN, read_documents(paths))
            for importer, paths in zip(importer_of, slices, strict=True)
        )
    )
    assert all(s.rejected == 0 for s in summaries), [s.problems for s in summaries]
    repository = runtimes[0].repository
    assert await repository.repeated_ids() == []
    demo = {o.client.id: o for o in build_demo().onions}
    imported = sorted({path.stem for paths in slices for path in paths[1:]})
    stored = dict(await repository.get_onions(imported))
    assert sorted(stored) == imported
    for client_id, onion in stored.items():
        assert onion_differences(demo[client_id].canonical(), onion) == [], client_id


async def test_graph_edits_and_fhir_writes_at_once_all_land(instances: Instances) -> None:
    """Nurses adding neighbours (GraphQL's path) while other systems record
    ratings (FHIR), on eight instances at once: every change lands, in the
    graph and in the resources FHIR reads return."""
    runtimes = await instances(INSTANCES)
    await load_gerrit(runtimes[0])
    nurse = Principal(Role.NURSE, "nurse-1", frozenset({"team-assendorp"}))

    async def neighbour(k: int, runtime: Runtime) -> WriteResult:
        person = Person(f"buur-{k}", f"Buur {k}", "informal", "neighbour")
        add = SaveMember(person, Membership(person.id, CLIENT, "informal"))
        return await runtime.network.change(nurse, CLIENT, add)

    half = INSTANCES // 2
    added, rated = await asyncio.gather(
        asyncio.gather(*(neighbour(k, r) for k, r in enumerate(runtimes[:half]))),
        asyncio.gather(
            *(
                r.fhir_interactions.create(ADMIN, "Observation", rating(k))
                for k, r in enumerate(runtimes[half:])
            )
        ),
    )
    assert all(a.changed for a in added)
    onion = await runtimes[0].repository.get_onion(CLIENT)
    assert {f"buur-{k}" for k in range(half)} <= {m.person.id for m in onion.members}
    assert {r.key.id for r in rated} <= {o.id for o in onion.observations}
    team = await runtimes[-1].fhir_reads.read(ADMIN, "CareTeam", "careteam-gerrit-jansen")
    named = {p["member"]["reference"] for p in team["participant"]}
    assert {f"RelatedPerson/buur-{k}" for k in range(half)} <= named


async def test_what_an_instance_remembers_never_decides(instances: Instances) -> None:
    """Instance A wrote the network last, so its next graph edit and its next
    FHIR update of one rating are planned from what it remembers, reading
    nothing first. Instance B changes the rating and the network in between:
    A's writes are still decided by the database. The If-Match that B's write
    made current lands (no 412 from A's memory), the stale one gets 412, A's
    edit keeps B's neighbour, and graph and FHIR agree."""
    a, b = await instances(2)
    await load_gerrit(a)
    nurse = Principal(Role.NURSE, "nurse-1", frozenset({"team-assendorp"}))
    obs = "obs-gerrit-38-s-2024"

    def neighbour(k: str) -> SaveMember:
        person = Person(f"buur-{k}", f"Buur {k}", "informal", "neighbour")
        return SaveMember(person, Membership(person.id, CLIENT, "informal"))

    async def put(runtime: Runtime, value: int, version: int | None) -> int | None:
        body = copy.deepcopy(await runtime.fhir_reads.read(ADMIN, "Observation", obs))
        body.pop("meta")
        body["valueInteger"] = value
        match = None if version is None else f'W/"{version}"'
        result = await runtime.fhir_interactions.update(
            ADMIN, "Observation", obs, body, if_match=match
        )
        return result.version_id

    await a.network.change(nurse, CLIENT, neighbour("a"))
    first = await put(a, 2, None)  # A remembers the network from its edit
    second = await put(a, 3, first)  # and from its own FHIR write
    assert first is not None and second == first + 1
    third = await put(b, 4, second)
    await b.network.change(nurse, CLIENT, neighbour("b"))
    with pytest.raises(PreconditionFailed):
        await put(a, 5, second)
    assert await put(a, 5, third) == (third or 0) + 1
    await a.network.change(nurse, CLIENT, neighbour("c"))
    onion = await b.repository.get_onion(CLIENT)
    assert {"buur-a", "buur-b", "buur-c"} <= {m.person.id for m in onion.members}
    assert next(o.value for o in onion.observations if o.id == obs) == 5
    team = await b.fhir_reads.read(ADMIN, "CareTeam", "careteam-gerrit-jansen")
    named = {p["member"]["reference"] for p in team["participant"]}
    assert {"RelatedPerson/buur-a", "RelatedPerson/buur-b", "RelatedPerson/buur-c"} <= named
    rating = await a.fhir_reads.read(ADMIN, "Observation", obs)
    assert rating["valueInteger"] == 5
