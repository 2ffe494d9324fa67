"""An audit record (NEN 7513): when, who, on whose behalf, what, about which
client, how it ended, and in which request from where."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from .principal import Principal


@dataclass(frozen=True, slots=True)
class AuditRecord:
    at: str
    subject: str
    role: str
    action: str  # e.g. "onion.read", "member.save", "fhir.CareTeam.search"
    client_id: str | None
    outcome: str  # "ok", "denied", "not-found", "conflict", "invalid", "unauthenticated"
    # the teams (organisations) the subject acts for, comma-separated
    on_behalf_of: str | None = None
    resources: tuple[str, ...] = ()  # FHIR references (Type/id) the action touched
    request_id: str | None = None
    source: str | None = None  # the address the request came from
    # the chain: the hash of the record before, and of this one
    prev: str = ""
    hash: str = ""
    # a change of a network that went through, as JSON text: the version it
    # made, what it did in words and how to undo it (see services/history.py);
    # None for every other record (and left out of the chained body then)
    change: str | None = None

    @staticmethod
    def of(
        principal: Principal,
        action: str,
        client_id: str | None,
        outcome: str,
        resources: Sequence[str] = (),
    ) -> AuditRecord:
        return AuditRecord(
            at=AuditRecord.of_now(),
            subject=principal.subject,
            role=principal.role.value,
            action=action,
            client_id=client_id,
            outcome=outcome,
            on_behalf_of=",".join(sorted(principal.teams)) or None,
            resources=tuple(resources),
        )

    @staticmethod
    def of_now() -> str:
        """The time stamp of a record: UTC, milliseconds."""
        return datetime.now(UTC).isoformat(timespec="milliseconds")
