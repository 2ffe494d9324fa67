"""FHIR resources kept as received, with versions, on both real databases:
written by the one guarded statement (fhir_commit), read by the store."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import pytest

from fhir_mappings import ResourceKey
from graphsvc.domain import NotFound, Population
from graphsvc.services.network_write import deleted_version, resource_version
from graphsvc.store.catalog import Query
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.fhir_commit import CypherFhirWriter, FhirCommit, ResourceWrite
from graphsvc.store.records import now
from graphsvc.store.resource_store import CypherResourceStore, canonical

PATIENT = {
    "resourceType": "Patient",
    "id": "client-1",
    "meta": {"versionId": "9"},
    "text": {"status": "generated", "div": '<div xmlns="http://www.w3.org/1999/xhtml">Anna</div>'},
    "extension": [{"url": "https://example.org/x", "valueString": "kept \u00e9 <b>"}],
    "name": [{"family": "de Vries", "given": ["Anna"]}],
}


class Resources:
    """The store and the one writer on one connection."""

    def __init__(self, repository: CypherRepository) -> None:
        self.store = CypherResourceStore(repository._runner)
        self._writer = CypherFhirWriter(repository._runner)

    async def commit(self, write: ResourceWrite, seen: Mapping[str, int] | None = None) -> bool:
        unit = FhirCommit(
            resources=[write],
            seen_resources=seen or {},
            population=Population(),
            seen_clients={},
        )
        return await self._writer.commit(unit)

    async def put(self, type_: str, id_: str, body: Mapping[str, Any]) -> int:
        """A new version on top of the current one; returns its number."""
        found = await self.store.get(type_, id_, include_deleted=True)
        version = (found.version_id if found else 0) + 1
        write = resource_version(ResourceKey(type_, id_), version, {**body, "id": id_})
        assert await self.commit(write, {found.key: found.version_id} if found else {})
        return version

    async def delete(self, type_: str, id_: str) -> int:
        found = await self.store.get(type_, id_)
        assert found is not None
        assert await self.commit(deleted_version(found), {found.key: found.version_id})
        return found.version_id + 1


@pytest.fixture
def resources(repository: CypherRepository) -> Resources:
    return Resources(repository)


async def test_versions_are_kept_and_read_back(resources: Resources) -> None:
    store = resources.store
    assert await resources.put("Patient", "client-1", PATIENT) == 1
    got = await store.get("Patient", "client-1")
    assert got is not None and got.version_id == 1
    # id and meta are the service's; everything else is kept as sent
    assert got.content == {k: v for k, v in PATIENT.items() if k not in {"id", "meta"}}
    renamed = {**PATIENT, "name": [{"family": "Jansen"}]}
    assert await resources.put("Patient", "client-1", renamed) == 2
    assert (await store.vread("Patient", "client-1", 1)).content["name"][0]["family"] == "de Vries"
    assert [v.version_id for v in await store.history("Patient", "client-1")] == [2, 1]
    with pytest.raises(NotFound):
        await store.vread("Patient", "client-1", 9)


async def test_a_write_of_a_version_already_moved_on_changes_nothing(
    resources: Resources,
) -> None:
    await resources.put("Patient", "client-1", PATIENT)
    await resources.put("Patient", "client-1", {**PATIENT, "gender": "female"})
    stale = resource_version(ResourceKey("Patient", "client-1"), 2, {**PATIENT, "gender": "male"})
    assert not await resources.commit(stale, {"Patient/client-1": 1})
    # a new key that someone else wrote first is refused too
    assert not await resources.commit(stale)
    current = await resources.store.get("Patient", "client-1")
    assert current is not None and current.content["gender"] == "female"
    assert current.version_id == 2


async def test_delete_keeps_history(resources: Resources) -> None:
    store = resources.store
    await resources.put("Patient", "client-1", PATIENT)
    assert await resources.delete("Patient", "client-1") == 2
    assert await store.get("Patient", "client-1") is None
    history = await store.history("Patient", "client-1")
    assert [(v.version_id, v.deleted) for v in history] == [(2, True), (1, False)]
    assert await resources.put("Patient", "client-1", PATIENT) == 3


async def test_search_by_tokens_and_compartment(resources: Resources) -> None:
    store = resources.store
    for i, status in enumerate(["active", "active", "inactive"]):
        body = {
            "resourceType": "CareTeam",
            "status": status,
            "subject": {"reference": f"Patient/client-{i % 2}"},
        }
        await resources.put("CareTeam", f"ct-{i}", body)
    active = await store.search("CareTeam", tokens=["status|active"])
    assert [r.id for r in active] == ["ct-0", "ct-1"]
    mine = await store.search("CareTeam", client_ids=["client-0"])
    assert [r.id for r in mine] == ["ct-0", "ct-2"]
    both = await store.search("CareTeam", tokens=["status|active", "patient|Patient/client-0"])
    assert [r.id for r in both] == ["ct-0"]
    page = await store.search("CareTeam", after_id="ct-0", limit=1)
    assert [r.id for r in page] == ["ct-1"]
    await resources.delete("CareTeam", "ct-0")
    assert [r.id for r in await store.search("CareTeam", client_ids=["client-0"])] == ["ct-2"]


async def test_coded_resources_in_compartments(resources: Resources) -> None:
    store = resources.store
    coded = [("obs-0", "client-0", "a"), ("obs-1", "client-1", "b"), ("obs-2", "client-0", "c")]
    for id_, client, code in coded:
        body = {
            "resourceType": "Observation",
            "status": "final",
            "code": {"coding": [{"system": "https://example.org/cs", "code": code}]},
            "subject": {"reference": f"Patient/{client}"},
        }
        await resources.put("Observation", id_, body)
    condition = {
        "resourceType": "Condition",
        "code": {"coding": [{"system": "https://example.org/cs", "code": "a"}]},
        "subject": {"reference": "Patient/client-0"},
    }
    await resources.put("Condition", "cond-0", condition)
    tokens = ["code|https://example.org/cs|a", "code|https://example.org/cs|b"]
    found = await store.coded_in_compartments(["client-0", "client-1"], "Observation", tokens)
    assert [(r.id, r.client_id) for r in found] == [("obs-0", "client-0"), ("obs-1", "client-1")]
    mine = await store.coded_in_compartments(["client-0"], "Observation", tokens)
    assert [r.id for r in mine] == ["obs-0"]  # not the Condition with the same code
    await resources.delete("Observation", "obs-0")
    assert await store.coded_in_compartments(["client-0"], "Observation", tokens) == []
    assert await store.coded_in_compartments([], "Observation", tokens) == []


async def test_versions_until_gives_every_version_up_to_a_moment(resources: Resources) -> None:
    """The history a network as it was is rebuilt from: every version of the
    client's compartment and of the resources named by key written at or
    before the moment, deletions included, oldest first."""
    store = resources.store
    await resources.put("Patient", "client-1", PATIENT)
    relative = {
        "resourceType": "RelatedPerson",
        "patient": {"reference": "Patient/client-1"},
        "name": [{"family": "Jansen"}],
    }
    await resources.put("RelatedPerson", "rel-1", relative)
    await resources.put("Practitioner", "nurse-1", {"resourceType": "Practitioner"})
    first = await store.get("RelatedPerson", "rel-1")
    assert first is not None
    await asyncio.sleep(0.002)  # time stamps are to the millisecond
    await resources.put("RelatedPerson", "rel-1", {**relative, "name": [{"family": "Bakker"}]})
    await resources.delete("RelatedPerson", "rel-1")
    gone = await store.get("RelatedPerson", "rel-1", include_deleted=True)
    assert gone is not None and gone.deleted

    everything = await store.versions_until(
        gone.last_updated, client_ids=["client-1"], keys=["Practitioner/nurse-1"]
    )
    assert [(v.key, v.version_id, v.deleted) for v in everything] == [
        ("Patient/client-1", 1, False),
        ("Practitioner/nurse-1", 1, False),
        ("RelatedPerson/rel-1", 1, False),
        ("RelatedPerson/rel-1", 2, False),
        ("RelatedPerson/rel-1", 3, True),
    ]
    assert everything[3].content["name"] == [{"family": "Bakker"}]
    assert {v.client_id for v in everything if v.type != "Practitioner"} == {"client-1"}
    assert all(v.last_updated <= gone.last_updated for v in everything)

    earlier = await store.versions_until(first.last_updated, client_ids=["client-1"])
    assert [(v.key, v.version_id) for v in earlier] == [
        ("Patient/client-1", 1),
        ("RelatedPerson/rel-1", 1),
    ]
    assert await store.versions_until("2000-01-01T00:00:00.000Z", client_ids=["client-1"]) == []
    assert await store.versions_until(gone.last_updated, client_ids=["client-2"]) == []


# A resource and its first version as the store wrote them before bodies were
# compressed: the canonical JSON text itself.
_WRITTEN_BEFORE = Query(
    "written_before_compression",
    """
