"""FHIR resources kept as received, with versions, on both real databases."""

from __future__ import annotations

import pytest

from graphsvc.domain import NotFound
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.resource_store import CypherResourceStore, ResourceVersionConflict

PATIENT = {
    "resourceType": "Patient",
    "id": "client-1",
    "meta": {"versionId": "9"},
    "text": {"status": "generated", "div": '<div xmlns="http://www.w3.org/1999/xhtml">Anna</div>'},
    "extension": [{"url": "https://example.org/x", "valueString": "kept \u00e9 <b>"}],
    "name": [{"family": "de Vries", "given": ["Anna"]}],
}


@pytest.fixture
def store(repository: CypherRepository) -> CypherResourceStore:
    """The resource store on each database (the repository's connection)."""
    return CypherResourceStore(repository._runner)


async def test_put_read_versions_and_idempotency(store: CypherResourceStore) -> None:
    first = await store.put("Patient", "client-1", PATIENT, client_id="client-1")
    again = await store.put(
        "Patient", "client-1", {**PATIENT, "meta": {"versionId": "77"}}, client_id="client-1"
    )
    assert (first.version_id, first.changed) == (1, True)
    assert (again.version_id, again.changed) == (1, False)  # id and meta are the service's
    got = await store.get("Patient", "client-1")
    assert got is not None and got.version_id == 1
    assert got.content == {k: v for k, v in PATIENT.items() if k not in {"id", "meta"}}
    renamed = {**PATIENT, "name": [{"family": "Jansen"}]}
    second = await store.put("Patient", "client-1", renamed, expected_version=1)
    assert second.version_id == 2
    assert (await store.vread("Patient", "client-1", 1)).content["name"][0]["family"] == "de Vries"
    assert [v.version_id for v in await store.history("Patient", "client-1")] == [2, 1]


async def test_stale_if_match_is_refused_and_changes_nothing(store: CypherResourceStore) -> None:
    await store.put("Patient", "client-1", PATIENT)
    await store.put("Patient", "client-1", {**PATIENT, "gender": "female"})
    with pytest.raises(ResourceVersionConflict) as err:
        await store.put("Patient", "client-1", {**PATIENT, "gender": "male"}, expected_version=1)
    assert err.value.actual == 2
    current = await store.get("Patient", "client-1")
    assert current is not None and current.content["gender"] == "female"


async def test_delete_keeps_history(store: CypherResourceStore) -> None:
    await store.put("Patient", "client-1", PATIENT)
    assert await store.delete("Patient", "client-1") == 2
    assert await store.get("Patient", "client-1") is None
    assert await store.delete("Patient", "client-1") is None
    history = await store.history("Patient", "client-1")
    assert [(v.version_id, v.deleted) for v in history] == [(2, True), (1, False)]
    revived = await store.put("Patient", "client-1", PATIENT)
    assert revived.version_id == 3 and revived.changed
    with pytest.raises(NotFound):
        await store.vread("Patient", "client-1", 9)


async def test_search_by_tokens_and_compartment(store: CypherResourceStore) -> None:
    for i, status in enumerate(["active", "active", "inactive"]):
        await store.put(
            "CareTeam",
            f"ct-{i}",
            {"resourceType": "CareTeam", "status": status},
            client_id=f"client-{i % 2}",
            tokens=[f"status|{status}", f"patient|client-{i % 2}"],
        )
    active = await store.search("CareTeam", tokens=["status|active"])
    assert [r.id for r in active] == ["ct-0", "ct-1"]
    mine = await store.search("CareTeam", client_ids=["client-0"])
    assert [r.id for r in mine] == ["ct-0", "ct-2"]
    both = await store.search("CareTeam", tokens=["status|active", "patient|client-0"])
    assert [r.id for r in both] == ["ct-0"]
    page = await store.search("CareTeam", after_id="ct-0", limit=1)
    assert [r.id for r in page] == ["ct-1"]
    await store.delete("CareTeam", "ct-0")
    assert [r.id for r in await store.search("CareTeam", client_ids=["client-0"])] == ["ct-2"]
