"""Who a request acts for. Rules about what each may do live in the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .errors import Reason, ValidationError
from .values import unusual_characters

# Who a token names is written into every audit record: long enough for any
# person id or system name, short enough to read.
MAX_SUBJECT = 256


class Role(StrEnum):
    NURSE = "nurse"  # sees and edits the clients of her own team
    COACH = "coach"  # reads across the teams she is given (also back office)
    RESEARCHER = "researcher"  # de-identified aggregates only
    SYSTEM = "system"  # another system, limited by SMART-style scopes


@dataclass(frozen=True, slots=True)
class Principal:
    role: Role
    subject: str
    teams: frozenset[str] = field(default_factory=frozenset)
    scopes: frozenset[str] = field(default_factory=frozenset)


def check_subject(value: object) -> str:
    """Who a token names, as the audit trail will say it: someone to hold to
    account, so nothing blank, hidden or that reads as someone else."""
    if not isinstance(value, str):
        raise ValidationError(
            "subject", f"must be text, got {type(value).__name__}", code=Reason.NOT_TEXT
        )
    if len(value) > MAX_SUBJECT:
        raise ValidationError(
            "subject",
            f"is longer than {MAX_SUBJECT} characters",
            code=Reason.TOO_LONG,
            maximum=MAX_SUBJECT,
        )
    if not value.strip():
        raise ValidationError("subject", "must not be empty", code=Reason.BLANK)
    if value != value.strip():
        raise ValidationError("subject", "must not begin or end with white space")
    if unusual_characters(value):
        raise ValidationError(
            "subject",
            "must not contain control, bidirectional, invisible or unusual space characters",
            code=Reason.CONTROL_CHARACTERS,
        )
    return value
