"""Errors the domain raises. Entry points translate them into their own dialect."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error that says the request, not the service, is at fault."""


class ValidationError(DomainError, ValueError):
    """A value breaks a rule of the domain; ``field`` names where."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(DomainError, LookupError):
    def __init__(self, kind: str, ident: str) -> None:
        super().__init__(f"{kind} {ident!r} not found")
        self.kind = kind
        self.ident = ident


class VersionConflict(DomainError):
    """A write named a version of a client's network that is no longer current."""

    def __init__(self, client_id: str, expected: int, actual: int) -> None:
        super().__init__(
            f"client {client_id!r} network is at version {actual}, not {expected}; "
            "reload and apply the change again"
        )
        self.client_id = client_id
        self.expected = expected
        self.actual = actual
