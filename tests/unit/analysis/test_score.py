"""The 0-100 score: its parts and weights, worked out by hand."""

from __future__ import annotations

import pytest

from graphsvc.analysis import client_strength
from graphsvc.analysis.score import WEIGHTS, ScoreParts, score_parts

from .sketch import Sketch, anchored


def test_weights_add_up_to_one() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)


def test_parts() -> None:
    parts = score_parts(
        lsns6=15, supporters_per_need=[0, 1, 2, 3], has_team_nurse=True, has_gp=False
    )
    assert parts == ScoreParts(network=0.5, needs=(0 + 0.5 + 1 + 1) / 4, anchor=0.5)
    assert parts.score() == pytest.approx(100 * (0.4 * 0.5 + 0.4 * 0.625 + 0.2 * 0.5))  # 55.0


def test_without_needs_their_weight_is_left_out() -> None:
    parts = score_parts(lsns6=0, supporters_per_need=[], has_team_nurse=True, has_gp=True)
    assert parts.needs is None
    assert parts.score() == pytest.approx(100 * 0.2 / 0.6, abs=0.05)  # 33.3


def test_nobody_scores_zero_whatever_her_needs() -> None:
    assert client_strength(Sketch().onion()).score == 0.0
    s = Sketch()
    s.need("38")
    s.need("35")
    assert client_strength(s.onion()).score == 0.0


def test_a_nurse_and_a_gp_without_needs_or_family() -> None:
    assert client_strength(anchored().onion()).score == pytest.approx(33.3)


def test_a_full_network() -> None:
    """Nine very close relatives and nine very close friends seen weekly
    (LSNS-6 30), each need met by two of them, a nurse and a GP: 100."""
    s = anchored()
    for i in range(9):
        s.informal(f"k{i}", f"Kind {i}", "daughter")
        s.informal(f"f{i}", f"Vriend {i}", "friend")
    for code in ("35", "38"):
        need = s.need(code)
        s.support("k0", need)
        s.support("f0", need)
    st = client_strength(s.onion())
    assert st.lsns6.score == 30
    assert st.score == 100.0


def test_three_relatives_score_above_none() -> None:
    """Three relatives with nothing recorded about them count for help
    (LSNS-6 3): N = 3/30 without needs or professionals, 100 * 0.4 * 0.1 / 0.6."""
    none = client_strength(Sketch().onion())
    s = Sketch()
    for pid in ("d", "s", "z"):
        s.informal(pid, f"Kind {pid}", "daughter", None, None)
    three = client_strength(s.onion())
    assert (none.score, three.score) == (0.0, pytest.approx(6.7))
