"""Reading a FHIR request body: the media type, the size, the JSON."""

from __future__ import annotations

import json

from starlette.requests import Request

from fhir_mappings import FhirValidationError, Issue
from fhir_mappings.xml_format import json_of_xml

MAX_BODY_BYTES = 16 * 1024 * 1024  # a transaction of some thousands of resources
_MEDIA_TYPES = ("application/fhir+json", "application/json", "application/json+fhir")
XML_MEDIA_TYPES = ("application/fhir+xml", "application/xml", "text/xml", "application/xml+fhir")


class BodyTooLarge(Exception):
    def __init__(self) -> None:
        super().__init__(f"the body is larger than {MAX_BODY_BYTES // (1024 * 1024)} MiB")


class UnsupportedMediaType(Exception):
    def __init__(self, given: str) -> None:
        super().__init__(
            f"Content-Type {given or '(none)'} is not served; "
            "send application/fhir+json or application/fhir+xml"
        )


async def json_body(request: Request) -> object:
    """The parsed JSON body (FHIR XML read as the JSON it stands for); raises
    UnsupportedMediaType, BodyTooLarge or FhirValidationError (not JSON, not
    FHIR XML, or not UTF-8)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in _MEDIA_TYPES and media not in XML_MEDIA_TYPES:
        raise UnsupportedMediaType(media)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise BodyTooLarge()
    chunks = bytearray()
    async for chunk in request.stream():
        chunks += chunk
        if len(chunks) > MAX_BODY_BYTES:
            raise BodyTooLarge()
    if media in XML_MEDIA_TYPES:
        return json_of_xml(bytes(chunks))
    try:
        return json.loads(bytes(chunks).decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError as error:
        raise FhirValidationError(
            [Issue("", f"the body is not UTF-8 (byte {error.start})", "structure")]
        ) from None
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
        raise FhirValidationError([Issue("", "the body nests too deeply", "structure")]) from None


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")
