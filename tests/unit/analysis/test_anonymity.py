"""The client file's quasi-identifiers, generalised until every combination
holds at least k rows."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from graphsvc.analysis import care_began, k_anonymise
from graphsvc.analysis.aggregate import age_on
from graphsvc.analysis.anonymity import AGE, NEIGHBOURHOOD, SUPPRESSED, TEAM, municipality

from .sketch import anchored

QIS = (TEAM, NEIGHBOURHOOD, AGE)


def test_the_ladders() -> None:
    five, ten, twenty = AGE.ladder
    assert [five(a) for a in (64, 65, 89, 90, 103, None)] == [
        "60-64", "65-69", "85-89", "90+", "90+", "unknown",
    ]  # fmt: skip
    assert (ten(84), twenty(84), twenty(79)) == ("80-89", "80+", "60-79")
    assert municipality("Bloemenbuurt, Almelo") == "Almelo"
    assert municipality("Oost") == SUPPRESSED


def test_nothing_to_hide_keeps_everything() -> None:
    rows = [("t1", "Bloemenbuurt, Almelo", 81)] * 5 + [("t2", "Kern, Almelo", 77)] * 5
    out = k_anonymise(rows, QIS, 5)
    assert out.rungs == {"team": 0, "neighbourhood": 0, "age_band": 0}
    assert out.values[0] == ("t1", "Bloemenbuurt, Almelo", "80-84")
    assert (out.suppressed, out.withheld) == (0, 0)


def test_coarser_until_no_combination_is_small() -> None:
    rows = [("t1", f"Buurt {i % 2}, Almelo", 80 + i) for i in range(10)]
    out = k_anonymise(rows, QIS, 5)
    # 80-89 for all ten; the two neighbourhoods of five each may stay
    assert out.rungs == {"team": 0, "neighbourhood": 0, "age_band": 1}
    assert Counter(out.values) == {
        ("t1", "Buurt 0, Almelo", "80-89"): 5,
        ("t1", "Buurt 1, Almelo", "80-89"): 5,
    }


def test_a_lone_outlier_hides_among_k() -> None:
    rows = [("t1", "Kern, Almelo", 80)] * 40 + [("t9", "Elders, Hengelo", 70)]
    out = k_anonymise(rows, QIS, 5)
    assert out.values[-1] == ("*", "*", "*") and out.withheld == 0
    assert Counter(out.values) == {("*", "*", "*"): 5, ("t1", "Kern, Almelo", "80-84"): 36}


def test_fewer_than_k_in_all_are_withheld() -> None:
    out = k_anonymise([("t1", "Kern, Almelo", 80)] * 3, QIS, 5)
    assert out.values == (None, None, None) and out.withheld == 3


@pytest.mark.parametrize("k", [2, 5, 10])
def test_every_combination_holds_k_rows(k: int) -> None:
    rnd = random.Random(k)
    rows = [
        (f"t{rnd.randrange(4)}", f"Buurt {rnd.randrange(6)}, Stad {rnd.randrange(2)}",
         rnd.randrange(60, 100))
        for _ in range(200)
    ]  # fmt: skip
    out = k_anonymise(rows, QIS, k)
    kept = [v for v in out.values if v is not None]
    assert min(Counter(kept).values()) >= k
    assert out.withheld == 0
    assert out.suppressed <= 0.05 * len(rows) + k


def test_when_care_began() -> None:
    s = anchored()
    need = s.need("38")
    onion = s.onion()
    assert care_began(onion) is None  # nothing dated
    dated_need = replace(onion.needs[0], since=date(2023, 1, 5))
    assert care_began(replace(onion, needs=(dated_need,))) == date(2023, 1, 5)
    members = tuple(
        replace(m, membership=replace(m.membership, since=date(2024, 9, 16)))
        if m.person.id == "nurse"
        else m
        for m in onion.members
    )
    both = replace(onion, members=members, needs=(dated_need,))
    assert care_began(both) == date(2024, 9, 16)  # the team's first day, not the need's
    assert need == dated_need.id


def test_age_in_whole_years() -> None:
    assert age_on(date(1936, 2, 19), date(2026, 2, 18)) == 89
    assert age_on(date(1936, 2, 19), date(2026, 2, 19)) == 90
    assert age_on(None, date(2026, 2, 19)) is None
