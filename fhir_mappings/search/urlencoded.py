"""Query strings and search forms (``application/x-www-form-urlencoded``)
read strictly: ``+`` is a space, every ``%`` starts an escape of two hex
digits, and the bytes the escapes spell are UTF-8. Read leniently, ``%zz``
would be searched for as three characters and a stray byte as U+FFFD,
which the sender never meant; so such a parameter is refused, by name."""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from ..issues import FhirValidationError, Issue
from .query import safe_text

_BROKEN_ESCAPE = re.compile(rb"%(?![0-9A-Fa-f]{2})")


def parse_pairs(raw: bytes, where: str) -> list[tuple[str, str]]:
    """The (name, value) pairs of ``raw``, in order, as ``urllib.parse.parse_qsl``
    with ``keep_blank_values`` reads a valid one. Raises
    :class:`FhirValidationError` with an issue (code ``structure``) for each
    parameter that is not valid, its expression ``where`` and the name."""
    pairs: list[tuple[str, str]] = []
    issues: list[Issue] = []
    for field in raw.split(b"&"):
        if not field:
            continue
        raw_name, _, raw_value = field.partition(b"=")
        try:
            name = _decoded(raw_name, "its name")
        except ValueError as error:
            shown = safe_text(raw_name.decode("utf-8", "replace"))
            issues.append(Issue(f"{where}{shown}", str(error), "structure"))
            continue
        try:
            pairs.append((name, _decoded(raw_value, "its value")))
        except ValueError as error:
            issues.append(Issue(f"{where}{safe_text(name)}", str(error), "structure"))
    if issues:
        raise FhirValidationError(issues)
    return pairs


def _decoded(raw: bytes, what: str) -> str:
    broken = _BROKEN_ESCAPE.search(raw)
    if broken is not None:
        escape = raw[broken.start() : broken.start() + 3].decode("utf-8", "replace")
        raise ValueError(
            f"{what} holds {safe_text(escape)!r}, which is not a percent escape (a '%' and two "
            "hex digits); a '%' itself is sent as %25"
        )
    try:
        return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(
            f"{what} is not UTF-8 once its percent escapes are read; send each character "
            "as the percent escapes of its UTF-8 bytes (é is %C3%A9)"
        ) from None
