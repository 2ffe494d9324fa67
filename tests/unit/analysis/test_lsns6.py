"""LSNS-6 estimated from the onion, item by item, against counts done by hand."""

from __future__ import annotations

import pytest

from graphsvc.analysis import ItemSource, Lsns6, Lsns6Item, item_score, lsns6
from graphsvc.domain import Frequency, NeedStatus, SupportKind, SupportTie, TieStatus

from .sketch import Sketch, anchored
from .test_strength import rich

R = Lsns6Item


def scores(found: Lsns6) -> dict[Lsns6Item, int]:
    return {i.item: i.score for i in found.items}


@pytest.mark.parametrize(
    ("people", "score"),
    [(0, 0), (1, 1), (2, 2), (3, 3), (4, 3), (5, 4), (8, 4), (9, 5), (40, 5)],
)
def test_response_categories(people: int, score: int) -> None:
    assert item_score(people) == score


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        item_score(-1)


def test_rich_network_item_by_item() -> None:
    """Relatives: daughter (weekly, very close, helps with Nutrition) and son
    (monthly, sort of close). Friends: neighbour (weekly, sort of close) and a
    friend (seen less often, not very close). Nurses and the GP do not count.

    relatives in touch 2, private matters 1 (the daughter), help 2;
    friends in touch 1 (the neighbour), private matters 0, help 1."""
    found = lsns6(rich())
    assert scores(found) == {
        R.RELATIVES_IN_TOUCH: 2,
        R.RELATIVES_PRIVATE_MATTERS: 1,
        R.RELATIVES_HELP: 2,
        R.FRIENDS_IN_TOUCH: 1,
        R.FRIENDS_PRIVATE_MATTERS: 0,
        R.FRIENDS_HELP: 1,
    }
    assert [i.people for i in found.items] == [2, 1, 2, 1, 0, 1]
    assert {i.source for i in found.items} == {ItemSource.DERIVED}
    assert (found.score, found.relatives, found.friends) == (7, 5, 2)
    assert found.at_risk  # 7 < 12
    assert found.items[0].question.startswith("How many relatives")


def test_nobody_scores_nothing() -> None:
    for onion in (Sketch().onion(), anchored().onion()):
        found = lsns6(onion)
        assert found.score == 0 and found.at_risk
        assert [i.people for i in found.items] == [0] * 6


def test_support_counts_as_contact_help_and_emotional_support_as_private_matters() -> None:
    s = Sketch()
    s.informal("f", "Jo Smit", "friend", Frequency.LESS_OFTEN, None)
    s.informal("v", "Ria Bos", "volunteer", None, None)
    s.support("f", s.need("35"), 2)
    s.support("v", s.need("06"), 0, kind=SupportKind.EMOTIONAL)  # weekly, no hours
    found = scores(lsns6(s.onion()))
    assert found[R.FRIENDS_IN_TOUCH] == 2
    assert found[R.FRIENDS_PRIVATE_MATTERS] == 1  # the volunteer's emotional support
    assert found[R.FRIENDS_HELP] == 2
    assert found[R.RELATIVES_IN_TOUCH] == 0


def test_past_support_and_support_of_resolved_needs_count_for_nothing() -> None:
    s = Sketch()
    s.informal("d", "Els de Vries", "daughter", None, 1)
    s.support("d", s.need("35"), 4, status=TieStatus.ENDED)
    s.support("d", s.need("06", NeedStatus.RESOLVED), 4, kind=SupportKind.EMOTIONAL)
    assert lsns6(s.onion()).score == 0


def test_unrecorded_contact_counts_for_nothing_unrecorded_closeness_only_for_help() -> None:
    """Three relatives with nothing recorded about them: not in touch, nobody
    to talk to about private matters, but three to call on for help (3-4
    people: 3). Recorded as not very close, they count for nothing."""
    s = Sketch()
    for pid in ("d", "s", "z"):
        s.informal(pid, f"Kind {pid}", "daughter", None, None)
    assert scores(lsns6(s.onion())) == {
        R.RELATIVES_IN_TOUCH: 0,
        R.RELATIVES_PRIVATE_MATTERS: 0,
        R.RELATIVES_HELP: 3,
        R.FRIENDS_IN_TOUCH: 0,
        R.FRIENDS_PRIVATE_MATTERS: 0,
        R.FRIENDS_HELP: 0,
    }
    s = Sketch()
    for pid in ("d", "s", "z"):
        s.informal(pid, f"Kind {pid}", "daughter", None, 1)
    assert lsns6(s.onion()).score == 0


def test_partner_is_a_relative() -> None:
    s = Sketch()
    s.informal("p", "Henk de Vries", "echtgenoot", Frequency.DAILY, 3)
    found = lsns6(s.onion())
    assert (found.relatives, found.friends) == (3, 0)


def test_nine_very_close_relatives_fill_the_relatives_subscale() -> None:
    s = Sketch()
    for i in range(9):
        s.informal(f"k{i}", f"Kind {i}", "daughter", Frequency.WEEKLY, 3)
    found = lsns6(s.onion())
    assert (found.relatives, found.friends, found.score) == (15, 0, 15)
    assert not found.at_risk


def test_answered_items_replace_derived_ones() -> None:
    found = lsns6(rich(), {R.FRIENDS_IN_TOUCH: 4, R.RELATIVES_HELP: 0})
    by_item = {i.item: i for i in found.items}
    assert by_item[R.FRIENDS_IN_TOUCH].source is ItemSource.ANSWERED
    assert by_item[R.FRIENDS_IN_TOUCH].people is None
    assert by_item[R.RELATIVES_IN_TOUCH].source is ItemSource.DERIVED
    assert found.score == 7 - 1 + 4 - 2  # 8


def test_the_isolation_cut_off_is_below_twelve() -> None:
    onion = Sketch().onion()
    assert not lsns6(onion, dict.fromkeys(Lsns6Item, 2)).at_risk  # 12
    assert lsns6(onion, {**dict.fromkeys(Lsns6Item, 2), R.FRIENDS_HELP: 1}).at_risk  # 11


@pytest.mark.parametrize("answer", [-1, 6, True, 2.5])
def test_an_answer_outside_0_to_5_is_refused(answer: object) -> None:
    with pytest.raises(ValueError):
        lsns6(Sketch().onion(), {R.RELATIVES_HELP: answer})  # type: ignore[dict-item]


def test_hours_alone_do_not_make_contact() -> None:
    """A niece seen less than monthly, not close, helping a little with the
    shopping less than monthly: she helps, but is not in touch."""
    s = Sketch()
    s.informal("n", "Joke Visser", "niece", Frequency.LESS_OFTEN, 1)
    s.supports.append(
        SupportTie("n", s.need("35"), SupportKind.PRACTICAL, Frequency.LESS_OFTEN, 0.05)
    )
    assert scores(lsns6(s.onion())) == {
        R.RELATIVES_IN_TOUCH: 0,
        R.RELATIVES_PRIVATE_MATTERS: 0,
        R.RELATIVES_HELP: 1,
        R.FRIENDS_IN_TOUCH: 0,
        R.FRIENDS_PRIVATE_MATTERS: 0,
        R.FRIENDS_HELP: 0,
    }
