"""Floors the benchmarks measure beside the service: the same data written by
a bare Cypher statement, with no guard, no projection and no checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphsvc.store.catalog import Query
from graphsvc.store.records import digest, now
from graphsvc.store.resource_store import canonical
from graphsvc.store.runner import CypherRunner

# One new version of one resource, as plainly as the store keeps it.
_TEXT = """
MERGE (r:FhirResource {key: $key})
ON CREATE SET r.type = $type, r.id = $id, r.version_id = 0
SET r.version_id = r.version_id + 1,
    r.content = $content,
    r.digest = $digest,
    r.last_updated = $now,
    r.deleted = false
CREATE (r)-[:HAS_VERSION]->(:FhirVersion {
  key: $key, version_id: r.version_id, content: $content, last_updated: $now, deleted: false
})
"""
RAW_RESOURCE_VERSION = Query(
    "raw_resource_version",
    _TEXT.strip(),
    frozenset({"key", "type", "id", "content", "digest", "now"}),
)


async def raw_resource_version(
    runner: CypherRunner, resource_type: str, resource_id: str, content: Mapping[str, Any]
) -> None:
    text = canonical(content)
    await runner.write(
        RAW_RESOURCE_VERSION,
        {
            "key": f"{resource_type}/{resource_id}",
            "type": resource_type,
            "id": resource_id,
            "content": text,
            "digest": digest({"content": text}),
            "now": now(),
        },
    )


# The same change as a graph edit of a member's closeness makes, as plainly as
# it can be written: the tie, the network's version and a new version of the
# CareTeam that says it (no guard, no lock, no projection).
_EDIT = """
MATCH (p:Person {id: $person_id})-[t:IN_NETWORK_OF]->(c:Client {id: $client_id})
SET t.closeness = $closeness, t.since = $since, c.version = c.version + 1
WITH c
MATCH (r:FhirResource {key: $key})
SET r.version_id = r.version_id + 1, r.content = $content, r.last_updated = $now
CREATE (r)-[:HAS_VERSION]->(:FhirVersion {
  key: $key, version_id: r.version_id, content: $content, last_updated: $now, deleted: false
})
"""
RAW_EDIT = Query(
    "raw_edit",
    _EDIT.strip(),
    frozenset({"person_id", "client_id", "closeness", "since", "key", "content", "now"}),
)


async def raw_edit(
    runner: CypherRunner,
    client_id: str,
    person_id: str,
    closeness: int,
    since: str,
    careteam: str,
    content: Mapping[str, Any],
) -> None:
    await runner.write(
        RAW_EDIT,
        {
            "person_id": person_id,
            "client_id": client_id,
            "closeness": closeness,
            "since": since,
            "key": careteam,
            "content": canonical(content),
            "now": now(),
        },
    )
