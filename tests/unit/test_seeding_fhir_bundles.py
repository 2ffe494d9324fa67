"""seeds/demo-fhir: the demo neighbourhood as FHIR transaction Bundles. The
files are current, valid R4, and loaded in file order through the import path
(unpack, store, project) they give back the demo, the same on every load."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest

from fhir_mappings import (
    FhirValidationError,
    JsonObject,
    ResourceIndex,
    ResourceKey,
    onion_differences,
    parse_resource,
    project,
    unpack_bundle,
)
from graphsvc.domain import Person, Population, Ring, Staff
from graphsvc.seeding.demo import build_demo
from graphsvc.seeding.fhir_bundles import (
    DEMO_FHIR_DIR,
    DIRECTORY_FILE,
    DIRECTORY_TYPES,
    REGENERATE,
    dumps_bundle,
    full_url,
    population_bundles,
    write_bundles,
)

from ..e2e.fhir_schema import SCHEMA, schema_errors

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / DEMO_FHIR_DIR
BASE_URL = "https://graphsvc.example/fhir"  # this server


@cache
def demo() -> Population:
    return build_demo()


@cache
def _on_disk() -> tuple[tuple[str, JsonObject], ...]:
    return tuple(
        (path.name, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(SEEDS.glob("*.json"))
    )


def on_disk() -> list[tuple[str, JsonObject]]:
    """The seed files in loading order (by name), each a fresh copy."""
    return copy.deepcopy(list(_on_disk()))


def load(
    bundles: Sequence[JsonObject], store: dict[ResourceKey, JsonObject] | None = None
) -> dict[ResourceKey, JsonObject]:
    """What a store holds after each Bundle is unpacked against what it held
    before, as the FHIR import does it."""
    store = {} if store is None else store
    for bundle in bundles:
        for entry in unpack_bundle(bundle, lookup=ResourceIndex(store), base_urls=(BASE_URL,)):
            assert entry.key is not None and entry.resource is not None
            assert not entry.issues and not entry.existing
            store[entry.key] = entry.resource
    return store


def check_reads_back(population: Population, store: dict[ResourceKey, JsonObject]) -> None:
    projection = project(store, base_urls=(BASE_URL,))
    assert not projection.notes, projection.notes
    assert {o.client.id for o in projection.population.onions} == {
        o.client.id for o in population.onions
    }
    for onion in population.onions:
        after = projection.onion(onion.client.id)
        assert after is not None, onion.client.id
        # onion_differences leaves KNOWS ties aside: FHIR has no place for them.
        assert onion_differences(onion.canonical(), after) == [], onion.client.id
        assert after.knows == ()
    got = projection.population
    assert got.teams == tuple(sorted(population.teams, key=lambda t: t.id))
    assert got.organizations == tuple(sorted(population.organizations, key=lambda o: o.id))
    assert got.staff == tuple(sorted(population.staff, key=lambda s: s.person.id))


# -- the files -----------------------------------------------------------------


def test_files_are_a_fresh_generation() -> None:
    fresh = {name: dumps_bundle(bundle) for name, bundle in population_bundles(demo())}
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.json"))}
    assert sorted(files) == sorted(fresh), f"{DEMO_FHIR_DIR} is stale; run: {REGENERATE}"
    stale = [name for name in sorted(fresh) if files[name] != fresh[name]]
    assert not stale, f"{stale[:5]} are stale; run: {REGENERATE}"
    assert all(text.endswith("}\n") for text in files.values())


def test_write_bundles_replaces_what_was_there(tmp_path: Path) -> None:
    (tmp_path / "client-gone.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("kept\n", encoding="utf-8")
    written = write_bundles(demo(), tmp_path)
    assert [p.name for p in written] == [p.name for p in sorted(SEEDS.glob("*.json"))]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [p.name for p in written] + ["notes.txt"]
    )
    assert all(p.read_bytes() == (SEEDS / p.name).read_bytes() for p in written)


def test_the_directory_comes_first_then_one_file_per_client() -> None:
    names = [name for name, _ in on_disk()]
    assert names[0] == DIRECTORY_FILE
    assert names[1:] == sorted(f"{o.client.id}.json" for o in demo().onions)


def test_every_bundle_is_valid_r4() -> None:
    for name, bundle in on_disk():
        try:
            parse_resource(bundle)
        except FhirValidationError as error:
            pytest.fail(f"{name}: {error.issues[:5]}")


def test_the_hl7_schema_accepts_every_resource() -> None:
    if not SCHEMA.exists():
        pytest.skip("the FHIR JSON schema is not installed (make test installs it)")
    for name, bundle in on_disk():
        if name in (DIRECTORY_FILE, "client-000002.json"):  # a whole Bundle takes a while
            assert schema_errors(bundle) == [], name
        for entry in bundle["entry"]:
            resource = entry["resource"]
            assert schema_errors(resource) == [], f"{name}: {resource['id']}"


def test_entries_put_graph_ids_and_refer_to_each_other_by_urn() -> None:
    directory: set[str] = set()
    for name, bundle in on_disk():
        assert bundle["type"] == "transaction"
        keys = [
            ResourceKey(e["resource"]["resourceType"], e["resource"]["id"]) for e in bundle["entry"]
        ]
        assert len(set(keys)) == len(keys)
        urns = {full_url(key) for key in keys}
        for key, entry in zip(keys, bundle["entry"], strict=True):
            assert entry["request"] == {"method": "PUT", "url": key.reference}
            assert entry["fullUrl"] == full_url(key)
            assert (key.resource_type in DIRECTORY_TYPES) == (name == DIRECTORY_FILE)
        for reference in _references(bundle["entry"]):
            if reference.startswith("urn:uuid:"):
                assert reference in urns, (name, reference)
            else:  # the directory, stored before any client's file
                assert name != DIRECTORY_FILE and reference in directory, (name, reference)
        if name == DIRECTORY_FILE:
            directory = {key.reference for key in keys}


# -- loading them ----------------------------------------------------------------


def test_loaded_in_order_they_read_back_as_the_demo() -> None:
    store = load([bundle for _, bundle in on_disk()])
    assert sum(len(b["entry"]) for _, b in on_disk()) == len(store)
    assert "urn:uuid:" not in json.dumps([*store.values()])
    check_reads_back(demo(), store)


def test_loading_again_changes_nothing() -> None:
    bundles = [bundle for _, bundle in on_disk()]
    first = load(bundles)
    again = load(bundles, copy.deepcopy(first))
    assert sorted(again) == sorted(first)
    assert again == first


def test_a_client_file_needs_the_directory_stored_first() -> None:
    _, client = on_disk()[1]
    with pytest.raises(FhirValidationError) as raised:
        load([client])
    messages = " ".join(issue.message for issue in raised.value.issues)
    assert "Practitioner/" in messages and "does not exist" in messages


def test_staff_no_onion_reaches_are_in_the_directory() -> None:
    base = demo()
    extra = Staff(
        Person("person-0001-pharmacist-9", "Ank Jansen", Ring.FORMAL, "pharmacist"),
        ("org-0001-gp", "org-0001-pharmacy"),
    )
    population = Population(base.teams, base.organizations, (*base.staff, extra), base.onions[:3])
    bundles = population_bundles(population)
    assert len(bundles) == 4
    check_reads_back(population, load([bundle for _, bundle in bundles]))


def _references(value: object) -> list[str]:
    if isinstance(value, dict):
        own = [value["reference"]] if isinstance(value.get("reference"), str) else []
        return own + [r for child in value.values() for r in _references(child)]
    if isinstance(value, list):
        return [r for child in value for r in _references(child)]
    return []
