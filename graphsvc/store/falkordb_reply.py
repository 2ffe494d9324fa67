"""FalkorDB's statements as sent and its replies as rows, without the client
library's result parser.

The library reads every value of a compact reply through a coroutine of its
own; for a page of onions (maps of lists of maps, about 300 values a client)
that cost more than running the statement. The named queries return maps,
lists and plain values only, which are read here in one pass. A reply
holding anything else (a node, an edge, a path, a point, a temporal value)
is :class:`NotPlain`, and the caller lets the library read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from falkordb.helpers import stringify_param_value
from redis.exceptions import ResponseError

_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _MAP = 1, 2, 3, 4, 5, 6, 10


class NotPlain(Exception):
    """The reply holds a value only the client library reads."""


def command(text: str, params: Mapping[str, Any]) -> list[str]:
    """The GRAPH.QUERY (or RO_QUERY) arguments after the graph's name: the
    parameters as the CYPHER header the library also writes, and the
    compact reply format."""
    header = "".join(f"`{k}`={stringify_param_value(v)} " for k, v in params.items())
    return [f"CYPHER {header}{text}" if params else text, "--compact"]


def rows(reply: list[Any]) -> list[dict[str, Any]]:
    """The records of a compact reply as dicts by column name.

    Raises the error the reply carries, and NotPlain."""
    if isinstance(reply[0], ResponseError):
        raise reply[0]
    if isinstance(reply[-1], ResponseError):
        raise reply[-1]
    if len(reply) == 1:  # statistics only
        return []
    names = [column[1] for column in reply[0]]
    return [dict(zip(names, (_value(cell) for cell in record), strict=True)) for record in reply[1]]


def _value(cell: list[Any]) -> Any:
    kind, raw = cell
    if kind == _STRING:
        return raw
    if kind == _NULL:
        return None
    if kind == _MAP:
        return {raw[i]: _value(raw[i + 1]) for i in range(0, len(raw), 2)}
    if kind == _ARRAY:
        return [_value(item) for item in raw]
    if kind == _INTEGER:
        return int(raw)
    if kind == _DOUBLE:
        return float(raw)
    if kind == _BOOLEAN:
        return raw == "true"
    raise NotPlain(kind)
