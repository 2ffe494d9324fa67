"""Pseudonymous ids: the same real id and secret always give the same
pseudonym, and without the secret a pseudonym cannot be traced back or
recomputed from a guessed id (a keyed HMAC-SHA-256, unlike a plain hash)."""

from __future__ import annotations

import hashlib
import hmac

MIN_SECRET_BYTES = 16


def pseudonymous_id(real_id: str, secret: bytes, *, kind: str = "", scope: str = "") -> str:
    """A 32-hex-digit pseudonym (128 bits), prefixed ``kind-`` when a kind is
    given; the kind also keys the HMAC, so a person and a need sharing an id
    get unrelated pseudonyms. A ``scope`` keys it too: the same person in two
    scopes (two files) gets two unrelated pseudonyms. A valid FHIR id."""
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"the secret must be at least {MIN_SECRET_BYTES} bytes")
    message = (f"{kind}\x1f{real_id}" if not scope else f"{kind}\x1f{scope}\x1f{real_id}").encode()
    digest = hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]
    return f"{kind}-{digest}" if kind else digest
