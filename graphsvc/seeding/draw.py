"""Drawing helpers shared by the generator: a fixed calendar and cheap random picks.

``rng.random()`` is several times cheaper than ``randint``/``choices``, and at
100,000 clients the difference is seconds, hence these small helpers.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")

REFERENCE_DATE = date(2025, 6, 30)
"""Generated dates lie on or before this day, so output does not age with the clock."""


@cache
def ago(days: int) -> date:
    """The day ``days`` before the reference date (never after it)."""
    return REFERENCE_DATE - timedelta(days=max(0, days))


def years(n: float) -> int:
    """Whole days in ``n`` years."""
    return int(n * 365.25)


def days_since(day: date | None) -> int:
    return 0 if day is None else (REFERENCE_DATE - day).days


def below(rng: random.Random, n: int) -> int:
    """0 <= result < n."""
    return int(rng.random() * n)


def between(rng: random.Random, low: int, high: int) -> int:
    """low <= result <= high."""
    return low + int(rng.random() * (high - low + 1))


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


class Weighted(Generic[T]):
    """Items with weights, drawn from in proportion."""

    __slots__ = ("_cumulative", "_items", "_total")

    def __init__(self, *pairs: tuple[T, float]) -> None:
        self._items = tuple(item for item, _ in pairs)
        self._cumulative = tuple(accumulate(weight for _, weight in pairs))
        self._total = self._cumulative[-1]

    def draw(self, rng: random.Random) -> T:
        at = bisect_right(self._cumulative, rng.random() * self._total)
        return self._items[min(at, len(self._items) - 1)]
