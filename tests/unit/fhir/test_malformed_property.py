"""Property: whatever JSON arrives — junk, hostile strings, deep nesting, or a
real resource with a piece broken — parsing either gives a model or raises
FhirValidationError with usable issues; and what parses can be projected and
exported without any other exception."""

from __future__ import annotations

import copy
from typing import Any

from fhir.resources.R4B.operationoutcome import OperationOutcome
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fhir_mappings import (
    FhirValidationError,
    JsonPath,
    ResourceIndex,
    export_onion,
    key_of,
    operation_outcome,
    parse_resource,
    project,
    unpack_bundle,
)
from fhir_mappings.json_rules import MAX_DEPTH

from .corpus import BASE_URL, files, load, resources, standalone, stored

CORPUS = list(stored().values())
BUNDLES = [load(p) for p in files() if load(p)["resourceType"] == "Bundle"]
NAMES = sorted(
    {
        "resourceType", "id", "reference", "extension", "url", "valueInteger", "valueCode",
        "participant", "member", "role", "activity", "detail", "performer", "reasonReference",
        "scheduledTiming", "repeat", "frequency", "period", "periodUnit", "duration", "subject",
        "code", "coding", "system", "focus", "contained", "text", "div", "status", "name", "_given",
    }
)  # fmt: skip
HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x1bb",
        "\ud800",
        "\u202e",
        "Robert'); DROP TABLE clients;--",
        "MATCH (n) DETACH DELETE n",
        "<script>alert(1)</script>",
        '<div xmlns="http://www.w3.org/1999/xhtml"><script>x</script></div>',
        "x" * 10_000,
        "Patient/../../etc/passwd",
        "#",
        "#nowhere",
        "urn:uuid:00000000-0000-0000-0000-000000000000",
        "Patient?identifier=a|b",
        "Patient?_has:Observation:subject:code=1",
        "https://evil.example/fhir/Patient/x",
        "http://terminology.hl7.org/CodeSystem/oms",
        "https://graphsvc.example/fhir/CodeSystem/onion-ring",
        "43",
        "06",
        "team",
        "knowledge",
        "mo",
        "1e309",
    ]
)
TEXT = st.one_of(HOSTILE, st.text(st.characters(exclude_categories=()), max_size=30))
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
)
KEYS = st.one_of(st.sampled_from(NAMES), TEXT)
JUNK = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


def nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {"url": "http://x.example"}
    for _ in range(depth):
        value = {"url": "http://x.example", "extension": [value]}
    return value


