"""Text rules of search: FHIR's escaping in parameter values, the escaping of
stored token strings, and names as searchable words (folded as the domain
folds them)."""

from __future__ import annotations

import re

from graphsvc.domain.folding import fold

MAX_WORD = 40  # characters of a name word that are indexed and searched

# FHIR search escapes ``\``, ``,``, ``|`` and ``$`` in a value with a backslash.
_SEARCH_ESCAPED = re.compile(r"\\([\\,|$])")
_WORD = re.compile(r"[^\W_]+")  # letters and digits


def split_unescaped(text: str, separator: str) -> list[str]:
    """``text`` cut at each ``separator`` not escaped by a backslash; the parts
    keep their escapes."""
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    parts.append("".join(current))
    return parts


def search_unescape(text: str) -> str:
    """``\\,``, ``\\|``, ``\\$`` and ``\\\\`` as the characters they stand for."""
    return _SEARCH_ESCAPED.sub(r"\1", text)


def search_escape(text: str) -> str:
    """``text`` as one escaped alternative of a search parameter's value."""
    for char in "\\,|$":
        text = text.replace(char, "\\" + char)
    return text


def token_escape(text: str) -> str:
    """A system or code inside a stored token string: ``\\`` and ``|`` escaped,
    so that ``code|S|C`` reads one way only."""
    return text.replace("\\", "\\\\").replace("|", "\\|")


def name_words(text: str) -> list[str]:
    """The words of ``text`` as searched: folded, split at anything but a letter
    or digit (``de Boer-Koster`` is ``de``, ``boer``, ``koster``), each cut to
    :data:`MAX_WORD` characters."""
    return [word[:MAX_WORD] for word in _WORD.findall(fold(text))]
