"""Importing the same Bundles again, on both databases: what is there already
with the same content (by digest) is counted as unchanged and gets no new
version; a changed resource in an otherwise unchanged Bundle is written as
any write is, with its new version, and its network follows."""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from graphsvc.config import Settings
from graphsvc.runtime import Runtime, compose
from graphsvc.services.fhir_import import Document, FhirImporter, ImportSummary
from graphsvc.services.fhir_parse_pool import ParsePool

from ..conftest import ADMIN, StoreFactory, system

DEMO_FHIR = Path(__file__).resolve().parents[2] / "seeds" / "demo-fhir"
CLIENT = "client-000001"
RATING = "obs-000001-06-1"


def bundles() -> list[dict[str, Any]]:
    names = ["00-directory.json", f"{CLIENT}.json", "client-000002.json"]
    return [json.loads((DEMO_FHIR / name).read_text(encoding="utf-8")) for name in names]


def documents(sent: list[dict[str, Any]]) -> list[Document]:
    return [Document(f"bundle-{i}", b, len(b["entry"])) for i, b in enumerate(sent)]


def keys(sent: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(e["resource"]["resourceType"], e["resource"]["id"]) for b in sent for e in b["entry"]]


@pytest.fixture
async def runtime(database: StoreFactory, tmp_path: Path) -> AsyncIterator[Runtime]:
    settings = Settings(data_dir=tmp_path / "instance", jwt_key="k" * 32)
    opened = await compose(settings, database.connect_runner())
    yield opened
    await opened.close()


def audited(runtime: Runtime, reference: str) -> list[str]:
    """The outcomes of the writes of one resource the audit trail holds."""
    return [
        r.outcome
        for r in runtime.audit.read()
        if r.resources == (reference,) and r.action.endswith(".write")
    ]


