"""Use cases. Every call takes the acting principal and enforces access.

The names below are loaded when first asked for, so that a process that
needs one service (an import's validating workers) does not load them all."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .access import Action
    from .errors import Forbidden, Unauthenticated
    from .network import NetworkService
    from .tokens import TokenIssuer

__all__ = ["Action", "Forbidden", "NetworkService", "TokenIssuer", "Unauthenticated"]

_HOMES = {
    "Action": "access",
    "Forbidden": "errors",
    "Unauthenticated": "errors",
    "NetworkService": "network",
    "TokenIssuer": "tokens",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
