"""The networks this service instance read or wrote last, with the stored
resources their FHIR export is laid over: a hint that saves the reads of a
change, never the truth.

An entry is used for the version the caller has just read from the
database (its access check reads it), or, for an edit, as the network was
last written here without reading its version (``latest``): then only a
commit confirms the plan. Every commit planned from an entry is guarded by
its version and by the versions of the resources it writes; a refused commit
forgets the entry. Nothing here is needed for a correct answer, only for a
fast one.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fhir_mappings import JsonObject, ResourceKey
from graphsvc.domain import Onion
from graphsvc.store.fhir_commit import ResourceWrite
from graphsvc.store.resource_store import StoredResource

from .fhir_view import as_json

SIZE = 512  # networks kept per instance


@dataclass(frozen=True, slots=True)
class NetworkRead:
    """A network at one version and the resources that stand for it."""

    onion: Onion
    # her compartment and the resources of everyone in her network, with versions
    own: Mapping[ResourceKey, StoredResource]
    # ``own`` and what it refers to, as the export reads them
    view: Mapping[ResourceKey, JsonObject]

    def covers(self, onion: Onion) -> bool:
        """Whether the resources read hold everyone ``onion`` names (a person
        or organisation linked since needs a read of her own)."""
        people = {m.person.id for m in self.onion.members}
        orgs = {o for m in self.onion.members for o in m.organization_ids}
        return all(m.person.id in people and set(m.organization_ids) <= orgs for m in onion.members)

    def after(self, onion: Onion, writes: Iterable[ResourceWrite], at: str) -> NetworkRead:
        """This read as it is once ``onion`` and ``writes`` are committed."""
        own = dict(self.own)
        view = dict(self.view)
        for w in writes:
            key = ResourceKey(w.type, w.id)
            if w.deleted:
                own.pop(key, None)
                view.pop(key, None)
                continue
            stored = StoredResource(
                w.type, w.id, w.version_id, at, json.loads(w.content), False, w.client_id
            )
            own[key] = stored
            view[key] = as_json(stored)
        return NetworkRead(onion, own, view)


class RecentNetworks:
    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._reads: OrderedDict[str, NetworkRead] = OrderedDict()

    def get(self, client_id: str, version: int | None) -> NetworkRead | None:
        read = self._reads.get(client_id)
        if read is None or version is None or read.onion.version != version:
            return None
        self._reads.move_to_end(client_id)
        return read

    def latest(self, client_id: str) -> NetworkRead | None:
        """The network as last read or written here, whatever its version now."""
        read = self._reads.get(client_id)
        if read is not None:
            self._reads.move_to_end(client_id)
        return read

    def put(self, read: NetworkRead) -> None:
        self._reads[read.onion.client.id] = read
        self._reads.move_to_end(read.onion.client.id)
        while len(self._reads) > self._size:
            self._reads.popitem(last=False)

    def forget(self, client_id: str) -> None:
        self._reads.pop(client_id, None)