MERGE (r:FhirResource {key: $key})
SET r.type = $type, r.id = $id, r.version_id = 1, r.content = $content,
    r.client_id = $client_id, r.tokens = $tokens, r.last_updated = $now, r.deleted = false
CREATE (r)-[:HAS_VERSION]->(:FhirVersion {
  key: $key, version_id: 1, content: $content, last_updated: $now, deleted: false
})
""".strip(),
    frozenset({"key", "type", "id", "content", "client_id", "tokens", "now"}),
)
_STORED = Query(
    "stored_bodies",
    "MATCH (v:FhirVersion {key: $key}) RETURN v.version_id AS version, v.content AS content "
    "ORDER BY v.version_id",
    frozenset({"key"}),
)


async def test_bodies_are_stored_compressed_and_old_text_bodies_still_read(
    resources: Resources, repository: CypherRepository
) -> None:
    runner, store = repository._runner, resources.store
    relative = {
        "resourceType": "RelatedPerson",
        "patient": {"reference": "Patient/client-1"},
        "name": [{"family": "Jansen", "given": ["Wim"]}],
        "relationship": [{"text": "buurman \u00e9"}],
        "telecom": [{"system": "phone", "value": "+31 6 12345678"}],
    }
    text = canonical(relative)
    await runner.write(
        _WRITTEN_BEFORE,
        {
            "key": "RelatedPerson/rel-1",
            "type": "RelatedPerson",
            "id": "rel-1",
            "content": text,
            "client_id": "client-1",
            "tokens": ["patient|Patient/client-1"],
            "now": now(),
        },
    )
    old = await store.get("RelatedPerson", "rel-1")
    assert old is not None and old.version_id == 1 and old.content == relative
    assert (await store.vread("RelatedPerson", "rel-1", 1)).content == relative
    found = await store.search("RelatedPerson", tokens=["patient|Patient/client-1"])
    assert [r.content for r in found] == [relative]
    assert [r.content for r in await store.compartments(["client-1"])] == [relative]

    changed = {**relative, "name": [{"family": "Jansen", "given": ["Willem"]}]}
    assert await resources.put("RelatedPerson", "rel-1", changed) == 2
    stored = await runner.read(_STORED, {"key": "RelatedPerson/rel-1"})
    assert stored[0] == {"version": 1, "content": text}  # left as it was written
    assert stored[1]["content"].startswith("z1:") and len(stored[1]["content"]) < len(text)
    current = await store.get("RelatedPerson", "rel-1")
    assert current is not None and current.content == changed
    history = await store.history("RelatedPerson", "rel-1")
    assert [(v.version_id, v.content) for v in history] == [(2, changed), (1, relative)]
    everything = await store.versions_until(current.last_updated, client_ids=["client-1"])
    assert [v.content for v in everything] == [relative, changed]
