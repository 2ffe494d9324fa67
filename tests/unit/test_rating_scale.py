"""The rating scale in words, and a need's ratings over time."""

from __future__ import annotations

import datetime

from graphsvc.domain import Observation, RatingDimension
from graphsvc.domain.rating_scale import SCALES
from graphsvc.domain.rating_trend import rating_trends


def test_every_level_of_every_dimension_has_its_words() -> None:
    assert list(SCALES) == list(RatingDimension)
    for scale in SCALES.values():
        assert [lv.value for lv in scale.levels] == [1, 2, 3, 4, 5]
        assert len({lv.label_nl for lv in scale.levels}) == 5
        assert len({lv.label_en for lv in scale.levels}) == 5
    knowledge = SCALES[RatingDimension.KNOWLEDGE]
    assert (knowledge.name_nl, knowledge.level(1).label_nl) == ("Kennis", "geen kennis")
    assert knowledge.level(5).label_nl == "uitstekende kennis"
    assert knowledge.level(5).label_en == "superior knowledge"
    behavior = SCALES[RatingDimension.BEHAVIOR]
    assert behavior.level(1).label_nl == "niet passend gedrag"
    assert behavior.level(5).label_nl == "consequent passend gedrag"
    status = SCALES[RatingDimension.STATUS]
    assert status.level(1).label_nl == "extreem ernstige klachten"
    assert status.level(5).label_nl == "geen klachten"
    assert status.level(3).label_en == "moderate signs/symptoms"


def rating(id: str, dimension: str, value: int, day: str, need: str = "need-1") -> Observation:
    return Observation(id, "client-1", need, RatingDimension(dimension), value, day)


def test_each_dimension_over_time_oldest_first_with_its_change() -> None:
    ratings = [
        rating("o-3", "knowledge", 4, "2026-03-01"),
        rating("o-1", "knowledge", 2, "2026-01-01"),
        rating("o-2", "status", 3, "2026-01-01"),
        rating("o-5", "knowledge", 3, "2026-02-01"),
        rating("o-4", "status", 2, "2026-02-01"),
        rating("o-9", "behavior", 5, "2026-01-01", need="need-2"),
    ]
    trends = rating_trends(ratings, "need-1")
    assert [t.dimension for t in trends] == [RatingDimension.KNOWLEDGE, RatingDimension.STATUS]
    knowledge, status = trends
    assert [o.id for o in knowledge.ratings] == ["o-1", "o-5", "o-3"]
    assert (knowledge.first.value, knowledge.latest.value, knowledge.change) == (2, 4, 2)
    assert status.change == -1
    assert status.latest.effective == datetime.date(2026, 2, 1)
    assert rating_trends(ratings, "need-3") == []
