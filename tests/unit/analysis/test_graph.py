"""The onion as a NetworkX graph: its nodes, edges and attributes."""

from __future__ import annotations

import networkx as nx

from graphsvc.analysis import build_graph, node_key
from graphsvc.analysis.graph import NodeKind
from graphsvc.domain import NeedStatus, SupportKind, TieStatus

from .sketch import Sketch


def onion_sketch() -> Sketch:
    s = Sketch()
    s.informal("d", "Els de Vries", "daughter-in-law")
    s.nurse("nurse", "Kim Dijkstra", "primary nurse")
    food = s.need("35")
    s.need("06", NeedStatus.RESOLVED)
    s.support("d", food, 2, kind=SupportKind.HOUSEHOLD)
    s.support("d", food, 1.5, kind=SupportKind.PRACTICAL)
    s.support("nurse", food, 9, status=TieStatus.ENDED)
    s.know("d", "nurse", 1)
    return s


def test_nodes_and_their_attributes() -> None:
    g = build_graph(onion_sketch().onion())
    assert sorted(g.nodes) == [
        "client/c-1",
        "need/c-1-n06",
        "need/c-1-n35",
        "person/d",
        "person/nurse",
    ]
    assert g.nodes["client/c-1"] == {
        "kind": "client",
        "id": "c-1",
        "label": "Anna de Vries",
        "neighbourhood": "Bloemenbuurt",
    }
    assert g.nodes["person/d"] == {
        "kind": "person",
        "id": "d",
        "label": "Els de Vries",
        "ring": "informal",
        "person_ring": "informal",
        "role": "daughter-in-law",
    }
    assert g.nodes["need/c-1-n35"] == {
        "kind": "need",
        "id": "c-1-n35",
        "label": "Nutrition",
        "code": "35",
        "domain": "health-related behaviors",
        "status": "active",
        "active": True,
    }
    assert g.nodes["need/c-1-n06"]["active"] is False


def test_edges_and_their_attributes() -> None:
    g = build_graph(onion_sketch().onion())
    assert g.edges["person/d", "client/c-1"] == {
        "type": "IN_NETWORK_OF",
        "ring": "informal",
        "relationship": "daughter-in-law",
        "relationship_group": "kin",
        "contact_frequency": "weekly",
        "closeness": 3,
    }
    assert g.edges["client/c-1", "need/c-1-n35"] == {"type": "HAS_NEED"}
    # two active ties of one person to one need: one edge, hours summed
    assert g.edges["person/d", "need/c-1-n35"] == {
        "type": "SUPPORTS",
        "kinds": "household,practical",
        "hours_per_week": 3.5,
        "frequency": "weekly",
        "ties": 2,
    }
    assert not g.has_edge("person/nurse", "need/c-1-n35")  # the ended tie
    assert g.edges["person/d", "person/nurse"] == {"type": "KNOWS", "closeness": 1}
    assert g.number_of_edges() == 6


def test_resolved_needs_can_be_left_out() -> None:
    g = build_graph(onion_sketch().onion(), resolved_needs=False)
    assert node_key(NodeKind.NEED, "c-1-n06") not in g
    assert node_key(NodeKind.NEED, "c-1-n35") in g


def test_writes_to_graphml_as_it_is() -> None:
    g = build_graph(onion_sketch().onion())
    text = "\n".join(nx.generate_graphml(g))
    back = nx.parse_graphml(text)
    assert sorted(back.nodes) == sorted(g.nodes)


def test_client_alone() -> None:
    g = build_graph(Sketch().onion())
    assert list(g.nodes) == ["client/c-1"]
    assert g.number_of_edges() == 0
