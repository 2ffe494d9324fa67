"""The coordinator of a client's care, and how much she brokers the network.

The coordinator is the team nurse (ring ``team`` in the onion) with the most
active needs she actively supports; a tie goes to the one whose role in the
onion names her "primary" (the primary nurse), then to more hours a week,
then to the lower person id. With no team nurse there is no coordinator.

Her brokerage is the normalised betweenness centrality (as NetworkX computes
it) in the onion graph of :func:`.graph.build_graph` without resolved needs:
the share of the shortest paths between the others (the client, people and
needs) that pass through her.
"""

from __future__ import annotations

from collections import deque

from graphsvc.domain import Member, Onion

from .adjacency import Adjacency
from .coverage import Coverage
from .graph import NodeKind, node_key
from .roles import is_team_nurse


def coordinator(onion: Onion, cover: Coverage) -> str | None:
    nurses = [m for m in onion.members if is_team_nurse(m)]
    if not nurses:
        return None

    def rank(member: Member) -> tuple[int, int, float, str]:
        pid = member.person.id
        primary = "primary" in (member.membership.role or "").lower()
        return (
            -len(cover.needs_of.get(pid, ())),
            0 if primary else 1,
            -cover.hours.get(pid, 0.0),
            pid,
        )

    return min(nurses, key=rank).person.id


def betweenness(adj: Adjacency, person_id: str) -> float:
    """Normalised betweenness centrality of a person in an onion graph given
    by its adjacency (:func:`.adjacency.onion_adjacency`).

    Brandes' algorithm as ``networkx.betweenness_centrality`` runs it
    (unweighted, endpoints left out), in its order of operations, so the same
    float; but summed for her alone, on lists indexed by node, since the
    coordinator's is the only centrality the analysis reports."""
    nodes = list(adj)
    index = {node: i for i, node in enumerate(nodes)}
    neighbours = [[index[w] for w in adj[v]] for v in nodes]
    target = index[node_key(NodeKind.PERSON, person_id)]
    n = len(nodes)
    total = 0.0
    for source in range(n):
        # shortest paths from the source, breadth first
        reached: list[int] = []
        before: list[list[int]] = [[] for _ in range(n)]
        paths = [0.0] * n
        depth = [-1] * n
        paths[source], depth[source] = 1.0, 0
        queue = deque([source])
        while queue:
            v = queue.popleft()
            reached.append(v)
            below = depth[v] + 1
            for w in neighbours[v]:
                if depth[w] < 0:
                    queue.append(w)
                    depth[w] = below
                if depth[w] == below:
                    paths[w] += paths[v]
                    before[w].append(v)
        if source == target or depth[target] < 0:
            continue
        # dependencies, farthest first
        delta = [0.0] * n
        while reached:
            w = reached.pop()
            coeff = (1 + delta[w]) / paths[w]
            for v in before[w]:
                delta[v] += paths[v] * coeff
        total += delta[target]
    pairs = n - 1  # sources other than her, each with targets other than both
    if pairs < 2:
        return total
    return total * (1 / (pairs * (pairs - 1)))
