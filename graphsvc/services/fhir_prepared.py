"""What of a Bundle's unpacking can be done away from the writer (in a
worker process, beside validation), and how the writer tells that it holds.

Unpacking (keys, reference rewriting) is pure but for one question to the
database: whether the resources the references name exist. It is done here
as if every one of them did, and the writer, which reads their fingerprints
anyway (in the same read as the digests of the Bundle's own resources),
takes the result only when they all do: the same answers give the same
result. A Bundle that searches (conditional references or requests) is left
to the writer. Beside it, the digest of every resource as it would be
stored, so that telling an unchanged resource costs the writer a comparison
of two strings.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from fhir_mappings import BundleEntry, FhirValidationError, JsonObject, ResourceKey, unpack_bundle
from fhir_mappings.references import SearchParams
from graphsvc.store.fhir_commit import ResourceWrite
from graphsvc.store.resource_store import ResourceDigest

from .network_write import resource_version


@dataclass(frozen=True, slots=True)
class PreparedBundle:
    """A Bundle unpacked as if every resource in ``asked`` exists."""

    asked: frozenset[ResourceKey]
    entries: tuple[BundleEntry, ...]
    # by entry position: the digest its resource would be stored with (None: no resource)
    digests: tuple[str | None, ...]
    # the clients in whose compartments its resources will be
    compartments: frozenset[str] = frozenset()

    def keys(self) -> set[str]:
        """What the writer reads fingerprints of: the resources the references
        name and the Bundle's own."""
        own = {e.key.reference for e in self.entries if e.key is not None}
        return own | {k.reference for k in self.asked}

    def holds_for(self, live: Collection[str]) -> bool:
        """Whether unpacking against the database, where ``live`` (keys) are
        the resources there, would give these entries."""
        return all(k.reference in live for k in self.asked)

    def incoming(self) -> dict[ResourceKey, str]:
        """The digest of each resource by key, for keys only one entry names."""
        seen: dict[ResourceKey, str | None] = {}
        for entry, digest in zip(self.entries, self.digests, strict=True):
            if entry.key is not None:
                seen[entry.key] = None if entry.key in seen else digest
        return {k: d for k, d in seen.items() if d is not None}


@dataclass(frozen=True, slots=True)
class Fingerprints:
    """What the writer read for one Bundle, and the digests it brought."""

    stored: Mapping[str, ResourceDigest]  # by key, as read
    incoming: Mapping[ResourceKey, str] = field(default_factory=dict)


class _Assuming:
    """A lookup that says every resource it is asked about exists, and notes
    which (each reference asks about the one it names, whatever the answers
    to the others: so the same are asked against the database)."""

    def __init__(self) -> None:
        self.keys: set[ResourceKey] = set()
        self.searched = False

    def exists(self, key: ResourceKey) -> bool:
        self.keys.add(key)
        return True

    def search(self, resource_type: str, params: SearchParams) -> Sequence[ResourceKey]:
        self.searched = True
        return []


def prepare_bundle(bundle: JsonObject, base_urls: Sequence[str] = ()) -> PreparedBundle | None:
    """``bundle`` (valid: a transaction, or the valid entries of a batch)
    unpacked as if what its references name exists; None when that cannot
    be told without the database (it searches) or unpacking refuses it (the
    writer says why)."""
    assuming = _Assuming()
    try:
        entries = unpack_bundle(bundle, lookup=assuming, base_urls=base_urls)
    except FhirValidationError:
        return None
    if assuming.searched:
        return None
    versions = [stored_version(e, base_urls) for e in entries]
    return PreparedBundle(
        frozenset(assuming.keys),
        entries,
        tuple(v.digest if v else None for v in versions),
        frozenset(v.client_id for v in versions if v and v.client_id is not None),
    )


def stored_version(entry: BundleEntry, base_urls: Sequence[str] = ()) -> ResourceWrite | None:
    """An entry's resource as the write path would store it (its digest and
    compartment are what matter here); None without one."""
    if entry.resource is None or entry.key is None or entry.existing:
        return None
    key = entry.key
    body = {**entry.resource, "resourceType": key.resource_type, "id": key.id}
    return resource_version(key, 0, body, base_urls)
