"""How a need's ratings went: each dimension's ratings over time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .observation import Observation, RatingDimension


@dataclass(frozen=True, slots=True)
class RatingTrend:
    """One dimension of one need: its ratings oldest first (on one day, in
    the order of their ids), and the change from the first to the latest."""

    dimension: RatingDimension
    ratings: tuple[Observation, ...]

    @property
    def first(self) -> Observation:
        return self.ratings[0]

    @property
    def latest(self) -> Observation:
        return self.ratings[-1]

    @property
    def change(self) -> int:
        """Latest minus first: above 0 better, below 0 worse."""
        return self.latest.value - self.first.value


def rating_trends(observations: Iterable[Observation], need_id: str) -> list[RatingTrend]:
    """The trends of a need, in the scale's order (Knowledge, Behavior,
    Status); a dimension never rated has none."""
    mine = sorted(
        (o for o in observations if o.need_id == need_id), key=lambda o: (o.effective, o.id)
    )
    return [
        RatingTrend(d, found)
        for d in RatingDimension
        if (found := tuple(o for o in mine if o.dimension is d))
    ]
