"""Text as every search in the service compares it: without case or accents,
so that "zoe" finds Zoë and "sondergaard" Søndergaard (FHIR's string search,
the directory, the Omaha problems)."""

from __future__ import annotations

import unicodedata

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
