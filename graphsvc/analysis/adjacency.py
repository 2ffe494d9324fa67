"""An onion's graphs as bare adjacency: node -> neighbours, nothing else.

The measures that walk a graph (betweenness, Burt's structural holes, ego
density) read only who is tied to whom. Built here as plain dictionaries in
the order a ``networkx.Graph`` would hold the same nodes and ties (nodes in
the order first named, neighbours in the order tied), so a measure that
walks it in NetworkX's order of operations gets NetworkX's result to the
last bit, without its views and attributes, which were most of the cost of
analysing an onion.
"""

from __future__ import annotations

from collections.abc import Mapping

from graphsvc.domain import Onion

from .graph import NodeKind, node_key

Adjacency = Mapping[str, Mapping[str, object]]


def _tie(adj: dict[str, dict[str, None]], u: str, v: str) -> None:
    adj.setdefault(u, {})
    adj.setdefault(v, {})
    adj[u][v] = None
    adj[v][u] = None


def onion_adjacency(onion: Onion, *, resolved_needs: bool = True) -> dict[str, dict[str, None]]:
    """The nodes and ties of :func:`.graph.build_graph`, in its order; the
    onion must be consistent (``Onion.check_consistent``), as there."""
    client = node_key(NodeKind.CLIENT, onion.client.id)
    adj: dict[str, dict[str, None]] = {client: {}}
    for m in onion.members:
        _tie(adj, node_key(NodeKind.PERSON, m.person.id), client)
    active = set()
    for n in onion.needs:
        if n.active:
            active.add(n.id)
        elif not resolved_needs:
            continue
        _tie(adj, client, node_key(NodeKind.NEED, n.id))
    supported = dict.fromkeys(
        (t.supporter_id, t.need_id) for t in onion.supports if t.active and t.need_id in active
    )
    for person_id, need_id in supported:
        _tie(adj, node_key(NodeKind.PERSON, person_id), node_key(NodeKind.NEED, need_id))
    for k in onion.knows:
        _tie(adj, node_key(NodeKind.PERSON, k.person_a), node_key(NodeKind.PERSON, k.person_b))
    return adj


def ego_adjacency(onion: Onion) -> dict[str, dict[str, None]]:
    """The client's ego network (:mod:`.ego_network`): the client tied to
    each member, members tied by KNOWS."""
    client = node_key(NodeKind.CLIENT, onion.client.id)
    adj: dict[str, dict[str, None]] = {client: {}}
    for m in onion.members:
        _tie(adj, client, node_key(NodeKind.PERSON, m.person.id))
    for k in onion.knows:
        _tie(adj, node_key(NodeKind.PERSON, k.person_a), node_key(NodeKind.PERSON, k.person_b))
    return adj
