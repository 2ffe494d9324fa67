"""Invariants of the R4 base specification that the models do not check and
that a resource written here must keep, lest the service hand out what HL7's
own validator calls invalid. Each: the element, and what is wrong."""

from __future__ import annotations

from .elements import items, text
from .expressions import expression
from .issues import Issue
from .jsontypes import JsonObject


def invariant_issues(resource: JsonObject, root: str) -> list[Issue]:
    kind = resource.get("resourceType")
    issues = []
    if (
        kind == "Organization"
        and not text(resource.get("name"))
        and not items(resource.get("identifier"))
    ):
        message = "an organisation needs a name or an identifier (org-1)"
        issues.append(Issue(expression(root, ()) or "Organization", message, "invariant"))
    return issues
