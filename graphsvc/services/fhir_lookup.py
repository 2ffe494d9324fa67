"""The store behind the sync ``Lookup`` that reference resolution asks
(fhir_mappings.references): resolution runs once against a recorder to learn
which resources and searches it needs, those are fetched in two reads, and it
runs again against the answers."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from fhir_mappings import FhirValidationError, ResourceKey
from fhir_mappings.references import Lookup, SearchParams
from fhir_mappings.search import parse_search
from graphsvc.store.port import ResourceStore
from graphsvc.store.resource_store import StoredResource

from .access import CLIENT_RECORD_TYPES
from .fhir_read import Reach

PAGE = 50  # matches read at a time when some of them may be out of the sender's sight

T = TypeVar("T")
_Search = tuple[str, tuple[tuple[str, str], ...]]


class Recorder:
    """A lookup that answers no to everything and notes what it was asked."""

    def __init__(self) -> None:
        self.keys: set[ResourceKey] = set()
        self.searches: set[_Search] = set()

    def exists(self, key: ResourceKey) -> bool:
        self.keys.add(key)
        return False

    def search(self, resource_type: str, params: SearchParams) -> Sequence[ResourceKey]:
        self.searches.add((resource_type, tuple(params)))
        return []


class StoredLookup:
    """Answers from what was fetched; anything not fetched does not exist."""

    def __init__(self, existing: set[ResourceKey], found: dict[_Search, list[ResourceKey]]):
        self._existing = existing
        self._found = found

    def exists(self, key: ResourceKey) -> bool:
        return key in self._existing

    def search(self, resource_type: str, params: SearchParams) -> Sequence[ResourceKey]:
        return self._found.get((resource_type, tuple(params)), [])


async def lookup_for(
    store: ResourceStore,
    resolve: Callable[[Lookup], T],
    within: Callable[[], Awaitable[Reach]] | None = None,
) -> Lookup:
    """A lookup holding every stored resource and search result ``resolve``
    asks about. ``within``: what the sender's searches may find (None: all),
    asked only when it searches; a conditional search that found another
    team's client by her BSN would tell that she is in care, and where."""
    recorder = Recorder()
    # the real run says what is wrong, with the stored answers
    with contextlib.suppress(FhirValidationError):
        resolve(recorder)
    # whether they exist is all it asks: their fingerprints, not their content
    live = {d.key for d in await store.digests(k.reference for k in recorder.keys) if not d.deleted}
    existing = {k for k in recorder.keys if k.reference in live}
    found: dict[_Search, list[ResourceKey]] = {}
    reach = await within() if within is not None and recorder.searches else None
    for resource_type, params in sorted(recorder.searches):
        try:
            groups = parse_search(resource_type, list(params)).groups
        except FhirValidationError:
            continue  # resolution says why the search cannot be made
        found[(resource_type, params)] = [
            ResourceKey(h.type, h.id) for h in await _matches(store, resource_type, groups, reach)
        ]
    return StoredLookup(existing, found)


async def _matches(
    store: ResourceStore, resource_type: str, groups: Sequence[Sequence[str]], reach: Reach | None
) -> list[StoredResource]:
    """At most two matches, enough to tell none, one and several apart."""
    if reach is None:
        return await store.search(resource_type, groups=groups, limit=2)
    if resource_type in CLIENT_RECORD_TYPES and reach.clients is not None:
        hits = await store.search(resource_type, groups=groups, limit=2, client_ids=reach.clients)
        return [h for h in hits if reach.sees(h)]
    # the directory and other types: page on until two she may see, or the end
    seen: list[StoredResource] = []
    after: str | None = None
    while len(seen) < 2:
        hits = await store.search(resource_type, groups=groups, limit=PAGE, after_id=after)
        seen += [h for h in hits if reach.sees(h)]
        if len(hits) < PAGE:
            break
        after = hits[-1].id
    return seen[:2]
