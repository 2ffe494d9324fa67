"""SMART Backend Services: another system proves who it is with a JWT signed
by one of its registered keys (RS384 or ES384) and gets a short-lived
access token for the scopes it asked for and may have. Each assertion
works once: its ``jti`` is remembered until it expires (``DATA/used-jti``,
under an exclusive lock, so every process of one data directory sees it)."""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jwt

from graphsvc.domain import Principal, Role, ValidationError

from .backend_clients import BackendClients
from .tokens import TokenIssuer

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ALGORITHMS = ("RS384", "ES384")
ACCESS_TTL = 300  # seconds: a backend service asks again, it has its key
MAX_ASSERTION_LIFETIME = 300  # SMART: exp at most five minutes ahead


class TokenRequestError(Exception):
    """An OAuth error (RFC 6749 section 5.2): its code and what is wrong."""

    def __init__(self, code: str, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


@dataclass(frozen=True, slots=True)
class AccessToken:
    token: str
    expires_in: int
    scope: str


class UsedAssertions:
    def __init__(self, path: Path) -> None:
        self.path = path

    def first_use(self, client_id: str, jti: str, expires: float) -> bool:
        """True the first time this client's ``jti`` is seen before it expires."""
        now = time.time()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            with os.fdopen(os.dup(fd), "r+", encoding="utf-8") as f:
                kept = [
                    entry
                    for entry in (json.loads(line) for line in f if line.strip())
                    if entry["exp"] > now
                ]
                if any(e["client"] == client_id and e["jti"] == jti for e in kept):
                    return False
                kept.append({"client": client_id, "jti": jti, "exp": expires})
                f.seek(0)
                f.truncate()
                f.writelines(json.dumps(e) + "\n" for e in kept)
            return True
        finally:
            os.close(fd)


class BackendTokens:
    def __init__(self, clients: BackendClients, used: UsedAssertions, issuer: TokenIssuer) -> None:
        self._clients = clients
        self._used = used
        self._issuer = issuer

    def exchange(self, form: Mapping[str, str], token_url: str) -> AccessToken:
        """An access token for a ``client_credentials`` request with a signed
        client assertion whose audience is ``token_url``."""
        if form.get("grant_type") != "client_credentials":
            raise TokenRequestError(
                "unsupported_grant_type", "grant_type must be client_credentials"
            )
        if form.get("client_assertion_type") != ASSERTION_TYPE:
            raise TokenRequestError(
                "invalid_client", f"client_assertion_type must be {ASSERTION_TYPE}"
            )
        assertion = form.get("client_assertion", "")
        try:
            header = jwt.get_unverified_header(assertion)
            unverified = jwt.decode(assertion, options={"verify_signature": False})
        except jwt.InvalidTokenError as error:
            raise TokenRequestError("invalid_client", f"client_assertion: {error}") from None
        client_id = unverified.get("iss")
        client = self._clients.get(client_id) if isinstance(client_id, str) else None
        if client is None:
            raise TokenRequestError("invalid_client", "the assertion's iss is no registered client")
        if header.get("alg") not in ALGORITHMS:
            raise TokenRequestError("invalid_client", f"sign with one of {', '.join(ALGORITHMS)}")
        keys = [k for k in client.jwks["keys"] if header.get("kid") in (None, k.get("kid"))]
        claims = None
        for key in keys:
            try:
                claims = jwt.decode(
                    assertion,
                    jwt.PyJWK.from_dict(key).key,
                    algorithms=list(ALGORITHMS),
                    audience=token_url,
                    issuer=client.id,
                    options={"require": ["iss", "sub", "aud", "exp", "jti"]},
                )
                break
            except jwt.InvalidSignatureError:
                continue
            except jwt.InvalidAudienceError:
                raise TokenRequestError(
                    "invalid_client", f"the assertion's audience (aud) must be {token_url}"
                ) from None
            except jwt.InvalidTokenError as error:
                raise TokenRequestError("invalid_client", f"client_assertion: {error}") from None
        if claims is None:
            raise TokenRequestError("invalid_client", "no registered key of the client signed it")
        if claims["sub"] != client.id:
            raise TokenRequestError("invalid_client", "the assertion's sub must equal its iss")
        if claims["exp"] > time.time() + MAX_ASSERTION_LIFETIME:
            raise TokenRequestError("invalid_client", "the assertion may live five minutes at most")
        if not self._used.first_use(client.id, str(claims["jti"]), float(claims["exp"])):
            raise TokenRequestError("invalid_client", "this assertion (jti) was used before")
        asked = form.get("scope", "").split()
        granted = [s for s in asked if s in client.scopes] if asked else list(client.scopes)
        if not granted:
            raise TokenRequestError(
                "invalid_scope", f"the client may ask for: {' '.join(client.scopes)}"
            )
        principal = Principal(Role.SYSTEM, client.id, frozenset(client.teams), frozenset(granted))
        ttl = min(ACCESS_TTL, self._issuer.max_ttl)
        try:
            token = self._issuer.mint(principal, ttl=ttl)
        except ValidationError as error:  # registered before scopes had to be of SMART's form
            raise TokenRequestError("invalid_scope", error.message) from None
        return AccessToken(token, ttl, " ".join(granted))
