"""Operational endpoints: health, and who the caller is."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graphsvc.runtime import Runtime

from .auth import principal_of


def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def healthz(request: Request) -> Response:
    database = await runtime_of(request).repository.health()
    up = database.get("state") == "up"
    return JSONResponse(
        {"status": "ok" if up else "degraded", "database": database},
        status_code=200 if up else 503,
    )


async def me(request: Request) -> Response:
    principal = principal_of(request)
    return JSONResponse(
        {
            "subject": principal.subject,
            "role": principal.role.value,
            "teams": sorted(principal.teams),
            "scopes": sorted(principal.scopes),
        }
    )
