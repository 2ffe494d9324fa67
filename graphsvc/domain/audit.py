"""An audit record: who did what to whose data, and how it ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from .principal import Principal


@dataclass(frozen=True, slots=True)
class AuditRecord:
    at: str
    subject: str
    role: str
    action: str  # e.g. "onion.read", "member.save"
    client_id: str | None
    outcome: str  # "ok", "denied", "not-found", "conflict", "invalid"

    @staticmethod
    def of(principal: Principal, action: str, client_id: str | None, outcome: str) -> AuditRecord:
        return AuditRecord(
            at=datetime.now(UTC).isoformat(timespec="milliseconds"),
            subject=principal.subject,
            role=principal.role.value,
            action=action,
            client_id=client_id,
            outcome=outcome,
        )
