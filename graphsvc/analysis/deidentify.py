"""An onion graph a researcher may see: pseudonymous node keys and only the
attributes that describe the network, never who is in it.

Kept: the kind of node, rings, Omaha code, domain and status of needs, the
relationship group (partner, kin, neighbour...), contact frequency,
closeness, support kinds, frequency and hours. Dropped: names, ids, free
text (roles, relationships as written, neighbourhood) and dates.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .pseudonyms import pseudonymous_id

NODE_ATTRIBUTES = frozenset(("kind", "ring", "person_ring", "code", "domain", "status", "active"))
EDGE_ATTRIBUTES = frozenset(
    (
        "type",
        "ring",
        "relationship_group",
        "contact_frequency",
        "closeness",
        "kinds",
        "hours_per_week",
        "frequency",
        "ties",
    )
)


def deidentified_graph(graph: Any, secret: bytes, *, scope: str = "") -> Any:
    """A copy of a :func:`.graph.build_graph` graph for research. The client
    keeps her one pseudonym; people and needs get pseudonyms of the
    ``scope`` (one file), so that nobody links two files through a nurse or a
    GP they share."""

    def key(node: str) -> str:
        kind = graph.nodes[node]["kind"]
        within = "" if kind == "client" else scope
        return pseudonymous_id(graph.nodes[node]["id"], secret, kind=kind, scope=within)

    out = nx.Graph()
    for node, attrs in graph.nodes(data=True):
        out.add_node(key(node), **{k: v for k, v in attrs.items() if k in NODE_ATTRIBUTES})
    for a, b, attrs in graph.edges(data=True):
        out.add_edge(key(a), key(b), **{k: v for k, v in attrs.items() if k in EDGE_ATTRIBUTES})
    return out
