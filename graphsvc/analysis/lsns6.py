"""The Lubben Social Network Scale, six items (LSNS-6), estimated from the onion.

Lubben et al. (2006) ask, once about relatives (by birth or marriage) and once
about friends (neighbours included), how many of them the client

1. sees or hears from at least once a month,
2. feels at ease with to talk about private matters,
3. feels close enough to to call on for help.

Each answer is scored 0 (none), 1 (one), 2 (two), 3 (three or four),
4 (five to eight) or 5 (nine or more); the total runs from 0 to 30 and a total
under 12 marks a client at risk of social isolation. Relatives and friends
each give a subscale of 0-15.

An onion records her informal ring (ring 1 in this onion), not her answers,
so each item is *derived* by counting informal members:

- relatives are her partner and kin, friends everyone else in the informal
  ring (neighbours, friends, community, unknown relationships), by
  :func:`.roles.relationship_group`;
- *in touch*: contact recorded at least monthly, or help (from her care
  plans, :attr:`Member.in_touch`) or an active support tie to an active need
  given at least that often (its hours a week say nothing of how often: 3
  minutes a week may be one visit a year);
- *private matters*: closeness recorded as "very close" (3 of 3), or active
  emotional support;
- *help*: active support to an active need (she already helps), or closeness
  at least "sort of close" (``contact_min_closeness``) or not recorded.

An unrecorded frequency counts for nothing, and so does an unrecorded
closeness for private matters: those items never rest on what was not
recorded. For help, as for close contacts (:mod:`.contacts`), an unrecorded
closeness does not rule a member out: she is in the client's informal ring,
among the people she has, unless she is recorded as not close. An item the
client answered herself (its score 0-5) replaces the derived one and says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from graphsvc.domain import Member, Onion, Ring, SupportKind, SupportTie
from graphsvc.domain.ties import CLOSENESS_MAX

from .contacts import at_least
from .roles import RelationshipGroup, relationship_group
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

ITEM_MAX = 5
AT_RISK_BELOW = 12  # of 30
_RELATIVES = frozenset((RelationshipGroup.PARTNER, RelationshipGroup.KIN))


class Lsns6Item(StrEnum):
    RELATIVES_IN_TOUCH = "relatives-in-touch"
    RELATIVES_PRIVATE_MATTERS = "relatives-private-matters"
    RELATIVES_HELP = "relatives-help"
    FRIENDS_IN_TOUCH = "friends-in-touch"
    FRIENDS_PRIVATE_MATTERS = "friends-private-matters"
    FRIENDS_HELP = "friends-help"

    @property
    def relatives(self) -> bool:
        return self.value.startswith("relatives")


QUESTIONS: dict[Lsns6Item, str] = {
    Lsns6Item.RELATIVES_IN_TOUCH: "How many relatives do you see or hear from at least monthly?",
    Lsns6Item.RELATIVES_PRIVATE_MATTERS: (
        "How many relatives can you talk to about private matters?"
    ),
    Lsns6Item.RELATIVES_HELP: "How many relatives are you close enough to call on for help?",
    Lsns6Item.FRIENDS_IN_TOUCH: "How many friends do you see or hear from at least monthly?",
    Lsns6Item.FRIENDS_PRIVATE_MATTERS: "How many friends can you talk to about private matters?",
    Lsns6Item.FRIENDS_HELP: "How many friends are you close enough to call on for help?",
}


class ItemSource(StrEnum):
    DERIVED = "derived"  # counted in the onion
    ANSWERED = "answered"  # the client's own answer


@dataclass(frozen=True, slots=True)
class Lsns6ItemScore:
    item: Lsns6Item
    score: int
    source: ItemSource
    people: int | None  # the members counted; None for an answered item

    @property
    def question(self) -> str:
        return QUESTIONS[self.item]


@dataclass(frozen=True, slots=True)
class Lsns6:
    items: tuple[Lsns6ItemScore, ...]  # in the order of Lsns6Item

    @property
    def score(self) -> int:
        return sum(i.score for i in self.items)

    @property
    def relatives(self) -> int:
        return sum(i.score for i in self.items if i.item.relatives)

    @property
    def friends(self) -> int:
        return sum(i.score for i in self.items if not i.item.relatives)

    @property
    def at_risk(self) -> bool:
        return self.score < AT_RISK_BELOW


def item_score(people: int) -> int:
    """LSNS-6 response category of a count: 0, 1, 2, 3-4, 5-8, 9 or more."""
    if people < 0:
        raise ValueError("a count of people cannot be negative")
    if people <= 2:
        return people
    if people <= 4:
        return 3
    if people <= 8:
        return 4
    return ITEM_MAX


def _in_touch(member: Member, ties: list[SupportTie], thresholds: Thresholds) -> bool:
    if at_least(member.in_touch, thresholds.contact_at_least):
        return True
    return any(at_least(t.frequency, thresholds.contact_at_least) for t in ties)


def _private_matters(member: Member, ties: list[SupportTie]) -> bool:
    return member.membership.closeness == CLOSENESS_MAX or any(
        t.kind is SupportKind.EMOTIONAL for t in ties
    )


def _help(member: Member, ties: list[SupportTie], thresholds: Thresholds) -> bool:
    closeness = member.membership.closeness
    return bool(ties) or closeness is None or closeness >= thresholds.contact_min_closeness


def lsns6(
    onion: Onion,
    answers: Mapping[Lsns6Item, int] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Lsns6:
    """The LSNS-6 of a client: ``answers`` (item score 0-5 each) where she
    answered, counted in her informal ring elsewhere."""
    answers = answers or {}
    for item, answer in answers.items():
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= ITEM_MAX:
            raise ValueError(f"the answer to {item} must be a score from 0 to {ITEM_MAX}")
    active = {n.id for n in onion.needs if n.active}
    ties: dict[str, list[SupportTie]] = {}
    for tie in onion.supports:
        if tie.active and tie.need_id in active:
            ties.setdefault(tie.supporter_id, []).append(tie)
    counts = dict.fromkeys(Lsns6Item, 0)
    for m in onion.members:
        if m.ring is not Ring.INFORMAL:
            continue
        own = ties.get(m.person.id, [])
        relative = relationship_group(m) in _RELATIVES
        found = (
            _in_touch(m, own, thresholds),
            _private_matters(m, own),
            _help(m, own, thresholds),
        )
        group = list(Lsns6Item)[:3] if relative else list(Lsns6Item)[3:]
        for item, holds in zip(group, found, strict=True):
            counts[item] += holds
    items = tuple(
        Lsns6ItemScore(item, answers[item], ItemSource.ANSWERED, None)
        if item in answers
        else Lsns6ItemScore(item, item_score(counts[item]), ItemSource.DERIVED, counts[item])
        for item in Lsns6Item
    )
    return Lsns6(items)
