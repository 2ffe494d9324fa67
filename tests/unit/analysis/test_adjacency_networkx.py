"""The bare adjacency of an onion holds what NetworkX's graph of it holds, in
its order, and the measures walked on it give NetworkX's results to the last
bit: the coordinator's betweenness and the ego network's density."""

from __future__ import annotations

from functools import cache

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphsvc.analysis import (
    NodeKind,
    build_graph,
    coordinator,
    coverage,
    ego_adjacency,
    network_density,
    node_key,
    onion_adjacency,
)
from graphsvc.analysis.coordinator import betweenness
from graphsvc.domain import Client, Onion
from graphsvc.seeding.codec import load_population
from graphsvc.seeding.generator import generate_population

from .random_graphs import graphs
from .test_populations import DEMO

NODES = [node_key(NodeKind.PERSON, f"n{i}") for i in range(9)]


@cache
def onions() -> tuple[Onion, ...]:
    return (*load_population(DEMO).onions, *generate_population(teams=2, seed=7).onions)


def _in_order(graph: nx.Graph) -> list[tuple[str, list[str]]]:
    return [(node, list(graph.adj[node])) for node in graph]


def _listed(adj: dict[str, dict[str, None]]) -> list[tuple[str, list[str]]]:
    return [(node, list(neighbours)) for node, neighbours in adj.items()]


@pytest.mark.parametrize("resolved_needs", [True, False])
def test_an_onion_s_adjacency_is_its_graph_s_in_the_same_order(resolved_needs: bool) -> None:
    for onion in onions():
        graph = build_graph(onion, resolved_needs=resolved_needs)
        assert _listed(onion_adjacency(onion, resolved_needs=resolved_needs)) == _in_order(graph)


def test_the_ego_network_is_the_client_her_members_and_their_ties() -> None:
    for onion in onions():
        client = node_key(NodeKind.CLIENT, onion.client.id)
        expected = nx.Graph()
        expected.add_node(client)
        expected.add_edges_from(
            (client, node_key(NodeKind.PERSON, m.person.id)) for m in onion.members
        )
        expected.add_edges_from(
            (node_key(NodeKind.PERSON, k.person_a), node_key(NodeKind.PERSON, k.person_b))
            for k in onion.knows
        )
        assert _listed(ego_adjacency(onion)) == _in_order(expected)


def test_the_coordinator_s_betweenness_is_networkx_s_to_the_last_bit() -> None:
    measured = 0
    for onion in onions():
        nurse = coordinator(onion, coverage(onion))
        if nurse is None:
            continue
        graph = build_graph(onion, resolved_needs=False)
        theirs = nx.betweenness_centrality(graph)[node_key(NodeKind.PERSON, nurse)]
        assert betweenness(onion_adjacency(onion, resolved_needs=False), nurse) == theirs
        measured += theirs > 0
    assert measured > 10  # brokers, not only zeros


def test_the_ego_network_s_density_is_networkx_s() -> None:
    for onion in onions():
        alters = nx.Graph(ego_adjacency(onion))
        alters.remove_node(node_key(NodeKind.CLIENT, onion.client.id))
        assert network_density(onion) == nx.density(alters)


@settings(max_examples=300, deadline=None)
@given(graphs(NODES, most_ties=24))
def test_betweenness_on_any_graph_is_networkx_s(g: nx.Graph) -> None:
    theirs = nx.betweenness_centrality(g)
    adj = {node: dict.fromkeys(g.adj[node]) for node in g}
    for node in g:
        assert betweenness(adj, node.removeprefix("person/")) == theirs[node]


@settings(max_examples=300, deadline=None)
@given(graphs(NODES, most_ties=24), st.data())
def test_density_of_any_ego_network_is_networkx_s(g: nx.Graph, data: st.DataObject) -> None:
    """Self-loops among her people count as ties; hers to them do not."""
    her = Onion(Client("c", "Client"), None)
    client = node_key(NodeKind.CLIENT, "c")
    whole = g.copy()
    whole.add_node(client)
    whole.add_edges_from((client, p) for p in data.draw(st.lists(st.sampled_from(list(g)))))
    if data.draw(st.booleans()):
        whole.add_edge(client, client)
    ego = {node: dict.fromkeys(whole.adj[node]) for node in whole}
    assert network_density(her, ego) == nx.density(g)
