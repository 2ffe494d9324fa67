"""The shape of a JSON body, checked before the models read it: how deep it
nests and how many items one array holds (a Bundle's own entries excepted),
with the path where it breaks a bound."""

from __future__ import annotations

from typing import Any

from fhir_mappings.body_limits import MAX_REPEATS
from graphsvc.api.fhir.bodies import MAX_DEPTH, _shape_problem


def _items(count: int) -> list[dict[str, str]]:
    return [{"url": "http://e.x/a", "valueString": "v"} for _ in range(count)]


def test_an_array_longer_than_the_bound_is_named_with_its_path() -> None:
    assert (
        _shape_problem({"resourceType": "RelatedPerson", "extension": _items(MAX_REPEATS)}) is None
    )
    long = {"resourceType": "RelatedPerson", "extension": _items(MAX_REPEATS + 1)}
    problem = _shape_problem(long)
    assert problem is not None and problem.code == "structure"
    assert problem.expression == "RelatedPerson.extension"
    assert problem.message == (
        f"RelatedPerson.extension holds {MAX_REPEATS + 1} items; "
        f"an array in a resource holds at most {MAX_REPEATS}"
    )
    deeper = {"resourceType": "Patient", "name": [{"given": ["x"] * (MAX_REPEATS + 1)}]}
    problem = _shape_problem(deeper)
    assert problem is not None and problem.expression == "Patient.name[0].given"
    problem = _shape_problem(["x"] * (MAX_REPEATS + 1))
    assert problem is not None and problem.expression == ""
    assert problem.message.startswith("the body holds")


def test_a_bundles_own_entries_may_be_more_its_resources_not() -> None:
    entries: list[dict[str, Any]] = [{"resource": {"resourceType": "Patient"}}] * 20_000
    for kind in ("transaction", "batch", "collection"):
        assert _shape_problem({"resourceType": "Bundle", "type": kind, "entry": entries}) is None
    crowded = {"resourceType": "Patient", "extension": _items(MAX_REPEATS + 1)}
    bundle = {"resourceType": "Bundle", "type": "transaction", "entry": [{"resource": crowded}]}
    problem = _shape_problem(bundle)
    assert problem is not None and problem.expression == "Bundle.entry[0].resource.extension"
    inner = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    problem = _shape_problem({"resourceType": "Bundle", "entry": [{"resource": inner}]})
    assert problem is not None and problem.expression == "Bundle.entry[0].resource.entry"
    not_a_bundle = {"resourceType": "Patient", "entry": entries}
    assert _shape_problem(not_a_bundle) is not None


def test_depth_is_still_said_as_before() -> None:
    deep: object = "x"
    for _ in range(MAX_DEPTH + 1):
        deep = {"a": deep}
    problem = _shape_problem({"resourceType": "Patient", "extension": [{"deep": deep}]})
    assert problem is not None and problem.expression.startswith("extension[0].deep.a.a")
    assert problem.message == f"the body nests more than {MAX_DEPTH} levels deep"