def _paths(value: Any) -> list[JsonPath]:
    """Paths to every value, not descending into what is already absurdly deep."""
    found: list[JsonPath] = []
    stack: list[tuple[Any, JsonPath]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        found.append(path)
        if len(path) > 30:
            continue
        if isinstance(item, dict):
            stack.extend((child, (*path, key)) for key, child in item.items())
        elif isinstance(item, list):
            stack.extend((child, (*path, index)) for index, child in enumerate(item))
    return found


def _parent(value: Any, path: JsonPath) -> Any:
    for step in path[:-1]:
        value = value[step]
    return value


@st.composite
def broken_resources(draw: st.DrawFn) -> Any:
    resource = copy.deepcopy(draw(st.sampled_from(CORPUS)))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = [p for p in _paths(resource) if p]
        path = draw(st.sampled_from(paths))
        parent = _parent(resource, path)
        action = draw(st.sampled_from(["replace", "replace", "delete", "insert", "deep"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "insert" and isinstance(parent, dict):
            parent[draw(KEYS)] = draw(JUNK)
        elif action == "deep":
            parent[path[-1]] = nested(draw(st.integers(min_value=60, max_value=2000)))
        else:
            parent[path[-1]] = draw(JUNK)
    return resource


SAME_KIND_TEXT = st.one_of(
    HOSTILE.filter(lambda t: t.strip() and "\x00" not in t),
    st.sampled_from(["Patient/gerrit-jansen", "Condition/condition-gerrit-42", "#hydratie"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=20),
)


@st.composite
def plausible_resources(draw: st.DrawFn, sources: list[Any] = CORPUS) -> Any:
    """A corpus resource with values swapped for others of the same JSON kind,
    or an element left out: mostly still valid FHIR, but odd for the graph."""
    resource = copy.deepcopy(draw(st.sampled_from(sources)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from([p for p in _paths(resource) if p and p[-1] != "resourceType"]))
        parent = _parent(resource, path)
        value = parent[path[-1]]
        if isinstance(value, bool):
            parent[path[-1]] = not value
        elif isinstance(value, int):
            parent[path[-1]] = draw(st.integers(min_value=-5, max_value=2**31 - 1))
        elif isinstance(value, float):
            parent[path[-1]] = draw(st.floats(min_value=-1e6, max_value=1e300))
        elif isinstance(value, str):
            parent[path[-1]] = draw(SAME_KIND_TEXT)
        elif isinstance(path[-1], str) and path[-1] != "id":
            del parent[path[-1]]
    return resource


@st.composite
def junk_resources(draw: st.DrawFn) -> Any:
    body = draw(st.dictionaries(KEYS, JUNK, max_size=6))
    kind = draw(
        st.one_of(st.sampled_from([r["resourceType"] for r in CORPUS] + ["Bundle"]), TEXT, SCALAR)
    )
    return {"resourceType": kind, **body} if draw(st.booleans()) else body


def check_refusal(data: Any) -> bool:
    """Parse; on refusal, check the issues are usable. True when it parsed."""
    try:
        parse_resource(data)
    except FhirValidationError as error:
        assert error.issues
        for issue in error.issues:
            assert isinstance(issue.expression, str) and len(issue.expression) < 2000
            assert isinstance(issue.message, str) and issue.message
        OperationOutcome.model_validate(operation_outcome(error.issues))
        return False
    return True


def check_pipeline(resource: dict[str, Any]) -> None:
    """A resource that parses goes through projection, and exporting what was
    projected gives back the stored resources untouched."""
    key = key_of(resource)
    if key is None or resource["resourceType"] == "Bundle":
        return
    store = {**stored(), key: resource}
    try:
        projection = project(store, base_urls=(BASE_URL,))
    except FhirValidationError:
        return
    for onion in projection.population.onions:
        exported = export_onion(onion, store, base_urls=(BASE_URL,))
        # Nothing was edited, so nothing may change.
        assert not (exported.changed or exported.generated or exported.removed)
        assert not exported.notes


SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(JUNK)
def test_any_json_value(data: Any) -> None:
    check_refusal(data)


@SETTINGS
@given(junk_resources())
def test_junk_shaped_like_a_resource(data: Any) -> None:
    check_refusal(data)


@SETTINGS
@given(broken_resources())
def test_real_resources_with_a_piece_broken(data: Any) -> None:
    if check_refusal(data):
        check_pipeline(data)


@SETTINGS
@given(plausible_resources())
def test_real_resources_with_odd_values(data: Any) -> None:
    if check_refusal(data):
        check_pipeline(data)


@SETTINGS
@given(plausible_resources(BUNDLES), st.sampled_from(["transaction", "batch", "collection"]))
def test_odd_bundles_unpack_or_are_refused(bundle: Any, kind: str) -> None:
    bundle["type"] = kind
    if not check_refusal(bundle):
        return
    try:
        entries = unpack_bundle(bundle, lookup=ResourceIndex(standalone()), base_urls=(BASE_URL,))
    except FhirValidationError as error:
        assert kind == "transaction" and error.issues
        return
    for entry in entries:
        if entry.resource is not None and not entry.issues:
            parse_resource(entry.resource)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=len(resources()) - 1), st.integers(10, 5000))
def test_deep_nesting_anywhere(which: int, depth: int) -> None:
    resource = copy.deepcopy(resources()[which])
    resource["extension"] = [nested(depth)]
    # resource > extension[] > (extension > extension[]) x depth > url
    deepest = 1 + 2 * depth + 2
    assert check_refusal(resource) == (deepest <= MAX_DEPTH)
