"""FHIR JSON responses, and every error as an OperationOutcome."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from fhir_mappings import FhirValidationError, Issue, JsonObject, operation_outcome
from fhir_mappings.issues import IssueType
from graphsvc.domain import NotFound, ValidationError, VersionConflict
from graphsvc.services.errors import Forbidden, Unauthenticated
from graphsvc.services.fhir_deletes import NetworkNotEmpty
from graphsvc.services.fhir_interactions import ConditionalUpdateRefused
from graphsvc.services.fhir_read import Gone
from graphsvc.services.fhir_write import (
    AlreadyThere,
    CreateWouldOverwrite,
    PreconditionFailed,
    WriteContention,
)
from graphsvc.store.port import StoreUnavailable

from .bodies import BodyTooLarge, UnsupportedMediaType

FHIR_JSON = "application/fhir+json"


def fhir(body: Any, status_code: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False),
        status_code=status_code,
        media_type=FHIR_JSON,
        headers=dict(headers or {}),
    )


def outcome(status_code: int, code: IssueType, message: str, expression: str = "") -> Response:
    headers = {"WWW-Authenticate": 'Bearer realm="graphsvc"'} if status_code == 401 else None
    return fhir(operation_outcome([Issue(expression, message, code)]), status_code, headers)


_SIMPLE: tuple[tuple[type[Exception], int, IssueType], ...] = (
    (Unauthenticated, 401, "login"),
    (Forbidden, 403, "forbidden"),
    (NotFound, 404, "not-found"),
    (Gone, 410, "deleted"),
    (PreconditionFailed, 412, "conflict"),
    (CreateWouldOverwrite, 409, "duplicate"),
    (VersionConflict, 409, "conflict"),
    (NetworkNotEmpty, 409, "conflict"),
    (WriteContention, 409, "transient"),
    (BodyTooLarge, 413, "too-costly"),
    (UnsupportedMediaType, 415, "not-supported"),
    (StoreUnavailable, 503, "transient"),
)


def status_of(exc: Exception) -> tuple[int, JsonObject]:
    """The HTTP status and OperationOutcome for an error; re-raises what is
    not an error of the request (a bug then, answered 500 elsewhere)."""
    if isinstance(exc, FhirValidationError):
        unreadable = all(i.code == "structure" for i in exc.issues)
        return (400 if unreadable else 422), operation_outcome(exc.issues)
    if isinstance(exc, ValidationError):
        return 422, operation_outcome([Issue(exc.field, exc.message, "value")])
    if isinstance(exc, ConditionalUpdateRefused):
        return exc.status, operation_outcome(exc.issues)
    if isinstance(exc, AlreadyThere):
        return 412, operation_outcome([Issue("If-None-Match", str(exc), "conflict")])
    for kind, status, code in _SIMPLE:
        if isinstance(exc, kind):
            return status, operation_outcome([Issue("", str(exc), code)])
    raise exc


def from_error(exc: Exception) -> Response:
    status, body = status_of(exc)
    headers = None
    if status == 401:
        headers = {"WWW-Authenticate": 'Bearer realm="graphsvc"'}
    elif isinstance(exc, StoreUnavailable):
        headers = {"Retry-After": str(exc.retry_after)}
    return fhir(body, status, headers)
