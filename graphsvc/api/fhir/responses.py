"""FHIR JSON responses, and every error as an OperationOutcome."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

from fhir_mappings import FhirValidationError, Issue, operation_outcome
from fhir_mappings.issues import IssueType
from graphsvc.domain import NotFound, ValidationError
from graphsvc.services.errors import Forbidden, Unauthenticated
from graphsvc.store.port import StoreUnavailable

FHIR_JSON = "application/fhir+json"


def fhir(body: Any, status_code: int = 200) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False), status_code=status_code, media_type=FHIR_JSON
    )


def outcome(status_code: int, code: IssueType, message: str, expression: str = "") -> Response:
    headers = {"WWW-Authenticate": 'Bearer realm="graphsvc"'} if status_code == 401 else None
    body = operation_outcome([Issue(expression, message, code)])
    response = fhir(body, status_code)
    if headers:
        response.headers.update(headers)
    return response


def from_error(exc: Exception) -> Response:
    if isinstance(exc, FhirValidationError):
        return fhir(operation_outcome(exc.issues), 422)
    if isinstance(exc, ValidationError):
        return outcome(422, "value", exc.message, exc.field)
    if isinstance(exc, Unauthenticated):
        return outcome(401, "login", str(exc))
    if isinstance(exc, Forbidden):
        return outcome(403, "forbidden", str(exc))
    if isinstance(exc, NotFound):
        return outcome(404, "not-found", str(exc))
    if isinstance(exc, StoreUnavailable):
        return outcome(503, "transient", str(exc))
    raise exc
