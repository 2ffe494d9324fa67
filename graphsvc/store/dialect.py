"""Everything that differs between FalkorDB and Neo4j, in one place.

The named queries are shared; what differs is how the schema (indexes and
uniqueness constraints on ``id``) is declared and two quirks of results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .catalog import LABELS

# Team nodes are also Organization nodes, so they share its id constraint.
ID_LABELS = tuple(sorted(LABELS - {"Team"}))


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str

    def schema_statements(self) -> list[str]:
        """Cypher statements that declare the schema. Labels come from the fixed
        allow-list only, never from input."""
        if self.name == "neo4j":
            # Neo4j: MERGE alone is not safe under concurrency without a constraint.
            return [
                f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
                for label in ID_LABELS
            ]
        # FalkorDB: a unique constraint needs an exact-match index first; the
        # constraint itself is a GRAPH.CONSTRAINT command (see falkordb_runner).
        return [f"CREATE INDEX FOR (n:{label}) ON (n.id)" for label in ID_LABELS]


FALKORDB = Dialect("falkordb")
NEO4J = Dialect("neo4j")


def normalise(value: Any) -> Any:
    """Plain dicts and lists from either driver's result values.

    FalkorDB returns maps as OrderedDict and an empty nested pattern
    comprehension as null where Neo4j returns []; decoding treats both alike
    (see records.as_list)."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalise(v) for v in value]
    return value
