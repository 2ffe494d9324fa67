"""The resources of one projection, contained ones included, and resolving
the references between them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ..issues import FhirValidationError, Issue
from ..jsontypes import JsonObject, JsonPath
from ..keys import ResourceKey, contained_key
from ..lookup import ResourceIndex
from ..references import ReferenceContext, Resolved, resolve_reference
from ..search import compartment_client
from .result import Origin


class Catalog:
    def __init__(self, resources: Mapping[ResourceKey, JsonObject], base_urls: Sequence[str]):
        self.top = dict(sorted(resources.items()))
        self.resources: dict[ResourceKey, JsonObject] = {}
        # key -> (top-level resource, path to it inside that, contained local id)
        self._placement: dict[ResourceKey, tuple[ResourceKey, JsonPath, str | None]] = {}
        self._contexts: dict[ResourceKey, ReferenceContext] = {}
        self.notes: list[Issue] = []
        self._base_urls = tuple(base_urls)
        self._compartments: dict[ResourceKey, str | None] = {}
        issues = []
        base = ReferenceContext(
            base_urls=tuple(base_urls), known=frozenset(self.top), lookup=ResourceIndex(self.top)
        )
        for key, resource in self.top.items():
            if resource.get("resourceType") != key.resource_type:
                message = f"is stored as {key.reference} but is a {resource.get('resourceType')}"
                issues.append(Issue(key.resource_type, message, "conflict"))
                continue
            self._add(key, resource, (key, (), None))
            self._contexts[key] = base.inside(resource, key)
            for index, inner in enumerate(resource.get("contained", ())):
                if isinstance(inner, dict) and isinstance(inner.get("id"), str):
                    inner_key = contained_key(key, str(inner.get("resourceType")), inner["id"])
                    self._add(inner_key, inner, (key, ("contained", index), inner["id"]))
        if issues:
            raise FhirValidationError(issues)

    def _add(
        self,
        key: ResourceKey,
        resource: JsonObject,
        placement: tuple[ResourceKey, JsonPath, str | None],
    ) -> None:
        self.resources[key] = resource
        self._placement[key] = placement

    def of_type(self, *types: str) -> Iterator[tuple[ResourceKey, JsonObject]]:
        for key, resource in self.resources.items():
            if key.resource_type in types:
                yield key, resource

    def container(self, key: ResourceKey) -> ResourceKey:
        """The top-level resource ``key`` is, or is contained in."""
        return self._placement[key][0]

    def compartment(self, key: ResourceKey) -> str | None:
        """The id of the client whose compartment holds ``key``; None for the
        directory, which every network shares."""
        if key not in self._compartments:
            resource = {**self.resources[key], "resourceType": key.resource_type, "id": key.id}
            self._compartments[key] = compartment_client(resource, base_urls=self._base_urls)
        return self._compartments[key]

    def origin(self, key: ResourceKey, element: JsonPath = ()) -> Origin:
        top, prefix, local = self._placement[key]
        return Origin(top, (*prefix, *element), local if not element else None)

    def path(self, key: ResourceKey, element: JsonPath = ()) -> str:
        return self.origin(key, element).path

    def resolve(
        self, holder: ResourceKey, element: JsonPath, *, note: bool = True
    ) -> ResourceKey | None:
        """The key of the resource the Reference at ``element`` of ``holder``
        names, when that resource is part of this projection."""
        reference = _at(self.resources[holder], element)
        if reference is None:
            return None
        top = self._placement[holder][0]
        outcome = resolve_reference(reference, self._contexts[top])
        if isinstance(outcome, Resolved) and outcome.key in self.resources:
            return outcome.key
        if note:
            reason = outcome.reason if not isinstance(outcome, Resolved) else "is not included"
            origin = self.origin(holder, element)
            self.notes.append(
                Issue(origin.path, reason, "not-found", "warning", origin.resource.reference)
            )
        return None

    def named(self, holder: ResourceKey, element: JsonPath) -> ResourceKey | None:
        """The key the Reference at ``element`` of ``holder`` names, whether
        or not that resource is part of this projection."""
        reference = _at(self.resources[holder], element)
        if reference is None:
            return None
        outcome = resolve_reference(reference, self._contexts[self._placement[holder][0]])
        return outcome.key if isinstance(outcome, Resolved) else None

    def resolve_all(
        self, holder: ResourceKey, element: JsonPath
    ) -> Iterator[tuple[int, ResourceKey]]:
        """Each Reference of the list at ``element`` that resolves, with its index."""
        listed = _at(self.resources[holder], element)
        for index in range(len(listed) if isinstance(listed, list) else 0):
            key = self.resolve(holder, (*element, index))
            if key is not None:
                yield index, key


def _at(value: object, path: JsonPath) -> object:
    for step in path:
        if isinstance(step, int) and isinstance(value, list) and 0 <= step < len(value):
            value = value[step]
        elif isinstance(step, str) and isinstance(value, dict):
            value = value.get(step)
        else:
            return None
    return value
