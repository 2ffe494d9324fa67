from __future__ import annotations

import time

import jwt
import pytest

from graphsvc.domain import Principal, Role, ValidationError
from graphsvc.services.errors import Unauthenticated
from graphsvc.services.tokens import TokenIssuer

KEY = b"k" * 48
NURSE = Principal(Role.NURSE, "nurse-1", frozenset({"team-0001"}))


def test_round_trip() -> None:
    issuer = TokenIssuer(KEY)
    assert issuer.verify(issuer.mint(NURSE)) == NURSE
    system = Principal(
        Role.SYSTEM, "gp-system", scopes=frozenset({"system/*.read", "system/CareTeam.write"})
    )
    assert issuer.verify(issuer.mint(system)) == system


def test_expired() -> None:
    issuer = TokenIssuer(KEY)
    token = issuer.mint(NURSE, ttl=60, now=time.time() - 3600)
    with pytest.raises(Unauthenticated, match="expired"):
        issuer.verify(token)


def test_other_key_and_tampering() -> None:
    token = TokenIssuer(KEY).mint(NURSE)
    with pytest.raises(Unauthenticated):
        TokenIssuer(b"x" * 48).verify(token)
    head, body, sig = token.split(".")
    with pytest.raises(Unauthenticated):
        TokenIssuer(KEY).verify(f"{head}.{body}x.{sig}")
    with pytest.raises(Unauthenticated):
        TokenIssuer(KEY).verify("not-a-token")


def test_alg_none_and_unknown_role_refused() -> None:
    claims = {
        "sub": "x",
        "role": "nurse",
        "iss": "graphsvc",
        "aud": "graphsvc",
        "iat": int(time.time()),
        "exp": int(time.time()) + 60,
    }
    unsigned = jwt.encode(claims, key=None, algorithm="none")
    with pytest.raises(Unauthenticated):
        TokenIssuer(KEY).verify(unsigned)
    admin = jwt.encode({**claims, "role": "admin"}, KEY, algorithm="HS256")
    with pytest.raises(Unauthenticated, match="role"):
        TokenIssuer(KEY).verify(admin)
    odd = jwt.encode({**claims, "teams": "team-0001"}, KEY, algorithm="HS256")
    with pytest.raises(Unauthenticated, match="shape"):
        TokenIssuer(KEY).verify(odd)


def test_short_key_refused() -> None:
    with pytest.raises(ValueError):
        TokenIssuer(b"short")


def test_no_token_lives_longer_than_the_maximum() -> None:
    issuer = TokenIssuer(KEY)
    with pytest.raises(ValidationError, match="at most 43200 s"):
        issuer.mint(NURSE, ttl=100 * 365 * 24 * 3600)
    assert issuer.verify(issuer.mint(NURSE, ttl=12 * 3600)) == NURSE
    # minted elsewhere with the same key (or before the maximum was lowered)
    now = int(time.time())
    claims = {
        "sub": "nurse-1",
        "role": "nurse",
        "teams": ["team-0001"],
        "iss": "graphsvc",
        "aud": "graphsvc",
        "iat": now,
        "exp": now + 100 * 365 * 24 * 3600,
    }
    forever = jwt.encode(claims, KEY, algorithm="HS256")
    with pytest.raises(Unauthenticated, match="longer than the 12 h allowed"):
        issuer.verify(forever)
    tomorrow = jwt.encode({**claims, "iat": now + 86400, "exp": now + 90000}, KEY, "HS256")
    with pytest.raises(Unauthenticated, match="not yet valid"):
        issuer.verify(tomorrow)
    shorter = TokenIssuer(KEY, default_ttl=600, max_ttl=3600)
    with pytest.raises(Unauthenticated, match="1 h allowed"):
        shorter.verify(issuer.mint(NURSE))
    with pytest.raises(ValueError, match="maximum"):
        TokenIssuer(KEY, default_ttl=7200, max_ttl=3600)
