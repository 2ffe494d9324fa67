"""Reading the parameters of ``Patient/[id]/$everything``: ``start`` and
``end``, the care dates FHIR R4's Patient-everything takes (dates,
``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``). The answer is the client's network
as it is now, whatever the period; a period that cannot be (one that ends
before it begins, a date that is not one) is still refused, so that a
sender who got one wrong hears of it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..issues import FhirValidationError, Issue
from .dates import Range, date_range
from .query import safe_text

PERIOD_PARAMETERS = ("start", "end")
_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


def check_everything_parameters(params: Iterable[tuple[str, str]]) -> None:
    """Raises :class:`FhirValidationError` naming ``start`` or ``end`` when
    either is not a date, is given more than once, or when the period ends
    before it begins. Other parameters are left to the caller."""
    issues: list[Issue] = []
    period: dict[str, tuple[str, Range]] = {}
    seen: set[str] = set()
    for name, value in params:
        if name not in PERIOD_PARAMETERS:
            continue
        where = f"$everything?{name}"
        if name in seen:
            issues.append(Issue(where, "is given more than once"))
            continue
        seen.add(name)
        found = date_range(value) if _DATE.fullmatch(value) else None
        if found is None:
            message = f"must be a date, YYYY, YYYY-MM or YYYY-MM-DD, not {safe_text(value)!r}"
            issues.append(Issue(where, message))
            continue
        period[name] = (value, found)
    if not issues and "start" in period and "end" in period:
        (start, (first, _)), (end, (_, last)) = period["start"], period["end"]
        if first > last:
            message = f"start {start} is after end {end}: the period ends before it begins"
            issues.append(Issue("$everything?start", message))
    if issues:
        raise FhirValidationError(issues)
