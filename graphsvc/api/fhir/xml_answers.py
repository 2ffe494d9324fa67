"""FHIR XML answers: a request to /fhir that asks for XML (``_format=xml`` or
an ``Accept`` that prefers it) gets each FHIR JSON answer written as FHIR XML;
JSON stays the default. Handlers keep answering in JSON."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fhir_mappings import FhirValidationError
from fhir_mappings.xml_format import xml_of_json

FHIR_JSON = "application/fhir+json"
FHIR_XML = "application/fhir+xml"
_XML = frozenset({"xml", "text/xml", "application/xml", FHIR_XML, "application/xml+fhir"})
_JSON = frozenset({"json", "application/json", FHIR_JSON, "application/json+fhir"})


def wants_xml(accept: str, format_: str | None) -> bool:
    """``_format`` first, as FHIR says; else the Accept type of highest
    quality among FHIR's (the first of equals; none of them: JSON)."""
    if format_ is not None:
        return format_.split(";")[0].strip().lower() in _XML
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media.lower() in _XML | _JSON and quality > 0:
            ranked.append((-quality, position, media.lower()))
    return bool(ranked) and min(ranked)[2] in _XML


class XmlAnswers:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope["path"]).startswith("/fhir"):
            await self.app(scope, receive, send)
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if not wants_xml(Headers(scope=scope).get("accept", ""), query.get("_format")):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body = bytearray()

        async def written_as_xml(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            await _send_as_xml(start, bytes(body), send)

        await self.app(scope, receive, written_as_xml)


async def _send_as_xml(start: Message, body: bytes, send: Send) -> None:
    headers = MutableHeaders(raw=list(start["headers"]))
    if body and headers.get("content-type", "").startswith(FHIR_JSON):
        try:
            body = xml_of_json(json.loads(body))
            headers["content-type"] = f"{FHIR_XML}; charset=utf-8"
            headers["content-length"] = str(len(body))
        except (ValueError, FhirValidationError):
            pass  # not a resource after all: answered as it was written
    await send({**start, "headers": headers.raw})
    await send({"type": "http.response.body", "body": body})
