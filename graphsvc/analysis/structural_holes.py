"""Burt's structural holes in the client's ego network (:mod:`.ego_network`):
effective size and constraint, as NetworkX computes them, unweighted.

- effective size: the alters less their redundancy, n - 2t/n for n alters
  with t ties among them (Burt 1992, in Borgatti's 1997 form for unweighted
  ties): n when none of her people know each other, 1 when all do. With
  nobody it is 0.
- constraint: the sum over alters j of (p_ij + sum_q p_iq p_qj)^2, where
  p_ij is the share of i's ties that go to j (Burt 1992): from 1/n when her
  n people do not know each other up to above 1 when they are all tied; high
  constraint means her network closes around her, low means she reaches
  people who would not reach each other. Undefined (None) with nobody: there
  is nobody to be constrained by, and 0 would read as the least constrained.

Burt, R.S. (1992). Structural Holes. Harvard University Press.
Borgatti, S.P. (1997). Structural holes: unpacking Burt's redundancy
measures. Connections 20(1), 35-38.
"""

from __future__ import annotations

from graphsvc.domain import Onion

from .adjacency import Adjacency, ego_adjacency
from .graph import NodeKind, node_key

# Computed here from the ego graph's adjacency, with NetworkX's own formulas
# for an undirected graph without weights (each tie's mutual weight is 2,
# so p_ij is 1/degree(i)), in the same order of operations; NetworkX's
# general functions, which look every tie up through its views, were most
# of the cost of an analysis. Neighbours are taken in the order the ego
# graph holds them (members, then KNOWS ties), not in the order of a set of
# strings, so a result does not change between processes.


def effective_size(onion: Onion, ego: Adjacency | None = None) -> float:
    """n - 2t/n; 0 with nobody. ``ego``: her ego network's adjacency
    (:func:`.adjacency.ego_adjacency`), if already built."""
    client = node_key(NodeKind.CLIENT, onion.client.id)
    found = burt_effective_size(ego_adjacency(onion) if ego is None else ego, client)
    return 0.0 if found is None else found


def constraint(onion: Onion, ego: Adjacency | None = None) -> float | None:
    """Burt's constraint of the client; None with nobody."""
    client = node_key(NodeKind.CLIENT, onion.client.id)
    return burt_constraint(ego_adjacency(onion) if ego is None else ego, client)


def burt_effective_size(adj: Adjacency, ego: str) -> float | None:
    """n - 2t/n for the n alters of ``ego`` with t ties among them, in an
    undirected, unweighted graph given by its adjacency (node -> neighbours);
    None when she is tied to nobody but herself."""
    alters = [a for a in adj[ego] if a != ego]
    if not alters:
        return None
    among = set(alters)
    ends = sum(1 for a in alters for b in adj[a] if b in among and b != a)
    loops = sum(1 for a in alters if a in adj[a])
    n = len(alters)
    return n - 2 * (ends // 2 + loops) / n


def burt_constraint(adj: Adjacency, ego: str) -> float | None:
    """Burt's constraint of ``ego``: the sum over her neighbours j of
    (p_ij + sum_q p_iq p_qj)^2, in an undirected, unweighted graph given by
    its adjacency; None when she has no tie."""
    mine = adj[ego]
    if not mine:
        return None
    share = {u: 2 / (2 * len(adj[u])) for u in (ego, *mine)}
    total = 0.0
    for j in mine:
        indirect = 0.0
        for q in mine:
            if j in adj[q]:
                indirect += share[ego] * share[q]
        total += (share[ego] + indirect) ** 2
    return total
