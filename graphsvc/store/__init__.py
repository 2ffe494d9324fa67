"""Storage: the repository port, its Cypher adapters and the embedded database."""

from .cypher_repository import CypherRepository
from .port import ClientAccess, NetworkRepository, StoreUnavailable, WriteResult

__all__ = [
    "ClientAccess",
    "CypherRepository",
    "NetworkRepository",
    "StoreUnavailable",
    "WriteResult",
]
