"""The audit trail port: every read or write of personal data leaves a record."""

from __future__ import annotations

from typing import Protocol

from graphsvc.domain.audit import AuditRecord

__all__ = ["AuditRecord", "AuditTrail"]


class AuditTrail(Protocol):
    def record(self, entry: AuditRecord) -> None: ...
