"""The informal ring of a generated client, drawn by support network type.

The types are Wenger's, from her studies of older people's support networks:
who is near, who is family, who is seen how often. A generated onion keeps
the type it was drawn from, as ground truth for typology analysis.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from graphsvc.domain import Frequency

from .draw import Weighted, between, pick, years
from .names import TRADITIONS, Generation, Names

DAILY = Frequency.DAILY
SEVERAL = Frequency.SEVERAL_TIMES_A_WEEK
WEEKLY = Frequency.WEEKLY
MONTHLY = Frequency.MONTHLY
RARELY = Frequency.LESS_OFTEN


class Archetype(StrEnum):
    """Wenger's support network types."""

    FAMILY_DEPENDENT = "family-dependent"  # close family nearby carries the care
    LOCALLY_INTEGRATED = "locally-integrated"  # family, friends and neighbours all near
    LOCAL_SELF_CONTAINED = "local-self-contained"  # neighbours; family far, seen rarely
    WIDER_COMMUNITY_FOCUSED = "wider-community-focused"  # friends and community, family away
    PRIVATE_RESTRICTED = "private-restricted"  # a partner at most, or nobody: isolated


ARCHETYPES = Weighted(
    (Archetype.FAMILY_DEPENDENT, 25),
    (Archetype.LOCALLY_INTEGRATED, 30),
    (Archetype.LOCAL_SELF_CONTAINED, 15),
    (Archetype.WIDER_COMMUNITY_FOCUSED, 15),
    (Archetype.PRIVATE_RESTRICTED, 15),
)
INFORMAL_GROUPS = frozenset(("partner", "child", "relative", "neighbour", "friend", "volunteer"))
_RELATIVES = (
    "sister", "brother", "niece", "nephew", "granddaughter", "grandson",
    "daughter-in-law", "son-in-law",
)  # fmt: skip
_WOMEN = frozenset(("sister", "niece", "granddaughter", "daughter-in-law"))
_SAME_GENERATION = frozenset(("sister", "brother"))
_CLOSENESS_NEAR = Weighted((1, 1), (2, 3), (3, 6))
_CLOSENESS_FAR = Weighted((1, 2), (2, 4), (3, 4))
_CLOSENESS_NEIGHBOUR = Weighted((1, 4), (2, 4), (3, 2))
_CLOSENESS_FRIEND = Weighted((1, 1), (2, 4), (3, 5))


@dataclass(slots=True)
class Relation:
    """An informal member before she becomes a Person and a Membership."""

    relationship: str  # "daughter", "neighbour"
    group: str  # partner, child, relative, neighbour, friend or volunteer
    generation: Generation
    female: bool
    near: bool  # lives close enough to drop in
    frequency: Frequency
    closeness: int
    since_days: int  # known since this many days before the reference date
    family: bool
    names: Names  # the naming tradition of her family
    surname: str | None  # the client's, or None for a surname of her own


