"""Planning a graph edit's FHIR versions is pure: the network laid over what
is stored gives the resources to write, each one version on from what was
read, and what exists already is not made again."""

from __future__ import annotations

import dataclasses

from fhir_mappings import ResourceKey, export_onion
from graphsvc.domain.commands import RemoveNeed, apply
from graphsvc.services.network_write import resources_of_change
from graphsvc.store.resource_store import StoredResource

from ..integration.builders import onion

ONION = onion(0)


def stored(
    export_resources: dict[ResourceKey, dict[str, object]], version: int = 3
) -> dict[ResourceKey, StoredResource]:
    return {
        key: StoredResource(key.resource_type, key.id, version, "2026-01-01", dict(body), False)
        for key, body in export_resources.items()
    }


def test_a_network_never_written_as_fhir_gets_its_resources() -> None:
    export = export_onion(ONION, {})
    writes = resources_of_change(export, {})
    assert {w.key for w in writes} == {k.reference for k in export.generated}
    assert all(w.version_id == 1 and not w.deleted for w in writes)
    patient = next(w for w in writes if w.type == "Patient")
    assert patient.client_id == ONION.client.id


def test_what_the_graph_drops_becomes_a_deleted_version() -> None:
    first = export_onion(ONION, {})
    originals = {
        k: {**v, "resourceType": k.resource_type, "id": k.id} for k, v in first.resources.items()
    }
    versions = stored(first.resources)
    after = apply(ONION, RemoveNeed("need-0-0"))
    export = export_onion(after, originals)
    writes = resources_of_change(export, versions)
    deleted = {w.key for w in writes if w.deleted}
    assert deleted == {k.reference for k in export.removed} and deleted
    assert all(w.version_id == 4 for w in writes)
    # nothing else is written than what changed or went
    assert {w.key for w in writes} == {k.reference for k in export.changed | export.removed}


def test_what_exists_is_not_made_again() -> None:
    export = export_onion(ONION, {})
    versions = stored(export.resources)
    assert resources_of_change(export, versions) == []  # all exist: made only where none does
    gone = {k: dataclasses.replace(v, deleted=True) for k, v in versions.items()}
    again = resources_of_change(export, gone)
    assert {w.key for w in again} == {k.reference for k in export.generated}
    assert all(w.version_id == 4 for w in again)
