"""Reading a FHIR request body: the media type and its charset (UTF-8 only,
as FHIR requires), the size, the JSON (each key once in an object) or, for a
search by POST, the form. Parsing runs in a worker thread, so that a large or
slow body holds up its own request only, not the event loop."""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from fhir_mappings import FhirValidationError, Issue
from fhir_mappings.body_limits import MAX_REPEATS
from fhir_mappings.json_rules import RepeatedKey, repeated_key_issue, unique_keys
from fhir_mappings.keys import is_resource_type_name
from fhir_mappings.search.urlencoded import parse_pairs
from fhir_mappings.xml_format import json_of_xml
from graphsvc.api.media import foreign_charset

MAX_BODY_BYTES = 16 * 1024 * 1024  # a transaction of some thousands of resources
MAX_DEPTH = 64  # objects and lists; a resource in a Bundle nests some twelve deep
MAX_FORM_BYTES = 64 * 1024  # the parameters of one search
MAX_FORM_FIELDS = 200
_MEDIA_TYPES = ("application/fhir+json", "application/json", "application/json+fhir")
XML_MEDIA_TYPES = ("application/fhir+xml", "application/xml", "text/xml", "application/xml+fhir")
_FORM = "application/x-www-form-urlencoded"


class BodyTooLarge(Exception):
    def __init__(self, limit: int = MAX_BODY_BYTES) -> None:
        size = f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"
        super().__init__(f"the body is larger than {size}")


class UnsupportedMediaType(Exception):
    def __init__(self, given: str, wanted: str = "application/fhir+json") -> None:
        super().__init__(f"Content-Type {given or '(none)'} is not served; send {wanted}")


class UnsupportedCharset(UnsupportedMediaType):
    """A body said to be in another charset than UTF-8, the only one FHIR allows."""

    def __init__(self, charset: str) -> None:
        shown = charset[:40] or "(empty)"
        Exception.__init__(
            self, f"charset={shown} is not accepted: FHIR bodies are UTF-8, and only UTF-8 is read"
        )


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _require_utf8(request: Request) -> None:
    """Raises UnsupportedCharset when the Content-Type names a charset other
    than UTF-8: the body would be read as UTF-8 all the same, and mean otherwise."""
    charset = foreign_charset(request.headers.get("content-type", ""))
    if charset is not None:
        raise UnsupportedCharset(charset)


async def _read(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)
    chunks = bytearray()
    async for chunk in request.stream():
        chunks += chunk
        if len(chunks) > limit:
            raise BodyTooLarge(limit)
    return bytes(chunks)


async def form_params(request: Request, where: str = "") -> list[tuple[str, str]]:
    """The parameters of a search sent by POST, as a form, read strictly
    (``where``: the expression a bad one is named by); none when the body is
    empty. Raises UnsupportedMediaType (UnsupportedCharset too), BodyTooLarge
    or FhirValidationError."""
    media = _media_type(request)
    body = await _read(request, MAX_FORM_BYTES)
    if not body:
        return []
    if media != _FORM:
        raise UnsupportedMediaType(media, _FORM)
    _require_utf8(request)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FhirValidationError(
            [Issue("", f"the form is not UTF-8 (byte {error.start})", "structure")]
        ) from None
    if body.count(b"&") >= MAX_FORM_FIELDS:
        raise FhirValidationError(
            [Issue("", f"a search takes at most {MAX_FORM_FIELDS} parameters", "structure")]
        )
    return parse_pairs(body, where)


async def json_body(request: Request) -> object:
    """The parsed JSON body (FHIR XML read as the JSON it stands for); raises
    UnsupportedMediaType (UnsupportedCharset too), BodyTooLarge or
    FhirValidationError (not UTF-8, not JSON or FHIR XML, a key named twice in
    one object, nested too deep, or an array longer than MAX_REPEATS)."""
    media = _media_type(request)
    if media not in _MEDIA_TYPES and media not in XML_MEDIA_TYPES:
        raise UnsupportedMediaType(media, "application/fhir+json or application/fhir+xml")
    _require_utf8(request)
    chunks = await _read(request, MAX_BODY_BYTES)
    return await run_in_threadpool(_read_body, chunks, media in XML_MEDIA_TYPES)


def _read_body(chunks: bytes, xml: bool) -> object:
    """The body parsed and its shape checked: in a worker thread."""
    parsed = json_of_xml(chunks) if xml else _parsed(chunks)
    problem = _shape_problem(parsed)
    if problem is not None:
        raise FhirValidationError([problem])
    return parsed


async def resource_body(request: Request) -> dict[str, object]:
    """The body of a create or update: one resource, a JSON object."""
    body = await json_body(request)
    if not isinstance(body, dict) or not body:
        raise FhirValidationError(
            [
                Issue(
                    "",
                    "the body must be a resource: a JSON object with its resourceType",
                    "structure",
                )
            ]
        )
    return body


def _parsed(chunks: bytes) -> object:
    text = _text(chunks)
    try:
        return json.loads(text, parse_constant=_no_constant, object_pairs_hook=unique_keys)
    except RepeatedKey as repeated:  # found again on this path only, to say where
        raise FhirValidationError([repeated_key_issue(text, repeated)]) from None
    except (json.JSONDecodeError, ValueError) as error:
        where = (
            f" at line {error.lineno}, column {error.colno}"
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        message = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
        raise FhirValidationError(
            [Issue("", f"the body is not JSON{where}: {message}", "structure")]
        ) from None
    except RecursionError:
        raise FhirValidationError(
            [Issue("", f"the body nests more than {MAX_DEPTH} levels deep", "structure")]
        ) from None


def _text(chunks: bytes) -> str:
    try:
        return chunks.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FhirValidationError(
            [Issue("", f"the body is not UTF-8 (byte {error.start})", "structure")]
        ) from None


def _shape_problem(value: object) -> Issue | None:
    """Where the body first nests deeper than MAX_DEPTH, or holds an array of
    more than MAX_REPEATS items (a Bundle's own entries excepted), if it does."""
    kind = value.get("resourceType") if isinstance(value, dict) else None
    root = kind if is_resource_type_name(kind) else ""
    pending: list[tuple[object, str, int]] = [(value, "", 0)]
    while pending:
        inner, path, depth = pending.pop()
        if depth > MAX_DEPTH:
            return Issue(
                path[:200], f"the body nests more than {MAX_DEPTH} levels deep", "structure"
            )
        bundle_entries = depth == 1 and path == "entry" and root == "Bundle"
        if isinstance(inner, list) and len(inner) > MAX_REPEATS and not bundle_entries:
            where = f"{root}.{path}" if root and path else path or root
            return Issue(
                where[:200],
                f"{where or 'the body'} holds {len(inner)} items; an array in a "
                f"resource holds at most {MAX_REPEATS}",
                "structure",
            )
        if isinstance(inner, dict):
            pending.extend(
                (v, f"{path}.{k}" if path else str(k), depth + 1) for k, v in inner.items()
            )
        elif isinstance(inner, list):
            pending.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(inner))
    return None


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")
