"""The one seam between the shared repository and a database driver."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from graphsvc.domain import ValidationError

from .catalog import Query
from .dialect import Dialect

Row = dict[str, Any]


class CypherRunner(Protocol):
    dialect: Dialect
    kind: str

    async def read(self, query: Query, params: Mapping[str, Any]) -> list[Row]: ...
    async def write(self, query: Query, params: Mapping[str, Any]) -> list[Row]: ...
    async def ensure_schema(self) -> None: ...
    async def health(self) -> dict[str, Any]: ...
    async def close(self) -> None: ...
    def another(self) -> CypherRunner:
        """A runner with connections of its own to the same database, for
        another process (a worker forked from this one, which must not use
        the connections it inherited); closing it leaves the database be."""
        ...


def checked_params(query: Query, params: Mapping[str, Any]) -> dict[str, Any]:
    """Exactly the parameters the query declares: a missing one would silently
    be null, an extra one is a bug in the caller. No text may hold a NUL
    character: FalkorDB's client sends parameters as a text header, which a
    NUL cuts short."""
    given = set(params)
    if given != query.parameters:
        missing = sorted(query.parameters - given)
        extra = sorted(given - query.parameters)
        raise TypeError(f"query {query.name}: missing parameters {missing}, unexpected {extra}")
    for name, value in params.items():
        if _holds_nul(value):
            raise ValidationError(name, "text must not contain NUL characters")
    return dict(params)


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, Mapping):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_nul(v) for v in value)
    return False
