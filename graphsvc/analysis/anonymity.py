"""k-anonymity of the de-identified client file: whoever knows a client's
quasi-identifiers (her team, her neighbourhood, about how old she is) finds
at least k rows that fit, never her alone.

Each quasi-identifier has a ladder of ever coarser values, ending in ``*``
(nothing said). The file takes one rung per quasi-identifier for all its
rows (full-domain generalisation, after Samarati and Sweeney): the lowest
rungs in total (ties: the first in the order the quasi-identifiers are
given) under which at most ``max_suppressed`` of the rows sit in a
combination of fewer than k rows. Those few rows say ``*`` for every
quasi-identifier; if the rows saying ``*`` everywhere are still fewer than
k, rows of the largest combinations join them (those combinations keep k or
more), so that the outliers hide among k. Rows are withheld from the file
only when there are fewer than k in all: leaving an outlier out would let
the aggregates, which count her, give her figures back by subtraction.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

SUPPRESSED = "*"
UNKNOWN = "unknown"

Rung = Callable[[str | int | None], str]


@dataclass(frozen=True, slots=True)
class QuasiIdentifier:
    name: str
    ladder: tuple[Rung, ...]  # finest first; ``*`` is added above the last


@dataclass(frozen=True, slots=True)
class Anonymised:
    values: tuple[tuple[str, ...] | None, ...]  # per row; None: withheld
    rungs: dict[str, int]  # per quasi-identifier: 0 as given, len(ladder) is ``*``
    suppressed: int  # rows saying ``*`` for every quasi-identifier
    withheld: int


def age_band(width: int, top: int) -> Rung:
    """Bands of ``width`` years; ``top`` and older in one band (``90+``), as
    the very old are few and easily singled out."""

    def band(age: str | int | None) -> str:
        if age is None:
            return UNKNOWN
        if int(age) >= top:
            return f"{top}+"
        low = int(age) // width * width
        return f"{low}-{low + width - 1}"

    return band


def as_given(value: str | int | None) -> str:
    return UNKNOWN if value is None else str(value)


def municipality(value: str | int | None) -> str:
    """``Bloemenbuurt, Almelo`` -> ``Almelo``; nothing after a comma says nothing."""
    if value is None:
        return UNKNOWN
    head, comma, town = str(value).rpartition(",")
    return town.strip() if comma and head else SUPPRESSED


TEAM = QuasiIdentifier("team", (as_given,))
NEIGHBOURHOOD = QuasiIdentifier("neighbourhood", (as_given, municipality))
AGE = QuasiIdentifier("age_band", (age_band(5, 90), age_band(10, 90), age_band(20, 80)))


def k_anonymise(
    rows: Sequence[Sequence[str | int | None]],
    identifiers: Sequence[QuasiIdentifier],
    k: int,
    *,
    max_suppressed: float = 0.05,
) -> Anonymised:
    """Each row's quasi-identifiers (in the order of ``identifiers``)
    generalised until every combination holds at least ``k`` rows."""
    if k < 1:
        raise ValueError("k must be at least 1")
    heights = [len(q.ladder) for q in identifiers]
    plans = sorted(itertools.product(*(range(h + 1) for h in heights)), key=lambda p: (sum(p), p))
    for plan in plans:
        values = [_generalise(row, identifiers, plan) for row in rows]
        sizes = Counter(values)
        small = [i for i, v in enumerate(values) if sizes[v] < k]
        if len(small) <= max_suppressed * len(rows) or plan == plans[-1]:
            return _settle(values, small, plan, identifiers, k)
    raise AssertionError("the last plan is always taken")


def _generalise(
    row: Sequence[str | int | None], identifiers: Sequence[QuasiIdentifier], plan: Sequence[int]
) -> tuple[str, ...]:
    return tuple(
        SUPPRESSED if rung == len(q.ladder) else q.ladder[rung](value)
        for q, rung, value in zip(identifiers, plan, row, strict=True)
    )


def _settle(
    values: list[tuple[str, ...]],
    small: list[int],
    plan: Sequence[int],
    identifiers: Sequence[QuasiIdentifier],
    k: int,
) -> Anonymised:
    nothing = (SUPPRESSED,) * len(identifiers)
    for i in small:
        values[i] = nothing
    blank = sum(v == nothing for v in values)
    if 0 < blank < k:
        sizes = Counter(v for v in values if v != nothing)
        for combination, size in sorted(sizes.items(), key=lambda c: (-c[1], c[0])):
            spare = min(size - k, k - blank)
            for i in [i for i, v in enumerate(values) if v == combination][size - spare :]:
                values[i] = nothing
            blank += max(spare, 0)
            if blank >= k:
                break
    withheld = blank if blank < k else 0
    return Anonymised(
        tuple(None if withheld and v == nothing else v for v in values),
        {q.name: rung for q, rung in zip(identifiers, plan, strict=True)},
        blank - withheld,
        withheld,
    )
