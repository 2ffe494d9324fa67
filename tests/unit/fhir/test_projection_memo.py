"""The same resources are projected once; any change of content, and only
that, is projected again (meta, which the projection never reads, aside)."""

from __future__ import annotations

from fhir_mappings.keys import ResourceKey
from fhir_mappings.projection import MEMO, project_once
from fhir_mappings.projection.memo import LARGEST

from .corpus import BASE_URL, stored


def test_equal_resources_share_a_projection_and_changed_ones_do_not() -> None:
    MEMO.clear()
    first = project_once(stored(), base_urls=(BASE_URL,))
    again = stored()  # equal, not the same objects
    for resource in again.values():
        resource["meta"] = {"versionId": "99", "lastUpdated": "2026-01-01T00:00:00Z"}
    assert project_once(again, base_urls=(BASE_URL,)) is first
    assert MEMO.hits == 1

    assert project_once(stored(), base_urls=()) is not first  # other base URLs

    changed = stored()
    patient = next(k for k in changed if k.resource_type == "Patient")
    changed[patient]["name"] = [{"text": "Een andere naam"}]
    other = project_once(changed, base_urls=(BASE_URL,))
    assert other is not first
    assert other.onion(patient.id) is not None
    assert other.onion(patient.id).client.name == "Een andere naam"  # type: ignore[union-attr]
    assert first.onion(patient.id).client.name != "Een andere naam"  # type: ignore[union-attr]


def test_many_resources_are_projected_every_time() -> None:
    MEMO.clear()
    many = {
        ResourceKey("Practitioner", f"p{i}"): {"resourceType": "Practitioner", "id": f"p{i}"}
        for i in range(LARGEST + 1)
    }
    assert project_once(many) is not project_once(many)
    assert MEMO.hits == 0
