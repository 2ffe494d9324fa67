"""The body of a POST to /graphql, checked before GraphQL sees it: small
enough, UTF-8 (and said to be, if a charset is named), JSON with each key
once in an object, one object with a string ``query`` and, if given,
``variables`` (an object, not nested too deep) and ``operationName``, and
Unicode text throughout. What is not is a 400 (413, 415) that says what."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache

from graphql import GraphQLError, OperationDefinitionNode, parse
from starlette.requests import Request

from fhir_mappings.json_rules import RepeatedKey, repeated_key_path, unique_keys
from fhir_mappings.jsontypes import JsonPath

from ..media import foreign_charset
from .schema import MAX_TOKENS

MAX_BYTES = 1024 * 1024  # a query and its variables; a network is sent in pieces
MAX_DEPTH = 32  # objects and lists within ``variables``
MEDIA_TYPES = ("application/json", "application/graphql-response+json")


class BadBody(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def checked_body(request: Request) -> bytes:
    """The body as sent, once it is known to be a GraphQL request."""
    return (await checked_request(request))[0]


async def checked_request(request: Request) -> tuple[bytes, dict[str, object]]:
    """The body as sent, and as read, once it is known to be a GraphQL request."""
    _check_media_type(request.headers.get("content-type", ""))
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_BYTES:
        raise BadBody(413, _too_large())
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BYTES:
            raise BadBody(413, _too_large())
    data = _parsed(bytes(body))
    _check(data)
    assert isinstance(data, dict)
    return bytes(body), data


def _check_media_type(content_type: str) -> None:
    """JSON, and UTF-8 if a charset is named: the body is read as UTF-8."""
    media = content_type.split(";")[0].strip().lower()
    if media not in MEDIA_TYPES:
        raise BadBody(415, f"Content-Type {media or '(none)'} is not served; send application/json")
    charset = foreign_charset(content_type)
    if charset is not None:
        shown = charset[:40] or "(empty)"
        raise BadBody(415, f"charset={shown} is not accepted: only UTF-8 is read")


def _too_large() -> str:
    return f"the body is larger than {MAX_BYTES // (1024 * 1024)} MiB"


def _parsed(body: bytes) -> object:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadBody(400, f"the body is not UTF-8 (byte {error.start})") from None
    try:
        return json.loads(text, parse_constant=_no_constant, object_pairs_hook=unique_keys)
    except RepeatedKey as repeated:  # found again on this path only, to say where
        raise BadBody(400, _repeated(text, repeated)) from None
    except json.JSONDecodeError as error:
        raise BadBody(
            400, f"the body is not JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except ValueError as error:
        raise BadBody(400, f"the body is not JSON: {error}") from None
    except RecursionError:
        raise BadBody(400, f"the body nests more than {MAX_DEPTH} levels deep") from None


def _repeated(text: str, repeated: RepeatedKey) -> str:
    """What a body naming a key twice is told: in which object, if found."""
    path = repeated_key_path(text)
    if path is None:
        return f"{repeated}; name each key once"
    where = _dotted(path[:-1])[:200] or "(body)"
    return f"'{where}' names the key {str(path[-1])[:40]!r} more than once; name each key once"


def _dotted(path: JsonPath) -> str:
    """A path as the other messages here write it: ``variables.a[0].b``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}" if text else step
    return text


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def _check(data: object) -> None:
    if not isinstance(data, dict):
        raise BadBody(
            400,
            "the body must be a JSON object with 'query' (and, if needed, 'variables' "
            f"and 'operationName'), not {_kind(data)}",
        )
    if not isinstance(data.get("query"), str):
        raise BadBody(400, "'query' must be a string holding the GraphQL document")
    variables = data.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise BadBody(400, f"'variables' must be a JSON object or null, not {_kind(variables)}")
    name = data.get("operationName")
    if name is not None and not isinstance(name, str):
        raise BadBody(400, f"'operationName' must be a string or null, not {_kind(name)}")
    _check_operation(data["query"], name)
    for path, depth, value in _walk(data, "", 0):
        if depth > MAX_DEPTH:
            raise BadBody(400, f"'{path}' nests more than {MAX_DEPTH} levels deep")
        if (
            isinstance(value, str)
            and not value.isascii()
            and any("\ud800" <= c <= "\udfff" for c in value)
        ):
            raise BadBody(
                400, f"'{path}' holds a lone surrogate (\\ud800-\\udfff), which is not text"
            )


def _check_operation(query: str, name: str | None) -> None:
    """The operation to run is the one named, or the document's only one."""
    names = _operation_names(query)
    if names is None:  # not GraphQL: the GraphQL answer says where
        return
    if name is not None and name not in names:
        raise BadBody(400, f"'operationName' {name!r} names no operation in 'query'")
    if name is None and len(names) > 1:
        raise BadBody(
            400, "'query' holds several operations: name the one to run in 'operationName'"
        )


@lru_cache(maxsize=512)
def _operation_names(query: str) -> tuple[str | None, ...] | None:
    try:
        document = parse(query, no_location=True, max_tokens=MAX_TOKENS)
    except GraphQLError:
        return None
    return tuple(
        d.name.value if d.name else None
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    )


def _walk(value: object, path: str, depth: int) -> Iterator[tuple[str, int, object]]:
    yield path, depth, value
    if depth > MAX_DEPTH:
        return
    if isinstance(value, dict):
        for key, inner in value.items():
            yield path or "(body)", depth, key
            yield from _walk(inner, f"{path}.{key}" if path else key, depth + 1)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _walk(inner, f"{path}[{i}]", depth + 1)


def _kind(value: object) -> str:
    match value:
        case None:
            return "null"
        case bool():
            return "true or false"
        case int() | float():
            return "a number"
        case str():
            return "a string"
        case list():
            return "a list"
        case _:
            return "an object"
