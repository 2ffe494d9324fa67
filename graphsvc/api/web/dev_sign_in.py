"""Development only (``Settings.dev``, which ``make run`` sets): sign in as a
nurse of a team without minting a token by hand. Answers 404 otherwise."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graphsvc.domain import NotFound, Person, Principal, Role
from graphsvc.runtime import Runtime

# The team `make run` loads; the page may ask for another.
DEMO_TEAM = "team-0001"
MAX_BODY_BYTES = 4096  # a team and a nurse


class _BadSignIn(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


async def _sign_in_body(request: Request) -> dict[str, Any]:
    """The body of a sign-in: a small JSON object."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise _BadSignIn(f"the body is larger than {MAX_BODY_BYTES} bytes", 413)
    try:
        parsed = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise _BadSignIn(f"the body is not UTF-8 (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise _BadSignIn(
            f"the body is not JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except (ValueError, RecursionError):
        raise _BadSignIn("the body is not JSON") from None
    if not isinstance(parsed, dict):
        raise _BadSignIn("the body must be a JSON object: {'team': ..., 'nurse': ...}")
    return parsed


def _runtime(request: Request) -> Runtime | None:
    runtime: Runtime = request.app.state.runtime
    return runtime if runtime.settings.dev else None


def _not_found(message: str = "not found") -> Response:
    return JSONResponse({"error": "not-found", "message": message}, status_code=404)


async def _nurses(runtime: Runtime, team_id: str) -> list[Person]:
    reader = Principal(Role.COACH, "web-dev-sign-in", frozenset({team_id}))
    try:
        staff = await runtime.network.team_staff(reader, team_id)
    except NotFound:
        return []
    return sorted(staff, key=lambda p: (p.name, p.id))


async def nurses(request: Request) -> Response:
    runtime = _runtime(request)
    if runtime is None:
        return _not_found()
    team_id = request.query_params.get("team") or DEMO_TEAM
    staff = await _nurses(runtime, team_id)
    if not staff:
        return _not_found(f"team {team_id!r} has no nurses")
    return JSONResponse(
        {
            "team": team_id,
            "nurses": [{"id": p.id, "name": p.name, "role": p.role} for p in staff],
        }
    )


async def token(request: Request) -> Response:
    runtime = _runtime(request)
    if runtime is None:
        return _not_found()
    try:
        body = await _sign_in_body(request)
    except _BadSignIn as error:
        return JSONResponse({"error": "invalid", "message": str(error)}, status_code=error.status)
    team_id = body.get("team")
    nurse_id = body.get("nurse") if isinstance(body, dict) else None
    if not isinstance(team_id, str) or not isinstance(nurse_id, str):
        return JSONResponse(
            {"error": "invalid", "message": "send {'team': ..., 'nurse': ...}"}, status_code=422
        )
    if nurse_id not in {p.id for p in await _nurses(runtime, team_id)}:
        return _not_found(f"{nurse_id!r} is not a nurse of team {team_id!r}")
    principal = Principal(Role.NURSE, nurse_id, frozenset({team_id}))
    return JSONResponse({"token": runtime.tokens.mint(principal)})
