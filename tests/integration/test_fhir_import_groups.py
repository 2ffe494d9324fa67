"""Transaction Bundles of an import written together (fhir_import_groups),
on both databases: fewer statements, and the same resources, versions,
networks and audit records as Bundles written one by one; a Bundle refused
in a group refuses only itself."""

from __future__ import annotations

import asyncio
import copy
import json
from collections import Counter
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from fhir_mappings import onion_differences
from graphsvc.config import Settings
from graphsvc.domain import Principal
from graphsvc.runtime import Runtime, compose
from graphsvc.seeding.demo import build_demo
from graphsvc.services.fhir_import import Document, FhirImporter, ImportSummary
from graphsvc.services.fhir_parse_pool import ParsePool
from graphsvc.store.catalog import Query
from graphsvc.store.runner import CypherRunner, Row

from ..conftest import ADMIN, StoreFactory, system

DEMO_FHIR = Path(__file__).resolve().parents[2] / "seeds" / "demo-fhir"
CLIENTS = [f"client-{n:06d}" for n in range(1, 11)]


class CountingRunner:
    """The test's runner, counting the statements by name."""

    def __init__(self, inner: CypherRunner) -> None:
        self.inner = inner
        self.dialect = inner.dialect
        self.kind = inner.kind
        self.counts: Counter[str] = Counter()

    async def read(self, query: Query, params: Mapping[str, Any]) -> list[Row]:
        self.counts[query.name] += 1
        return await self.inner.read(query, params)

    async def write(self, query: Query, params: Mapping[str, Any]) -> list[Row]:
        self.counts[query.name] += 1
        return await self.inner.write(query, params)

    async def ensure_schema(self) -> None:
        await self.inner.ensure_schema()

    async def health(self) -> dict[str, Any]:
        return await self.inner.health()

    async def close(self) -> None:
        await self.inner.close()

    def another(self) -> CypherRunner:
        return self.inner.another()


@pytest.fixture
async def counted(
    database: StoreFactory, tmp_path: Path
) -> AsyncIterator[tuple[Runtime, CountingRunner]]:
    runner = CountingRunner(database.connect_runner())
    settings = Settings(data_dir=tmp_path / "instance", jwt_key="k" * 32)
    opened = await compose(settings, runner)
    yield opened, runner
    await opened.close()


def load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DEMO_FHIR / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def documents(sent: list[dict[str, Any]]) -> list[Document]:
    return [Document(f"bundle-{i}", b, len(b["entry"])) for i, b in enumerate(sent)]


async def run(
    runtime: Runtime,
    sent: list[dict[str, Any]],
    *,
    group: int = 8,
    principal: Principal = ADMIN,
    pool: ParsePool | None = None,
) -> ImportSummary:
    importer = FhirImporter(runtime.fhir_interactions, runtime.repository, group=group)
    return await importer.run(principal, iter(documents(sent)), pool=pool)


def audited(runtime: Runtime) -> Counter[tuple[str, str]]:
    return Counter(
        (r.resources[0], r.outcome)
        for r in runtime.audit.read()
        if r.action.endswith(".write") and r.resources
    )


async def test_bundles_written_together_land_as_each_alone(
    counted: tuple[Runtime, CountingRunner],
) -> None:
    runtime, runner = counted
    sent = [load("00-directory"), *(load(c) for c in CLIENTS)]
    alone = load("client-000011")
    with ParsePool(workers=1) as pool:
        summary = await run(runtime, sent, pool=pool)
    total = sum(len(b["entry"]) for b in sent)
    assert (summary.created, summary.rejected) == (total, 0), summary.problems
    # the directory alone, then ten clients in two groups: a statement each
    assert runner.counts["fhir_commit"] == 3
    # a client imported alone, for comparison
    alone_summary = await run(runtime, [alone], group=1)
    assert alone_summary.created == len(alone["entry"])
    demo = {o.client.id: o for o in build_demo().onions}
    stored = await runtime.repository.get_onions([*CLIENTS, "client-000011"])
    assert sorted(stored) == sorted([*CLIENTS, "client-000011"])
    for client_id, onion in stored.items():
        assert onion_differences(demo[client_id].canonical(), onion) == [], client_id
        assert onion.version == stored["client-000011"].version
    for bundle in sent:
        for entry in bundle["entry"]:
            kind, resource_id = entry["resource"]["resourceType"], entry["resource"]["id"]
            found = await runtime.fhir_reads.read(ADMIN, kind, resource_id)
            assert found["meta"]["versionId"] == "1"
    records = audited(runtime)
    for bundle in sent[1:]:
        for entry in bundle["entry"]:
            reference = f"{entry['resource']['resourceType']}/{entry['resource']['id']}"
            assert records[reference, "ok: created"] == 1, reference

    # again: nothing written, every resource unchanged, in one read per group
    runner.counts.clear()
    again = await run(runtime, copy.deepcopy(sent))
    assert (again.unchanged, again.created, again.updated) == (total, 0, 0)
    assert runner.counts["fhir_commit"] == 0
    assert runner.counts["fhir_resource_digests"] <= 3
    after = await runtime.repository.get_onions(CLIENTS)
    assert {c: o.version for c, o in after.items()} == {c: stored[c].version for c in CLIENTS}


