"""What a worker of the import's pool unpacks ahead (fhir_prepared), and
which Bundles may be written together (fhir_import_groups): pure parts."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

from fhir_mappings import ResourceKey, unpack_bundle
from graphsvc.services.fhir_import import request_bundle
from graphsvc.services.fhir_import_groups import groupable, plain_changes
from graphsvc.services.fhir_lookup import StoredLookup
from graphsvc.services.fhir_parse_pool import prepare
from graphsvc.services.fhir_prepared import prepare_bundle
from graphsvc.services.network_write import resource_version

DEMO_FHIR = Path(__file__).resolve().parents[2] / "seeds" / "demo-fhir"
PRACTITIONER = ResourceKey("Practitioner", "prac-0001-01")


def load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DEMO_FHIR / name).read_text(encoding="utf-8"))
    return loaded


def referring_out() -> dict[str, Any]:
    """A client's Bundle whose first rating names a practitioner outside it."""
    bundle = load("client-000001.json")
    rating = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    )
    rating["performer"] = [{"reference": PRACTITIONER.reference}]
    return bundle


def test_a_bundle_unpacked_ahead_is_the_bundle_unpacked_against_the_store() -> None:
    bundle = referring_out()
    prepared = prepare_bundle(bundle, ["https://example.org/fhir"])
    assert prepared is not None
    assert PRACTITIONER in prepared.asked
    # the directory it refers to, and the practitioner
    assert ResourceKey("Organization", "team-0001") in prepared.asked
    against = unpack_bundle(
        bundle,
        lookup=StoredLookup(set(prepared.asked), {}),
        base_urls=["https://example.org/fhir"],
    )
    assert prepared.entries == against
    for entry, digest in zip(prepared.entries, prepared.digests, strict=True):
        assert entry.key is not None and entry.resource is not None
        body = {**entry.resource, "resourceType": entry.key.resource_type, "id": entry.key.id}
        assert digest == resource_version(entry.key, 0, body).digest
    assert prepared.compartments == {"client-000001"}
    assert pickle.loads(pickle.dumps(prepared)) == prepared


def test_it_holds_only_when_what_it_refers_to_is_there() -> None:
    prepared = prepare_bundle(referring_out())
    assert prepared is not None
    keys = prepared.keys()
    assert PRACTITIONER.reference in keys and "Patient/client-000001" in keys
    there = {k.reference for k in prepared.asked}
    assert prepared.holds_for(there)
    assert prepared.holds_for(there | {"Patient/client-000001"})
    assert not prepared.holds_for(there - {PRACTITIONER.reference})


def test_a_bundle_that_searches_is_left_to_the_writer() -> None:
    bundle = load("client-000001.json")
    rating = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    )
    rating["performer"] = [{"reference": "Practitioner?identifier=http://x|1"}]
    assert prepare_bundle(bundle) is None


def test_a_transaction_the_references_refuse_is_left_to_the_writer() -> None:
    bundle = load("client-000001.json")
    bundle["entry"][1]["resource"]["subject"] = {"reference": "urn:uuid:nowhere"}
    assert prepare_bundle(bundle) is None


def test_a_batch_is_prepared_without_its_invalid_entries() -> None:
    patient = {"resourceType": "Patient", "id": "p-1"}
    bad = {"resourceType": "Patient", "id": "p-2", "birthDate": "morgen"}
    batch = request_bundle(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [
                {"resource": patient},
                {"resource": bad},
                {"resource": {**patient, "id": "p-3"}},
            ],
        }
    )
    verdict = prepare(batch)
    assert sorted(verdict.entries) == [1]
    assert verdict.prepared is not None
    assert [e.key.id for e in verdict.prepared.entries if e.key] == ["p-1", "p-3"]
    assert [e.index for e in verdict.prepared.entries] == [0, 1]
    refused = prepare({"resourceType": "Bundle", "type": "batch", "entry": "none"})
    assert refused.issues and refused.prepared is None


def test_only_plain_writes_of_a_transaction_are_written_with_others() -> None:
    bundle = load("client-000001.json")
    prepared = prepare_bundle(bundle)
    assert prepared is not None
    changes = plain_changes(prepared)
    assert changes is not None and len(changes) == len(bundle["entry"])
    assert groupable(bundle, prepared) is not None
    as_batch = {**bundle, "type": "batch"}
    assert groupable(as_batch, prepare_bundle(as_batch)) is None
    directory = load("00-directory.json")
    assert groupable(directory, prepare_bundle(directory)) is None
    with_if_match = copy.deepcopy(bundle)
    with_if_match["entry"][0]["request"]["ifMatch"] = 'W/"1"'
    assert plain_changes(prepare_bundle(with_if_match) or prepared) is None
    with_read = copy.deepcopy(bundle)
    with_read["entry"].append({"request": {"method": "GET", "url": "Patient/client-000002"}})
    read_ahead = prepare_bundle(with_read)
    assert read_ahead is not None and plain_changes(read_ahead) is None
