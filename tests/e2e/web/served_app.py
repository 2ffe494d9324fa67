"""The real app served by uvicorn on a loopback port, in a thread of the
test process, with GraphQL at hand for changing data behind the page's back."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import uvicorn

from graphsvc.app import create_app
from graphsvc.config import Settings
from graphsvc.domain import Principal, Role
from graphsvc.runtime import Runtime
from graphsvc.services.tokens import TokenIssuer

from ..fhir_bodies import FhirBodies

T = TypeVar("T")

TEAM = "team-0001"
NURSE = "person-0001-nurse-01"
COLLEAGUE = "person-0001-nurse-02"

RESULT = """
  __typename
  ... on NetworkChange { version changed }
  ... on ValidationError { message field }
  ... on NotFoundError { message }
  ... on ForbiddenError { message }
  ... on ConflictError { message currentVersion }
"""


@dataclass
class ServedApp:
    settings: Settings
    base_url: str
    _server: uvicorn.Server
    _thread: threading.Thread
    issuer: TokenIssuer = field(init=False)

    def __post_init__(self) -> None:
        self.issuer = TokenIssuer(self.settings.signing_key())

    def nurse_token(self, subject: str = NURSE, team: str = TEAM) -> str:
        return self.issuer.mint(Principal(Role.NURSE, subject, frozenset({team})))

    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        """A query as another browser would send it; fails on any error."""
        request = urllib.request.Request(
            f"{self.base_url}/graphql",
            data=json.dumps({"query": query, "variables": variables or {}}).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {token or self.nurse_token(COLLEAGUE)}",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body: dict[str, Any] = json.loads(response.read())
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def mutate(self, name: str, input_type: str, input: dict[str, Any]) -> dict[str, Any]:
        query = f"mutation($input: {input_type}!) {{ r: {name}(input: $input) {{ {RESULT} }} }}"
        result: dict[str, Any] = self.graphql(query, {"input": input})["r"]
        return result

    def client(self, client_id: str, fields: str) -> dict[str, Any]:
        data = self.graphql(
            f"query($id: ID!) {{ client(id: $id) {{ {fields} }} }}", {"id": client_id}
        )
        client: dict[str, Any] = data["client"]
        return client

    def get(self, path: str) -> tuple[int, dict[str, Any] | None]:
        try:
            with urllib.request.urlopen(f"{self.base_url}{path}", timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as err:
            return err.code, None

    def on_runtime(self, work: Callable[[Runtime], Awaitable[T]]) -> T:
        """Run ``work`` on the serving app's runtime, in the server's own
        event loop (the database clients belong to it)."""
        runtime: Runtime = self._server.config.app.state.runtime
        loop = self._server.servers[0].get_loop()
        return asyncio.run_coroutine_threadsafe(work(runtime), loop).result(timeout=60)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=60)


def serve(settings: Settings, fhir_bodies: FhirBodies | None = None) -> ServedApp:
    """Start serving; the socket is bound before uvicorn starts, so no other
    process can take the port in between. Every FHIR body answered is kept
    in ``fhir_bodies`` when given."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(settings)
    if fhir_bodies is not None:
        fhir_bodies.install(app)
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the app did not start serving")
        time.sleep(0.05)
    return ServedApp(settings, f"http://127.0.0.1:{port}", server, thread)
