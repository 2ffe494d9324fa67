"""Help from others (nl-core HelpFromOthers): what one person does for a
client, as one activity of her care plan says it — with or without a need."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ._entity import settle
from .errors import Reason, ValidationError
from .ties import Frequency, TieStatus
from .values import check_enum, check_hours, check_id, check_text

MAX_TIMES_A_WEEK = 7 * 24 * 60  # once a minute, all week
ONCE_A_MONTH = Fraction(7 * 48, 1461)  # times a week; a month is 365.25 / 12 days


def frequency_band(times_per_week: float | Fraction) -> Frequency:
    """The contact band of a rate: 7 a week or more daily, and so on down."""
    if times_per_week >= 7:
        return Frequency.DAILY
    if times_per_week >= 2:
        return Frequency.SEVERAL_TIMES_A_WEEK
    if times_per_week >= 1:
        return Frequency.WEEKLY
    if times_per_week >= ONCE_A_MONTH:
        return Frequency.MONTHLY
    return Frequency.LESS_OFTEN


@dataclass(frozen=True, slots=True)
class Help:
    """``frequency_text`` is the schedule as written (``"2x per week"``) or a
    description of a structured one; ``times_per_week`` is None when it could
    not be read, ``hours_per_week`` when no duration was given."""

    activity: str
    need_id: str | None = None
    frequency_text: str | None = None
    times_per_week: float | None = None
    hours_per_week: float | None = None
    status: TieStatus = TieStatus.ACTIVE

    def __post_init__(self) -> None:
        times = self.times_per_week
        if times is not None and (
            isinstance(times, bool)
            or not isinstance(times, int | float)
            or not 0 <= times <= MAX_TIMES_A_WEEK
        ):
            raise ValidationError(
                "help.timesPerWeek",
                f"must be 0-{MAX_TIMES_A_WEEK}, got {times!r}",
                code=Reason.OUT_OF_RANGE,
                minimum=0,
                maximum=MAX_TIMES_A_WEEK,
            )
        settle(
            self,
            activity=check_text("help.activity", self.activity),
            need_id=None if self.need_id is None else check_id("help.needId", self.need_id),
            frequency_text=check_text("help.frequencyText", self.frequency_text, required=False),
            times_per_week=None if times is None else round(float(times), 4),
            hours_per_week=None
            if self.hours_per_week is None
            else check_hours("help.hoursPerWeek", self.hours_per_week),
            status=check_enum("help.status", TieStatus, self.status),
        )

    @property
    def active(self) -> bool:
        return self.status is TieStatus.ACTIVE

    @property
    def frequency(self) -> Frequency | None:
        return None if self.times_per_week is None else frequency_band(self.times_per_week)
