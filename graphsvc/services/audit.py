"""The audit trail port: every read or write of personal data leaves a
record; and the request an action belongs to, for the records it leaves."""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from graphsvc.domain.audit import AuditRecord

__all__ = [
    "AuditRecord",
    "AuditTrail",
    "RequestInfo",
    "audit_copies",
    "current_request",
    "record_all",
    "request_info",
]


class AuditTrail(Protocol):
    def record(self, entry: AuditRecord) -> None: ...


@runtime_checkable
class BatchAuditTrail(Protocol):
    def record_many(self, entries: Sequence[AuditRecord]) -> None: ...


def record_all(trail: AuditTrail, entries: Sequence[AuditRecord]) -> None:
    """The records in order, as ``record`` leaves them one by one; in one
    append where the trail can."""
    if not entries:
        return
    if isinstance(trail, BatchAuditTrail):
        trail.record_many(entries)
        return
    for entry in entries:
        trail.record(entry)


@dataclass(frozen=True, slots=True)
class RequestInfo:
    request_id: str
    source: str | None
    # the person a system client says it acts for (FHIR's X-Provenance header)
    end_user: str | None = None


request_info: ContextVar[RequestInfo | None] = ContextVar("request_info", default=None)


def current_request() -> RequestInfo | None:
    """The request being served (set by the HTTP app), if any."""
    return request_info.get()


# While set (to a list), every record an audit trail writes is also appended
# to it, as it was handed to the trail: what a request left, so that an
# answer kept for the same reader (api/graphql/answers.py) leaves the same
# records again each time it is served.
audit_copies: ContextVar[list[AuditRecord] | None] = ContextVar("audit_copies", default=None)
