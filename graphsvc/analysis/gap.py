"""A gap: something thin or missing in a client's (or a team's) support."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


class GapKind(StrEnum):
    UNCOVERED_NEED = "uncovered-need"
    SINGLE_SUPPORTER = "single-supporter"
    SINGLE_POINT_OF_FAILURE = "single-point-of-failure"
    OVERLOADED_CARER = "overloaded-carer"
    ISOLATED_CLIENT = "isolated-client"
    NO_TEAM_CONTACT = "no-team-contact"
    NO_GP = "no-gp"
    FRAGMENTED_FORMAL_NETWORK = "fragmented-formal-network"
    TEAM_TOO_LARGE = "team-too-large"
    CASELOAD_TOO_LARGE = "caseload-too-large"
    LOW_CONTINUITY = "low-continuity"


class Severity(IntEnum):
    """Ordered: ``Severity.HIGH > Severity.LOW``; ``rank`` is the number."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def rank(self) -> int:
        return int(self)

    @property
    def label(self) -> str:
        return self.name.lower()


_KIND_ORDER = {kind: i for i, kind in enumerate(GapKind)}


@dataclass(frozen=True, slots=True)
class Gap:
    """``subjects`` are the ids of the people and needs the gap is about
    (person ids, need ids; a team's id for the team-level kinds)."""

    kind: GapKind
    severity: Severity
    explanation: str
    subjects: tuple[str, ...] = ()

    def sort_key(self) -> tuple[int, int, tuple[str, ...]]:
        """Most severe first, then in the order of :class:`GapKind`."""
        return (-self.severity.rank, _KIND_ORDER[self.kind], self.subjects)


def ordered(gaps: list[Gap]) -> tuple[Gap, ...]:
    return tuple(sorted(gaps, key=Gap.sort_key))
