"""The coordinator of a client's care, and how much she brokers the network.

The coordinator is the team nurse (ring ``team`` in the onion) with the most
active needs she actively supports; a tie goes to the one whose role in the
onion names her "primary" (the primary nurse), then to more hours a week,
then to the lower person id. With no team nurse there is no coordinator.

Her brokerage is NetworkX's normalised betweenness centrality in the onion
graph of :func:`.graph.build_graph` without resolved needs: the share of
shortest paths between other people and needs that pass through her.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphsvc.domain import Member, Onion

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


def betweenness(graph: Any, person_id: str) -> float:
    """Normalised betweenness centrality of a person in an onion graph."""
    return float(nx.betweenness_centrality(graph)[node_key(NodeKind.PERSON, person_id)])
