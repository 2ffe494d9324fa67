"""Use cases. Every call takes the acting principal and enforces access."""

from .access import Action
from .errors import Forbidden, Unauthenticated
from .network import NetworkService
from .tokens import TokenIssuer

__all__ = ["Action", "Forbidden", "NetworkService", "TokenIssuer", "Unauthenticated"]
