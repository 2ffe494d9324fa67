"""Where the nurses' page lives on the app."""

from __future__ import annotations

from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from . import dev_sign_in, page


def routes() -> list[BaseRoute]:
    # The page's files sit under /web rather than a mount at "/", which would
    # swallow every route registered after it.
    return [
        Route("/", page.index, methods=["GET"]),
        Mount("/web", app=StaticFiles(directory=page.STATIC), name="web"),
        Route("/api/web/dev/nurses", dev_sign_in.nurses, methods=["GET"]),
        Route("/api/web/dev/token", dev_sign_in.token, methods=["POST"]),
    ]
