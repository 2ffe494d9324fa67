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
- LSNS-6, its total and its relatives and friends subscales: :mod:`.lsns6`;
- network size and density: :mod:`.ego_network`; effective size and
  constraint: :mod:`.structural_holes`;
- continuity of care: :mod:`.continuity`, from the visits given; None without;
- informal carers and their hours: :mod:`.informal_care`; informal care hours
  is their hours for this client together, intensive carers how many of them
  give more than 8 hours a week across their clients;
- network type: :mod:`.typology`; score: :mod:`.score`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import fmean

from graphsvc.domain import Onion, Ring

from .adjacency import ego_adjacency, onion_adjacency
from .concentration import herfindahl_hirschman
from .contacts import close_contacts
from .continuity import Visit, continuity_of_care
from .coordinator import betweenness, coordinator
from .coverage import Coverage, coverage
from .ego_network import network_density, network_size
from .informal_care import InformalCarer, informal_carers
from .load import CarerLoad
from .lsns6 import Lsns6, Lsns6Item, lsns6
from .roles import is_gp, is_team_nurse
from .score import ScoreParts, score_parts
from .structural_holes import constraint, effective_size
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
    lsns6: Lsns6
    network_size: int
    density: float
    effective_size: float
    constraint: float | None
    continuity_of_care: float | None
    informal_carers: tuple[InformalCarer, ...]
    parts: ScoreParts
    score: float

    @property
    def lsns6_score(self) -> int:
        return self.lsns6.score

    @property
    def lsns6_relatives(self) -> int:
        return self.lsns6.relatives

    @property
    def lsns6_friends(self) -> int:
        return self.lsns6.friends

    @property
    def informal_care_hours(self) -> float:
        return sum(c.hours_per_week for c in self.informal_carers)

    @property
    def intensive_carers(self) -> int:
        return sum(c.intensive for c in self.informal_carers)

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
    "lsns6_score",
    "lsns6_relatives",
    "lsns6_friends",
    "network_size",
    "density",
    "effective_size",
    "constraint",
    "continuity_of_care",
    "informal_care_hours",
    "intensive_carers",
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
    carer_loads: Mapping[str, CarerLoad] | None = None,
    visits: Iterable[Visit] = (),
    lsns6_answers: Mapping[Lsns6Item, int] | None = None,
) -> Strength:
    """``carer_loads``: informal carers' loads across their clients
    (:func:`.load.carer_load`); ``visits``: this client's visits;
    ``lsns6_answers``: the LSNS-6 items she answered herself."""
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
        brokerage = betweenness(onion_adjacency(onion, resolved_needs=False), coordinator_id)
    social = lsns6(onion, lsns6_answers, thresholds)
    ego = ego_adjacency(onion)
    mine = [v for v in visits if v.client_id == onion.client.id]
    parts = score_parts(
        lsns6=social.score,
        supporters_per_need=counts,
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
        lsns6=social,
        network_size=network_size(onion),
        density=network_density(onion, ego),
        effective_size=effective_size(onion, ego),
        constraint=constraint(onion, ego),
        continuity_of_care=continuity_of_care(mine),
        informal_carers=informal_carers(onion, cover, carer_loads),
        parts=parts,
        score=parts.score(),
    )
