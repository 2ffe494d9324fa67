"""Checks shared by the entities: identifiers, names, bounded numbers."""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import Enum
from typing import TypeGuard, TypeVar

from .errors import Reason, ValidationError, shown

# The FHIR id rule, so every graph id can also be a FHIR resource id.
_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc
# Bidirectional embeddings, overrides and isolates: text that reads otherwise
# than it is (CVE-2021-42574).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Spaces other than the plain one (a no-break space pasted from a letter, say):
# FHIR strings may not hold them, so what a nurse types gets a plain space.
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]")
# Characters that show nothing (zero-width space and joiners, word joiner,
# soft hyphen): allowed inside a name, but a name of only these is blank.
_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200d\u2060]")
# Any of the four above: most text holds none, and is then only stripped.
_UNUSUAL = re.compile(
    f"{_CONTROL.pattern}|{_BIDI.pattern}|{_ODD_SPACE.pattern}|{_INVISIBLE.pattern}"
)
MAX_TEXT = 500
MAX_HOURS = 168  # hours a week
# The earliest day a change may say something began or was seen: anything
# before it is a typing error (0001-01-01 for an unknown day, say).
EARLIEST_DAY = date(1900, 1, 1)
# A day given in a change may be today where the nurse is, which can be
# tomorrow on the server's clock; anything later is a typing error.
DAY_AHEAD = timedelta(days=1)

E = TypeVar("E", bound=Enum)


# FHIR's rule lets these through, but in a URL they mean "here" and "up"
_PATH_DOTS = frozenset({".", ".."})


def is_id(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and _ID.fullmatch(value) is not None and value not in _PATH_DOTS


def unusual_characters(text: str) -> bool:
    """Whether the text holds a control, bidirectional, invisible or odd space character."""
    return _UNUSUAL.search(text) is not None


def check_id(field: str, value: object) -> str:
    if not is_id(value):
        raise ValidationError(
            field,
            f"{shown(value)} is not a valid id (1-64 letters, digits, '-' or '.'; not '.' or '..')",
            code=Reason.INVALID_ID,
        )
    return value


def check_text(field: str, value: object, *, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise ValidationError(
            field, f"must be text, got {type(value).__name__}", code=Reason.NOT_TEXT
        )
    usual = _UNUSUAL.search(value) is None
    text = value.strip() if usual else _ODD_SPACE.sub(" ", value).strip()
    if not (text if usual else _INVISIBLE.sub("", text).strip()):
        if required:
            raise ValidationError(field, "must not be empty", code=Reason.BLANK)
        return None  # given but showing nothing: not given, as blank was
    if len(text) > MAX_TEXT:
        raise ValidationError(
            field,
            f"is longer than {MAX_TEXT} characters",
            code=Reason.TOO_LONG,
            maximum=MAX_TEXT,
        )
    if not usual and _CONTROL.search(text):
        raise ValidationError(
            field, "must not contain control characters", code=Reason.CONTROL_CHARACTERS
        )
    if not usual and _BIDI.search(text):
        raise ValidationError(
            field,
            "must not contain bidirectional control characters",
            code=Reason.BIDIRECTIONAL_CHARACTERS,
        )
    return text or None


def check_enum(field: str, kind: type[E], value: object) -> E:
    if isinstance(value, kind):
        return value
    found = kind._value2member_map_.get(value) if isinstance(value, str) else None
    if found is not None:
        return found  # type: ignore[return-value]
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in kind)
        raise ValidationError(
            field, f"{shown(value)} is not one of: {allowed}", code=Reason.NOT_A_CHOICE
        ) from None


def check_int_range(field: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            field, f"must be a whole number, got {shown(value)}", code=Reason.NOT_A_WHOLE_NUMBER
        )
    if not low <= value <= high:
        raise ValidationError(
            field,
            f"must be between {low} and {high}, got {value}",
            code=Reason.OUT_OF_RANGE,
            minimum=low,
            maximum=high,
        )
    return value


def check_hours(field: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(
            field, f"must be a number, got {shown(value)}", code=Reason.NOT_A_NUMBER
        )
    hours = float(value)
    if hours != hours or not 0 <= hours <= MAX_HOURS:
        raise ValidationError(
            field,
            f"must be between 0 and {MAX_HOURS} hours a week, got {value}",
            code=Reason.OUT_OF_RANGE,
            minimum=0,
            maximum=MAX_HOURS,
        )
    return hours


def check_date(field: str, value: object, *, required: bool = False) -> date | None:
    if value is None and not required:
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError(
        field, f"{shown(value)} is not a date (YYYY-MM-DD)", code=Reason.NOT_A_DATE
    )


def check_day(field: str, day: date, *, today: date) -> date:
    """A day a change says something began or was seen: from
    :data:`EARLIEST_DAY` to ``today`` (the service's, a day ahead allowed)."""
    if day < EARLIEST_DAY:
        raise ValidationError(
            field,
            f"{day.isoformat()} lies before {EARLIEST_DAY.isoformat()}",
            code=Reason.TOO_LONG_AGO,
        )
    if day > today + DAY_AHEAD:
        raise ValidationError(
            field, f"{day.isoformat()} lies in the future", code=Reason.IN_THE_FUTURE
        )
    return day
