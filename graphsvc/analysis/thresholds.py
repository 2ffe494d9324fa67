"""Where support stops being enough: every threshold the gap rules use."""

from __future__ import annotations

from dataclasses import dataclass

from graphsvc.domain import Frequency
from graphsvc.domain.ties import CLOSENESS_MAX, CLOSENESS_MIN


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Defaults, and why:

    - ``carer_max_hours`` 20.0 and ``carer_max_needs`` 3: an informal carer
      giving more than 20 hours a week, or helping with more than 3 needs,
      across every client she supports, is overloaded: half a working week
      of care beside her own life, or more needs than one person can follow.
    - ``isolation_min_contacts`` 2, ``contact_at_least`` monthly,
      ``contact_min_closeness`` 2: a client is isolated with fewer than two
      informal members seen or heard from at least monthly and at least
      "sort of close" (see :mod:`.contacts`, after the LSNS-6 cut-off).
    - ``spof_min_needs`` 2: a supporter whose absence leaves two or more
      active needs without anyone is a single point of failure.
    - ``team_max_nurses`` 12 and ``team_max_clients`` 60: a Buurtzorg team
      has at most 12 nurses and 40-60 clients.
    - ``continuity_min`` 0.5 and ``continuity_min_visits`` 5: a Bice-Boxerman
      index under 0.5 over at least 5 visits is low continuity; fewer visits
      say too little to judge.
    """

    carer_max_hours: float = 20.0
    carer_max_needs: int = 3
    isolation_min_contacts: int = 2
    contact_at_least: Frequency = Frequency.MONTHLY
    contact_min_closeness: int = 2
    spof_min_needs: int = 2
    team_max_nurses: int = 12
    team_max_clients: int = 60
    continuity_min: float = 0.5
    continuity_min_visits: int = 5

    def __post_init__(self) -> None:
        counts = (
            "carer_max_needs",
            "isolation_min_contacts",
            "team_max_nurses",
            "team_max_clients",
        )
        for name in counts:
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.carer_max_hours < 0:
            raise ValueError("carer_max_hours must not be negative")
        if self.spof_min_needs < 1:
            raise ValueError("spof_min_needs must be at least 1")
        if not CLOSENESS_MIN <= self.contact_min_closeness <= CLOSENESS_MAX:
            raise ValueError(
                f"contact_min_closeness must be between {CLOSENESS_MIN} and {CLOSENESS_MAX}"
            )
        if not 0.0 <= self.continuity_min <= 1.0:
            raise ValueError("continuity_min must be between 0 and 1")
        if self.continuity_min_visits < 2:
            raise ValueError("continuity_min_visits must be at least 2")
        object.__setattr__(self, "contact_at_least", Frequency(self.contact_at_least))


DEFAULT_THRESHOLDS = Thresholds()
