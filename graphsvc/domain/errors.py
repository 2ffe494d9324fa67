"""Errors the domain raises. Entry points translate them into their own dialect."""

from __future__ import annotations

from enum import StrEnum

# The most of a refused value a message quotes: enough to recognise it, and
# an id of 200,000 characters does not come back as a message of that size.
SHOWN = 60


def shown(value: object) -> str:
    """A value as a message quotes it (its repr), text cut to its first
    :data:`SHOWN` characters with an ellipsis after."""
    if isinstance(value, str):
        return repr(value) if len(value) <= SHOWN else f"{value[:SHOWN]!r}…"
    said = repr(value)
    return said if len(said) <= SHOWN else f"{said[:SHOWN]}…"


class DomainError(Exception):
    """Base of every error that says the request, not the service, is at fault."""


class Reason(StrEnum):
    """Why a value is refused, as a stable code a surface can put in its own
    words (the web page says it in Dutch or English); the message says the
    same in the service's English. Codes are added, never renamed."""

    INVALID_ID = "invalid-id"
    NOT_TEXT = "not-text"
    BLANK = "blank"
    TOO_SHORT = "too-short"
    TOO_LONG = "too-long"  # maximum: the most characters
    CONTROL_CHARACTERS = "control-characters"
    BIDIRECTIONAL_CHARACTERS = "bidirectional-characters"
    NOT_A_CHOICE = "not-a-choice"
    NOT_A_NUMBER = "not-a-number"
    NOT_A_WHOLE_NUMBER = "not-a-whole-number"
    OUT_OF_RANGE = "out-of-range"  # minimum and maximum
    NOT_A_DATE = "not-a-date"
    IN_THE_FUTURE = "in-the-future"
    TOO_LONG_AGO = "too-long-ago"  # maximum: the most years back
    UNKNOWN_OMAHA_CODE = "unknown-omaha-code"
    TAKEN = "taken"
    NOT_A_PERSON = "not-a-person"
    NOT_A_PROFESSIONAL = "not-a-professional"
    NAMED_TWICE = "named-twice"
    KNOWS_HERSELF = "knows-herself"
    HOURS_AND_MINUTES = "hours-and-minutes"
    CANNOT_UNDO = "cannot-undo"
    DIRECTORY_ENTRY = "directory-entry"  # renamed in the directory, not in one onion
    IN_ANOTHER_NETWORK = "in-another-network"  # a relative belongs to one network


class ValidationError(DomainError, ValueError):
    """A value breaks a rule of the domain; ``field`` names where, ``code``
    (a :class:`Reason`, when there is one) why, and ``minimum`` and
    ``maximum`` the bounds the code speaks of, if any."""

    def __init__(
        self,
        field: str,
        message: str,
        *,
        code: str | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.code = None if code is None else str(code)
        self.minimum = minimum
        self.maximum = maximum


class NotFound(DomainError, LookupError):
    def __init__(self, kind: str, ident: str) -> None:
        super().__init__(f"{kind} {shown(ident)} not found")
        self.kind = kind
        self.ident = ident


class VersionConflict(DomainError):
    """A write named a version of a client's network that is no longer current."""

    def __init__(self, client_id: str, expected: int, actual: int) -> None:
        super().__init__(
            f"client {client_id!r} network is at version {actual}, not {expected}; "
            "reload and apply the change again"
        )
        self.client_id = client_id
        self.expected = expected
        self.actual = actual
