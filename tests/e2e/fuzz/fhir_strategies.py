"""FHIR requests gone wrong: real resources of the demo with one thing
broken (a value of the wrong type, a code outside its value set, a reference
to nothing, a string or list far too long, an element removed), Bundles of
those, searches with parameters and modifiers that do not exist, and
ids, versions and headers no client should send."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from fhir_mappings.parsing import ACCEPTED_TYPES
from fhir_mappings.search import SEARCH_PARAMETERS

from .strategies import HOSTILE_TEXT, JSON_VALUE, nested

TYPES = sorted(ACCEPTED_TYPES - {"Bundle"})
Path_ = tuple[str | int, ...]


def demo_resources(bundles: list[Path]) -> list[dict[str, Any]]:
    return [
        entry["resource"]
        for path in bundles
        for entry in json.loads(path.read_text())["entry"]
        if "resource" in entry
    ]


def _paths(value: Any, path: Path_ = ()) -> Iterator[Path_]:
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _paths(inner, (*path, i))


def _set(value: Any, path: Path_, new: Any) -> Any:
    if not path:
        return new
    container = value
    for step in path[:-1]:
        container = container[step]
    container[path[-1]] = new
    return value


def _delete(value: Any, path: Path_) -> Any:
    container = value
    for step in path[:-1]:
        container = container[step]
    del container[path[-1]]
    return value


CODE_KEYS = {"gender", "status", "intent", "use", "code", "system", "type", "category", "unit"}
BROKEN_REFERENCES = st.one_of(
    st.sampled_from(
        [
            "Patient/does-not-exist",
            "Patient/",
            "Patient",
            "/Patient/x",
            "Nonsense/x",
            "Patient/x/_history/abc",
            "urn:uuid:00000000-0000-0000-0000-000000000000",
            "urn:uuid:not-a-uuid",
            "#missing",
            "#",
            "http://elsewhere.example/fhir/Patient/1",
            "https://graphsvc.example/fhir/Patient/nobody",
            "Patient?identifier=nobody|nothing",
            "Patient?",
            "Organization/team-0001",
            "Practitioner/org-0001-gp",
        ]
    ),
    HOSTILE_TEXT,
)
WRONG_TYPES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.just([]),
    st.just({}),
    HOSTILE_TEXT,
    JSON_VALUE,
)


@st.composite
def broken(draw: st.DrawFn, resource: dict[str, Any]) -> dict[str, Any]:
    """The resource with one to three things wrong with it (or, now and
    then, nothing wrong)."""
    body = copy.deepcopy(resource)
    for _ in range(draw(st.integers(0, 3))):
        paths = list(_paths(body))[1:]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        how = draw(st.sampled_from(["type", "code", "reference", "delete", "huge", "deep", "add"]))
        if how == "delete":
            body = _delete(body, path)
        elif how == "code":
            codes = [p for p in paths if p and p[-1] in CODE_KEYS] or [path]
            body = _set(body, draw(st.sampled_from(codes)), draw(HOSTILE_TEXT | WRONG_TYPES))
        elif how == "reference":
            refs = [p for p in paths if p and p[-1] == "reference"] or [path]
            body = _set(body, draw(st.sampled_from(refs)), draw(BROKEN_REFERENCES))
        elif how == "huge":
            size = draw(st.sampled_from([1_000, 100_000, 1_000_000]))
            current = _get(body, path)
            big = [current] * (size // 1000) if isinstance(current, list | dict) else "x" * size
            body = _set(body, path, big)
        elif how == "deep":
            body = _set(body, path, json.loads(nested(draw(st.integers(10, 900)))))
        elif how == "add":
            body = _set(
                body,
                (*path[:-1], draw(HOSTILE_TEXT)) if isinstance(path[-1], str) else path,
                draw(JSON_VALUE),
            )
        else:
            body = _set(body, path, draw(WRONG_TYPES))
    return body


def _get(value: Any, path: Path_) -> Any:
    for step in path:
        value = value[step]
    return value


def search_params(kind: str) -> st.SearchStrategy[list[tuple[str, str]]]:
    names = [p.name for p in SEARCH_PARAMETERS.get(kind, ())] + [
        "_count",
        "_include",
        "_revinclude",
        "_sort",
        "_after",
        "_summary",
        "_elements",
        "_format",
        "_total",
        "_id",
        "_lastUpdated",
        "_has:Observation:subject:code",
        "patient",
        "subject",
        "name",
    ]
    modifiers = st.sampled_from(
        [
            "",
            "",
            "",
            ":exact",
            ":contains",
            ":missing",
            ":not",
            ":bogus",
            ":Patient",
            ":identifier",
            ":",
        ]
    )
    values = st.one_of(
        HOSTILE_TEXT,
        st.sampled_from(
            [
                "ge2020-01-01",
                "xx2020",
                "2020-13-45",
                "eq",
                "Patient/x",
                "Patient:subject",
                "*",
                "CarePlan:subject:Patient",
                "|",
                "a|b|c",
                "http://x|",
                "0",
                "-1",
                "1000000",
                "true",
                "a,b,,c",
            ]
        ),
    )
    names_st = st.sampled_from(names) | HOSTILE_TEXT
    return st.lists(
        st.tuples(st.builds(lambda n, m: n + m, names_st, modifiers), values), max_size=5
    )
