"""What the parts of a projection share while they work: the catalog, the
errors found so far, and the record of where each graph object came from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from graphsvc.domain import ValidationError

from ..issues import Issue
from ..jsontypes import JsonPath
from ..keys import ResourceKey
from .catalog import Catalog
from .result import GraphRef, Origin, ReferenceLink

T = TypeVar("T")


class Builder:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.errors: list[Issue] = []
        self.origins: dict[GraphRef, list[Origin]] = {}
        self.links: list[ReferenceLink] = []

    def came_from(self, ref: GraphRef, key: ResourceKey, element: JsonPath = ()) -> None:
        origin = self.catalog.origin(key, element)
        known = self.origins.setdefault(ref, [])
        if origin not in known:
            known.append(origin)

    def link(self, holder: ResourceKey, element: JsonPath, target: GraphRef) -> None:
        origin = self.catalog.origin(holder, element)
        self.links.append(ReferenceLink(origin.resource, origin.element, target))

    def build(
        self, key: ResourceKey, element: JsonPath, factory: Callable[..., T], *args: Any
    ) -> T | None:
        """``factory(*args)``, with a domain rule it breaks reported at the element."""
        try:
            return factory(*args)
        except ValidationError as error:
            self.error(key, element, error.message)
            return None

    def error(self, key: ResourceKey, element: JsonPath, message: str) -> None:
        origin = self.catalog.origin(key, element)
        self.errors.append(
            Issue(origin.path, message, "business-rule", resource=origin.resource.reference)
        )

    def note(self, key: ResourceKey, element: JsonPath, message: str) -> None:
        origin = self.catalog.origin(key, element)
        issue = Issue(origin.path, message, "informational", "warning", origin.resource.reference)
        self.catalog.notes.append(issue)
