"""SMART Backend Services on HTTP: the discovery document and the token
endpoint (form-encoded ``client_credentials`` with a signed assertion)."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graphsvc.runtime import Runtime
from graphsvc.services.backend_tokens import ALGORITHMS, TokenRequestError

MAX_FORM_BYTES = 64 * 1024
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def token_url(request: Request) -> str:
    return str(request.url.replace(path="/auth/token", query="", fragment=""))


async def smart_configuration(request: Request) -> Response:
    return JSONResponse(
        {
            "token_endpoint": token_url(request),
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": list(ALGORITHMS),
            "scopes_supported": ["system/*.rs", "system/*.cruds", "system/*.read", "system/*.*"],
            "capabilities": ["client-confidential-asymmetric"],
        }
    )


def _refused(code: str, description: str, status: int = 400) -> Response:
    return JSONResponse(
        {"error": code, "error_description": description}, status_code=status, headers=_NO_STORE
    )


async def token(request: Request) -> Response:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/x-www-form-urlencoded":
        return _refused("invalid_request", "send application/x-www-form-urlencoded")
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_FORM_BYTES:
        return _refused("invalid_request", "the request is too large", 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return _refused("invalid_request", "the request is too large", 413)
    try:
        pairs = parse_qsl(body.decode("utf-8"), max_num_fields=20, strict_parsing=True)
    except (UnicodeDecodeError, ValueError):
        return _refused("invalid_request", "the body is not a form (name=value&...)")
    fields = dict(pairs)
    runtime: Runtime = request.app.state.runtime
    try:
        granted = runtime.backend_tokens.exchange(fields, token_url(request))
    except TokenRequestError as error:
        status = 401 if error.code == "invalid_client" else 400
        return _refused(error.code, error.description, status)
    return JSONResponse(
        {
            "access_token": granted.token,
            "token_type": "bearer",
            "expires_in": granted.expires_in,
            "scope": granted.scope,
        },
        headers=_NO_STORE,
    )


def routes() -> list[Route]:
    return [
        Route("/fhir/.well-known/smart-configuration", smart_configuration, methods=["GET"]),
        Route("/.well-known/smart-configuration", smart_configuration, methods=["GET"]),
        Route("/auth/token", token, methods=["POST"]),
    ]
