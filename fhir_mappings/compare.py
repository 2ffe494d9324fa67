"""Comparing two resources element by element, saying where they differ.

JSON kinds count: ``true`` is not ``1`` and ``1`` is not ``"1"``; a whole
number equals the same number written with a fraction (``2`` and ``2.0``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from .expressions import expression
from .json_rules import json_kind
from .jsontypes import JsonPath

_MISSING = object()


@dataclass(frozen=True, slots=True)
class Difference:
    path: str  # FHIRPath-like, rooted at the resource type
    left: Any  # the value on the left, or None when the element is missing there
    right: Any

    def __str__(self) -> str:
        return f"{self.path}: {_shown(self.left)} != {_shown(self.right)}"


def differences(
    left: Any, right: Any, *, ignore: Collection[str] = ("id", "meta")
) -> Iterator[Difference]:
    """Every element where ``left`` and ``right`` differ, in document order.
    ``ignore`` names elements of the resource itself (not nested) to skip."""
    root = left.get("resourceType", "") if isinstance(left, dict) else ""
    yield from _walk(left, right, (), str(root), frozenset(ignore))


def first_difference(
    left: Any, right: Any, *, ignore: Collection[str] = ("id", "meta")
) -> Difference | None:
    return next(differences(left, right, ignore=ignore), None)


def _walk(
    left: Any, right: Any, path: JsonPath, root: str, ignore: frozenset[str]
) -> Iterator[Difference]:
    if isinstance(left, dict) and isinstance(right, dict):
        for key in [*left, *(k for k in right if k not in left)]:
            if not path and key in ignore:
                continue
            a, b = left.get(key, _MISSING), right.get(key, _MISSING)
            if a is _MISSING or b is _MISSING:
                where = expression(root, (*path, key))
                yield Difference(where, None if a is _MISSING else a, None if b is _MISSING else b)
            else:
                yield from _walk(a, b, (*path, key), root, ignore)
    elif isinstance(left, list) and isinstance(right, list):
        for index in range(max(len(left), len(right))):
            if index >= len(left) or index >= len(right):
                a = left[index] if index < len(left) else None
                b = right[index] if index < len(right) else None
                yield Difference(expression(root, (*path, index)), a, b)
            else:
                yield from _walk(left[index], right[index], (*path, index), root, ignore)
    elif json_kind(left) != json_kind(right) or left != right:
        yield Difference(expression(root, path), left, right)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
