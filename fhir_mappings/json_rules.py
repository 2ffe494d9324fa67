"""Rules of FHIR's JSON format that the R4B models let through.

The models accept ``null``, empty arrays and objects, any control character,
nesting deep enough to overflow the interpreter's stack, and they coerce
``"yes"`` to ``true`` or ``"3"`` to ``3``. Such input would be stored and later
exported as JSON that no other FHIR system accepts, so it is refused here.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .expressions import expression
from .issues import Issue
from .jsontypes import JsonPath
from .keys import is_resource_type_name

MAX_DEPTH = 64  # real resources stay under 20; the limit keeps recursion bounded
MAX_NODES = 200_000
MAX_ISSUES = 50
_ELEMENT_NAME = re.compile(r"_?[A-Za-z][A-Za-z0-9]{0,127}")
# C0 controls other than tab, LF and CR; DEL and C1 controls; unpaired surrogates.
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Bidirectional embeddings, overrides and isolates: text that reads otherwise
# than it is (CVE-2021-42574); HL7's validator warns of them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _odd_space(text: str) -> str | None:
    """The first whitespace character other than space, tab, CR and LF (a
    no-break space pasted from a word processor, say): R4's string pattern
    ``[ \\r\\n\\t\\S]+`` leaves them out."""
    return next(
        (ch for ch in text if (ch.isspace() or ch == "\ufeff") and ch not in " \t\r\n"), None
    )


def json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def shape_issues(data: object, root: str) -> list[Issue]:
    """Everything in ``data`` that breaks the FHIR JSON rules, outermost first.

    Iterative, so hostile nesting cannot exhaust the stack.
    """
    issues: list[Issue] = []
    stack: list[tuple[object, JsonPath, int, bool]] = [(data, (), 0, False)]
    nodes = 0
    while stack and len(issues) < MAX_ISSUES:
        value, path, depth, null_allowed = stack.pop()
        nodes += 1
        where = expression(root, path)
        if nodes > MAX_NODES:
            issues.append(Issue(root, f"has more than {MAX_NODES} JSON values", "too-costly"))
            break
        if depth > MAX_DEPTH:
            issues.append(Issue(where, f"is nested deeper than {MAX_DEPTH} levels", "too-costly"))
            continue
        if isinstance(value, dict):
            if not value:
                issues.append(Issue(where, "is an empty object; leave the element out instead"))
            for key in reversed(list(value)):
                child = value[key]
                if not isinstance(key, str) or not _ELEMENT_NAME.fullmatch(key):
                    issues.append(
                        Issue(where, f"{_quote(key)} is not a FHIR element name", "structure")
                    )
                    continue
                if child is None:
                    issues.append(Issue(expression(root, (*path, key)), "must not be null"))
                    continue
                twin = key[1:] if key.startswith("_") else f"_{key}"
                aligned = isinstance(child, list) and isinstance(value.get(twin), list)
                stack.append((child, (*path, key), depth + 1, aligned))
        elif isinstance(value, list):
            if not value:
                issues.append(Issue(where, "is an empty array; leave the element out instead"))
            for index in reversed(range(len(value))):
                item = value[index]
                if item is None:
                    if not null_allowed:
                        issues.append(Issue(f"{where}[{index}]", "must not be null"))
                elif isinstance(item, list):
                    issues.append(Issue(f"{where}[{index}]", "arrays cannot hold arrays"))
                else:
                    stack.append((item, (*path, index), depth + 1, False))
        elif isinstance(value, str):
            if not value:
                issues.append(Issue(where, "is an empty string; leave the element out instead"))
            elif _FORBIDDEN_CHARS.search(value):
                issues.append(Issue(where, "contains a control character or an unpaired surrogate"))
            elif _BIDI_CONTROLS.search(value):
                message = (
                    "contains a bidirectional control character (U+202A-U+202E, "
                    "U+2066-U+2069), which makes text read otherwise than it is"
                )
                issues.append(Issue(where, message))
            elif space := _odd_space(value):
                issues.append(
                    Issue(
                        where,
                        f"contains U+{ord(space):04X}, a space FHIR strings may not hold "
                        "(only the plain space, tab and line breaks); use a plain space",
                    )
                )
        elif isinstance(value, float) and not math.isfinite(value):
            issues.append(Issue(where, "must be a finite number"))
        elif not isinstance(value, bool | int | float):
            issues.append(Issue(where, f"is not a JSON value ({json_kind(value)})", "structure"))
    return issues


def coercion_issues(source: object, parsed: object, root: str) -> list[Issue]:
    """Where the model read a value as another JSON kind than the one sent.

    ``parsed`` is the model dumped back to JSON; where a key or item is missing
    from it there is nothing to compare.
    """
    issues: list[Issue] = []
    stack: list[tuple[Any, Any, JsonPath]] = [(source, parsed, ())]
    while stack:
        sent, read, path = stack.pop()
        if read is None or sent is None:
            continue
        sent_kind, read_kind = json_kind(sent), json_kind(read)
        if sent_kind != read_kind:
            issues.append(
                Issue(expression(root, path), f"must be a JSON {read_kind}, not a {sent_kind}")
            )
        elif isinstance(sent, dict):
            stack.extend((sent[k], read[k], (*path, k)) for k in sent if k in read)
        elif isinstance(sent, list):
            pairs = enumerate(zip(sent, read, strict=False))
            stack.extend((s, r, (*path, i)) for i, (s, r) in pairs)
    issues.sort(key=lambda i: i.expression)
    return issues


class RepeatedKey(Exception):
    """A JSON object names a key more than once. ``json.loads`` keeps the last
    value, so the reader would silently take something else than a reader
    that keeps the first: a body meant one way and stored another."""

    def __init__(self, key: str, keys: Sequence[str]) -> None:
        shown = ", ".join(_quote(k) for k in list(dict.fromkeys(keys))[:20])
        super().__init__(
            f"the key {_quote(key)} appears more than once in one object (its keys: {shown})"
        )
        self.key = key


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json.loads``' object_pairs_hook: the object, or RepeatedKey.

    Kept to one ``dict`` and one comparison: it runs for every object."""
    value = dict(pairs)
    if len(value) != len(pairs):
        keys = [key for key, _ in pairs]
        raise RepeatedKey(_repeat_in(keys) or "", keys)
    return value


