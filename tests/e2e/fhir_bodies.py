"""Every FHIR body a test's server answers with, kept and checked by the three
validators of fhir_validity.py once the test is done.

Tests that serve the app for real (uvicorn in a thread, ``graphsvc serve`` in
a process, many requests at once through one event loop) cannot check each
answer as it arrives: HL7's validator is a blocking call to another process,
and blocking the loop would change the very timing those tests are about. So
the answers are recorded (by the app itself, as ASGI middleware, or by the
test's httpx client, as a response hook) and validated afterwards."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..hl7_validator import Hl7Validator
from .fhir_validity import assert_valid_fhir

FHIR_JSON = "application/fhir+json"


@dataclass
class FhirBody:
    where: str
    status: int
    body: bytes


@dataclass
class FhirBodies:
    bodies: list[FhirBody] = field(default_factory=list)

    def keep(self, where: str, status: int, content_type: str, body: bytes) -> None:
        if content_type.startswith(FHIR_JSON):
            self.bodies.append(FhirBody(where, status, body))

    def on_response(self, response: httpx.Response) -> None:
        """A response hook for ``httpx.Client``."""
        response.read()
        self.keep(_where(response), response.status_code, _content_type(response), response.content)

    async def on_async_response(self, response: httpx.Response) -> None:
        """A response hook for ``httpx.AsyncClient``."""
        await response.aread()
        self.keep(_where(response), response.status_code, _content_type(response), response.content)

    def install(self, app: Starlette) -> None:
        """Make the app keep what it answers into these bodies (before it
        serves its first request)."""
        app.add_middleware(_Keeping, bodies=self)

    def assert_valid(self, hl7: Hl7Validator) -> None:
        for kept in self.bodies:
            resource: dict[str, Any] = json.loads(kept.body)
            try:
                assert_valid_fhir(resource, hl7)
            except (AssertionError, ValueError) as invalid:
                raise AssertionError(f"{kept.where} answered {kept.status}: {invalid}") from None


def _where(response: httpx.Response) -> str:
    return f"{response.request.method} {response.request.url.raw_path.decode()}"


def _content_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "")


class _Keeping:
    def __init__(self, app: ASGIApp, bodies: FhirBodies) -> None:
        self.app = app
        self.bodies = bodies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    headers = dict(start.get("headers", ()))
                    self.bodies.keep(
                        f"{scope['method']} {scope['path']}",
                        int(start.get("status", 0)),
                        headers.get(b"content-type", b"").decode("latin-1"),
                        b"".join(chunks),
                    )
            await send(message)

        await self.app(scope, receive, sending)
