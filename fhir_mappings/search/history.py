"""Reading a history request (``GET [type]/[id]/_history?params``) and
choosing the versions it asks for: ``_count`` (a page, newest first, with
``_after`` the version a next page starts below), ``_since`` (versions
written at or after an instant) and ``_at`` (versions that were current at
some time in a period)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar
from urllib.parse import urlencode

from ..issues import FhirValidationError, Issue
from .dates import date_range, instant
from .query import DEFAULT_COUNT, IGNORED_PARAMETERS, page_size, safe_text

PARAMETERS = ("_count", "_since", "_at", "_after")


class Version(Protocol):
    @property
    def version_id(self) -> int: ...

    @property
    def last_updated(self) -> str: ...


V = TypeVar("V", bound=Version)


@dataclass(frozen=True, slots=True)
class HistoryQuery:
    count: int = DEFAULT_COUNT
    since: str | None = None  # an instant, YYYY-MM-DDTHH:MM:SSZ
    at: tuple[str, str] | None = None  # the first and last instant of a period
    after: int | None = None  # versions below this one

    def as_query(self, after: int | None) -> str:
        """The query string of this request, on the page below version ``after``."""
        pairs = [("_count", str(self.count))]
        if self.since is not None:
            pairs.append(("_since", self.since))
        if self.at is not None:
            pairs.append(("_at", f"ge{self.at[0]}"))  # FHIR allows a prefix on a date
            pairs.append(("_at", f"le{self.at[1]}"))
        if after is not None:
            pairs.append(("_after", str(after)))
        return urlencode(pairs)


def parse_history(params: Iterable[tuple[str, str]]) -> HistoryQuery:
    """Raises :class:`FhirValidationError` naming each parameter it cannot read."""
    issues: list[Issue] = []
    seen: set[str] = set()
    count, since, after = DEFAULT_COUNT, None, None
    starts: list[datetime] = []
    ends: list[datetime] = []
    for name, value in params:
        where = f"_history?{safe_text(name)}"
        if name in IGNORED_PARAMETERS:
            continue
        if name not in PARAMETERS:
            known = ", ".join(PARAMETERS[:3])
            message = f"is not a parameter of history; known: {known}"
            issues.append(Issue(where, message, "not-supported"))
            continue
        if name in seen and name != "_at":
            issues.append(Issue(where, "is given more than once"))
            continue
        seen.add(name)
        try:
            if name == "_count":
                count = page_size(value)
            elif name == "_after":
                after = _version(value)
            elif name == "_since":
                since = instant(_period(value)[0])
            else:
                first, last, prefix = _at(value)
                if prefix in ("", "ge"):
                    starts.append(first)
                if prefix in ("", "le"):
                    ends.append(last)
        except ValueError as error:
            issues.append(Issue(where, str(error)))
    if issues:
        raise FhirValidationError(issues)
    at = None
    if starts or ends:
        first = max(starts) if starts else datetime(1, 1, 1)
        last = min(ends) if ends else datetime(9999, 12, 31, 23, 59, 59)
        if first > last:
            issues.append(Issue("_history?_at", "names a period that ends before it begins"))
            raise FhirValidationError(issues)
        at = (instant(first), instant(last))
    return HistoryQuery(count=count, since=since, at=at, after=after)


def _period(value: str) -> tuple[datetime, datetime]:
    found = date_range(value)
    if found is None:
        raise ValueError(
            "must be a date or an instant, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[Z|+hh:mm], "
            f"not {safe_text(value)}"
        )
    return found


def _at(value: str) -> tuple[datetime, datetime, str]:
    prefix = value[:2] if value[:2] in ("eq", "ge", "le") else ""
    first, last = _period(value[len(prefix) :])
    return first, last, "" if prefix == "eq" else prefix


def _version(value: str) -> int:
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise ValueError(f"must be a version number this service gave, not {safe_text(value)}")
    return int(value)


def chosen_versions(versions: Sequence[V], query: HistoryQuery) -> tuple[list[V], int, int | None]:
    """Of a resource's versions, newest first: those the query asks for on
    its page, how many it asks for in all, and the version a next page
    starts below (None: this is the last page)."""
    matching = [
        v for i, v in enumerate(versions) if _wanted(v, versions[i - 1] if i else None, query)
    ]
    below = [v for v in matching if query.after is None or v.version_id < query.after]
    page = below[: query.count]
    more = len(below) > query.count
    return page, len(matching), page[-1].version_id if more and page else None


def _wanted(version: Version, newer: Version | None, query: HistoryQuery) -> bool:
    written = _moment(version.last_updated)
    if query.since is not None and written < query.since:
        return False
    if query.at is not None:
        first, last = query.at
        # current from when it was written until the next version was
        if written > last or (newer is not None and _moment(newer.last_updated) <= first):
            return False
    return True


def _moment(last_updated: str) -> str:
    """A stored lastUpdated as an instant that compares as text."""
    found = date_range(last_updated)
    return instant(found[0]) if found else last_updated
