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

import math

import networkx as nx

from graphsvc.domain import Onion

from .ego_network import ego_graph
from .graph import NodeKind, node_key


def effective_size(onion: Onion) -> float:
    ego = node_key(NodeKind.CLIENT, onion.client.id)
    found = float(nx.effective_size(ego_graph(onion), nodes=[ego])[ego])
    return 0.0 if math.isnan(found) else found


def constraint(onion: Onion) -> float | None:
    ego = node_key(NodeKind.CLIENT, onion.client.id)
    found = float(nx.constraint(ego_graph(onion), nodes=[ego])[ego])
    return None if math.isnan(found) else found
