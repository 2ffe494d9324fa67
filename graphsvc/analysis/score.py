"""The composite strength score of a client's network, 0-100.

    score = 100 * (0.30 C + 0.20 R + 0.15 S + 0.15 I + 0.10 D + 0.10 P)

rounded to one decimal, where each part is between 0 and 1:

- C, coverage: the share of active needs with at least one active supporter;
- R, redundancy: the share of active needs with two or more supporters;
- S, spread: 1 minus the Herfindahl-Hirschman index of care hours across
  supporters (0 when one person gives all the hours);
- I, informal reach: close contacts (:mod:`.contacts`) over 4, at most 1;
- D, cohesion: the KNOWS density of the informal ring;
- P, professional anchor: half for a team nurse in the onion, half for a GP.

With no active needs, C, R and S are 1: nothing is unmet or rests on one
person. With active needs but no hours recorded, S is 0. With fewer than two
informal members, D is 0. Needs weigh most, since the network is there to
meet them; then whether it would survive losing someone (R, S); then the
informal network itself (I, D) and its anchor in professional care (P).
"""

from __future__ import annotations

from dataclasses import dataclass

WEIGHTS = {
    "coverage": 0.30,
    "redundancy": 0.20,
    "spread": 0.15,
    "reach": 0.15,
    "cohesion": 0.10,
    "anchor": 0.10,
}
FULL_REACH = 4  # close contacts for the whole of I


@dataclass(frozen=True, slots=True)
class ScoreParts:
    coverage: float
    redundancy: float
    spread: float
    reach: float
    cohesion: float
    anchor: float

    def score(self) -> float:
        total: float = sum(getattr(self, name) * weight for name, weight in WEIGHTS.items())
        return round(100 * total, 1)


def score_parts(
    *,
    active_needs: int,
    covered_needs: int,
    shared_needs: int,
    hours_hhi: float | None,
    close_contacts: int,
    informal_density: float | None,
    has_team_nurse: bool,
    has_gp: bool,
) -> ScoreParts:
    if active_needs:
        coverage = covered_needs / active_needs
        redundancy = shared_needs / active_needs
        spread = 0.0 if hours_hhi is None else 1.0 - hours_hhi
    else:
        coverage = redundancy = spread = 1.0
    return ScoreParts(
        coverage=coverage,
        redundancy=redundancy,
        spread=spread,
        reach=min(close_contacts / FULL_REACH, 1.0),
        cohesion=informal_density or 0.0,
        anchor=(has_team_nurse + has_gp) / 2,
    )
