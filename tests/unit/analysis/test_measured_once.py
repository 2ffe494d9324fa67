"""The strength of an onion is measured once and given again for the same
onion, and never for another: the memo is keyed by value."""

from __future__ import annotations

from graphsvc.analysis.analyse import _strength, analyse_client
from graphsvc.analysis.lsns6 import Lsns6Item
from graphsvc.analysis.strength import client_strength
from graphsvc.domain import Ring

from .sketch import Sketch


def test_the_same_onion_is_measured_once_and_a_changed_one_again() -> None:
    sketch = Sketch("c-memo")
    sketch.informal("p-1", "Els", "daughter")
    sketch.member("p-2", "Huisarts Bakker", Ring.FORMAL, role="general practitioner")
    onion = sketch.onion()

    _strength.cache_clear()
    first = analyse_client(onion).strength
    again = analyse_client(sketch.onion()).strength  # equal, not the same object
    assert again is first
    assert _strength.cache_info().hits == 1
    assert first == client_strength(onion)

    sketch.informal("p-3", "Kees", "neighbour")
    grown = analyse_client(sketch.onion()).strength
    assert grown is not first
    assert grown == client_strength(sketch.onion())
    assert grown.members_per_ring[Ring.INFORMAL] == 2

    answered = {Lsns6Item.RELATIVES_IN_TOUCH: 5}
    with_answers = analyse_client(sketch.onion(), lsns6_answers=answered).strength
    assert with_answers == client_strength(sketch.onion(), lsns6_answers=answered)
    assert with_answers != grown
