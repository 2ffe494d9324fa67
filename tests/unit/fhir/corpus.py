"""The hand-written corpus in tests/fixtures/fhir, and the store it becomes
when imported: standalone resources first (they are already on the server),
then each Bundle, unpacked against what is stored so far."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

from fhir_mappings import JsonObject, ResourceIndex, ResourceKey, key_of, unpack_bundle

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fhir"
BASE_URL = "https://graphsvc.example/fhir"  # this server, in the corpus's absolute references


def files() -> list[Path]:
    return sorted(FIXTURES.rglob("*.json"))


def load(path: Path) -> JsonObject:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def resources() -> list[JsonObject]:
    """Every resource of the corpus, a Bundle's entries counted one by one."""
    found: list[JsonObject] = []
    for path in files():
        document = load(path)
        if document["resourceType"] == "Bundle":
            found.extend(entry["resource"] for entry in document["entry"])
        else:
            found.append(document)
    return found


def standalone() -> dict[ResourceKey, JsonObject]:
    """The resources of the corpus that are not in a Bundle, by key."""
    store: dict[ResourceKey, JsonObject] = {}
    for path in files():
        document = load(path)
        if document["resourceType"] != "Bundle":
            key = key_of(document)
            assert key is not None, path
            store[key] = document
    return store


@cache
def _store() -> dict[ResourceKey, JsonObject]:
    store = standalone()
    bundles = [load(p) for p in files() if load(p)["resourceType"] == "Bundle"]
    for bundle in bundles:
        for entry in unpack_bundle(bundle, lookup=ResourceIndex(store), base_urls=(BASE_URL,)):
            assert entry.key is not None and entry.resource is not None
            if not entry.existing:
                store[entry.key] = entry.resource
    return store


def stored() -> dict[ResourceKey, JsonObject]:
    """A fresh copy of the imported corpus, keyed as the store keys it."""
    return copy.deepcopy(_store())
