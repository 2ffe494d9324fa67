"""Unpacking a Bundle for import: the key each entry gets on this server and
its resource with request-local references rewritten.

A ``transaction`` is all or nothing, so every problem raises. In a ``batch``
each entry stands alone, so problems are handed back on the entry. Entries of
other Bundle types (collection, document, ...) are read like a batch.

A conditional update (``PUT Type?search``) follows FHIR R4
(http.html#cond-update): one match is updated (the body names no id or the
match's; another id is an issue), no match makes a new resource under the
body's id or one made up here, and never under an id that is taken. Several
matches, or no match and a taken id, are not issues of the input but
refusals, which HTTP answers otherwise (412, 409): they are handed back on
the entry as ``refusal``, in a transaction too (which is then not unpacked
further: the caller refuses it).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl

from .issues import FhirValidationError, Issue
from .jsontypes import JsonObject
from .keys import ResourceKey, is_id
from .references import SEARCH_PARAMETERS, Lookup, ReferenceContext
from .rewriting import rewrite_references

# Ids made up here come from this namespace, so the same content gets the same id.
ID_NAMESPACE = uuid.UUID("5b8f0d8e-0f57-4b4e-9c1e-6a3d2f1c9a10")
_URN_UUID = re.compile(r"urn:uuid:([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})", re.IGNORECASE)
_TYPE_ID = re.compile(r"(?:.*/)?(?P<type>[A-Z][A-Za-z]{1,63})/(?P<id>[A-Za-z0-9\-.]{1,64})")
_TYPE_QUERY = re.compile(r"(?P<type>[A-Z][A-Za-z]{1,63})\?(?P<query>\S+)")


@dataclass(frozen=True, slots=True)
class BundleEntry:
    index: int
    full_url: str | None
    method: str | None  # request.method; None outside transactions and batches
    url: str | None  # request.url
    key: ResourceKey | None  # the resource's key here (None for a search entry)
    resource: JsonObject | None  # references rewritten, ``id`` set to key.id
    existing: bool = False  # a conditional create matched a stored resource: write nothing
    if_match: str | None = None
    if_none_match: str | None = None  # request.ifNoneMatch
    issues: tuple[Issue, ...] = field(default=())
    # a conditional update refused: "multiple-matches" (HTTP 412) or "conflict" (409)
    refusal: Issue | None = None


def unpack_bundle(
    bundle: JsonObject, *, lookup: Lookup | None = None, base_urls: Sequence[str] = ()
) -> tuple[BundleEntry, ...]:
    """``bundle`` must have passed :func:`~fhir_mappings.parsing.parse_resource`."""
    strict = bundle.get("type") == "transaction"
    raw = [e for e in bundle.get("entry", ()) if isinstance(e, dict)]
    keyed = [_keyed(index, entry, lookup, base_urls) for index, entry in enumerate(raw)]
    issues = [issue for entry in keyed for issue in entry.issues]
    issues += _duplicates(keyed) if strict else []
    if strict and not issues and any(e.refusal for e in keyed):
        return tuple(keyed)  # refused whole: what its references name does not matter
    full_urls = {e.full_url: e.key for e in keyed if e.full_url and e.key and not e.issues}
    known = frozenset(e.key for e in keyed if e.key and e.method != "DELETE" and not e.issues)
    unpacked = []
    for entry in keyed:
        if entry.resource is None or entry.key is None or entry.issues:
            unpacked.append(entry)
            continue
        context = ReferenceContext(
            full_urls=full_urls,
            entry_full_url=entry.full_url,
            base_urls=base_urls,
            known=known,
            lookup=lookup,
        ).inside(entry.resource, entry.key)
        resource, problems = rewrite_references(
            entry.resource, context, strict=True, root=f"Bundle.entry[{entry.index}].resource"
        )
        resource["id"] = entry.key.id
        if strict:
            issues += problems
            problems = []
        unpacked.append(replace(entry, resource=resource, issues=tuple(problems)))
    if strict and issues:
        raise FhirValidationError(issues)
    return tuple(unpacked)


def _keyed(
    index: int, entry: JsonObject, lookup: Lookup | None, base_urls: Sequence[str] = ()
) -> BundleEntry:
    where = f"Bundle.entry[{index}]"
    full_url = entry.get("fullUrl") if isinstance(entry.get("fullUrl"), str) else None
    resource = entry.get("resource") if isinstance(entry.get("resource"), dict) else None
    request: JsonObject = entry["request"] if isinstance(entry.get("request"), dict) else {}
    method, url = request.get("method"), request.get("url")
    if_match, if_none_match = request.get("ifMatch"), request.get("ifNoneMatch")
    plain = BundleEntry(
        index, full_url, method, url, None, resource, if_match=if_match, if_none_match=if_none_match
    )
    kind = resource.get("resourceType") if resource else None
    if isinstance(url, str) and _elsewhere(url, base_urls):
        message = "names a resource on another server; a Bundle changes this server's only"
        return replace(plain, issues=(Issue(f"{where}.request.url", message, "not-supported"),))

    if method in ("GET", "HEAD", "DELETE"):
        found = _TYPE_ID.fullmatch(url or "")
        key = ResourceKey(found["type"], found["id"]) if found else None
        return replace(plain, key=key, resource=None)
    if resource is None or not isinstance(kind, str):
        return replace(plain, issues=(Issue(where, "has no resource to store", "required"),))
    if method in ("PUT", "PATCH") and isinstance(url, str):
        conditional = _TYPE_QUERY.fullmatch(url)
        if conditional:
            return _conditional_update(plain, kind, conditional["query"], where, lookup)
        found = _TYPE_ID.fullmatch(url)
        if not found or found["type"] != kind:
            message = f"must be {kind}/[id] for this entry's resource"
            return replace(plain, issues=(Issue(f"{where}.request.url", message, "value"),))
        if "id" in resource and resource["id"] != found["id"]:
            message = "the resource's id differs from the id in request.url"
            return replace(plain, issues=(Issue(f"{where}.resource.id", message, "value"),))
        return replace(plain, key=ResourceKey(kind, found["id"]))
    if method == "POST" and isinstance(request.get("ifNoneExist"), str):
        matched = _matched(
            plain, kind, request["ifNoneExist"], f"{where}.request.ifNoneExist", lookup
        )
        if matched.existing or matched.issues:
            return matched
    return replace(plain, key=ResourceKey(kind, _new_id(full_url, resource, method)))


def _elsewhere(url: str, base_urls: Sequence[str]) -> bool:
    """An absolute URL on a server other than this one (known by its bases)."""
    if "://" not in url or not base_urls:
        return False
    return not any(url.startswith(base.rstrip("/") + "/") for base in base_urls)


def _matched(
    entry: BundleEntry, kind: str, query: str, where: str, lookup: Lookup | None
) -> BundleEntry:
    """A conditional create: the one match (nothing to write), or a new resource."""
    found, problem = _search(kind, query, where, lookup)
    if problem is not None:
        return replace(entry, issues=(problem,))
    if len(found) > 1:
        message = f"more than one {kind} matches ({len(found)})"
        return replace(entry, issues=(Issue(where, message, "multiple-matches"),))
    if found:
        return replace(entry, key=found[0], existing=True)
    assert entry.resource is not None
    return replace(entry, key=ResourceKey(kind, _new_id(entry.full_url, entry.resource, "PUT")))


def _conditional_update(
    entry: BundleEntry, kind: str, query: str, where: str, lookup: Lookup | None
) -> BundleEntry:
    """``PUT kind?query``, as FHIR R4 says (http.html#cond-update): the one
    match updated, or a new resource under an id not taken; else refused."""
    url = f"{where}.request.url"
    found, problem = _search(kind, query, url, lookup)
    if problem is not None:
        return replace(entry, issues=(problem,))
    assert entry.resource is not None
    own = entry.resource.get("id")
    if len(found) > 1:
        message = f"more than one {kind} matches ({len(found)}): none is updated"
        return replace(entry, refusal=Issue(url, message, "multiple-matches"))
    if found:
        (match,) = found
        if own is not None and own != match.id:
            message = (
                f"is {own!r}, but the search in request.url matches {match.reference}: "
                "leave the id out or give the match's"
            )
            # a request the client must put right: HTTP 400, as FHIR says
            return replace(entry, issues=(Issue(f"{where}.resource.id", message, "structure"),))
        return replace(entry, key=match)
    key = ResourceKey(kind, _new_id(entry.full_url, entry.resource, "PUT"))
    if lookup is not None and lookup.exists(key):
        # where the id came from: the body, the fullUrl, else the content
        said = (
            f"{where}.resource.id"
            if own is not None
            else f"{where}.fullUrl"
            if entry.full_url
            else url
        )
        message = (
            "exists, and the search in request.url does not match it: "
            "a conditional update that matches nothing only creates"
        )
        return replace(entry, refusal=Issue(said, message, "conflict", resource=key.reference))
    return replace(entry, key=key)


def _search(
    kind: str, query: str, where: str, lookup: Lookup | None
) -> tuple[list[ResourceKey], Issue | None]:
    """The stored resources of ``kind`` a condition matches (at most two are
    told apart), or why it cannot be searched."""
    try:
        params = parse_qsl(query, keep_blank_values=True, strict_parsing=True, max_num_fields=10)
    except ValueError:
        return [], Issue(where, "the search cannot be read", "value")
    if not params or {name for name, _ in params} - SEARCH_PARAMETERS:
        return [], Issue(where, "may search only by identifier or _id", "not-supported")
    return (sorted(set(lookup.search(kind, params))) if lookup else []), None


def _new_id(full_url: str | None, resource: JsonObject, method: str | None) -> str:
    """The id of a resource new to this server: the sender's uuid when there is
    one, then the id it names, else one derived from the content; never random,
    so that sending the same Bundle again finds the same resources."""
    from_urn = _URN_UUID.fullmatch(full_url or "")
    from_url = _TYPE_ID.fullmatch(full_url or "") if full_url and "://" in full_url else None
    own = resource.get("id") if is_id(resource.get("id")) else None
    candidates = (
        [from_urn and from_urn[1].lower(), from_url and from_url["id"], own]
        if method == "POST"
        else [own, from_url and from_url["id"], from_urn and from_urn[1].lower()]
    )
    for candidate in candidates:
        if candidate:
            return candidate
    content = json.dumps(resource, sort_keys=True, ensure_ascii=True)
    return str(uuid.uuid5(ID_NAMESPACE, content))


def _duplicates(entries: list[BundleEntry]) -> list[Issue]:
    issues = []
    seen_urls: dict[str, int] = {}
    seen_keys: dict[ResourceKey, int] = {}
    for entry in entries:
        if entry.full_url:
            if entry.full_url in seen_urls:
                message = f"repeats the fullUrl of entry[{seen_urls[entry.full_url]}]"
                issues.append(Issue(f"Bundle.entry[{entry.index}].fullUrl", message, "conflict"))
            seen_urls.setdefault(entry.full_url, entry.index)
        if entry.key and entry.method not in ("GET", "HEAD"):
            if entry.key in seen_keys:
                message = f"names the same resource as entry[{seen_keys[entry.key]}]"
                issues.append(Issue(f"Bundle.entry[{entry.index}]", message, "conflict"))
            seen_keys.setdefault(entry.key, entry.index)
    return issues
