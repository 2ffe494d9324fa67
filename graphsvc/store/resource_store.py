"""FHIR resources as received, with every version kept: the store behind
read, vread, _history and the lossless round trip.

A resource's content is canonical JSON text without ``id`` and ``meta``
(those the service owns), kept compressed (see bodies); its identity is
``Type/id``. Search works on ``tokens``, strings the FHIR layer derives from
a resource (for example ``status|active`` or ``patient|Patient/client-1``;
see fhir_mappings.search), and on a date range: never on the body.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from graphsvc.domain import NotFound

from . import bodies
from .catalog import query
from .runner import CypherRunner, Row


@dataclass(frozen=True, slots=True)
class StoredResource:
    type: str
    id: str
    version_id: int
    last_updated: str
    content: dict[str, Any]
    deleted: bool
    client_id: str | None = None

    @property
    def key(self) -> str:
        return f"{self.type}/{self.id}"


@dataclass(frozen=True, slots=True)
class ResourceDigest:
    """The fingerprint of a resource's current version (its canonical
    content and its compartment, as :class:`~.fhir_commit.ResourceWrite`
    gives it), without the content."""

    key: str
    version_id: int
    digest: str | None
    deleted: bool
    last_updated: str
    client_id: str | None


# The parts of meta the service writes itself; the rest (profile, tag,
# security, source) is the sender's and is kept.
SERVICE_META = frozenset({"versionId", "lastUpdated"})


def senders_meta(content: Mapping[str, Any]) -> dict[str, Any]:
    meta = content.get("meta")
    return (
        {k: v for k, v in meta.items() if k not in SERVICE_META} if isinstance(meta, dict) else {}
    )


def canonical(content: Mapping[str, Any]) -> str:
    body = {k: v for k, v in content.items() if k not in {"id", "meta"}}
    meta = senders_meta(content)
    if meta:
        body["meta"] = meta
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class CypherResourceStore:
    def __init__(self, runner: CypherRunner) -> None:
        self._runner = runner

    async def get(
        self, resource_type: str, resource_id: str, *, include_deleted: bool = False
    ) -> StoredResource | None:
        rows = await self._runner.read(
            query("fhir_resource_get"), {"key": f"{resource_type}/{resource_id}"}
        )
        if not rows or rows[0]["resource"].get("content") is None:
            return None
        stored = _resource(rows[0]["resource"])
        return None if stored.deleted and not include_deleted else stored

    async def get_many(
        self, keys: Iterable[str], *, include_deleted: bool = False
    ) -> list[StoredResource]:
        wanted = sorted(set(keys))
        if not wanted:
            return []
        rows = await self._runner.read(
            query("fhir_resource_get_many"), {"keys": wanted, "include_deleted": include_deleted}
        )
        return [_resource(r["resource"]) for r in rows]

    async def digests(self, keys: Iterable[str]) -> list[ResourceDigest]:
        wanted = sorted(set(keys))
        if not wanted:
            return []
        rows = await self._runner.read(query("fhir_resource_digests"), {"keys": wanted})
        return [
            ResourceDigest(
                key=r["key"],
                version_id=int(r["version_id"]),
                digest=r["digest"],
                deleted=bool(r["deleted"]),
                last_updated=r["last_updated"],
                client_id=r["client_id"],
            )
            for r in rows
        ]

    async def compartments(self, client_ids: Iterable[str]) -> list[StoredResource]:
        wanted = sorted(set(client_ids))
        if not wanted:
            return []
        rows = await self._runner.read(query("fhir_resource_compartments"), {"client_ids": wanted})
        return [_resource(r["resource"]) for r in rows]

    async def coded_in_compartments(
        self, client_ids: Iterable[str], resource_type: str, tokens: Sequence[str]
    ) -> list[StoredResource]:
        wanted = sorted(set(client_ids))
        if not wanted or not tokens:
            return []
        rows = await self._runner.read(
            query("fhir_resource_coded_in_compartments"),
            {"client_ids": wanted, "key_prefix": f"{resource_type}/", "tokens": list(tokens)},
        )
        return [_resource(r["resource"]) for r in rows]

    async def vread(self, resource_type: str, resource_id: str, version_id: int) -> StoredResource:
        key = f"{resource_type}/{resource_id}"
        rows = await self._runner.read(
            query("fhir_resource_vread"), {"key": key, "version_id": version_id}
        )
        if not rows:
            raise NotFound("version", f"{key}/_history/{version_id}")
        return _version(resource_type, resource_id, rows[0]["version"])

    async def history(
        self, resource_type: str, resource_id: str, limit: int = 100
    ) -> list[StoredResource]:
        rows = await self._runner.read(
            query("fhir_resource_history"),
            {"key": f"{resource_type}/{resource_id}", "limit": limit},
        )
        return [_version(resource_type, resource_id, r["version"]) for r in rows]

    async def versions_until(
        self, until: str, *, client_ids: Iterable[str] = (), keys: Iterable[str] = ()
    ) -> list[StoredResource]:
        """Every version written at or before ``until`` (an instant as stored,
        ``YYYY-MM-DDTHH:MM:SS.mmmZ``) of the resources in these clients'
        compartments and of those named by key (``Type/id``), deletions
        included; by key, oldest first. ``client_id`` is the resource's
        compartment as it is now."""
        wanted_clients, wanted_keys = sorted(set(client_ids)), sorted(set(keys))
        if not wanted_clients and not wanted_keys:
            return []
        rows = await self._runner.read(
            query("fhir_versions_until"),
            {"client_ids": wanted_clients, "keys": wanted_keys, "until": until},
        )
        return [
            replace(_version(r["type"], r["id"], r["version"]), client_id=r["client_id"])
            for r in rows
        ]

    async def data_version(self) -> str:
        (row,) = await self._runner.read(query("data_version"), {})
        return f"{row['since']}:{row['n']}"

    async def search(
        self,
        resource_type: str,
        *,
        tokens: Sequence[str] = (),
        groups: Sequence[Sequence[str]] = (),
        date_from: str | None = None,
        date_to: str | None = None,
        client_ids: Iterable[str] | None = None,
        after_id: str | None = None,
        limit: int = 50,
        updated_from: str | None = None,
        updated_to: str | None = None,
    ) -> list[StoredResource]:
        """``tokens`` must all match; of each of ``groups`` any one must.
        ``updated_from``/``updated_to``: instants (``YYYY-MM-DDTHH:MM:SSZ``)."""
        rows = await self._runner.read(
            query("fhir_resource_search"),
            {
                "type": resource_type,
                "groups": [[t] for t in tokens] + [list(g) for g in groups],
                "date_from": date_from,
                "date_to": date_to,
                "updated_from": None if updated_from is None else updated_from[:19],
                "updated_to": None if updated_to is None else updated_to[:19],
                "client_ids": None if client_ids is None else sorted(client_ids),
                "after_id": after_id,
                "limit": limit,
            },
        )
        return [_resource(r["resource"]) for r in rows]


def _resource(props: Row) -> StoredResource:
    return _version(props["type"], props["id"], props)


def _version(resource_type: str, resource_id: str, props: Row) -> StoredResource:
    return StoredResource(
        type=resource_type,
        id=resource_id,
        version_id=int(props["version_id"]),
        last_updated=props["last_updated"],
        content=json.loads(bodies.decode(props["content"])),
        deleted=bool(props["deleted"]),
        client_id=props.get("client_id"),
    )
