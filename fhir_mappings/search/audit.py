"""Reading the parameters of ``AuditEvent?patient=…``, a client's audit trail:
``patient`` (whose), ``_count`` (a page, newest first) and ``_offset`` (how
many newer records the page starts after, as its next link says). Anything
else is refused by name, as a search's unknown parameter is."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from ..issues import FhirValidationError, Issue
from .query import MAX_COUNT, page_size, safe_text

PARAMETERS = ("patient", "_count", "_offset")


@dataclass(frozen=True, slots=True)
class AuditQuery:
    patient: str
    count: int = MAX_COUNT
    offset: int = 0

    def page(self, total: int) -> range:
        """The records of the trail (newest first) this page shows."""
        return range(min(self.offset, total), min(self.offset + self.count, total))

    def as_query(self, offset: int) -> str:
        """The query string of the page starting at ``offset``."""
        return urlencode(
            [("patient", self.patient), ("_count", str(self.count)), ("_offset", str(offset))]
        )


def parse_audit_query(params: Iterable[tuple[str, str]]) -> AuditQuery:
    """Raises :class:`FhirValidationError` naming each parameter that is
    unknown, repeated or unreadable, or ``patient`` when it is missing."""
    issues: list[Issue] = []
    found: dict[str, str] = {}
    for name, value in params:
        where = f"AuditEvent?{safe_text(name)}"
        if name not in PARAMETERS:
            known = ", ".join(PARAMETERS)
            issues.append(Issue(where, f"is not a parameter of the audit trail ({known})"))
        elif name in found:
            issues.append(Issue(where, "is given more than once"))
        else:
            found[name] = value
    patient = found.get("patient", "").removeprefix("Patient/")
    if not patient and not any(i.expression == "AuditEvent?patient" for i in issues):
        issues.append(Issue("AuditEvent.patient", "say whose trail: ?patient=ID", "required"))
    count, offset = MAX_COUNT, 0
    if "_count" in found:
        try:
            count = page_size(found["_count"])
        except ValueError as error:
            issues.append(Issue("AuditEvent?_count", str(error)))
    if "_offset" in found:
        if re.fullmatch(r"[0-9]{1,9}", found["_offset"]):
            offset = int(found["_offset"])
        else:
            message = f"must be a whole number of at least 0, not {safe_text(found['_offset'])}"
            issues.append(Issue("AuditEvent?_offset", message))
    if issues:
        raise FhirValidationError(issues)
    return AuditQuery(patient, count, offset)
