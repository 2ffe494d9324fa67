"""Gaps of a whole team: too many nurses, too many clients.

A Buurtzorg team stays small enough to organise itself: at most 12 nurses
and 40-60 clients. Counting them is the caller's business (the store knows
who works where); the rule takes the counts.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphsvc.domain import Team

from .gap import Gap, GapKind, Severity, ordered
from .naming import plural
from .thresholds import DEFAULT_THRESHOLDS, Thresholds


def team_gaps(
    team: Team, nurses: int, clients: int, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> tuple[Gap, ...]:
    """TEAM_TOO_LARGE above ``team_max_nurses``, CASELOAD_TOO_LARGE above
    ``team_max_clients``. Subjects: the team's id."""
    if nurses < 0 or clients < 0:
        raise ValueError("nurses and clients must not be negative")
    gaps = []
    if nurses > thresholds.team_max_nurses:
        gaps.append(
            Gap(
                GapKind.TEAM_TOO_LARGE,
                Severity.MEDIUM,
                f"{team.name} has {plural(nurses, 'nurse')}, more than "
                f"{thresholds.team_max_nurses}.",
                (team.id,),
            )
        )
    if clients > thresholds.team_max_clients:
        gaps.append(
            Gap(
                GapKind.CASELOAD_TOO_LARGE,
                Severity.MEDIUM,
                f"{team.name} serves {plural(clients, 'client')}, more than "
                f"{thresholds.team_max_clients}.",
                (team.id,),
            )
        )
    return ordered(gaps)


def clients_with_each_gap(client_gaps: Iterable[Iterable[Gap]]) -> dict[GapKind, int]:
    """How many of the clients given (each by her gaps) have a gap of each
    kind; every kind is listed, 0 where nobody has it."""
    counts = dict.fromkeys(GapKind, 0)
    for gaps in client_gaps:
        for kind in {g.kind for g in gaps}:
            counts[kind] += 1
    return counts
