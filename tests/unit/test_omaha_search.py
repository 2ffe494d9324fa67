"""The Omaha System in Dutch, and finding a problem the way a nurse types it."""

from __future__ import annotations

import pytest

from graphsvc.domain import OmahaDomain, catalogue
from graphsvc.domain.folding import fold
from graphsvc.domain.omaha_search import SYNONYMS, search_problems


def codes(search: str | None) -> list[str]:
    return [p.code for p in search_problems(search)]


def test_every_problem_and_domain_has_its_own_dutch_name() -> None:
    problems = catalogue().values()
    names = [p.display_nl for p in problems]
    assert all(n.strip() and n != p.display for n, p in zip(names, problems, strict=True))
    assert len(set(names)) == 42
    assert {d.name_nl for d in OmahaDomain} == {
        "Omgeving",
        "Psychosociaal",
        "Fysiologisch",
        "Gezondheidsgerelateerd gedrag",
    }
    by_code = catalogue()
    assert by_code["01"].display_nl == "Inkomen"
    assert by_code["03"].display_nl == "Woning"
    assert by_code["13"].display_nl == "Mantelzorg/opvoeding"
    assert by_code["35"].display_nl == "Voeding"
    assert by_code["38"].display_nl == "Persoonlijke verzorging"
    assert by_code["42"].display_nl == "Medicatieregime"


def test_the_searches_nurses_type() -> None:
    assert codes("voeding") == ["35"]
    assert codes("medicatie") == ["42"]
    # shopping: food in the house and keeping the household going
    assert codes("boodschappen") == ["03", "35"]
    assert codes("eenzaam") == ["06", "11"]
    assert codes("eenzaamheid") == ["06", "11"]
    assert codes("valgevaar") == ["03", "25"]


def test_either_language_any_case_or_accent_and_words_inside_names() -> None:
    assert codes("Medication") == codes("MEDICATIEREGIME") == ["42"]
    assert codes("verzorging") == ["38"]
    assert codes("sociaal") == ["06"]
    assert codes("géestelijke") == ["11"]
    assert codes("contact") == ["06"]
    assert codes("persoonlijke verzorging") == ["38"]
    assert codes("42") == codes("medic") == ["42"]
    assert codes("6") == ["06"]


def test_no_search_gives_every_problem_and_a_miss_gives_none() -> None:
    assert codes(None) == codes("  ") == sorted(catalogue())
    assert codes("xylofoon") == []
    assert codes("voeding xylofoon") == []


def test_fold_drops_case_and_accents() -> None:
    assert fold("Hygiëne É") == "hygiene e"


@pytest.mark.parametrize("term", sorted(SYNONYMS))
def test_every_synonym_names_real_problems(term: str) -> None:
    assert SYNONYMS[term]
    assert set(SYNONYMS[term]) <= set(catalogue())
    assert set(SYNONYMS[term]) <= set(codes(term))
