"""Everything that differs between FalkorDB and Neo4j, in one place.

The named queries are shared; what differs is how the schema (indexes and
uniqueness constraints on ``id``) is declared and two quirks of results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .catalog import LABELS

# The property that identifies a node of each label. Team nodes are also
# Organization nodes, so they share its constraint; a FHIR resource is keyed
# by "Type/id"; versions are not unique by themselves (indexed only).
UNIQUE_KEYS: tuple[tuple[str, str], ...] = (
    *sorted((label, "id") for label in LABELS - {"Team", "FhirResource", "FhirVersion"}),
    ("FhirResource", "key"),
)
INDEXED_ONLY: tuple[tuple[str, str], ...] = (
    ("FhirVersion", "key"),
    ("FhirResource", "client_id"),
    ("FhirResource", "type"),
)


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str

    def schema_statements(self) -> list[str]:
        """Cypher statements that declare the schema. Labels come from the fixed
        allow-list only, never from input."""
        if self.name == "neo4j":
            # Neo4j: MERGE alone is not safe under concurrency without a constraint.
            return [
                f"CREATE CONSTRAINT {label.lower()}_{key} IF NOT EXISTS "
                f"FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
                for label, key in UNIQUE_KEYS
            ] + [
                f"CREATE INDEX {label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) ON (n.{key})"
                for label, key in INDEXED_ONLY
            ]
        # FalkorDB: a unique constraint needs an exact-match index first; the
        # constraint itself is a GRAPH.CONSTRAINT command (see falkordb_runner).
        return [
            f"CREATE INDEX FOR (n:{label}) ON (n.{key})"
            for label, key in UNIQUE_KEYS + INDEXED_ONLY
        ]


FALKORDB = Dialect("falkordb")
NEO4J = Dialect("neo4j")

# Named queries only one database needs (see FalkorDBRunner.ensure_schema).
ONLY_ON: dict[str, str] = {"schema_register_types": "falkordb"}


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
