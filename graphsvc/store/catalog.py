"""Named Cypher queries, one per file in ``queries/``, and the labels and
relationship types a statement may use.

Queries are data: the code names a query and hands it parameters; no value is
ever put into query text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

LABELS = frozenset(
    {
        "Client",
        "Person",
        "Organization",
        "Team",
        "Need",
        "Observation",
        "FhirResource",  # a FHIR resource as received, current version
        "FhirVersion",  # one version of it, for vread and _history
        "DataVersion",  # one node: a counter every landed write moves
    }
)
RELATIONSHIP_TYPES = frozenset(
    {
        "IN_NETWORK_OF",
        "HAS_NEED",
        "SUPPORTS",
        "KNOWS",
        "MEMBER_OF",
        "SERVES",
        "HAS_OBSERVATION",
        "HAS_VERSION",
    }
)

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT = re.compile(r"^\s*//.*$")
# `// left out when empty: $list` or `$list[].field` (every item's field empty)
_LEFT_OUT = re.compile(r"^\s*// left out when empty: \$(\w+)(?:\[\]\.(\w+))?\s*$")


@dataclass(frozen=True, slots=True)
class Part:
    """A FOREACH clause of a statement that does nothing when its list is
    empty: ``text[start:end]``, over parameter ``param`` (or over ``field`` of
    each of its items). Leaving it out changes no result, only the work of
    starting it, which FalkorDB pays per clause on every run."""

    start: int
    end: int
    param: str
    field: str | None = None

    def idle(self, params: Mapping[str, Any]) -> bool:
        value = params.get(self.param)
        if self.field is None:
            return value == []
        return isinstance(value, list) and all(not item.get(self.field) for item in value)


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    text: str
    parameters: frozenset[str]
    parts: tuple[Part, ...] = field(default=(), compare=False)

    def without_idle_parts(self, params: Mapping[str, Any]) -> tuple[Query, dict[str, Any]]:
        """This statement without the parts that would do nothing for these
        parameters, and the parameters it still names."""
        idle = tuple(i for i, part in enumerate(self.parts) if part.idle(params))
        if not idle:
            return self, dict(params)
        shaped = _without(self, idle)
        return shaped, {k: v for k, v in params.items() if k in shaped.parameters}


@cache
def _without(query: Query, idle: tuple[int, ...]) -> Query:
    text: list[str] = []
    cut_until = 0
    for i in idle:
        part = query.parts[i]
        if part.start < cut_until:  # inside a part already left out
            continue
        text.append(query.text[cut_until : part.start])
        cut_until = part.end
    text.append(query.text[cut_until:])
    kept = "".join(text)
    return Query(query.name, kept, frozenset(_PARAM.findall(kept)))


def _clause_end(text: str, start: int) -> int:
    """Where the parenthesised clause opening at ``start`` closes (string
    literals skipped; the statements hold no escaped quotes)."""
    depth, quote = 0, ""
    for i in range(text.index("(", start), len(text)):
        c = text[i]
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError(f"unclosed clause at {start}")


def _parse(name: str, source: str) -> Query:
    lines: list[str] = []
    marks: list[tuple[int, str, str | None]] = []
    for line in source.splitlines():
        if _COMMENT.match(line):
            found = _LEFT_OUT.match(line)
            if found:
                marks.append((len(lines), found.group(1), found.group(2)))
            lines.append("")
        else:
            lines.append(line)
    whole = "\n".join(lines)
    text = whole.strip()
    lead = len(whole) - len(whole.lstrip())
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    parts = []
    for line_no, param, field_name in marks:
        start = whole.index("FOREACH", offsets[line_no]) - lead
        parts.append(Part(start, _clause_end(text, start), param, field_name))
    parts.sort(key=lambda p: p.start)
    return Query(name, text, frozenset(_PARAM.findall(text)), tuple(parts))


@cache
def queries() -> dict[str, Query]:
    folder = resources.files(__package__).joinpath("queries")
    found: dict[str, Query] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".cypher"):
            name = entry.name.removesuffix(".cypher")
            found[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return found


def query(name: str) -> Query:
    return queries()[name]
