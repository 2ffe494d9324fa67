"""Named Cypher queries, one per file in ``queries/``, and the labels and
relationship types a statement may use.

Queries are data: the code names a query and hands it parameters; no value is
ever put into query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

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
_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    text: str
    parameters: frozenset[str]


def _parse(name: str, source: str) -> Query:
    text = _COMMENT.sub("", source).strip()
    return Query(name=name, text=text, parameters=frozenset(_PARAM.findall(text)))


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