async def test_a_changed_bundle_among_unchanged_ones_is_written(
    counted: tuple[Runtime, CountingRunner],
) -> None:
    runtime, _ = counted
    sent = [load("00-directory"), *(load(c) for c in CLIENTS[:4])]
    await run(runtime, sent)
    before = await runtime.repository.get_onion(CLIENTS[1])
    changed = copy.deepcopy(sent)
    rating = next(
        e["resource"] for e in changed[2]["entry"] if e["resource"]["resourceType"] == "Observation"
    )
    rating["valueInteger"] = 5 if rating["valueInteger"] != 5 else 1
    again = await run(runtime, changed)
    total = sum(len(b["entry"]) for b in sent)
    assert (again.updated, again.unchanged, again.rejected) == (1, total - 1, 0)
    stored = await runtime.fhir_reads.read(ADMIN, "Observation", rating["id"])
    assert (stored["meta"]["versionId"], stored["valueInteger"]) == ("2", rating["valueInteger"])
    after = await runtime.repository.get_onion(CLIENTS[1])
    assert after.version == before.version + 1
    assert {o.id: o.value for o in after.observations}[rating["id"]] == rating["valueInteger"]


async def test_a_later_bundle_of_a_group_that_names_a_resource_again_comes_after(
    counted: tuple[Runtime, CountingRunner],
) -> None:
    """The second Bundle puts back what the first changed: it is written
    after the first, not judged against what was read before either."""
    runtime, _ = counted
    sent = [load("00-directory"), load(CLIENTS[0])]
    await run(runtime, sent)
    first = copy.deepcopy(sent[1])
    rating = next(
        e["resource"] for e in first["entry"] if e["resource"]["resourceType"] == "Observation"
    )
    original = rating["valueInteger"]
    rating["valueInteger"] = 5 if original != 5 else 1
    second = copy.deepcopy(sent[1])
    summary = await run(runtime, [first, second])
    assert (summary.updated, summary.rejected) == (2, 0), summary.problems
    stored = await runtime.fhir_reads.read(ADMIN, "Observation", rating["id"])
    assert (stored["meta"]["versionId"], stored["valueInteger"]) == ("3", original)


async def test_a_refused_bundle_in_a_group_refuses_only_itself(
    counted: tuple[Runtime, CountingRunner],
) -> None:
    runtime, _ = counted
    directory = load("00-directory")
    team = next(
        e for e in directory["entry"] if e["resource"]["id"] == "team-0001"
    )  # a second team, as the first
    other = copy.deepcopy(team)
    other["resource"]["id"] = "team-0002"
    other["resource"]["name"] = "Wijkteam Twee"
    other["request"] = {"method": "PUT", "url": "Organization/team-0002"}
    other["fullUrl"] = "urn:uuid:b37dd495-0f0d-57b0-8bb8-8085a0c5f51c"
    directory["entry"].append(other)
    made = await run(runtime, [directory])
    assert made.rejected == 0, made.problems
    clients = [load(c) for c in CLIENTS[:6]]
    for entry in clients[2]["entry"]:
        if entry["resource"]["resourceType"] == "CareTeam":
            entry["resource"]["managingOrganization"] = [{"reference": "Organization/team-0002"}]
    of_team = system("system/*.*", teams=("team-0001",))
    summary = await run(runtime, clients, principal=of_team)
    refused = len(clients[2]["entry"])
    assert summary.rejected == refused, summary.problems
    assert summary.created == sum(len(b["entry"]) for b in clients) - refused
    assert [p.split(":")[0] for p in summary.problems] == ["bundle-2"]
    stored = await runtime.repository.get_onions(CLIENTS[:6])
    assert sorted(stored) == sorted(c for i, c in enumerate(CLIENTS[:6]) if i != 2)


