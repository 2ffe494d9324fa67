"""Other systems registered to get tokens by SMART Backend Services: each
with its public keys (a JWKS), the scopes it may ask for and, if it serves
some teams only, those. Kept in ``DATA/clients.json``; written under an
exclusive lock, so several processes may register at once."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt

from graphsvc.domain import ValidationError
from graphsvc.domain.values import is_id

from .access import Action, scope_allows


@dataclass(frozen=True, slots=True)
class BackendClient:
    id: str
    jwks: Mapping[str, Any]
    scopes: tuple[str, ...]
    teams: tuple[str, ...] = ()


def check_jwks(jwks: object) -> Mapping[str, Any]:
    """A JWKS with at least one public RSA or EC key PyJWT can use."""
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list) or not jwks["keys"]:
        raise ValidationError("jwks", 'must be a JSON Web Key Set: {"keys": [...]}')
    for key in jwks["keys"]:
        if not isinstance(key, dict) or key.get("kty") not in {"RSA", "EC"}:
            raise ValidationError("jwks", "holds only RSA and EC keys")
        if "d" in key:
            raise ValidationError("jwks", "holds a private key; register the public key only")
        try:
            jwt.PyJWK.from_dict(key)
        except jwt.PyJWKError as error:
            raise ValidationError("jwks", f"a key cannot be used: {error}") from None
    return jwks


def check_scopes(scopes: Sequence[str]) -> tuple[str, ...]:
    if not scopes:
        raise ValidationError("scope", "give at least one, e.g. system/CareTeam.rs")
    for scope in scopes:
        context, _, rest = scope.partition("/")
        resource, _, permission = rest.partition(".")
        if context != "system" or not resource or not permission:
            raise ValidationError(
                "scope", f"{scope!r} is not a system scope such as system/CareTeam.rs"
            )
        if not any(scope_allows([scope], resource, a) for a in Action):
            raise ValidationError("scope", f"{scope!r} allows nothing")
    return tuple(sorted(set(scopes)))


class BackendClients:
    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, client_id: str) -> BackendClient | None:
        raw = self._read().get(client_id)
        if raw is None:
            return None
        return BackendClient(
            client_id, raw["jwks"], tuple(raw["scopes"]), tuple(raw.get("teams", ()))
        )

    def add(self, client: BackendClient) -> None:
        """Register a client, or replace its keys, scopes and teams."""
        if not is_id(client.id):
            raise ValidationError("id", f"{client.id!r} is not an id (letters, digits, - and .)")
        check_jwks(client.jwks)
        scopes = check_scopes(client.scopes)
        with self._locked():
            clients = self._read()
            clients[client.id] = {
                "jwks": dict(client.jwks),
                "scopes": list(scopes),
                "teams": sorted(client.teams),
            }
            fresh = self.path.with_suffix(".json.new")
            fresh.write_text(json.dumps(clients, indent=1, sort_keys=True), encoding="utf-8")
            os.chmod(fresh, 0o600)
            fresh.replace(self.path)

    def _read(self) -> dict[str, Any]:
        try:
            found = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return found if isinstance(found, dict) else {}

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)
