"""Small edits of resource JSON that keep FHIR's rules: no empty arrays or
objects are left behind."""

from __future__ import annotations

from typing import Any

from ..code_systems import codings
from ..jsontypes import JsonObject, JsonPath


def at(value: Any, path: JsonPath) -> Any:
    for step in path:
        if isinstance(step, int) and isinstance(value, list) and 0 <= step < len(value):
            value = value[step]
        elif isinstance(step, str) and isinstance(value, dict):
            value = value.get(step)
        else:
            return None
    return value


def set_or_drop(element: JsonObject, name: str, value: Any) -> None:
    """Set ``name``, or remove it (and its ``_name`` twin) when ``value`` is None."""
    if value is None or value == [] or value == {}:
        element.pop(name, None)
        element.pop(f"_{name}", None)
    else:
        element[name] = value


def drop_items(element: JsonObject, name: str, indexes: set[int]) -> None:
    """Remove list items by index; the element goes when nothing is left."""
    listed = element.get(name)
    if not isinstance(listed, list) or not indexes:
        return
    kept = [item for i, item in enumerate(listed) if i not in indexes]
    set_or_drop(element, name, kept)


def set_extension(element: JsonObject, url: str, value_key: str, value: Any) -> None:
    """Set the value of the extension with ``url``, add it, or remove it (None)."""
    extensions = [e for e in element.get("extension", ()) if isinstance(e, dict)]
    found = next((e for e in extensions if e.get("url") == url), None)
    if value is None:
        extensions = [e for e in extensions if e is not found]
    elif found is None:
        extensions.append({"url": url, value_key: value})
    else:
        for key in [k for k in found if k.startswith("value")]:
            del found[key]
        found[value_key] = value
    set_or_drop(element, "extension", extensions)


def put_coding(concept: JsonObject | None, system: str, coding: JsonObject) -> JsonObject:
    """The concept with its coding of ``system`` replaced by (or added as) ``coding``."""
    concept = dict(concept or {})
    listed = [c for c in codings(concept) if c.get("system") != system]
    first = next((i for i, c in enumerate(codings(concept)) if c.get("system") == system), None)
    listed.insert(first if first is not None else len(listed), coding)
    concept["coding"] = listed
    return concept


def put_period_start(element: JsonObject, name: str, start: str | None) -> None:
    period = dict(element.get(name) or {})
    set_or_drop(period, "start", start)
    set_or_drop(element, name, period)
