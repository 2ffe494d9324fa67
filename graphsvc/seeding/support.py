"""Which Omaha needs a generated client has, who helps with which, and how much.

Groups name who someone is to the client: the informal groups of
:mod:`.networks`, ``nurse`` for the team, and ``gp``, ``pharmacist``,
``physio`` and ``social`` for the formal ring.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from graphsvc.domain import Frequency, SupportKind

from .draw import Weighted
from .networks import DAILY, MONTHLY, RARELY, SEVERAL, WEEKLY

# Omaha problems common in elderly home care, and how common.
NEEDS = Weighted(
    ("38", 10.0),  # Personal care
    ("42", 9.0),  # Medication regimen
    ("27", 7.0),  # Circulation
    ("24", 6.0),  # Skin
    ("25", 6.0),  # Neuro-musculo-skeletal function
    ("21", 5.0),  # Cognition
    ("35", 4.0),  # Nutrition
    ("06", 4.0),  # Social contact
    ("30", 3.0),  # Urinary function
    ("36", 2.0),  # Sleep and rest patterns
    ("11", 2.0),  # Mental health
    ("03", 1.5),  # Residence
    ("05", 1.5),  # Communication with community resources
    ("01", 1.0),  # Income
)
NEED_COUNTS = Weighted((1, 15), (2, 30), (3, 30), (4, 15), (5, 10))

# Who helps with a need, and how likely when she is in the onion.
WHO_HELPS: dict[str, dict[str, float]] = {
    "01": {"child": 0.6, "relative": 0.3, "social": 0.7},
    "03": {"child": 0.5, "neighbour": 0.2, "social": 0.6, "nurse": 0.4},
    "05": {"child": 0.5, "volunteer": 0.4, "social": 0.6, "nurse": 0.7},
    "06": {"partner": 0.5, "child": 0.5, "relative": 0.3, "neighbour": 0.5, "friend": 0.7,
           "volunteer": 0.9, "social": 0.4, "nurse": 0.3},
    "11": {"partner": 0.5, "child": 0.5, "friend": 0.5, "gp": 0.8, "social": 0.5, "nurse": 0.6},
    "21": {"partner": 0.8, "child": 0.7, "relative": 0.2, "neighbour": 0.2, "gp": 0.7,
           "nurse": 0.9},
    "24": {"partner": 0.2, "gp": 0.4, "nurse": 1.0},
    "25": {"partner": 0.6, "child": 0.4, "neighbour": 0.3, "volunteer": 0.3, "physio": 0.9,
           "nurse": 0.5},
    "27": {"gp": 0.6, "nurse": 1.0},
    "30": {"partner": 0.3, "gp": 0.4, "nurse": 0.9},
    "35": {"partner": 0.8, "child": 0.5, "relative": 0.2, "neighbour": 0.4, "nurse": 0.3},
    "36": {"partner": 0.4, "gp": 0.7, "nurse": 0.4},
    "38": {"partner": 0.6, "child": 0.3, "nurse": 1.0},
    "42": {"partner": 0.5, "child": 0.4, "gp": 0.8, "pharmacist": 0.9, "nurse": 0.9},
}  # fmt: skip

# What informal help with a need looks like: a daughter shops, cooks, keeps company.
_INFORMAL_KIND = {
    "01": SupportKind.COORDINATION, "03": SupportKind.PRACTICAL,
    "05": SupportKind.COORDINATION, "06": SupportKind.EMOTIONAL,
    "11": SupportKind.EMOTIONAL, "21": SupportKind.COORDINATION,
    "24": SupportKind.PERSONAL_CARE, "25": SupportKind.PRACTICAL,
    "27": SupportKind.PRACTICAL, "30": SupportKind.PERSONAL_CARE,
    "35": SupportKind.HOUSEHOLD, "36": SupportKind.EMOTIONAL,
    "38": SupportKind.PERSONAL_CARE, "42": SupportKind.PRACTICAL,
}  # fmt: skip
_NURSE_KIND = {
    "01": SupportKind.COORDINATION, "03": SupportKind.COORDINATION,
    "05": SupportKind.COORDINATION, "06": SupportKind.COORDINATION,
    "11": SupportKind.EMOTIONAL, "38": SupportKind.PERSONAL_CARE,
}  # fmt: skip
_FORMAL_KIND = {
    "gp": SupportKind.MEDICAL, "pharmacist": SupportKind.INFORMATIONAL,
    "physio": SupportKind.MEDICAL, "social": SupportKind.COORDINATION,
}  # fmt: skip


def support_kind(group: str, code: str) -> SupportKind:
    if group == "nurse":
        return _NURSE_KIND.get(code, SupportKind.NURSING)
    return _FORMAL_KIND.get(group) or _INFORMAL_KIND[code]


@dataclass(frozen=True, slots=True)
class _Load:
    frequency: Frequency
    low: float  # hours a week
    high: float


def _loads(*options: tuple[Frequency, float, float, float]) -> Weighted[_Load]:
    return Weighted(*((_Load(f, low, high), weight) for f, weight, low, high in options))


# (frequency, weight, fewest and most hours a week) by who helps and how.
_LOADS = {
    "nurse": _loads((DAILY, 45, 1.75, 3.5), (SEVERAL, 40, 0.5, 2.0), (WEEKLY, 15, 0.25, 1.0)),
    "nurse/personal-care": _loads((DAILY, 1, 2.5, 5.0)),
    "nurse/other": _loads((WEEKLY, 1, 0.25, 0.5), (MONTHLY, 1, 0.05, 0.25)),
    "gp": _loads((MONTHLY, 6, 0.05, 0.25), (RARELY, 4, 0.02, 0.08)),
    "pharmacist": _loads((MONTHLY, 7, 0.05, 0.15), (RARELY, 3, 0.02, 0.05)),
    "physio": _loads((SEVERAL, 4, 0.75, 1.5), (WEEKLY, 6, 0.5, 0.75)),
    "social": _loads((WEEKLY, 3, 0.5, 1.5), (MONTHLY, 7, 0.1, 0.5)),
    "partner": _loads((DAILY, 7, 1.0, 5.0), (SEVERAL, 3, 0.5, 2.5)),
    "child": _loads((SEVERAL, 5, 1.0, 4.0), (WEEKLY, 5, 0.5, 2.0)),
    "child/far": _loads((WEEKLY, 3, 0.25, 1.0), (MONTHLY, 7, 0.1, 0.5)),
    "relative": _loads((WEEKLY, 4, 0.5, 1.5), (MONTHLY, 6, 0.1, 0.5)),
    "neighbour": _loads((SEVERAL, 3, 0.5, 2.0), (WEEKLY, 7, 0.25, 1.0)),
    "friend": _loads((WEEKLY, 6, 0.5, 2.0), (MONTHLY, 4, 0.1, 0.5)),
    "volunteer": _loads((WEEKLY, 1, 1.0, 3.0)),
}


def draw_load(
    rng: random.Random, group: str, kind: SupportKind, *, near: bool
) -> tuple[Frequency, float]:
    """How often and how many hours a week this helper gives this kind of help."""
    key = group
    if group == "nurse" and kind is not SupportKind.NURSING:
        key = "nurse/personal-care" if kind is SupportKind.PERSONAL_CARE else "nurse/other"
    elif group == "child" and not near:
        key = "child/far"
    load = _LOADS[key].draw(rng)
    return load.frequency, round_hours(load.low + (load.high - load.low) * rng.random())


def round_hours(hours: float) -> float:
    """Quarter hours, as nurses write them down; minutes for the rarer ties."""
    if hours < 0.5:
        return round(hours, 2)
    return round(hours * 4) / 4
