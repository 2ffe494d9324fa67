"""The Omaha System Problem Rating Scale for Outcomes in words: what each
level 1-5 of Knowledge, Behavior and Status means, in Dutch (as Dutch
district nursing says it) and in English (as the scale says it).

Knowledge is what the client knows and understands of her problem, Behavior
whether what she does fits it, Status how she is (signs and symptoms); 1 is
the worst and 5 the best on each.
"""

from __future__ import annotations

from dataclasses import dataclass

from .observation import RATING_MAX, RATING_MIN, RatingDimension


@dataclass(frozen=True, slots=True)
class RatingLevel:
    value: int
    label_nl: str
    label_en: str


@dataclass(frozen=True, slots=True)
class RatingScale:
    dimension: RatingDimension
    name_nl: str
    name_en: str
    levels: tuple[RatingLevel, ...]  # 1..5

    def level(self, value: int) -> RatingLevel:
        return self.levels[value - RATING_MIN]


def _levels(*pairs: tuple[str, str]) -> tuple[RatingLevel, ...]:
    return tuple(RatingLevel(i, nl, en) for i, (nl, en) in enumerate(pairs, start=RATING_MIN))


SCALES: dict[RatingDimension, RatingScale] = {
    RatingDimension.KNOWLEDGE: RatingScale(
        RatingDimension.KNOWLEDGE,
        "Kennis",
        "Knowledge",
        _levels(
            ("geen kennis", "no knowledge"),
            ("minimale kennis", "minimal knowledge"),
            ("basiskennis", "basic knowledge"),
            ("voldoende kennis", "adequate knowledge"),
            ("uitstekende kennis", "superior knowledge"),
        ),
    ),
    RatingDimension.BEHAVIOR: RatingScale(
        RatingDimension.BEHAVIOR,
        "Gedrag",
        "Behavior",
        _levels(
            ("niet passend gedrag", "not appropriate behavior"),
            ("zelden passend gedrag", "rarely appropriate behavior"),
            ("inconsequent passend gedrag", "inconsistently appropriate behavior"),
            ("meestal passend gedrag", "usually appropriate behavior"),
            ("consequent passend gedrag", "consistently appropriate behavior"),
        ),
    ),
    RatingDimension.STATUS: RatingScale(
        RatingDimension.STATUS,
        "Status",
        "Status",
        _levels(
            ("extreem ernstige klachten", "extreme signs/symptoms"),
            ("ernstige klachten", "severe signs/symptoms"),
            ("matige klachten", "moderate signs/symptoms"),
            ("minimale klachten", "minimal signs/symptoms"),
            ("geen klachten", "no signs/symptoms"),
        ),
    ),
}

assert all(len(s.levels) == RATING_MAX - RATING_MIN + 1 for s in SCALES.values())
