"""Small undirected graphs drawn by hypothesis, self-loops and repeated ties
included, for holding the analysis's own walks to NetworkX's functions."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
from hypothesis import strategies as st


@st.composite
def graphs(draw: st.DrawFn, names: Sequence[str], most_ties: int = 20) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(names[: draw(st.integers(1, len(names)))])
    nodes = list(g)
    pairs = st.tuples(st.sampled_from(nodes), st.sampled_from(nodes))
    g.add_edges_from(draw(st.lists(pairs, max_size=most_ties)))
    return g
