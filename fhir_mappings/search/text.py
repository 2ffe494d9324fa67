"""Text rules of search: FHIR's escaping in parameter values, the escaping of
stored token strings, and the folding of names into searchable words."""

from __future__ import annotations

import re
import unicodedata

MAX_WORD = 40  # characters of a name word that are indexed and searched

# FHIR search escapes ``\``, ``,``, ``|`` and ``$`` in a value with a backslash.
_SEARCH_ESCAPED = re.compile(r"\\([\\,|$])")
_WORD = re.compile(r"[^\W_]+")  # letters and digits
# Letters that carry their "accent" in the letter itself, so that NFKD cannot
# separate it; folded the way people type them without the accent.
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "ħ": "h",
        "\u0131": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)


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


def fold(text: str) -> str:
    """Case- and accent-insensitive form: NFKD, combining marks dropped, casefolded,
    a few letters with built-in accents (ø, ł, æ, ...) spelled out; repeated until
    stable, so folding folded text changes nothing."""
    for _ in range(4):
        decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
        folded = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
        folded = folded.translate(_LETTERS)
        if folded == text:
            break
        text = folded
    return text


def name_words(text: str) -> list[str]:
    """The words of ``text`` as searched: folded, split at anything but a letter
    or digit (``de Boer-Koster`` is ``de``, ``boer``, ``koster``), each cut to
    :data:`MAX_WORD` characters."""
    return [word[:MAX_WORD] for word in _WORD.findall(fold(text))]
