"""The composite strength score of a client's network, 0-100.

    score = 100 * (0.4 N + 0.4 M + 0.2 A) / (0.4 + 0.4 + 0.2)

rounded to one decimal, where each part is between 0 and 1:

- N, social network: the LSNS-6 total over 30 (:mod:`.lsns6`), a validated
  measure of the people she has, rather than one of our own making;
- M, needs met: over her active needs, the mean of min(supporters, 2) / 2:
  0 for a need nobody meets, 1/2 for one supporter, 1 for two or more (it
  survives losing one of them). Without active needs M is not defined and is
  left out, its weight with it, rather than counted as perfect;
- A, professional anchor: 1/2 for a team nurse in the onion, 1/2 for a GP,
  the two professionals Dutch home care rests on (the district nurse assesses
  and the GP is every client's first point of care).

The weights: the two questions the onion answers, whether she has people and
whether her needs are met, weigh the same (0.4 each), since neither is known to
matter more; the anchor weighs half as much (0.2), since almost every client of
a home-care team has a nurse. This is a summary for a glance, not a validated
instrument: for research use the measures it is made of.

It is 0 with nobody in the network, whatever her needs (every part is 0,
unless she answered LSNS-6 items herself and named people there), and
adding support never lowers it: a person, a support tie, more contact or
closeness can only add to the LSNS-6 counts, the supporters of a need and the
anchor; KNOWS ties and hours are not part of it.
"""

from __future__ import annotations

from dataclasses import dataclass

WEIGHTS = {"network": 0.4, "needs": 0.4, "anchor": 0.2}
FULL_SUPPORTERS = 2  # supporters of a need for the whole of its share of M
LSNS6_MAX = 30


@dataclass(frozen=True, slots=True)
class ScoreParts:
    network: float
    needs: float | None  # None without active needs
    anchor: float

    def score(self) -> float:
        parts = {"network": self.network, "needs": self.needs, "anchor": self.anchor}
        weighed = {name: v for name, v in parts.items() if v is not None}
        total = sum(WEIGHTS[name] * v for name, v in weighed.items())
        return round(100 * total / sum(WEIGHTS[name] for name in weighed), 1)


def score_parts(
    *,
    lsns6: int,
    supporters_per_need: list[int],
    has_team_nurse: bool,
    has_gp: bool,
) -> ScoreParts:
    needs = None
    if supporters_per_need:
        met = [min(c, FULL_SUPPORTERS) / FULL_SUPPORTERS for c in supporters_per_need]
        needs = sum(met) / len(met)
    return ScoreParts(
        network=lsns6 / LSNS6_MAX,
        needs=needs,
        anchor=(has_team_nurse + has_gp) / 2,
    )