async def test_overlapping_grouped_imports_on_two_instances_land_once(
    database: StoreFactory, tmp_path: Path
) -> None:
    """Two instances import overlapping slices at once, Bundles written
    together: the guard decides between them; every network is the demo's
    and every resource has one version."""
    runtimes = [
        await compose(
            Settings(data_dir=tmp_path / f"instance-{n}", jwt_key="k" * 32),
            database.connect_runner(),
        )
        for n in range(2)
    ]
    try:
        directory = load("00-directory")
        await run(runtimes[0], [directory])
        slices = [[load(c) for c in CLIENTS[:7]], [load(c) for c in CLIENTS[3:]]]
        summaries = await asyncio.gather(
            *(run(r, s) for r, s in zip(runtimes, slices, strict=True))
        )
        assert all(s.rejected == 0 for s in summaries), [s.problems for s in summaries]
        demo = {o.client.id: o for o in build_demo().onions}
        stored = await runtimes[1].repository.get_onions(CLIENTS)
        assert sorted(stored) == CLIENTS
        for client_id, onion in stored.items():
            assert onion_differences(demo[client_id].canonical(), onion) == [], client_id
        assert await runtimes[0].repository.repeated_ids() == []
        for bundle in slices[0] + slices[1]:
            for entry in bundle["entry"]:
                kind, resource_id = entry["resource"]["resourceType"], entry["resource"]["id"]
                found = await runtimes[1].fhir_reads.read(ADMIN, kind, resource_id)
                assert found["meta"]["versionId"] == "1", (kind, resource_id)
    finally:
        for runtime in runtimes:
            await runtime.close()


async def test_a_bundle_naming_another_clients_records_is_refused_alone(
    counted: tuple[Runtime, CountingRunner],
) -> None:
    """An import is held to the rule of every write: a client's CareTeam
    naming another client's Patient, or her Observation another client's
    Condition, refuses its Bundle (naming both clients) and writes nothing
    of it; the other Bundles of the group land."""
    runtime, _ = counted
    sent = [load("00-directory"), *(load(c) for c in CLIENTS[:4])]
    await run(runtime, sent)
    before = await runtime.repository.get_onions(CLIENTS[:4])
    changed = copy.deepcopy(sent[1:])
    other_need = next(
        e["resource"]["id"]
        for e in changed[3]["entry"]
        if e["resource"]["resourceType"] == "Condition"
    )
    for entry in changed[1]["entry"]:
        if entry["resource"]["resourceType"] == "CareTeam":
            member = {"reference": f"Patient/{CLIENTS[2]}"}
            entry["resource"]["participant"].append({"member": member})
    for entry in changed[2]["entry"]:
        if entry["resource"]["resourceType"] == "Observation":
            entry["resource"]["focus"] = [{"reference": f"Condition/{other_need}"}]
    rating = next(
        e["resource"] for e in changed[0]["entry"] if e["resource"]["resourceType"] == "Observation"
    )
    rating["valueInteger"] = 5 if rating["valueInteger"] != 5 else 1
    summary = await run(runtime, changed)
    refused = len(changed[1]["entry"]) + len(changed[2]["entry"])
    assert (summary.rejected, summary.updated) == (refused, 1), summary.problems
    assert [p.split(":")[0] for p in summary.problems] == ["bundle-1", "bundle-2"]
    for problem, (client, other) in zip(
        summary.problems, [(CLIENTS[1], CLIENTS[2]), (CLIENTS[2], CLIENTS[3])], strict=True
    ):
        assert f"Patient/{client}" in problem and f"Patient/{other}" in problem, problem
    after = await runtime.repository.get_onions(CLIENTS[:4])
    assert {c: o.version for c, o in after.items()} == {
        c: o.version + (c == CLIENTS[0]) for c, o in before.items()
    }
    for client in CLIENTS[1:4]:
        assert onion_differences(before[client], after[client]) == [], client
    for bundle in changed[1:3]:
        for entry in bundle["entry"]:
            kind, resource_id = entry["resource"]["resourceType"], entry["resource"]["id"]
            found = await runtime.fhir_reads.read(ADMIN, kind, resource_id)
            assert found["meta"]["versionId"] == "1", (kind, resource_id)
