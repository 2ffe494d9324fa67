"""Burt's effective size and constraint as computed from the adjacency
agree with NetworkX's own functions on any undirected, unweighted graph
(NetworkX sums in the order of a set, so the last bit may differ)."""

from __future__ import annotations

import math

import networkx as nx
from hypothesis import given, settings

from graphsvc.analysis.structural_holes import burt_constraint, burt_effective_size

from .random_graphs import graphs

NODES = [f"n{i}" for i in range(8)]


def _same(ours: float | None, theirs: float) -> bool:
    if math.isnan(theirs):
        return ours is None
    return ours is not None and math.isclose(ours, theirs, rel_tol=1e-12, abs_tol=1e-15)


@settings(max_examples=300, deadline=None)
@given(graphs(NODES))
def test_as_networkx_computes_them(g: nx.Graph) -> None:
    for ego in g:
        assert _same(burt_constraint(g.adj, ego), nx.constraint(g, nodes=[ego])[ego])
        assert _same(burt_effective_size(g.adj, ego), nx.effective_size(g, nodes=[ego])[ego])


def test_the_order_of_ties_does_not_matter_beyond_the_last_bit() -> None:
    one, other = nx.Graph(), nx.Graph()
    edges = [("e", "a"), ("e", "b"), ("e", "c"), ("a", "b"), ("b", "c"), ("c", "d")]
    one.add_edges_from(edges)
    other.add_edges_from(reversed(edges))
    found = burt_constraint(one.adj, "e"), burt_constraint(other.adj, "e")
    assert found[0] is not None and found[1] is not None
    assert math.isclose(found[0], found[1], rel_tol=1e-15)
