"""Who a request acts for. Rules about what each may do live in the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    NURSE = "nurse"  # sees and edits the clients of her own team
    COACH = "coach"  # reads across the teams she is given (also back office)
    RESEARCHER = "researcher"  # de-identified aggregates only
    SYSTEM = "system"  # another system, limited by SMART-style scopes


@dataclass(frozen=True, slots=True)
class Principal:
    role: Role
    subject: str
    teams: frozenset[str] = field(default_factory=frozenset)
    scopes: frozenset[str] = field(default_factory=frozenset)
