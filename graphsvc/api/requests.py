"""Every request gets an id (the caller's ``X-Request-ID`` when it is a
sensible one, else a new one), answered in ``X-Request-ID`` and written into
every audit record the request leaves, with the address it came from and,
for a system client, the end user it acts for: the first agent of the
Provenance in FHIR's ``X-Provenance`` header. A request refused for want of a
valid token (401) leaves a record too."""

from __future__ import annotations

import json
import re
import uuid

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc.domain.audit import AuditRecord
from graphsvc.services.audit import RequestInfo, request_info

_GIVEN = re.compile(r"[A-Za-z0-9._-]{8,64}")
_MAX_PROVENANCE = 16 * 1024
_PRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


class RequestIds:
    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        given = dict(scope.get("headers", ())).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _GIVEN.fullmatch(given) else uuid.uuid4().hex
        client = scope.get("client")
        provenance = dict(scope.get("headers", ())).get(b"x-provenance", b"")
        info = RequestInfo(request_id, client[0] if client else None, end_user(provenance))
        token = request_info.set(info)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
                if message["status"] == 401:
                    _record_refusal(scope)
            await send(message)

        try:
            await self._app(scope, receive, send_with_id)
        finally:
            request_info.reset(token)


def end_user(provenance: bytes) -> str | None:
    """Who the first agent of an ``X-Provenance`` Provenance is: her
    reference, else her identifier, else her name as written; None when the
    header holds no such agent."""
    if not provenance or len(provenance) > _MAX_PROVENANCE:
        return None
    try:
        agents = json.loads(provenance.decode("utf-8")).get("agent")
        who = agents[0]["who"]
    except (ValueError, AttributeError, LookupError, TypeError):
        return None
    if not isinstance(who, dict):
        return None
    identifier = who.get("identifier")
    named = [
        who.get("reference"),
        f"{identifier.get('system', '')}|{identifier.get('value', '')}"
        if isinstance(identifier, dict) and identifier.get("value")
        else None,
        who.get("display"),
    ]
    found = next((n for n in named if isinstance(n, str) and n.strip()), None)
    return None if found is None else _PRINTABLE.sub("?", found.strip())[:200]


def _record_refusal(scope: Scope) -> None:
    runtime = getattr(scope["app"].state, "runtime", None)
    if runtime is None:
        return
    runtime.audit.record(
        AuditRecord(
            at=AuditRecord.of_now(),
            subject="(no valid token)",
            role="none",
            action=f"http.{scope['method']} {scope['path'][:200]}",
            client_id=None,
            outcome="unauthenticated",
        )
    )
