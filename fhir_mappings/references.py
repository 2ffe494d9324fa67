"""Resolving a Reference to the key of the resource it names.

Pure: the caller says what it knows — the Bundle's fullUrls, the resource's
contained resources, this server's base URLs, and a :class:`Lookup` for
conditional (``Patient?identifier=system|value``) and logical (identifier-only)
references. The answer is a :class:`Resolved` key, or :class:`KeptAsIs` with the
reason; in a transaction (``strict``) anything but a reference to another server
that cannot be resolved is an error.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import parse_qsl

from .issues import FhirValidationError, Issue, IssueType
from .jsontypes import JsonObject
from .keys import ResourceKey, contained_key, is_id

_TYPE = r"[A-Z][A-Za-z]{1,63}"
_ID = r"[A-Za-z0-9\-.]{1,64}"
_RELATIVE = re.compile(rf"(?P<type>{_TYPE})/(?P<id>{_ID})(?:/_history/{_ID})?")
_ABSOLUTE = re.compile(
    rf"(?P<base>https?://\S+?)/(?P<type>{_TYPE})/(?P<id>{_ID})(?:/_history/{_ID})?"
)
_CONDITIONAL = re.compile(rf"(?P<type>{_TYPE})\?(?P<query>\S+)")
SearchParams = Sequence[tuple[str, str]]  # (name, value) pairs, all to match
SEARCH_PARAMETERS = frozenset({"identifier", "_id"})  # what a conditional reference may use


class Lookup(Protocol):
    """What the caller knows beyond the resource: usually the store."""

    def search(self, resource_type: str, params: SearchParams) -> Sequence[ResourceKey]:
        """Keys matching every (name, value) pair; names are in SEARCH_PARAMETERS."""
        ...

    def exists(self, key: ResourceKey) -> bool: ...


@dataclass(frozen=True, slots=True)
class Resolved:
    key: ResourceKey
    # Set when the target is contained in the referring resource; ``key`` is then
    # the server-wide key from keys.contained_key.
    container: ResourceKey | None = None
    local_id: str | None = None


@dataclass(frozen=True, slots=True)
class KeptAsIs:
    reference: str | None
    reason: str
    external: bool = False  # names a resource on another server: fine even in a transaction
    code: IssueType = "not-found"


Resolution = Resolved | KeptAsIs


@dataclass(frozen=True, slots=True)
class ReferenceContext:
    container: ResourceKey | None = None  # the resource holding the reference
    contained: Mapping[str, str] = field(default_factory=dict)  # local id -> resourceType
    full_urls: Mapping[str, ResourceKey] = field(default_factory=dict)  # a Bundle's fullUrls
    entry_full_url: str | None = None  # fullUrl of the Bundle entry holding the reference
    base_urls: Sequence[str] = ()  # this server's FHIR base URLs
    known: Collection[ResourceKey] = frozenset()  # keys that will exist (a Bundle's entries)
    lookup: Lookup | None = None

    def inside(self, resource: JsonObject, key: ResourceKey | None) -> ReferenceContext:
        """The same context for references made inside ``resource``."""
        local = {
            inner["id"]: inner["resourceType"]
            for inner in resource.get("contained", ())
            if isinstance(inner, dict)
            and isinstance(inner.get("id"), str)
            and isinstance(inner.get("resourceType"), str)
        }
        return ReferenceContext(
            key,
            local,
            self.full_urls,
            self.entry_full_url,
            self.base_urls,
            self.known,
            self.lookup,
        )


def resolve_reference(
    reference: object,
    context: ReferenceContext,
    *,
    strict: bool = False,
    expression: str = "Reference",
) -> Resolution:
    """Resolve one Reference (the JSON object). In ``strict`` mode an unresolvable
    local reference raises :class:`FhirValidationError` at ``expression``."""
    outcome = _resolve(reference, context)
    if strict and isinstance(outcome, KeptAsIs) and not outcome.external:
        raise FhirValidationError([Issue(expression, outcome.reason, outcome.code)])
    return outcome


def _resolve(reference: object, context: ReferenceContext) -> Resolution:
    if not isinstance(reference, dict):
        return KeptAsIs(None, "is not a Reference")
    text = reference.get("reference")
    if text is None:
        return _logical(reference, context)
    if not isinstance(text, str) or not text:
        return KeptAsIs(None, "reference must be a non-empty string")
    if text in context.full_urls:
        return Resolved(context.full_urls[text])
    if text.startswith("#"):
        return _contained(text, context)
    if text.startswith("urn:"):
        return KeptAsIs(text, f"{_shown(text)} is not the fullUrl of any entry in this Bundle")
    conditional = _CONDITIONAL.fullmatch(text)
    if conditional:
        return _conditional(text, conditional["type"], conditional["query"], context)
    absolute = _ABSOLUTE.fullmatch(text)
    if absolute:
        base = absolute["base"].rstrip("/")
        if base not in {b.rstrip("/") for b in context.base_urls}:
            return KeptAsIs(text, "names a resource on another server", external=True)
        return _local(ResourceKey(absolute["type"], absolute["id"]), text, context)
    relative = _RELATIVE.fullmatch(text)
    if relative:
        key = ResourceKey(relative["type"], relative["id"])
        via_entry = _against_entry_base(text, context)
        return via_entry or _local(key, text, context)
    message = f"{_shown(text)} is not a reference this server understands"
    return KeptAsIs(text, message, code="value")


def _contained(text: str, context: ReferenceContext) -> Resolution:
    if context.container is None:
        return KeptAsIs(text, "a '#' reference needs the resource it is made in")
    if text == "#":
        return Resolved(context.container)
    local = text[1:]
    kind = context.contained.get(local)
    if kind is None:
        return KeptAsIs(text, f"no contained resource has the id {_shown(local)}")
    return Resolved(contained_key(context.container, kind, local), context.container, local)


def _conditional(text: str, kind: str, query: str, context: ReferenceContext) -> Resolution:
    try:
        params = parse_qsl(query, keep_blank_values=True, strict_parsing=True, max_num_fields=10)
    except ValueError:
        return KeptAsIs(text, "the search in a conditional reference cannot be read", code="value")
    unsupported = sorted({name for name, _ in params} - SEARCH_PARAMETERS)
    if unsupported or not params:
        message = "a conditional reference may search only by identifier or _id"
        return KeptAsIs(text, message, code="not-supported")
    return _search(text, kind, params, context)


def _logical(reference: JsonObject, context: ReferenceContext) -> Resolution:
    identifier, kind = reference.get("identifier"), reference.get("type")
    if not isinstance(identifier, dict) or not isinstance(identifier.get("value"), str):
        return KeptAsIs(None, "has no reference and no identifier to resolve")
    if not isinstance(kind, str) or not _RELATIVE.fullmatch(f"{kind}/x"):
        return KeptAsIs(None, "a reference by identifier needs its type to be resolved")
    system = identifier.get("system")
    token = f"{system}|{identifier['value']}" if isinstance(system, str) else identifier["value"]
    return _search(None, kind, [("identifier", token)], context)


def _search(
    text: str | None, kind: str, params: SearchParams, context: ReferenceContext
) -> Resolution:
    if context.lookup is None:
        return KeptAsIs(text, "nothing to search for the resource it names")
    found = sorted(set(context.lookup.search(kind, params)))
    if len(found) > 1:
        return KeptAsIs(
            text, f"more than one {kind} matches ({len(found)})", code="multiple-matches"
        )
    if not found:
        return KeptAsIs(text, f"no {kind} matches")
    return Resolved(found[0])


def _against_entry_base(text: str, context: ReferenceContext) -> Resolution | None:
    """In a Bundle whose fullUrls are absolute, a relative reference is relative
    to the server of the entry it is made in."""
    entry = _ABSOLUTE.fullmatch(context.entry_full_url or "")
    if entry is None:
        return None
    absolute = f"{entry['base'].rstrip('/')}/{text.split('/_history/')[0]}"
    key = context.full_urls.get(absolute)
    return Resolved(key) if key else None


def _local(key: ResourceKey, text: str, context: ReferenceContext) -> Resolution:
    if not is_id(key.id):
        return KeptAsIs(text, "has an invalid id")
    if key in context.known or key in context.full_urls.values():
        return Resolved(key)
    if context.lookup is not None and context.lookup.exists(key):
        return Resolved(key)
    if context.lookup is None and not context.known and not context.full_urls:
        return Resolved(key)  # nothing to check against: taken at its word
    return KeptAsIs(text, f"{key.reference} does not exist")


def _shown(value: str) -> str:
    return repr(value[:60] + ("..." if len(value) > 60 else ""))
