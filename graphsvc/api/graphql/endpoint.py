"""/graphql on the Starlette app: strawberry's ASGI app behind bearer tokens."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graphsvc.runtime import Runtime

from ..auth import PrincipalUser, unauthorized
from .context import Context
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
        await self._app(scope, receive, send)
