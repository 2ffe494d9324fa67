"""FHIR dates, dateTimes and instants as ranges of UTC seconds, written as
``YYYY-MM-DDTHH:MM:SSZ`` so that comparing the strings compares the instants."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

EARLIEST = "0001-01-01T00:00:00Z"  # the start of a Period that has only an end
LATEST = "9999-12-31T23:59:59Z"  # the end of a Period that has only a start

_DATE = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2})"
    r"(?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?:\.[0-9]{1,9})?)?"
    r"(?P<zone>Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?"
)
_MAX_OFFSET = timedelta(hours=14)

Range = tuple[datetime, datetime]


def date_range(text: str) -> Range | None:
    """The first and last second (naive, UTC) that ``text`` can mean, or None
    when it is not a date.

    Accepts ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` and ``YYYY-MM-DDThh:mm[:ss[.f]]``
    with an optional ``Z`` or ``+hh:mm`` offset. A date, and a time without an
    offset, are taken as UTC. Fractions of a second are dropped.
    """
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    year, month, day = match["year"], match["month"], match["day"]
    try:
        if month is None:
            return datetime(int(year), 1, 1), datetime(int(year), 12, 31, 23, 59, 59)
        if day is None:
            last = calendar.monthrange(int(year), int(month))[1]
            start = datetime(int(year), int(month), 1)
            return start, start.replace(day=last, hour=23, minute=59, second=59)
        start = datetime(int(year), int(month), int(day))
        if match["hour"] is None:
            return start, start.replace(hour=23, minute=59, second=59)
        second = match["second"]
        start = start.replace(
            hour=int(match["hour"]), minute=int(match["minute"]), second=int(second or 0)
        )
        end = start if second is not None else start.replace(second=59)
        offset = _offset(match["zone"])
        if offset is None:
            return None
        return start - offset, end - offset
    except (ValueError, OverflowError):
        return None


def instant(moment: datetime) -> str:
    """``moment`` (naive UTC) as ``YYYY-MM-DDTHH:MM:SSZ``, the year zero-padded."""
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )


def effective_range(resource: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """An Observation's ``effective[x]`` as (earliest, latest) instants.

    ``effectiveDateTime`` and ``effectiveInstant`` give their own range; an
    ``effectivePeriod`` runs from the start of its start to the end of its end,
    open ends being :data:`EARLIEST` and :data:`LATEST`. Anything else, or a
    value that is not a date, gives ``(None, None)``.
    """
    for element in ("effectiveDateTime", "effectiveInstant"):
        value = resource.get(element)
        if isinstance(value, str):
            found = date_range(value)
            return (instant(found[0]), instant(found[1])) if found else (None, None)
    period = resource.get("effectivePeriod")
    if not isinstance(period, dict):
        return None, None
    start, end = period.get("start"), period.get("end")
    first = date_range(start) if isinstance(start, str) else None
    last = date_range(end) if isinstance(end, str) else None
    if first is None and last is None:
        return None, None
    return (
        instant(first[0]) if first else EARLIEST,
        instant(last[1]) if last else LATEST,
    )


def _offset(zone: str | None) -> timedelta | None:
    if zone is None or zone == "Z":
        return timedelta(0)
    hours, minutes = int(zone[1:3]), int(zone[4:6])
    offset = timedelta(hours=hours, minutes=minutes)
    if minutes > 59 or offset > _MAX_OFFSET:
        return None
    return -offset if zone[0] == "-" else offset
