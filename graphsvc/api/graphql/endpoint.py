"""/graphql on the Starlette app: strawberry's ASGI app behind bearer tokens."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graphsvc.runtime import Runtime

from ..auth import PrincipalUser, unauthorized
from .context import Context
from .request_body import BadBody, checked_body
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
    development the GraphiQL page itself is served without one."""

    def __init__(self, *, graphiql: bool) -> None:
        self._graphiql = graphiql
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
                body = await checked_body(Request(scope, receive))
            except BadBody as error:
                refused = JSONResponse({"errors": [{"message": error.message}]}, error.status)
                await refused(scope, receive, send)
                return
            receive = _replay(body, receive)
        await self._app(scope, receive, send)


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
