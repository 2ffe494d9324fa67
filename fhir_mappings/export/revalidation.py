"""What of a rewritten resource needs validating again.

An export rewrites stored resources, each valid R4 when it was stored. The
model's rules hold element by element: each element is checked on its own,
and the checks of a resource as a whole (one value of a choice ``[x]``, the
required elements present) look only at its elements that are not lists.
So a rewritten resource is valid when what the export changed is: every
element that is not a list, and of each list of complex elements the items
that were not there before (one item kept where none is new, so that a list
the resource needs stays present). Lists of primitives keep all their items,
as do their ``_`` siblings, whose positions pair with them.
"""

from __future__ import annotations

from ..jsontypes import JsonObject


def changed_part(before: JsonObject, after: JsonObject) -> JsonObject:
    """``after`` with, of each list of complex elements that ``before`` had,
    only the items ``before`` did not have; everything else as it is (all of
    it when either contains resources)."""
    if "contained" in after or "contained" in before:
        return after
    part: JsonObject = {}
    for name, value in after.items():
        was = before.get(name)
        if _complex_list(name, value) and isinstance(was, list):
            new = [item for item in value if item not in was]
            part[name] = new or value[:1]
        else:
            part[name] = value
    return part


def _complex_list(name: str, value: object) -> bool:
    return (
        not name.startswith("_")
        and isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) for item in value)
    )
