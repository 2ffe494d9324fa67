"""Network size, density and Burt's structural holes of the client's ego
network, against answers worked out by hand."""

from __future__ import annotations

import pytest

from graphsvc.analysis import (
    client_strength,
    constraint,
    effective_size,
    network_density,
    network_size,
)
from graphsvc.domain import Onion

from .sketch import Sketch
from .test_strength import rich


def star(*knows: tuple[str, str]) -> Onion:
    s = Sketch()
    for pid in ("a", "b", "c"):
        s.informal(pid, f"Person {pid}")
    for a, b in knows:
        s.know(a, b)
    return s.onion()


def test_three_people_who_do_not_know_each_other() -> None:
    onion = star()
    assert (network_size(onion), network_density(onion)) == (3, 0.0)
    assert effective_size(onion) == 3.0  # nobody is redundant
    assert constraint(onion) == pytest.approx(3 * (1 / 3) ** 2)  # 1/3


def test_three_people_two_of_whom_know_each_other() -> None:
    """n = 3, t = 1: effective size 3 - 2/3. Constraint: p = 1/3 to each; a
    and b each have two ties (client and each other), so the indirect share
    through the other is 1/3 * 1/2: (1/3 + 1/6)^2 twice, (1/3)^2 for c."""
    onion = star(("a", "b"))
    assert network_density(onion) == pytest.approx(1 / 3)
    assert effective_size(onion) == pytest.approx(3 - 2 / 3)
    assert constraint(onion) == pytest.approx(2 * (1 / 2) ** 2 + (1 / 3) ** 2)  # 11/18


def test_everyone_knows_everyone() -> None:
    onion = star(("a", "b"), ("a", "c"), ("b", "c"))
    assert network_density(onion) == 1.0
    assert effective_size(onion) == pytest.approx(1.0)  # 3 - 2*3/3
    # p = 1/3 direct, and 1/3 * 1/3 through each of the two others: (5/9)^2 each
    assert constraint(onion) == pytest.approx(3 * (5 / 9) ** 2)


def test_the_rich_network() -> None:
    """Seven people in every ring; KNOWS daughter-son, daughter-neighbour,
    nurse-GP: t = 3 of 21 pairs. Effective size 7 - 6/7.

    Constraint, p = 1/7 from the client to each: the daughter (degree 3) is
    reached through the son and the neighbour (degree 2 each), 1/7 + 2/14,
    squared 4/49; son and neighbour through the daughter, 1/7 + 1/21, 16/441
    each; nurse and GP through each other, 1/7 + 1/14, 9/196 each; the friend
    and the second nurse, 1/49 each. Together 253/882."""
    onion = rich()
    assert network_size(onion) == 7
    assert network_density(onion) == pytest.approx(3 / 21)
    assert effective_size(onion) == pytest.approx(7 - 6 / 7)
    assert constraint(onion) == pytest.approx(253 / 882)
    st = client_strength(onion)
    assert (st.network_size, st.density) == (7, pytest.approx(1 / 7))
    assert st.effective_size == pytest.approx(43 / 7)
    assert st.constraint == pytest.approx(253 / 882)


def test_one_person_and_nobody() -> None:
    s = Sketch()
    assert (effective_size(s.onion()), constraint(s.onion())) == (0.0, None)
    assert network_density(s.onion()) == 0.0
    s.informal("d", "Els de Vries")
    assert (effective_size(s.onion()), constraint(s.onion())) == (1.0, 1.0)
    assert network_density(s.onion()) == 0.0  # no pair to be tied
