"""FHIRPath-like element paths for messages: ``CarePlan.activity[0].detail``."""

from __future__ import annotations

from collections.abc import Iterable


def expression(root: str, path: Iterable[str | int]) -> str:
    """Join a JSON path onto a root name. A primitive's ``_x`` twin is the element ``x``."""
    out = root
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            name = step[1:] if step.startswith("_") and len(step) > 1 else step
            out += f".{name}" if out else name
    return out
