"""scheduledTiming <-> frequency and hours a week, both ways."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fhir_mappings import Schedule, read_schedule, write_schedule
from fhir_mappings.timing import ImpossibleSchedule
from graphsvc.domain import Frequency

DAILY = Frequency.DAILY
SEVERAL = Frequency.SEVERAL_TIMES_A_WEEK
WEEKLY = Frequency.WEEKLY
MONTHLY = Frequency.MONTHLY
RARELY = Frequency.LESS_OFTEN


def repeat(**elements: object) -> dict[str, object]:
    return {"repeat": elements}


@pytest.mark.parametrize(
    ("timing", "expected"),
    [
        (
            repeat(frequency=2, period=1, periodUnit="d", duration=30, durationUnit="min"),
            Schedule(DAILY, 7.0),
        ),
        (
            repeat(frequency=1, period=1, periodUnit="d", duration=20, durationUnit="min"),
            Schedule(DAILY, 2.33),
        ),
        (
            repeat(
                frequency=1,
                period=1,
                periodUnit="d",
                dayOfWeek=["mon", "wed", "fri"],
                duration=45,
                durationUnit="min",
            ),
            Schedule(SEVERAL, 2.25),
        ),
        (
            repeat(frequency=3, period=1, periodUnit="wk", duration=15, durationUnit="min"),
            Schedule(SEVERAL, 0.75),
        ),
        (
            repeat(frequency=1, period=1, periodUnit="wk", duration=2, durationUnit="h"),
            Schedule(WEEKLY, 2.0),
        ),
        (
            repeat(frequency=1, period=2, periodUnit="wk", duration=1, durationUnit="h"),
            Schedule(MONTHLY, 0.5),
        ),
        (
            repeat(frequency=1, period=1, periodUnit="mo", duration=1, durationUnit="h"),
            Schedule(MONTHLY, 0.23),
        ),
        (
            repeat(frequency=1, period=3, periodUnit="mo", duration=1, durationUnit="h"),
            Schedule(RARELY, 0.08),
        ),
        (repeat(frequency=1, period=1, periodUnit="a"), Schedule(RARELY, 0.0)),
        (repeat(frequency=12, period=1, periodUnit="a"), Schedule(MONTHLY, 0.0)),
        (
            repeat(frequency=1, period=8, periodUnit="h", duration=10, durationUnit="min"),
            Schedule(DAILY, 3.5),
        ),
        (
            repeat(timeOfDay=["08:00:00", "20:00:00"], duration=15, durationUnit="min"),
            Schedule(DAILY, 3.5),
        ),
        (
            repeat(when=["MORN", "EVE"], dayOfWeek=["sat", "sun"], duration=1, durationUnit="h"),
            Schedule(SEVERAL, 4.0),
        ),
        (repeat(dayOfWeek=["thu"], duration=2, durationUnit="h"), Schedule(WEEKLY, 2.0)),
        (
            repeat(
                frequency=1, frequencyMax=3, period=1, periodUnit="wk", duration=1, durationUnit="h"
            ),
            Schedule(WEEKLY, 1.0),
        ),
        (
            repeat(frequency=1, period=1, periodUnit="wk", duration=1, durationUnit="d"),
            Schedule(WEEKLY, 24.0),
        ),
        (repeat(frequency=1, period=1, periodUnit="wk"), Schedule(WEEKLY, 0.0)),
        (repeat(duration=1, durationUnit="h"), Schedule()),
        (repeat(frequency=1, period=1), Schedule()),  # a period without a unit
        (repeat(frequency=1, period=0, periodUnit="d"), Schedule()),
        (repeat(boundsPeriod={"start": "2024-01-01"}), Schedule()),
        ({"event": ["2024-03-01T10:00:00Z"]}, Schedule()),
        ({"code": {"text": "zo nodig"}}, Schedule()),
        (None, Schedule()),
    ],
)
def test_reading(timing: object, expected: Schedule) -> None:
    assert read_schedule(timing) == expected


def test_a_week_has_168_hours() -> None:
    assert read_schedule(
        repeat(frequency=1, period=1, periodUnit="d", duration=24, durationUnit="h")
    ) == Schedule(DAILY, 168.0)
    with pytest.raises(ImpossibleSchedule):
        read_schedule(repeat(frequency=2, period=1, periodUnit="d", duration=13, durationUnit="h"))
    with pytest.raises(ImpossibleSchedule):
        read_schedule(
            repeat(
                frequency=2147483647, period=1e-300, periodUnit="s", duration=1, durationUnit="s"
            )
        )


def test_writing_keeps_the_shape_when_only_the_hours_change() -> None:
    original = repeat(
        frequency=1,
        period=1,
        periodUnit="d",
        dayOfWeek=["mon", "wed", "fri"],
        duration=45,
        durationUnit="min",
        boundsPeriod={"start": "2023-09-04"},
    )
    written = write_schedule(Schedule(SEVERAL, 3.0), original)
    assert written == repeat(
        frequency=1,
        period=1,
        periodUnit="d",
        dayOfWeek=["mon", "wed", "fri"],
        boundsPeriod={"start": "2023-09-04"},
        duration=60,
        durationUnit="min",
    )
    assert original["repeat"]["duration"] == 45  # type: ignore[index]


def test_writing_a_new_frequency_writes_a_new_rate_and_keeps_the_bounds() -> None:
    original = {
        **repeat(
            frequency=1,
            period=1,
            periodUnit="wk",
            duration=2,
            durationUnit="h",
            boundsPeriod={"start": "2024-01-01"},
        ),
        "code": {"text": "wekelijks"},
    }
    written = write_schedule(Schedule(DAILY, 3.5), original)
    assert written == repeat(
        boundsPeriod={"start": "2024-01-01"},
        frequency=1,
        period=1,
        periodUnit="d",
        duration=30,
        durationUnit="min",
    )


def test_writing_no_schedule_leaves_only_what_is_not_a_rate() -> None:
    original = repeat(
        frequency=1,
        period=1,
        periodUnit="wk",
        duration=2,
        durationUnit="h",
        boundsPeriod={"start": "2024-01-01"},
    )
    assert write_schedule(Schedule(), original) == repeat(boundsPeriod={"start": "2024-01-01"})
    assert write_schedule(Schedule(), repeat(frequency=1, period=1, periodUnit="wk")) is None


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(list(Frequency)),
    st.floats(min_value=0, max_value=168).map(lambda h: round(h, 2)),
    st.sampled_from(
        [
            None,
            repeat(
                frequency=1,
                period=1,
                periodUnit="d",
                dayOfWeek=["mon", "wed", "fri"],
                duration=45,
                durationUnit="min",
            ),
            repeat(
                frequency=2,
                period=1,
                periodUnit="d",
                duration=30,
                durationUnit="min",
                when=["MORN", "EVE"],
            ),
            repeat(frequency=1, period=1, periodUnit="mo", duration=1, durationUnit="h"),
            repeat(frequency=1, period=1, periodUnit="wk"),
            {"code": {"text": "BID"}, "event": ["2024-01-01"]},
        ]
    ),
)
def test_what_is_written_reads_back(frequency: Frequency, hours: float, original: object) -> None:
    written = write_schedule(Schedule(frequency, hours), original)  # type: ignore[arg-type]
    assert read_schedule(written) == Schedule(frequency, hours)