async def versions(runtime: Runtime, sent: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    found = {}
    for kind, resource_id in keys(sent):
        resource = await runtime.fhir_reads.read(ADMIN, kind, resource_id)
        found[kind, resource_id] = resource["meta"]["versionId"]
    return found


async def import_all(runtime: Runtime, sent: list[dict[str, Any]], **options: Any) -> ImportSummary:
    summary = await FhirImporter(runtime.fhir_interactions).run(
        ADMIN, iter(documents(sent)), **options
    )
    assert summary.rejected == 0, summary.problems
    return summary


async def test_a_reimport_of_unchanged_bundles_writes_no_version(runtime: Runtime) -> None:
    sent = bundles()
    total = sum(len(b["entry"]) for b in sent)
    with ParsePool(workers=1) as pool:
        first = await import_all(runtime, sent, pool=pool)
        assert (first.created, first.unchanged) == (total, 0)
        client_before = await runtime.repository.get_onion(CLIENT)
        again = await import_all(runtime, copy.deepcopy(sent), pool=pool)
    assert (again.created, again.updated, again.unchanged) == (0, 0, total)
    assert set((await versions(runtime, sent)).values()) == {"1"}
    history = await runtime.fhir_reads.history(ADMIN, "Observation", RATING)
    assert len(history) == 1
    client_after = await runtime.repository.get_onion(CLIENT)
    assert client_after.version == client_before.version
    # audited as the write path audits a write that changes nothing
    assert audited(runtime, f"Observation/{RATING}") == ["ok: created", "ok: unchanged"]


async def test_a_changed_resource_in_an_otherwise_unchanged_bundle_is_written(
    runtime: Runtime,
) -> None:
    sent = bundles()
    await import_all(runtime, sent)
    before = await runtime.repository.get_onion(CLIENT)
    changed = copy.deepcopy(sent)
    rating = next(e["resource"] for e in changed[1]["entry"] if e["resource"]["id"] == RATING)
    rating["valueInteger"] = 5 if rating["valueInteger"] != 5 else 1
    again = await import_all(runtime, changed)
    total = sum(len(b["entry"]) for b in sent)
    assert (again.created, again.updated, again.unchanged) == (0, 1, total - 1)
    now = await versions(runtime, sent)
    assert now.pop(("Observation", RATING)) == "2"
    assert set(now.values()) == {"1"}
    stored = await runtime.fhir_reads.read(ADMIN, "Observation", RATING)
    assert stored["valueInteger"] == rating["valueInteger"]
    after = await runtime.repository.get_onion(CLIENT)
    assert after.version == before.version + 1
    value = {o.id: o.value for o in after.observations}[RATING]
    assert value == rating["valueInteger"]
    # each write said once, the unchanged beside the changed included
    assert audited(runtime, f"Observation/{RATING}") == ["ok: created", "ok: updated"]
    assert audited(runtime, "Observation/obs-000001-06-2") == ["ok: created", "ok: unchanged"]


async def test_a_batch_judges_each_entry_alone(runtime: Runtime) -> None:
    sent = bundles()
    await import_all(runtime, sent)
    batch = copy.deepcopy(sent[1])
    batch["type"] = "batch"
    entries = batch["entry"]
    rating = next(e["resource"] for e in entries if e["resource"]["id"] == RATING)
    rating["valueInteger"] = 5 if rating["valueInteger"] != 5 else 1
    broken = copy.deepcopy(entries[-1])
    broken["resource"]["valueInteger"] = "veel"
    entries.append(broken)
    with ParsePool(workers=1) as pool:
        summary = await FhirImporter(runtime.fhir_interactions).run(
            ADMIN, iter([Document("batch", batch, len(batch["entry"]))]), pool=pool
        )
    assert summary.rejected == 1 and "valueInteger" in summary.problems[0]
    assert summary.updated == 1
    assert summary.created == 0
    assert summary.unchanged + summary.updated == len(entries) - 1
    assert (await runtime.fhir_reads.read(ADMIN, "Observation", RATING))["meta"]["versionId"] == "2"


async def test_a_principal_limited_to_teams_takes_the_whole_path(runtime: Runtime) -> None:
    """Whether such a writer may write depends on the client's team: the
    whole write path reads it and decides; the result is the same."""
    sent = bundles()
    await import_all(runtime, sent)
    team_of_client = system("system/*.*", teams=("team-0001",))
    onion = await runtime.repository.get_onion(CLIENT)
    assert onion.team_id == "team-0001"
    summary = await FhirImporter(runtime.fhir_interactions).run(
        team_of_client, iter(documents([copy.deepcopy(sent[1])]))
    )
    assert summary.rejected == 0, summary.problems
    assert summary.unchanged == len(sent[1]["entry"])
    assert set((await versions(runtime, sent[1:2])).values()) == {"1"}


async def test_a_batch_that_names_a_resource_twice_writes_both_in_turn(runtime: Runtime) -> None:
    """The second entry puts back what was stored: after the first it is a
    change, so it is judged when it comes, not beforehand."""
    await import_all(runtime, bundles())
    stored = await runtime.fhir_reads.read(ADMIN, "Observation", RATING)
    request = {"method": "PUT", "url": f"Observation/{RATING}"}
    changed = {**stored, "valueInteger": 5 if stored["valueInteger"] != 5 else 1}
    first = {"resource": changed, "request": request}
    second = {"resource": copy.deepcopy(stored), "request": request}
    batch = {"resourceType": "Bundle", "type": "batch", "entry": [first, second]}
    summary = await FhirImporter(runtime.fhir_interactions).run(
        ADMIN, iter([Document("batch", batch, 2)])
    )
    assert (summary.updated, summary.unchanged, summary.rejected) == (2, 0, 0), summary.problems
    now = await runtime.fhir_reads.read(ADMIN, "Observation", RATING)
    assert now["meta"]["versionId"] == "3"
    assert now["valueInteger"] == stored["valueInteger"]
