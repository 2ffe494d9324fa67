"""Bearer tokens: signed JWTs (HS256) that carry a principal, with expiry."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from typing import Any

import jwt

from graphsvc.domain import Principal, Role, ValidationError
from graphsvc.domain.errors import shown
from graphsvc.domain.principal import check_subject
from graphsvc.domain.values import check_id

from .access import Action, scope_allows
from .errors import Unauthenticated

ISSUER = "graphsvc"
AUDIENCE = "graphsvc"
ALGORITHM = "HS256"
DEFAULT_TTL = 12 * 3600  # a working day and a bit
MAX_TTL = 12 * 3600  # no token lives longer, whoever mints it
MIN_KEY_BYTES = 32


# SMART's scope form: a context, a resource type or *, and permissions as
# access.py reads them (letters that grant nothing there are none).
_SCOPE = re.compile(r"(system|user|patient)/(\*|[A-Z][A-Za-z]*)\.(\*|[a-z]+)")
SCOPE_FORM = (
    "system/, user/ or patient/, a resource type or *, a dot, and read, write, * "
    "or letters of cruds (system/CareTeam.rs)"
)


def _hours(seconds: int) -> str:
    return f"{seconds / 3600:g} h"


def is_scope(scope: str) -> bool:
    """Of the SMART form, with permissions the access rules understand."""
    found = _SCOPE.fullmatch(scope)
    if found is None:
        return False
    _, resource, permission = found.groups()
    as_system = f"system/{resource}.{permission}"
    return any(scope_allows([as_system], resource, action) for action in Action)


def check_scopes(role: Role, scopes: Iterable[str]) -> None:
    """Every scope of the SMART form; none a user/ scope on a system token,
    which the access rules would read as system/: a grant nobody gave it."""
    for scope in sorted(scopes):
        if not is_scope(scope):
            raise ValidationError("scope", f"{shown(scope)} is not a SMART scope: {SCOPE_FORM}")
        if role is Role.SYSTEM and scope.startswith("user/"):
            raise ValidationError(
                "scope", f"{shown(scope)} is a user scope; a system client has system/ scopes"
            )


def check_principal(principal: Principal) -> None:
    check_subject(principal.subject)
    check_scopes(principal.role, principal.scopes)
    for team in sorted(principal.teams):
        check_id("team", team)


class TokenIssuer:
    def __init__(
        self, key: bytes, *, default_ttl: int = DEFAULT_TTL, max_ttl: int = MAX_TTL
    ) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"signing key must be at least {MIN_KEY_BYTES} bytes")
        if not 0 < default_ttl <= max_ttl:
            raise ValueError(
                f"the default token lifetime ({default_ttl} s) must be positive and at "
                f"most the maximum ({max_ttl} s)"
            )
        self._key = key
        self.default_ttl = default_ttl
        self.max_ttl = max_ttl

    def mint(
        self, principal: Principal, *, ttl: int | None = None, now: float | None = None
    ) -> str:
        issued = int(now if now is not None else time.time())
        lifetime = self.default_ttl if ttl is None else ttl
        if lifetime <= 0:
            raise ValidationError("ttl", "must be positive")
        if lifetime > self.max_ttl:
            raise ValidationError(
                "ttl", f"must be at most {self.max_ttl} s ({_hours(self.max_ttl)})"
            )
        check_principal(principal)
        claims: dict[str, Any] = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": principal.subject,
            "role": principal.role.value,
            "teams": sorted(principal.teams),
            "scope": " ".join(sorted(principal.scopes)),
            "iat": issued,
            "exp": issued + lifetime,
        }
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)

    def verify(self, token: str) -> Principal:
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=ISSUER,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("token expired") from None
        except jwt.InvalidTokenError as exc:
            raise Unauthenticated(f"invalid token: {exc}") from None
        issued, expires = claims["iat"], claims["exp"]
        if not isinstance(issued, int | float) or not isinstance(expires, int | float):
            raise Unauthenticated("token claims have the wrong shape")
        if expires - issued > self.max_ttl:
            raise Unauthenticated(
                f"token lives longer than the {_hours(self.max_ttl)} allowed; ask for a new one"
            )
        raw_role = claims.get("role")
        if not isinstance(raw_role, str) or raw_role not in Role.__members__.values():
            raise Unauthenticated("token names no known role")
        role = Role(raw_role)
        teams = claims.get("teams", [])
        scope = claims.get("scope", "")
        subject = claims["sub"]
        if (
            not isinstance(teams, list)
            or not all(isinstance(t, str) for t in teams)
            or not isinstance(scope, str)
            or not isinstance(subject, str)
        ):
            raise Unauthenticated("token claims have the wrong shape")
        principal = Principal(role, subject, frozenset(teams), frozenset(scope.split()))
        try:
            check_principal(principal)
        except ValidationError as error:
            raise Unauthenticated(f"token {error.field} {error.message}") from None
        return principal
