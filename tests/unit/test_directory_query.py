"""What a directory search looks for: a word for a role stands for its group
in Dutch and English, and the kind of organisation it names."""

from __future__ import annotations

import pytest

from graphsvc.domain import ValidationError
from graphsvc.domain.directory_search import MAX_RESULTS, directory_query


def test_a_dutch_role_word_finds_the_english_one_and_the_kind() -> None:
    query = directory_query("Huisarts")
    assert {"huisarts", "general practitioner", "gp"} <= set(query.terms)
    assert query.kinds == ("gp-practice",)
    assert query.roles is None
    english = directory_query("general practitioner")
    assert set(english.terms) == set(query.terms)
    assert directory_query("apotheek").kinds == ("pharmacy",)
    assert "pharmac" in directory_query("apotheker").terms


def test_a_name_is_looked_for_lower_case_without_accents_and_as_typed() -> None:
    assert directory_query("  De  Vries ").terms == ("de vries",)
    # as typed too, for names stored before they had a folded copy
    assert directory_query("Özdemir").terms == ("ozdemir", "özdemir")
    # folded as FHIR's name search folds: letters whose accent is built in too
    assert directory_query("Søndergaard").terms[0] == "sondergaard"
    assert directory_query("Bakker").kinds == ()


def test_a_role_narrows_and_leaves_assistants_out_unless_asked() -> None:
    gp = directory_query("bakker", role="huisarts")
    assert gp.roles is not None and "general practitioner" in gp.roles
    assert gp.role_excludes == ("assist",)
    assert directory_query("bakker", role="doktersassistent").role_excludes == ()


def test_too_little_to_look_for_or_too_many_asked_is_refused() -> None:
    for empty in ("", " ", "a"):
        with pytest.raises(ValidationError) as refused:
            directory_query(empty)
        assert refused.value.field == "search"
    assert directory_query("bakker").limit == 20
    assert directory_query("bakker", first=MAX_RESULTS).limit == MAX_RESULTS
    for wrong in (0, MAX_RESULTS + 1):
        with pytest.raises(ValidationError):
            directory_query("bakker", first=wrong)
