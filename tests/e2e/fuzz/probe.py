"""Requests to one surface of the served app, each counted, each held to
the one rule every surface keeps: no 5xx, but for a 503 with Retry-After
when the database is busy."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from .tally import TALLY


def no_server_error(status: int, headers: Mapping[str, str], text: str) -> None:
    if status == 503:
        assert "retry-after" in {k.lower() for k in headers}, ("503 without Retry-After", text)
    else:
        assert status < 500, (status, text[:2000])


class Probe:
    def __init__(self, surface: str, base_url: str) -> None:
        self.surface = surface
        self.http = httpx.Client(base_url=base_url, timeout=120)

    def send(
        self,
        method: str,
        url: str,
        *,
        content: str | bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        raw = {k: v.encode("utf-8", "surrogatepass") for k, v in (headers or {}).items()}
        response = self.http.request(method, url, content=content, headers=raw)
        TALLY.record(self.surface, response.status_code)
        no_server_error(response.status_code, response.headers, response.text)
        return response

    def close(self) -> None:
        self.http.close()