class _Ring:
    def __init__(
        self, rng: random.Random, names: Names, female: bool, surname: str, age_days: int
    ) -> None:
        self.rng = rng
        self.names = names
        self.female = female
        self.surname = surname
        self.age_days = age_days
        self.out: list[Relation] = []

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def partner(self) -> None:
        rng = self.rng
        partner_female = self.female if self.chance(0.03) else not self.female
        married = self.age_days - years(20 + 10 * rng.random())
        self.out.append(
            Relation(
                "partner", "partner", Generation.ELDER, partner_female, True, DAILY, 3,
                married, True, self.names, self.surname,
            )
        )  # fmt: skip

    def children(self, count: int, near_chance: float) -> None:
        rng = self.rng
        oldest = min(42.0, self.age_days / 365.25 - 40)  # children in their forties at least
        for _ in range(count):
            daughter = self.chance(0.55)
            near = self.chance(near_chance)
            frequency = pick(rng, (DAILY, SEVERAL, WEEKLY) if near else (WEEKLY, MONTHLY, RARELY))
            closeness = (_CLOSENESS_NEAR if near else _CLOSENESS_FAR).draw(rng)
            born = self.age_days - years(22 + (oldest - 22) * rng.random())
            self.out.append(
                Relation(
                    "daughter" if daughter else "son", "child", Generation.MIDDLE, daughter,
                    near, frequency, closeness, born, True, self.names, self.surname,
                )
            )  # fmt: skip

    def relative(self, near_chance: float) -> None:
        rng = self.rng
        kind = pick(rng, _RELATIVES)
        elder = kind in _SAME_GENERATION
        known = self.age_days - years(8 * rng.random()) if elder else years(10 + 30 * rng.random())
        same_name = kind in ("brother", "grandson") and self.chance(0.6)
        self.out.append(
            Relation(
                kind, "relative", Generation.ELDER if elder else Generation.MIDDLE,
                kind in _WOMEN, self.chance(near_chance), pick(rng, (WEEKLY, MONTHLY, RARELY)),
                between(rng, 1, 3), known, True, self.names, self.surname if same_name else None,
            )
        )  # fmt: skip

    def neighbours(self, count: int) -> None:
        rng = self.rng
        for _ in range(count):
            self.out.append(
                Relation(
                    "neighbour", "neighbour", pick(rng, (Generation.ELDER, Generation.MIDDLE)),
                    self.chance(0.6), True, pick(rng, (SEVERAL, WEEKLY, WEEKLY)),
                    _CLOSENESS_NEIGHBOUR.draw(rng), years(1 + 29 * rng.random()), False,
                    TRADITIONS.draw(rng), None,
                )
            )  # fmt: skip

    def friends(self, count: int, near_chance: float) -> None:
        rng = self.rng
        for _ in range(count):
            female = self.female if self.chance(0.75) else not self.female
            self.out.append(
                Relation(
                    "friend", "friend", Generation.ELDER, female, self.chance(near_chance),
                    pick(rng, (WEEKLY, WEEKLY, MONTHLY)), _CLOSENESS_FRIEND.draw(rng),
                    years(3 + 47 * rng.random()), False, TRADITIONS.draw(rng), None,
                )
            )  # fmt: skip

    def volunteer(self) -> None:
        rng = self.rng
        self.out.append(
            Relation(
                "volunteer", "volunteer", Generation.MIDDLE, self.chance(0.7), True, WEEKLY,
                between(rng, 1, 2), between(rng, 60, years(3)), False, TRADITIONS.draw(rng), None,
            )
        )  # fmt: skip


def draw_relations(
    rng: random.Random,
    archetype: Archetype,
    names: Names,
    female: bool,
    surname: str,
    age_days: int,
) -> list[Relation]:
    """The informal ring of one client of the given network type, partner first."""
    ring = _Ring(rng, names, female, surname, age_days)
    chance = ring.chance
    if archetype is Archetype.FAMILY_DEPENDENT:
        if chance(0.45):
            ring.partner()
        ring.children(between(rng, 1, 3), 0.7)
        children = [r for r in ring.out if r.group == "child"]
        if not any(r.near for r in children):
            children[0].near, children[0].frequency = True, SEVERAL
        if chance(0.35):
            ring.relative(0.5)
        if chance(0.25):
            ring.neighbours(1)
    elif archetype is Archetype.LOCALLY_INTEGRATED:
        if chance(0.45):
            ring.partner()
        ring.children(between(rng, 1, 2), 0.6)
        ring.neighbours(between(rng, 1, 2))
        ring.friends(between(rng, 1, 2), 0.9)
        if chance(0.25):
            ring.relative(0.5)
        if chance(0.2):
            ring.volunteer()
    elif archetype is Archetype.LOCAL_SELF_CONTAINED:
        if chance(0.3):
            ring.partner()
        if chance(0.6):
            ring.children(1, 0.0)
        ring.neighbours(between(rng, 1, 2))
        if chance(0.4):
            ring.friends(1, 0.8)
        if chance(0.3):
            ring.relative(0.2)
    elif archetype is Archetype.WIDER_COMMUNITY_FOCUSED:
        if chance(0.3):
            ring.partner()
        if chance(0.6):
            ring.children(1, 0.0)
        ring.friends(between(rng, 2, 3), 0.5)
        if chance(0.5):
            ring.volunteer()
    else:
        roll = rng.random()
        if roll < 0.3:
            ring.partner()
        elif roll < 0.45:
            ring.relative(0.0)
        elif roll < 0.6:
            ring.neighbours(1)
        for r in ring.out:
            if r.group != "partner":
                r.frequency, r.closeness = pick(rng, (MONTHLY, RARELY)), 1
    return ring.out
