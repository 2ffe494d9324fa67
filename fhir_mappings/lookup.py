"""A :class:`~fhir_mappings.references.Lookup` over resources held in memory:
a Bundle's entries, a test corpus, or a projection's own input."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .jsontypes import JsonObject
from .keys import ResourceKey
from .references import Lookup, SearchParams


class ResourceIndex:
    def __init__(self, resources: Mapping[ResourceKey, JsonObject]) -> None:
        self._keys = frozenset(resources)
        self._identifiers: dict[str, list[tuple[str | None, str, ResourceKey]]] = {}
        for key, resource in resources.items():
            for system, value in _identifiers(resource):
                self._identifiers.setdefault(key.resource_type, []).append((system, value, key))

    def exists(self, key: ResourceKey) -> bool:
        return key in self._keys

    def search(self, resource_type: str, params: SearchParams) -> Sequence[ResourceKey]:
        matches: set[ResourceKey] | None = None
        for name, value in params:
            if name == "_id":
                found = {k for k in self._keys if k == ResourceKey(resource_type, value)}
            elif name == "identifier":
                found = self._by_identifier(resource_type, value)
            else:
                found = set()
            matches = found if matches is None else matches & found
        return sorted(matches or ())

    def _by_identifier(self, resource_type: str, token: str) -> set[ResourceKey]:
        system, bar, value = token.partition("|")
        found = set()
        for known_system, known_value, key in self._identifiers.get(resource_type, ()):
            if not bar:
                hit = known_value == token
            elif not system:
                hit = known_system is None and known_value == value
            elif not value:
                hit = known_system == system
            else:
                hit = known_system == system and known_value == value
            if hit:
                found.add(key)
        return found


class ChainedLookup:
    """Ask each lookup in turn; the first that finds something answers."""

    def __init__(self, *lookups: Lookup) -> None:
        self._lookups = lookups

    def exists(self, key: ResourceKey) -> bool:
        return any(lookup.exists(key) for lookup in self._lookups)

    def search(self, resource_type: str, params: SearchParams) -> Sequence[ResourceKey]:
        for lookup in self._lookups:
            found = lookup.search(resource_type, params)
            if found:
                return found
        return []


def _identifiers(resource: JsonObject) -> Iterable[tuple[str | None, str]]:
    identifiers = resource.get("identifier")
    if isinstance(identifiers, dict):
        identifiers = [identifiers]
    for identifier in identifiers if isinstance(identifiers, list) else ():
        if isinstance(identifier, dict) and isinstance(identifier.get("value"), str):
            system = identifier.get("system")
            yield (system if isinstance(system, str) else None), identifier["value"]