def _repeat_in(keys: Iterable[str]) -> str | None:
    """The first key that comes again, in linear time (objects may be large)."""
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    return None


class _Pairs(list[tuple[str, Any]]):
    """An object read with every key it names, repeats included."""


def repeated_key_path(text: str) -> JsonPath | None:
    """The path to the first key that repeats in the JSON ``text``, outermost
    object first (the key itself last); None if none does, or ``text`` cannot
    be read again. Reads ``text`` once more: for the error message only."""
    return _first_repeat(_with_pairs(text))


def repeated_key_issue(text: str, repeated: RepeatedKey) -> Issue:
    """A FHIR body's repeated key and where it is (``Patient.gender``); if
    that cannot be found, the keys of the object it is in."""
    document = _with_pairs(text)
    path = _first_repeat(document)
    if path is None:
        return Issue("", f"{repeated}; name each key once", "structure")
    root = _resource_type(document) if path[:1] != ("resourceType",) else ""
    message = f"the key {_quote(path[-1])} appears more than once in one object; name it once"
    return Issue(expression(root, path)[:200], message, "structure")


def _with_pairs(text: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_Pairs)
    except (ValueError, RecursionError):
        return None


def _first_repeat(document: object) -> JsonPath | None:
    pending: list[tuple[object, JsonPath]] = [(document, ())]
    while pending:
        value, path = pending.pop()
        if isinstance(value, _Pairs):
            repeat = _repeat_in(key for key, _ in value)
            if repeat is not None:
                return (*path, repeat)
            pending.extend((inner, (*path, key)) for key, inner in reversed(value))
        elif isinstance(value, list):
            pending.extend((inner, (*path, i)) for i, inner in reversed(list(enumerate(value))))
    return None


def _resource_type(document: object) -> str:
    """The resourceType the outermost object names, as the body would be read
    (the last, if it repeats); "" if none."""
    kinds = [v for k, v in document if k == "resourceType"] if isinstance(document, _Pairs) else []
    return kinds[-1] if kinds and is_resource_type_name(kinds[-1]) else ""


def _quote(key: object) -> str:
    text = key if isinstance(key, str) else repr(key)
    shown = _FORBIDDEN_CHARS.sub("?", text[:40])
    return repr(shown + ("..." if len(text) > 40 else ""))
