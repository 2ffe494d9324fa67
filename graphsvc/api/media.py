"""What a request's Content-Type says beyond its media type: the charset.
Bodies are read as UTF-8 (FHIR allows nothing else, JSON is UTF-8), so a
body said to be in another charset would be read as something it is not."""

from __future__ import annotations

_UTF8 = frozenset({"utf-8", "utf8"})


def foreign_charset(content_type: str) -> str | None:
    """The first charset the Content-Type names that is not UTF-8, if any."""
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        charset = value.strip().strip('"')
        if name.strip().lower() == "charset" and charset.lower() not in _UTF8:
            return charset
    return None
