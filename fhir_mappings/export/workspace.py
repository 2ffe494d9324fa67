"""The resources of one export while the graph is laid over them: copied on
first edit, so what the graph leaves alone is returned exactly as stored."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping

from ..jsontypes import JsonObject
from ..keys import ResourceKey
from ..rewriting import references_in


class Workspace:
    def __init__(self, originals: Mapping[ResourceKey, JsonObject]) -> None:
        self._originals = originals
        self._current: dict[ResourceKey, JsonObject] = dict(originals)
        self.changed: set[ResourceKey] = set()
        self.generated: set[ResourceKey] = set()
        self.removed: set[ResourceKey] = set()

    def __contains__(self, key: object) -> bool:
        return key in self._current

    def read(self, key: ResourceKey) -> JsonObject:
        return self._current[key]

    def original(self, key: ResourceKey) -> JsonObject:
        """The resource as stored, before any edit."""
        return self._originals[key]

    def edit(self, key: ResourceKey) -> JsonObject:
        """The resource to change in place; the stored original is never touched."""
        if key not in self.changed and key not in self.generated:
            self._current[key] = copy.deepcopy(self._originals[key])
            self.changed.add(key)
        return self._current[key]

    def add(self, key: ResourceKey, resource: JsonObject) -> None:
        self._current[key] = resource
        self.generated.add(key)
        self.removed.discard(key)

    def remove(self, key: ResourceKey) -> None:
        self._current.pop(key, None)
        self.changed.discard(key)
        if key in self.generated:
            self.generated.discard(key)
        else:
            self.removed.add(key)

    def drop_unchanged(self) -> None:
        """Edits that ended where they began are no edits: the original stays,
        so that nothing gets a new version without a new content."""
        for key in [k for k in self.changed if self._current[k] == self._originals[k]]:
            self._current[key] = self._originals[key]
            self.changed.discard(key)

    def items(self) -> Iterator[tuple[ResourceKey, JsonObject]]:
        yield from sorted(self._current.items())

    def snapshot(self) -> dict[ResourceKey, JsonObject]:
        return dict(self._current)

    def promote(self, container: ResourceKey, local_id: str, key: ResourceKey) -> None:
        """Move a contained resource out to stand alone as ``key``, so that other
        resources can refer to it; its container then refers to it by key."""
        holder = self.edit(container)
        inner = next(
            c
            for c in holder.get("contained", ())
            if isinstance(c, dict) and c.get("id") == local_id
        )
        holder["contained"] = [c for c in holder["contained"] if c is not inner]
        if not holder["contained"]:
            del holder["contained"]
        for _, reference in references_in(holder):
            if reference.get("reference") == f"#{local_id}":
                reference["reference"] = key.reference
        standalone = copy.deepcopy(inner)
        standalone["id"] = key.id
        for _, reference in references_in(standalone):
            if reference.get("reference") == "#":
                reference["reference"] = container.reference
        self.add(key, standalone)

    def prune_contained(self) -> bool:
        """Drop contained resources nothing refers to any more (FHIR's dom-3);
        True when there were any."""
        pruned = False
        for key in sorted(self.changed | self.generated):
            resource = self._current[key]
            contained = resource.get("contained")
            if not isinstance(contained, list):
                continue
            referred = {r["reference"] for _, r in references_in(resource)}
            kept = [
                c
                for c in contained
                if f"#{c.get('id')}" in referred
                or any(r.get("reference") == "#" for _, r in references_in(c))
            ]
            if len(kept) != len(contained):
                pruned = True
                if kept:
                    resource["contained"] = kept
                else:
                    del resource["contained"]
        return pruned
