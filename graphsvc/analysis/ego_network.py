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

from graphsvc.domain import Onion

from .adjacency import Adjacency, ego_adjacency
from .graph import NodeKind, node_key


def network_size(onion: Onion) -> int:
    return len({m.person.id for m in onion.members})


def network_density(onion: Onion, ego: Adjacency | None = None) -> float:
    """As ``networkx.density`` of the ego network without the client
    (a tie of a person to herself counts as a tie); ``ego``: her
    :func:`.adjacency.ego_adjacency`, if already built."""
    adj = ego_adjacency(onion) if ego is None else ego
    client = node_key(NodeKind.CLIENT, onion.client.id)
    alters = [a for a in adj if a != client]
    ends = sum(1 for a in alters for b in adj[a] if b != client)
    loops = sum(1 for a in alters if a in adj[a])
    ties, n = (ends + loops) // 2, len(alters)
    if ties == 0 or n <= 1:
        return 0.0
    return ties / (n * (n - 1)) * 2
