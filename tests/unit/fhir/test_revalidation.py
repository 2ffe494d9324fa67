"""An export validates of a rewritten resource only what it changed
(fhir_mappings/export/revalidation.py). That is sound only if the part
fails validation exactly when the whole resource does; shown here on every
resource of the corpus, the nl-core fixtures and the demo, each changed in
every list item and every other element, in ways valid and invalid."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from fhir_mappings import FhirValidationError, JsonObject, parse_resource
from fhir_mappings.export.revalidation import changed_part

from . import corpus

ROOT = Path(__file__).resolve().parents[3]


def _valid(resource: JsonObject) -> bool:
    try:
        parse_resource(resource, lossless=False)
    except FhirValidationError:
        return False
    return True


def _resources() -> list[JsonObject]:
    found = corpus.resources()
    documents = sorted((ROOT / "tests" / "fixtures" / "nl-core").glob("*.json"))
    documents += sorted((ROOT / "seeds" / "demo-fhir").glob("*.json"))[:6]
    for path in documents:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("resourceType") == "Bundle":
            found += [e["resource"] for e in document.get("entry", []) if "resource" in e]
        else:
            found.append(document)
    return [r for r in found if r.get("resourceType") != "Bundle" and _valid(r)]


def _changes(resource: JsonObject) -> Iterator[tuple[str, JsonObject]]:
    """Copies of ``resource`` changed in one place each, validly or not."""
    for name, value in resource.items():
        if name in {"resourceType", "id", "meta"}:
            continue
        if isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
            for index, item in enumerate(value):
                for how, changed_item in _item_changes(item):
                    changed = copy.deepcopy(resource)
                    changed[name][index] = changed_item
                    yield f"{name}[{index}] {how}", changed
            for index in range(len(value)):
                fewer = copy.deepcopy(resource)
                del fewer[name][index]
                yield f"{name}[{index}] removed", fewer
            doubled = copy.deepcopy(resource)
            doubled[name].append(copy.deepcopy(value[0]))
            yield f"{name} doubled", doubled
            emptied = copy.deepcopy(resource)
            emptied[name] = []
            yield f"{name} emptied", emptied
        else:
            for how, other in (("a number", 7), ("an object", {"x": 1}), ("a list", ["x"])):
                changed = copy.deepcopy(resource)
                changed[name] = other
                yield f"{name} {how}", changed
    for choice in ("valueString", "deceasedBoolean", "onsetString"):
        if not any(k.startswith(choice[:5]) and k != choice for k in resource):
            continue
        added = copy.deepcopy(resource)
        added[choice] = "x" if choice != "deceasedBoolean" else True
        yield f"a second {choice}", added


def _item_changes(item: JsonObject) -> Iterator[tuple[str, JsonObject]]:
    yield "with an element FHIR has not", {**item, "notAnElement": True}
    yield "as an empty object", {}
    for key, value in item.items():
        if isinstance(value, str):
            yield f"{key} as a number", {**item, key: 12}
            yield f"{key} changed", {**item, key: value + "x"}
        elif isinstance(value, dict):
            yield f"{key} as a string", {**item, key: "x"}
            yield f"{key} with an element FHIR has not", {**item, key: {**value, "bogus": 1}}
        elif isinstance(value, list):
            yield f"{key} with a null", {**item, key: [*value, None]}


RESOURCES = _resources()


def test_the_corpus_is_there() -> None:
    kinds = {r["resourceType"] for r in RESOURCES}
    assert {"CareTeam", "CarePlan", "Observation", "Patient", "RelatedPerson"} <= kinds


@pytest.mark.parametrize(
    "resource", RESOURCES, ids=[f"{r['resourceType']}/{r.get('id')}" for r in RESOURCES]
)
def test_the_changed_part_fails_exactly_when_the_whole_does(resource: JsonObject) -> None:
    tried = 0
    for how, changed in _changes(resource):
        part = changed_part(resource, changed)
        assert _valid(part) == _valid(changed), how
        tried += 1
    assert tried > 0


def test_the_part_keeps_what_is_new_and_what_is_not_a_list() -> None:
    before = {
        "resourceType": "CareTeam",
        "status": "active",
        "participant": [{"role": [{"text": "a"}]}, {"role": [{"text": "b"}]}],
        "note": [{"text": "kept"}],
        "_implicitRules": {"extension": []},
        "name": "Team",
    }
    after = copy.deepcopy(before)
    after["participant"][1]["role"][0]["text"] = "c"
    after["name"] = "Team 2"
    part = changed_part(before, after)
    assert part["participant"] == [{"role": [{"text": "c"}]}]
    assert part["note"] == [{"text": "kept"}]  # one item kept: the list stays present
    assert part["name"] == "Team 2" and part["status"] == "active"
    assert part["_implicitRules"] == before["_implicitRules"]


def test_primitive_lists_and_their_siblings_are_kept_whole() -> None:
    before = {
        "resourceType": "Patient",
        "name": [{"given": ["A", "B"], "_given": [None, {"extension": []}]}],
        "_birthDate": {"extension": [{"url": "u", "valueString": "x"}]},
    }
    after = copy.deepcopy(before)
    after["name"].append({"text": "new"})
    part = changed_part(before, after)
    assert part["name"] == [{"text": "new"}]
    after = {**before, "_x": [{"a": 1}, {"b": 2}]}
    assert changed_part({**before, "_x": [{"a": 1}]}, after)["_x"] == [{"a": 1}, {"b": 2}]


def test_a_resource_that_contains_others_is_checked_whole() -> None:
    # dom-3 looks across elements: removing the participant that referred
    # to a contained person leaves her unreferenced
    careteam = {
        "resourceType": "CareTeam",
        "contained": [
            {"resourceType": "RelatedPerson", "id": "p", "patient": {"reference": "Patient/c"}}
        ],
        "participant": [{"member": {"reference": "Patient/c"}}, {"member": {"reference": "#p"}}],
    }
    assert _valid(careteam)
    fewer = {**careteam, "participant": careteam["participant"][:1]}
    assert not _valid(fewer)
    assert changed_part(careteam, fewer) == fewer


def test_a_second_value_of_a_choice_is_caught_in_the_part() -> None:
    observation = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"text": "x"},
        "valueQuantity": {"value": 3},
        "note": [{"text": "n"}],
    }
    assert _valid(observation)
    changed = {**observation, "valueString": "three"}
    assert not _valid(changed_part(observation, changed))
