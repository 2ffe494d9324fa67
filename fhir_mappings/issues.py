"""Problems found in FHIR input, and the OperationOutcome that reports them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from graphsvc.domain import ValidationError

from .jsontypes import JsonObject

Severity = Literal["fatal", "error", "warning", "information"]
# The subset of the R4 issue-type value set this layer uses.
IssueType = Literal[
    "structure",
    "required",
    "value",
    "invariant",
    "security",
    "not-supported",
    "not-found",
    "deleted",
    "multiple-matches",
    "business-rule",
    "too-costly",
    "code-invalid",
    "conflict",
    "duplicate",
    "informational",
    "login",
    "forbidden",
    "transient",
]


@dataclass(frozen=True, slots=True)
class Issue:
    expression: str  # FHIRPath-like, e.g. CarePlan.activity[0].detail.scheduledTiming
    message: str
    code: IssueType = "value"
    severity: Severity = "error"
    resource: str | None = None  # the resource it is about, when not the one sent


class FhirValidationError(ValidationError):
    """The input is not FHIR this service accepts. Carries every issue found.

    A :class:`graphsvc.domain.ValidationError` too, so an entry point that knows
    only the domain still answers 4xx; ``field`` is the first issue's expression.
    """

    def __init__(self, issues: Sequence[Issue]) -> None:
        if not issues:
            raise ValueError("FhirValidationError needs at least one issue")
        first = issues[0]
        super().__init__(first.expression, first.message)
        self.issues = tuple(issues)

    def __str__(self) -> str:
        shown = "; ".join(f"{i.expression}: {i.message}" for i in self.issues[:5])
        more = len(self.issues) - 5
        return shown + (f" (and {more} more)" if more > 0 else "")


def fhir_string(text: str) -> str:
    """``text`` as a valid FHIR string: what an R4 string may not hold (control
    characters, whitespace other than space, tab and newlines, unpaired
    surrogates) — which hostile input may put into a path or a message — is
    written as a ``\\uXXXX`` escape instead, and so are the bidirectional
    controls that make shown text read otherwise than it is (CVE-2021-42574).
    Empty text becomes ``(empty)``."""
    shown = "".join(
        ch if ch in " \t\r\n" or not (ch.isspace() or _unsafe(ch)) else f"\\u{ord(ch):04x}"
        for ch in text
    )
    return shown if shown.strip() else "(empty)"


_BIDI = frozenset({0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)})


def _unsafe(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF or code in _BIDI


def operation_outcome(issues: Iterable[Issue]) -> JsonObject:
    """An R4 OperationOutcome resource (as JSON) listing the issues."""
    listed = [
        {
            "severity": issue.severity,
            "code": issue.code,
            "diagnostics": fhir_string(
                f"{issue.resource}: {issue.message}" if issue.resource else issue.message
            ),
            **({"expression": [fhir_string(issue.expression)]} if issue.expression else {}),
        }
        for issue in issues
    ]
    if not listed:
        listed = [{"severity": "information", "code": "informational", "diagnostics": "All OK"}]
    return {"resourceType": "OperationOutcome", "issue": listed}
