"""The identity of a stored resource: its type and its id."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any, NamedTuple, TypeGuard

_RESOURCE_TYPE = re.compile(r"[A-Z][A-Za-z]{1,63}")
_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")


def is_resource_type_name(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and _RESOURCE_TYPE.fullmatch(value) is not None


# FHIR's rule lets these through, but in a URL they mean "here" and "up"
_PATH_DOTS = frozenset({".", ".."})


def is_id(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and _ID.fullmatch(value) is not None and value not in _PATH_DOTS


class ResourceKey(NamedTuple):
    resource_type: str
    id: str

    @property
    def reference(self) -> str:
        """The relative reference, also what the graph keeps as ``fhirReference``."""
        return f"{self.resource_type}/{self.id}"


def key_of(resource: Mapping[str, Any]) -> ResourceKey | None:
    kind, ident = resource.get("resourceType"), resource.get("id")
    if is_resource_type_name(kind) and is_id(ident):
        return ResourceKey(kind, ident)
    return None


def contained_key(container: ResourceKey, resource_type: str, local_id: str) -> ResourceKey:
    """A server-wide key for a resource contained in another.

    ``<container id>.<local id>`` while that is a valid id, so that it reads well
    in the graph; otherwise a digest of both. The same contained resource gets
    the same key on every import.
    """
    joined = f"{container.id}.{local_id}"
    if is_id(joined):
        return ResourceKey(resource_type, joined)
    digest = hashlib.sha256(f"{container.reference}#{local_id}".encode()).hexdigest()
    return ResourceKey(resource_type, f"contained-{digest[:40]}")
