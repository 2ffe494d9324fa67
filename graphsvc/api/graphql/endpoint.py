"""/graphql on the Starlette app: strawberry's ASGI app behind bearer tokens."""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graphsvc.runtime import Runtime
from graphsvc.services.audit import AuditRecord, audit_copies, record_all
from graphsvc.store.port import StoreUnavailable

from ..auth import PrincipalUser, unauthorized
from .answers import ReadAnswers, ReadKey, answer_of, is_read, read_key, replay_audit
from .context import Context
from .request_body import BadBody, checked_request
from .schema import schema


class _GraphQL(GraphQL[Context, None]):
    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        user = request.scope["user"]
        runtime: Runtime = request.app.state.runtime
        assert isinstance(user, PrincipalUser) and isinstance(request, Request)
        return Context(
            request=request,
            response=response,
            principal=user.principal,
            network=runtime.network,
            analysis=runtime.analysis,
            lsns6_answers=runtime.lsns6_answers,
        )


class GraphQLEndpoint:
    """Every operation needs a valid bearer token (401 otherwise); in
    development the GraphiQL page itself is served without one. Answers to
    reads are kept (answers.py) unless ``keep_answers`` is off."""

    def __init__(self, *, graphiql: bool, keep_answers: bool = True) -> None:
        self._graphiql = graphiql
        self.answers = ReadAnswers() if keep_answers else None
        self._app = _GraphQL(
            schema,
            graphql_ide="graphiql" if graphiql else None,
            allow_queries_via_get=False,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            response: Response = unauthorized("only HTTP is served here")
            await response(scope, receive, send)
            return
        if not isinstance(scope.get("user"), PrincipalUser):
            request = Request(scope)
            wants_page = request.method == "GET" and "text/html" in request.headers.get(
                "accept", ""
            )
            if not (self._graphiql and wants_page):
                await unauthorized("send 'Authorization: Bearer <token>'")(scope, receive, send)
                return
        if scope.get("method") == "POST":
            try:
                body, sent = await checked_request(Request(scope, receive))
            except BadBody as error:
                refused = JSONResponse({"errors": [{"message": error.message}]}, error.status)
                await refused(scope, receive, send)
                return
            receive = _replay(body, receive)
            if self.answers is not None:
                await self._read(scope, receive, send, sent, self.answers)
                return
        await self._app(scope, receive, send)

    async def _read(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        request: dict[str, object],
        answers: ReadAnswers,
    ) -> None:
        """A read answered as kept, or run and kept; anything else run."""
        runtime: Runtime = scope["app"].state.runtime
        user = scope["user"]
        assert isinstance(user, PrincipalUser)
        today = datetime.date.today()
        if not is_read(request):
            await self._app(scope, receive, send)
            return
        try:
            version = await runtime.resources.data_version()
        except StoreUnavailable:  # the query itself says so, as GraphQL answers do
            await self._app(scope, receive, send)
            return
        key = read_key(user.principal, request, version, today)
        found = answers.get(key)
        if found is not None:
            replay_audit(partial(record_all, runtime.audit), found)
            await send(
                {"type": "http.response.start", "status": found.status, "headers": found.headers}
            )
            await send({"type": "http.response.body", "body": found.body})
            return
        await self._run_and_keep(scope, receive, send, key, answers, runtime)

    async def _run_and_keep(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        key: ReadKey,
        answers: ReadAnswers,
        runtime: Runtime,
    ) -> None:
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        body = bytearray()
        whole = True

        async def keeping(message: Message) -> None:
            nonlocal status, headers, whole
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [(bytes(k), bytes(v)) for k, v in message.get("headers", ())]
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                whole = not message.get("more_body", False)
            await send(message)

        records: list[AuditRecord] = []
        token = audit_copies.set(records)
        try:
            await self._app(scope, receive, keeping)
        finally:
            audit_copies.reset(token)
        answer = answer_of(status, headers, bytes(body), records) if whole else None
        if answer is not None and await _version_or_none(runtime) == key.data_version:
            answers.put(key, answer)


async def _version_or_none(runtime: Runtime) -> str | None:
    try:
        return await runtime.resources.data_version()
    except StoreUnavailable:
        return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body read once, handed on as if it had not been read."""
    pending = True

    async def replayed() -> Message:
        nonlocal pending
        if pending:
            pending = False
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
