"""The nurses' page and what it calls besides GraphQL, over HTTP, fuzzed
with Hypothesis: the page, its files (paths that try to climb out, odd
ranges), who a token belongs to, and the development sign-in (teams and
nurses that do not exist, bodies that are not what it takes). Never a 5xx
(but a 503 with Retry-After), every refusal says what, a file is only ever
one of the page's own, and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphsvc.api.web.page import STATIC
from graphsvc.services.errors import Unauthenticated

from ..web.served_app import NURSE, TEAM
from .budget import examples
from .conftest import Fuzzed
from .probe import Probe
from .strategies import (
    AUTHORIZATIONS,
    CONTENT_TYPES,
    HEADER_TEXT,
    HOSTILE_TEXT,
    JSON_VALUE,
    ODD_HEADERS,
    RAW_BYTES,
    RAW_JSON_TEXT,
    segment,
)

FILES = sorted(str(p.relative_to(STATIC)) for p in STATIC.rglob("*") if p.is_file())
CONTENTS = {p.read_bytes() for p in STATIC.rglob("*") if p.is_file()}
CLIMBS = [
    "../app.py",
    "..%2fapp.py",
    "%2e%2e/%2e%2e/config.py",
    "..\\..\\app.py",
    "js/../../page.py",
    "/etc/passwd",
    "%00index.html",
    "index.html%00.js",
    "js/",
    "",
    ".",
    "css/..",
]


@pytest.fixture(scope="module")
def probe(fuzzed: Fuzzed) -> Iterator[Probe]:
    p = Probe("web", fuzzed.base_url)
    yield p
    p.close()


def served_parts(response: httpx.Response) -> list[bytes]:
    """What a file answer holds: the whole, or each of several ranges."""
    kind = response.headers.get("content-type", "")
    if not kind.startswith("multipart/byteranges"):
        return [response.content]
    boundary = kind.split("boundary=", 1)[1].strip().encode()
    parts = response.content.split(b"--" + boundary)
    return [p.split(b"\r\n\r\n", 1)[1].rstrip(b"\r\n") for p in parts if b"\r\n\r\n" in p]


@st.composite
def web_requests(draw: st.DrawFn) -> tuple[str, str, bytes | None, dict[str, str]]:
    headers: dict[str, str] = draw(ODD_HEADERS)
    body: bytes | None = None
    what = draw(st.sampled_from(["page", "file", "me", "nurses", "token", "token", "health"]))
    method = "GET"
    if what == "page":
        method = draw(st.sampled_from(["GET", "GET", "HEAD", "POST", "OPTIONS"]))
        query = draw(st.lists(HOSTILE_TEXT, max_size=2).map(lambda ts: "&".join(map(segment, ts))))
        path = f"/?{query}" if query else "/"
    elif what == "file":
        name = draw(st.sampled_from(FILES) | st.sampled_from(CLIMBS) | HOSTILE_TEXT.map(segment))
        path = f"/web/{name}"
        if draw(st.booleans()):
            headers["Range"] = draw(
                st.sampled_from(["bytes=0-10", "bytes=-5", "bytes=10-1", "bytes=0-0,5-", "bytes=x"])
                | HEADER_TEXT.map(lambda t: f"bytes={t}")
            )
        method = draw(st.sampled_from(["GET", "GET", "HEAD", "DELETE"]))
    elif what == "me":
        path = "/api/me"
        headers["Authorization"] = draw(st.just("nurse") | AUTHORIZATIONS)
    elif what == "nurses":
        team = draw(st.just(TEAM) | HOSTILE_TEXT)
        path = f"/api/web/dev/nurses?team={segment(team)}"
    elif what == "token":
        method = draw(st.sampled_from(["POST"] * 5 + ["GET", "PUT"]))
        path = "/api/web/dev/token"
        shape = draw(st.sampled_from(["sign-in", "json", "raw", "bytes", "huge"]))
        if shape == "sign-in":
            content: Any = {
                "team": draw(st.just(TEAM) | JSON_VALUE),
                "nurse": draw(st.sampled_from([NURSE, "client-000001"]) | JSON_VALUE),
            }
            body = json.dumps(content).encode("utf-8", "surrogatepass")
        elif shape == "json":
            body = json.dumps(draw(JSON_VALUE)).encode("utf-8", "surrogatepass")
        elif shape == "raw":
            body = draw(RAW_JSON_TEXT).encode("utf-8", "surrogatepass")
        elif shape == "bytes":
            body = draw(RAW_BYTES)
        else:
            body = json.dumps({"team": TEAM, "nurse": NURSE, "pad": "x" * 200_000}).encode()
        headers["Content-Type"] = draw(st.just("application/json") | CONTENT_TYPES)
    else:
        path = "/healthz"
    return method, path, body, headers


@examples(share=1.0)
@given(request=web_requests())
def test_web(
    fuzzed: Fuzzed, probe: Probe, request: tuple[str, str, bytes | None, dict[str, str]]
) -> None:
    method, path, body, headers = request
    if headers.get("Authorization") == "nurse":
        headers["Authorization"] = f"Bearer {fuzzed.nurse}"
    before = fuzzed.fingerprint()
    response = probe.send(method, path, content=body, headers=headers)
    status = response.status_code
    kind = response.headers.get("content-type", "")
    if status >= 400 and method != "HEAD":
        if kind.startswith("application/json"):
            message = response.json().get("message")
            assert isinstance(message, str) and message.strip(), response.text
        else:
            assert response.text.strip(), (status, response.headers)
    if path.startswith("/web/") and status in (200, 206) and method == "GET":
        for part in served_parts(response):
            assert any(part in whole for whole in CONTENTS), path  # the page's own files only
    if path == "/api/web/dev/token" and status == 200:
        principal = fuzzed.app.issuer.verify(response.json()["token"])
        assert principal.subject == NURSE and principal.teams == frozenset({TEAM})
    if path == "/api/me" and status == 200:
        assert response.json()["subject"] == NURSE
    if path == "/api/me" and status == 401:
        assert headers.get("Authorization") != f"Bearer {fuzzed.nurse}"
    assert fuzzed.fingerprint() == before


def test_the_nurse_token_is_real(fuzzed: Fuzzed) -> None:
    assert fuzzed.app.issuer.verify(fuzzed.nurse).subject == NURSE
    with pytest.raises(Unauthenticated):
        fuzzed.app.issuer.verify(fuzzed.nurse + "x")
