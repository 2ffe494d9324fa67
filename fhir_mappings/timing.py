"""CarePlan.activity.detail.scheduledTiming <-> how often and how many hours a
week a supporter gives.

Reading a Timing.repeat:

- occurrences a week = ``frequency`` (default 1) per ``period`` ``periodUnit``,
  scaled to a week (a month is 365.25/12 days, a year 365.25 days);
  ``frequencyMax`` and ``periodMax`` are ignored: the lower bound counts;
- ``dayOfWeek`` with a period of a day or less means that rate on those days
  only: ``frequency 1 per 1 d on mon, wed, fri`` is 3 a week; without a period,
  ``dayOfWeek`` alone means once on each day named;
- ``timeOfDay`` or ``when`` with a period of a day or less (or no period) means
  at least that many times a day;
- hours a week = occurrences a week x ``duration`` ``durationUnit``
  (``durationMax`` ignored), rounded to 0.01; no duration is 0 hours;
- the frequency is the band the occurrences a week fall in: 7 or more daily,
  2 or more several-times-a-week, 1 or more weekly, at least once a month
  monthly, anything less less-often. No rate at all (no repeat, or a period
  without a unit) is no frequency.

Writing one back keeps the original's shape (days, times, bounds) when its
rate still falls in the graph's frequency band and only the duration changes;
otherwise the rate is written afresh (daily 1/d, several-times-a-week 3/wk,
weekly 1/wk, monthly 1/mo, less-often 1 per 3 mo) with a duration in minutes.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from graphsvc.domain import Frequency, frequency_band

from .jsontypes import JsonObject

DAYS = {
    "s": Fraction(1, 86400),
    "min": Fraction(1, 1440),
    "h": Fraction(1, 24),
    "d": Fraction(1),
    "wk": Fraction(7),
    "mo": Fraction(1461, 48),  # 365.25 / 12
    "a": Fraction(1461, 4),
}
HOURS = {unit: days * 24 for unit, days in DAYS.items()}
HOURS_IN_A_WEEK = 168
_SHAPES = {
    Frequency.DAILY: (1, 1, "d"),
    Frequency.SEVERAL_TIMES_A_WEEK: (3, 1, "wk"),
    Frequency.WEEKLY: (1, 1, "wk"),
    Frequency.MONTHLY: (1, 1, "mo"),
    Frequency.LESS_OFTEN: (1, 3, "mo"),
}
_RATE_ELEMENTS = (
    "frequency",
    "frequencyMax",
    "period",
    "periodMax",
    "periodUnit",
    "dayOfWeek",
    "timeOfDay",
    "when",
    "offset",
    "count",
    "countMax",
)
_DURATION_ELEMENTS = ("duration", "durationMax", "durationUnit")


@dataclass(frozen=True, slots=True)
class Schedule:
    frequency: Frequency | None = None
    hours_per_week: float = 0.0


band = frequency_band


def occurrences_per_week(repeat: object) -> Fraction | None:
    if not isinstance(repeat, dict):
        return None
    frequency = _number(repeat.get("frequency")) or Fraction(1)
    days = [d for d in repeat.get("dayOfWeek", ()) if isinstance(d, str)]
    times = max(len(_strings(repeat.get("timeOfDay"))), len(_strings(repeat.get("when"))))
    period, unit = _number(repeat.get("period")), repeat.get("periodUnit")
    if period is None:
        if not times and not days:
            return None
        per_day = Fraction(max(times, 1)) if times else frequency
        return per_day * (len(days) if days else 7)
    if unit not in DAYS or period <= 0:
        return None
    period_days = period * DAYS[unit]
    per_day = frequency / period_days
    if period_days <= 1:
        per_day = max(per_day, Fraction(times))
        return per_day * (len(days) if days else 7)
    return per_day * 7


def duration_hours(repeat: object) -> Fraction:
    if not isinstance(repeat, dict):
        return Fraction(0)
    duration, unit = _number(repeat.get("duration")), repeat.get("durationUnit")
    if duration is None or unit not in HOURS or duration < 0:
        return Fraction(0)
    return duration * HOURS[unit]


class ImpossibleSchedule(ValueError):
    """A Timing that adds up to more hours than a week has."""


def read_schedule(timing: object) -> Schedule:
    repeat = timing.get("repeat") if isinstance(timing, dict) else None
    per_week = occurrences_per_week(repeat)
    if per_week is None:
        return Schedule()
    hours = per_week * duration_hours(repeat)
    if hours > HOURS_IN_A_WEEK:
        raise ImpossibleSchedule(f"adds up to more than the {HOURS_IN_A_WEEK} hours in a week")
    return Schedule(band(per_week), _hours(hours))


def write_schedule(schedule: Schedule, original: JsonObject | None) -> JsonObject | None:
    """The Timing that reads back as ``schedule``, as close to ``original`` as
    it can be; None when nothing of a Timing is left."""
    timing = copy.deepcopy(original) if original else {}
    repeat: JsonObject = {}
    if isinstance(timing.get("repeat"), dict):
        repeat = timing["repeat"]
    if schedule.frequency is None and not schedule.hours_per_week:
        _drop(repeat, _RATE_ELEMENTS + _DURATION_ELEMENTS)
        timing.pop("code", None)
        return _finish(timing, repeat)
    per_week = occurrences_per_week(repeat)
    wanted = schedule.frequency or Frequency.WEEKLY
    if per_week is not None and band(per_week) == wanted:
        scaled = _with_duration(timing, repeat, per_week, schedule.hours_per_week)
        if scaled is not None and read_schedule(scaled) == _settled(schedule):
            return scaled
    frequency, period, unit = _SHAPES[wanted]
    _drop(repeat, _RATE_ELEMENTS + _DURATION_ELEMENTS)
    timing.pop("code", None)
    timing.pop("event", None)
    repeat.update(frequency=frequency, period=period, periodUnit=unit)
    per_week = occurrences_per_week(repeat)
    assert per_week is not None
    rewritten = _with_duration(timing, repeat, per_week, schedule.hours_per_week)
    assert rewritten is not None
    return rewritten


def _with_duration(
    timing: JsonObject, repeat: JsonObject, per_week: Fraction, hours: float
) -> JsonObject | None:
    unit = repeat.get("durationUnit")
    unit = unit if isinstance(unit, str) and unit in HOURS else "min"
    repeat = dict(repeat)
    _drop(repeat, _DURATION_ELEMENTS)
    if hours:
        exact = Fraction(str(hours)) / per_week / HOURS[unit]
        target = _hours(Fraction(str(hours)))
        for places in (2, 4, 6, 9):
            value = round(float(exact), places)
            if _hours(per_week * Fraction(str(value)) * HOURS[unit]) == target:
                break
        repeat["duration"] = int(value) if value == int(value) else value
        repeat["durationUnit"] = unit
    return _finish(dict(timing), repeat)


def _finish(timing: JsonObject, repeat: JsonObject) -> JsonObject | None:
    if repeat:
        timing["repeat"] = repeat
    else:
        timing.pop("repeat", None)
    return timing or None


def _settled(schedule: Schedule) -> Schedule:
    return Schedule(
        schedule.frequency or Frequency.WEEKLY, _hours(Fraction(str(schedule.hours_per_week)))
    )


def _hours(value: Fraction) -> float:
    return round(float(value), 2)


def _drop(repeat: JsonObject, names: tuple[str, ...]) -> None:
    for name in names:
        repeat.pop(name, None)
        repeat.pop(f"_{name}", None)


def _number(value: Any) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return Fraction(str(value))


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
