"""The rings of the onion around a client (ring 0 is the client herself)."""

from __future__ import annotations

from enum import StrEnum


class Ring(StrEnum):
    INFORMAL = "informal"  # ring 1: partner, family, neighbours, friends, volunteers
    TEAM = "team"  # ring 2: the neighbourhood nursing team
    FORMAL = "formal"  # ring 3: GP, pharmacist, physio, social work, hospital

    @property
    def number(self) -> int:
        return _NUMBERS[self]


_NUMBERS = {Ring.INFORMAL: 1, Ring.TEAM: 2, Ring.FORMAL: 3}
