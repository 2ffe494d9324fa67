"""Domain and service errors as HTTP answers, the same for every endpoint."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graphsvc.domain import NotFound, ValidationError, VersionConflict
from graphsvc.services.errors import Forbidden, Unauthenticated
from graphsvc.store.port import StoreUnavailable

from .auth import unauthorized


async def handle(request: Request, exc: Exception) -> Response:
    if isinstance(exc, Unauthenticated):
        return unauthorized(str(exc))
    if isinstance(exc, Forbidden):
        return JSONResponse({"error": "forbidden", "message": str(exc)}, status_code=403)
    if isinstance(exc, NotFound):
        return JSONResponse({"error": "not-found", "message": str(exc)}, status_code=404)
    if isinstance(exc, VersionConflict):
        return JSONResponse(
            {"error": "conflict", "message": str(exc), "currentVersion": exc.actual},
            status_code=409,
        )
    if isinstance(exc, ValidationError):
        return JSONResponse(
            {"error": "invalid", "field": exc.field, "message": exc.message}, status_code=422
        )
    if isinstance(exc, StoreUnavailable):
        return JSONResponse(
            {"error": "unavailable", "message": str(exc)},
            status_code=503,
            headers={"Retry-After": str(exc.retry_after)},
        )
    raise exc


HANDLED: tuple[type[Exception], ...] = (
    Unauthenticated,
    Forbidden,
    NotFound,
    VersionConflict,
    ValidationError,
    StoreUnavailable,
)
