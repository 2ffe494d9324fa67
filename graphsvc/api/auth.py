"""Bearer-token authentication for every surface."""

from __future__ import annotations

from starlette.authentication import (
    AuthCredentials,
    AuthenticationBackend,
    AuthenticationError,
    BaseUser,
)
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response

from graphsvc.domain import Principal
from graphsvc.services.errors import Unauthenticated
from graphsvc.services.tokens import TokenIssuer


class PrincipalUser(BaseUser):
    def __init__(self, principal: Principal) -> None:
        self.principal = principal

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def display_name(self) -> str:
        return self.principal.subject


class BearerTokenBackend(AuthenticationBackend):
    def __init__(self, tokens: TokenIssuer) -> None:
        self._tokens = tokens

    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, BaseUser] | None:
        header = conn.headers.get("authorization")
        if header is None:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationError("expected 'Authorization: Bearer <token>'")
        try:
            principal = self._tokens.verify(token.strip())
        except Unauthenticated as exc:
            raise AuthenticationError(str(exc)) from None
        return AuthCredentials(["authenticated", principal.role.value]), PrincipalUser(principal)


def unauthorized(message: str) -> Response:
    return JSONResponse(
        {"error": "unauthenticated", "message": message},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer realm="graphsvc"'},
    )


def on_auth_error(conn: HTTPConnection, exc: AuthenticationError) -> Response:
    if conn.url.path.startswith("/fhir"):
        from .fhir.responses import outcome

        return outcome(401, "login", str(exc))
    return unauthorized(str(exc))


def principal_of(request: Request) -> Principal:
    user = request.user if "user" in request.scope else None
    if isinstance(user, PrincipalUser):
        return user.principal
    raise Unauthenticated("this endpoint needs 'Authorization: Bearer <token>'")
