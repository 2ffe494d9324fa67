"""Finding an Omaha System problem the way a nurse types it.

A search matches a problem's Dutch or English name (the start of any word
in it: "verzorging" finds "Persoonlijke verzorging", "medicatie" finds
"Medicatieregime", but "voeding" not "Mantelzorg/opvoeding"), its code,
or one of the everyday words in :data:`SYNONYMS` that nurses use for what
the classification names otherwise. Case and accents do not matter ("geestelijke", "GEESTELIJKE",
"géestelijke" are one search). Every word of the search must be found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .folding import fold
from .omaha import OmahaProblem, catalogue

# Everyday words and the problems a nurse means by them (codes). Each is
# matched from its start, both ways: "eenzaam" finds "eenzaamheid" and the
# other way round. Chosen for what the word points at in home care:
SYNONYMS: dict[str, tuple[str, ...]] = {
    # doing the shopping: food in the house (Nutrition) and keeping a
    # household going (Residence)
    "boodschappen": ("35", "03"),
    "huishouden": ("03",),
    "eten": ("35", "28"),
    "drinken": ("28", "35"),
    "ondervoeding": ("35",),
    "gewicht": ("35",),
    # medicines: taking them as prescribed
    "medicijnen": ("42",),
    "medicatie": ("42",),
    "pillen": ("42",),
    "baxter": ("42",),
    # lonely: too little social contact, and how she feels about it
    "eenzaam": ("06", "11"),
    "isolement": ("06",),
    "somber": ("11",),
    "depressie": ("11",),
    "angst": ("11",),
    # risk of falling: gait, balance and strength; a home with hazards
    "valgevaar": ("25", "03"),
    "vallen": ("25", "03"),
    "valrisico": ("25", "03"),
    "mobiliteit": ("25", "37"),
    "lopen": ("25",),
    "rollator": ("25",),
    "bewegen": ("37", "25"),
    "geheugen": ("21",),
    "dementie": ("21",),
    "vergeetachtig": ("21",),
    "wassen": ("38",),
    "douchen": ("38",),
    "aankleden": ("38",),
    "wond": ("24",),
    "decubitus": ("24",),
    "incontinentie": ("30", "29"),
    "plassen": ("30",),
    "ontlasting": ("29",),
    "obstipatie": ("29",),
    "benauwd": ("26",),
    "slapen": ("36",),
    "mantelzorger": ("13",),
    "overbelast": ("13",),
    "geld": ("01",),
    "schulden": ("01",),
    "alcohol": ("39",),
    "roken": ("39",),
    "huisarts": ("41",),
    "overleden": ("10",),
}


@cache
def _name_words(problem: OmahaProblem) -> tuple[str, ...]:
    """The words of both names, folded ("Mantelzorg/opvoeding": two words)."""
    return tuple(re.findall(r"\w+", fold(f"{problem.display} {problem.display_nl}")))


def _problem_codes_for(word: str) -> frozenset[str]:
    return frozenset(
        code
        for term, codes in SYNONYMS.items()
        if term.startswith(word) or word.startswith(term)
        for code in codes
    )


def _word_matches(word: str, problem: OmahaProblem) -> bool:
    if word == problem.code or (word.isdigit() and len(word) == 1 and f"0{word}" == problem.code):
        return True
    if any(w.startswith(word) for w in _name_words(problem)):
        return True
    return len(word) >= 3 and problem.code in _problem_codes_for(word)


def search_problems(
    search: str | None, problems: Iterable[OmahaProblem] | None = None
) -> list[OmahaProblem]:
    """The problems a search finds, in code order; all of them for an empty one."""
    words = fold(search or "").split()
    found = catalogue().values() if problems is None else problems
    return sorted(
        (p for p in found if all(_word_matches(w, p) for w in words)), key=lambda p: p.code
    )
