"""Composition root: settings -> database -> repository -> services -> app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from .api import errors, system
from .api.auth import BearerTokenBackend, on_auth_error
from .api.fhir.routes import routes as fhir_routes
from .api.fhir.xml_answers import XmlAnswers
from .api.graphql.endpoint import GraphQLEndpoint
from .api.requests import RequestIds
from .api.smart import routes as smart_routes
from .api.web import routes as web_routes
from .config import Settings
from .runtime import Runtime, open_runtime


class _LateAuthentication:
    """Authentication needs the token key, which is known once the lifespan
    has opened the runtime; this defers building the middleware until then."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app
        self._inner: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._app(scope, receive, send)
            return
        if self._inner is None:
            runtime: Runtime = scope["app"].state.runtime
            self._inner = AuthenticationMiddleware(
                self._app, backend=BearerTokenBackend(runtime.tokens), on_error=on_auth_error
            )
        await self._inner(scope, receive, send)


def create_app(settings: Settings | None = None, *, supervise: bool = True) -> Starlette:
    config = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        runtime = await open_runtime(config)
        app.state.runtime = runtime
        if supervise:
            runtime.start_supervising()
        try:
            yield
        finally:
            await runtime.close()

    routes = [
        Route("/healthz", system.healthz),
        Route("/api/me", system.me),
        Route(
            "/graphql",
            GraphQLEndpoint(graphiql=config.dev, keep_answers=config.graphql_answers),
            methods=["GET", "POST"],
        ),
        *smart_routes(),
        *fhir_routes(),
        *web_routes(),
    ]
    return Starlette(
        routes=routes,
        middleware=[
            Middleware(RequestIds),
            Middleware(XmlAnswers),
            Middleware(_LateAuthentication),
        ],
        exception_handlers={cls: errors.handle for cls in errors.HANDLED},
        lifespan=lifespan,
    )
