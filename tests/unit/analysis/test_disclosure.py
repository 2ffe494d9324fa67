"""The audit behind complementary suppression: which combinations of figures
rest on fewer than k units, checked by hand and against brute force."""

from __future__ import annotations

import random

import numpy as np
import pytest

from graphsvc.analysis.disclosure import Disclosure, find_disclosures

from ...differencing import resting_on_few

A = frozenset(range(6))
B = frozenset({6})
C = frozenset(range(7, 17))


def test_all_minus_the_shown_team_is_the_other() -> None:
    everyone = A | B
    assert find_disclosures([everyone, A], 5) == [Disclosure(B, (0, 1))]


def test_a_complement_big_enough_hides_it() -> None:
    assert find_disclosures([A | B | C, A], 5) == []


def test_a_neighbourhood_and_a_team_pin_down_their_overlap() -> None:
    # hood X: team B, team C and four of team A; ALL - A = B + C, so X - (ALL - A)
    # is the four clients of team A in X, a figure nobody published
    x = B | C | {0, 1, 2, 3}
    found = {d.units: d.figures for d in find_disclosures([A | B | C, A, x], 5)}
    assert found == {frozenset({0, 1, 2, 3}): (0, 1, 2), frozenset({4, 5}): (0, 2)}


def test_margins_of_a_full_table_give_no_cell_away() -> None:
    t1, t2 = frozenset(range(20)), frozenset(range(20, 40))
    h1 = frozenset(range(10)) | frozenset(range(20, 30))
    assert find_disclosures([t1 | t2, t1, t2, h1, (t1 | t2) - h1], 5) == []


def test_a_small_figure_shown_is_itself_a_disclosure() -> None:
    found = {d.units for d in find_disclosures([A, frozenset({1, 2})], 5)}
    assert found == {frozenset({1, 2}), frozenset({0, 3, 4, 5})}  # and A minus it
    assert find_disclosures([A, frozenset({1, 2})], 2) == []


@pytest.mark.parametrize("seed", range(4))
def test_it_agrees_with_brute_force(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(40):
        n, k = rnd.randint(5, 20), rnd.choice([3, 4, 5])
        sizes = [rnd.randint(1, 4) for _ in range(rnd.randint(1, 3))]
        keys = [[rnd.randrange(s) for s in sizes] for _ in range(n)]
        figures = [frozenset(range(n))] if rnd.random() < 0.8 else []
        for d, s in enumerate(sizes):
            for v in range(s):
                cell = frozenset(u for u in range(n) if keys[u][d] == v)
                if cell and rnd.random() < 0.7:
                    figures.append(cell)
        found = find_disclosures(figures, k)
        assert bool(found) == bool(resting_on_few(figures, k)), figures
        for d in found:
            assert 0 < len(d.units) < k
            assert rests_on(d.units, [figures[i] for i in d.figures])


def rests_on(units: frozenset[int], figures: list[frozenset[int]]) -> bool:
    """Some combination of ``figures`` is nonzero on ``units`` alone."""
    everyone = sorted(frozenset().union(*figures))
    a = np.array([[u in f for u in everyone] for f in figures], dtype=float)
    rest = [i for i, u in enumerate(everyone) if u not in units]
    rank = np.linalg.matrix_rank(a)
    return bool(rank > (np.linalg.matrix_rank(a[:, rest]) if rest else 0))
