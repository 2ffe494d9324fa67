"""The client's personal network as an ego network: its size and density.

The ego is the client; her alters are the people of her onion, in every
ring; alters are tied when a KNOWS tie joins them. Needs are left out: these
are measures of who she has, not of what they do.

- size: the number of alters;
- density: the KNOWS ties among alters over the pairs they make, n(n-1)/2,
  the ego's own ties left out (as in ego-network analysis). Under two alters
  there is no pair to be tied and the density is 0, as NetworkX counts it.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphsvc.domain import Onion

from .graph import NodeKind, node_key


def ego_graph(onion: Onion) -> Any:
    """The client joined to each member, and members joined by KNOWS."""
    client = node_key(NodeKind.CLIENT, onion.client.id)
    g = nx.Graph()
    g.add_node(client)
    for m in onion.members:
        g.add_edge(client, node_key(NodeKind.PERSON, m.person.id))
    for k in onion.knows:
        g.add_edge(node_key(NodeKind.PERSON, k.person_a), node_key(NodeKind.PERSON, k.person_b))
    return g


def network_size(onion: Onion) -> int:
    return len({m.person.id for m in onion.members})


def network_density(onion: Onion) -> float:
    alters = ego_graph(onion)
    alters.remove_node(node_key(NodeKind.CLIENT, onion.client.id))
    return float(nx.density(alters))
