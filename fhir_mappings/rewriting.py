"""On import, references that only mean something inside the request — a
Bundle's ``urn:uuid:`` and fullUrls, conditional references — are rewritten to
the keys the resources get on this server, as FHIR's transaction rules ask.
Every other reference is left exactly as it was sent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .expressions import expression
from .issues import Issue
from .jsontypes import JsonObject, JsonPath
from .references import KeptAsIs, ReferenceContext, Resolved, resolve_reference


def rewrite_references(
    resource: JsonObject, context: ReferenceContext, *, strict: bool, root: str | None = None
) -> tuple[JsonObject, list[Issue]]:
    """A copy of ``resource`` with request-local references rewritten, and the
    references that could not be resolved (all of them errors when ``strict``)."""
    root = root if root is not None else str(resource.get("resourceType", ""))
    rewritten = _copied(resource)
    issues: list[Issue] = []
    for path, reference in list(references_in(rewritten)):
        text = reference["reference"]
        outcome = resolve_reference(reference, context)
        if isinstance(outcome, KeptAsIs):
            if strict and not outcome.external:
                where = expression(root, (*path, "reference"))
                issues.append(Issue(where, outcome.reason, outcome.code))
            continue
        if _request_local(text, outcome, context):
            reference["reference"] = outcome.key.reference
    return rewritten, issues


def _copied(value: Any) -> Any:
    """A deep copy of JSON (dicts, lists and values that do not change),
    several times quicker than ``copy.deepcopy``."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


def references_in(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, JsonObject]]:
    """Every Reference with a ``reference`` string, with its JSON path.

    In FHIR JSON only a Reference has a string element named ``reference``.
    """
    stack: list[tuple[Any, JsonPath]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("reference"), str) and where:
                yield where, item
            stack.extend((child, (*where, key)) for key, child in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((child, (*where, i)) for i, child in reversed(list(enumerate(item))))


def _request_local(text: str, outcome: Resolved, context: ReferenceContext) -> bool:
    if outcome.container is not None or text.startswith("#"):
        return False
    if text.startswith("urn:") or "?" in text or text in context.full_urls:
        return text != outcome.key.reference
    bare = text.split("/_history/")[0]
    # A relative reference read against an entry's absolute fullUrl may name
    # a resource that got another id here.
    return "://" not in text and bare != outcome.key.reference
