"""How concentrated an amount is across people: the Herfindahl-Hirschman index."""

from __future__ import annotations

from collections.abc import Iterable


def herfindahl_hirschman(amounts: Iterable[float]) -> float | None:
    """Sum of squared shares, from 1/n (evenly spread over n) to 1 (one
    carries all); None when the amounts add up to nothing.
    Hours 10, 5 and 5 give 0.5**2 + 0.25**2 + 0.25**2 = 0.375."""
    values = [a for a in amounts if a > 0]
    total = sum(values)
    if total <= 0:
        return None
    return sum((a / total) ** 2 for a in values)
