"""An Omaha Problem Rating Scale for Outcomes score: Knowledge, Behavior or
Status of one need, rated 1-5 on a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ._entity import settle
from .values import check_date, check_enum, check_id, check_int_range


class RatingDimension(StrEnum):
    KNOWLEDGE = "knowledge"
    BEHAVIOR = "behavior"
    STATUS = "status"


RATING_MIN, RATING_MAX = 1, 5


@dataclass(frozen=True, slots=True)
class Observation:
    id: str
    client_id: str
    need_id: str | None
    dimension: RatingDimension
    value: int
    effective: date

    def __post_init__(self) -> None:
        settle(
            self,
            id=check_id("observation.id", self.id),
            client_id=check_id("observation.clientId", self.client_id),
            need_id=None if self.need_id is None else check_id("observation.needId", self.need_id),
            dimension=check_enum("observation.dimension", RatingDimension, self.dimension),
            value=check_int_range("observation.value", self.value, RATING_MIN, RATING_MAX),
            effective=check_date("observation.effective", self.effective, required=True),
        )
