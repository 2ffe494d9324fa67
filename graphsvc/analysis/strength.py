"""How strong one client's network is: the metrics, the type and the score.

- members per ring: members whose ring in this onion is informal, team, formal;
- close contacts: informal members in close contact (:mod:`.contacts`);
- informal density: KNOWS ties among informal members over the pairs they
  make, n(n-1)/2; undefined (None) under two informal members;
- supporters per need, min and mean: distinct active supporters of each
  active need (:mod:`.coverage`); None without active needs;
- shared needs: the share of active needs with two or more supporters;
- hours HHI: the Herfindahl-Hirschman index of the hours a week each
  supporter gives to the active needs (:mod:`.concentration`); None without hours;
- coordinator betweenness: see :mod:`.coordinator`; None without a coordinator;
- network type: :mod:`.typology`; score: :mod:`.score`.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from graphsvc.domain import Onion, Ring

from .concentration import herfindahl_hirschman
from .contacts import close_contacts
from .coordinator import betweenness, coordinator
from .coverage import Coverage, coverage
from .graph import build_graph
from .roles import is_gp, is_team_nurse
from .score import ScoreParts, score_parts
from .thresholds import DEFAULT_THRESHOLDS, Thresholds
from .typology import NetworkType, network_type


@dataclass(frozen=True, slots=True)
class Strength:
    informal_members: int
    team_members: int
    formal_members: int
    close_contacts: int
    active_needs: int
    informal_density: float | None
    supporters_per_need_min: int | None
    supporters_per_need_mean: float | None
    shared_need_share: float | None
    hours_hhi: float | None
    coordinator_id: str | None
    coordinator_betweenness: float | None
    network_type: NetworkType
    parts: ScoreParts
    score: float

    @property
    def members_per_ring(self) -> dict[Ring, int]:
        return {
            Ring.INFORMAL: self.informal_members,
            Ring.TEAM: self.team_members,
            Ring.FORMAL: self.formal_members,
        }

    def metrics(self) -> dict[str, float | None]:
        """Every numeric metric by name: what research aggregates are made of."""
        return {name: getattr(self, name) for name in METRICS}


METRICS = (
    "informal_members",
    "team_members",
    "formal_members",
    "close_contacts",
    "active_needs",
    "informal_density",
    "supporters_per_need_min",
    "supporters_per_need_mean",
    "shared_need_share",
    "hours_hhi",
    "coordinator_betweenness",
    "score",
)


def _informal_density(onion: Onion) -> float | None:
    informal = {m.person.id for m in onion.members if m.ring is Ring.INFORMAL}
    n = len(informal)
    if n < 2:
        return None
    pairs = {(k.person_a, k.person_b) for k in onion.knows}
    ties = sum(1 for a, b in pairs if a in informal and b in informal)
    return ties / (n * (n - 1) / 2)


def client_strength(
    onion: Onion,
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    cover: Coverage | None = None,
) -> Strength:
    onion.check_consistent()
    cover = cover or coverage(onion)
    rings = [m.ring for m in onion.members]
    counts = [cover.count(n.id) for n in cover.active_needs]
    density = _informal_density(onion)
    hhi = herfindahl_hirschman(cover.hours.values())
    contacts = len(close_contacts(onion, thresholds))
    coordinator_id = coordinator(onion, cover)
    brokerage = None
    if coordinator_id is not None:
        brokerage = betweenness(build_graph(onion, resolved_needs=False), coordinator_id)
    parts = score_parts(
        active_needs=len(counts),
        covered_needs=sum(c >= 1 for c in counts),
        shared_needs=sum(c >= 2 for c in counts),
        hours_hhi=hhi,
        close_contacts=contacts,
        informal_density=density,
        has_team_nurse=any(is_team_nurse(m) for m in onion.members),
        has_gp=any(is_gp(m) for m in onion.members),
    )
    return Strength(
        informal_members=rings.count(Ring.INFORMAL),
        team_members=rings.count(Ring.TEAM),
        formal_members=rings.count(Ring.FORMAL),
        close_contacts=contacts,
        active_needs=len(counts),
        informal_density=density,
        supporters_per_need_min=min(counts) if counts else None,
        supporters_per_need_mean=fmean(counts) if counts else None,
        shared_need_share=sum(c >= 2 for c in counts) / len(counts) if counts else None,
        hours_hhi=hhi,
        coordinator_id=coordinator_id,
        coordinator_betweenness=brokerage,
        network_type=network_type(onion, thresholds),
        parts=parts,
        score=parts.score(),
    )
