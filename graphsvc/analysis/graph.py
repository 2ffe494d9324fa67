"""One client's onion as a NetworkX graph.

:func:`build_graph` gives an undirected ``networkx.Graph``. Each relationship
type joins fixed kinds of node (a person supports a need, never the other
way), so direction adds nothing, and reachability, cuts and betweenness read
the network undirected. Node keys are ``"<kind>/<id>"`` (``client/c-1``,
``person/p-1``, ``need/n-1``) because domain ids are unique within a kind,
not across kinds; :func:`node_key` makes them.

Node attributes, on every node: ``kind`` (``client``, ``person`` or
``need``), ``id`` (the domain id) and ``label`` (a name, or the need's
display). Besides:

- client: ``neighbourhood``;
- person: ``ring`` (her ring in this onion), ``person_ring`` (what she is),
  ``role`` (her own role, e.g. "district nurse");
- need: ``code`` (Omaha), ``domain``, ``status``, ``active``.

Edges carry ``type``, one of:

- ``IN_NETWORK_OF`` person - client: ``ring``, ``role``, ``relationship``,
  ``relationship_group`` (informal ring only, see :mod:`.roles`),
  ``contact_frequency``, ``closeness``, ``since`` (ISO date);
- ``HAS_NEED`` client - need;
- ``SUPPORTS`` person - need, for *active* ties only: ``kinds`` (the support
  kinds, sorted and comma-separated), ``hours_per_week`` (summed over her
  ties to the need), ``frequency`` (the most frequent), ``ties`` (how many);
- ``KNOWS`` person - person: ``closeness``.

An attribute with no value is left out, so the graph writes to GraphML as it
is. Resolved needs are nodes (with ``active`` false) unless
``resolved_needs=False``; no support tie reaches them, since only active ties
are edges. The onion must be consistent (``Onion.check_consistent``).
"""

from __future__ import annotations

from collections import defaultdict
from enum import StrEnum
from typing import Any

import networkx as nx

from graphsvc.domain import Frequency, Onion, Ring, SupportTie

from .coverage import Coverage
from .roles import relationship_group


class NodeKind(StrEnum):
    CLIENT = "client"
    PERSON = "person"
    NEED = "need"


class EdgeType(StrEnum):
    IN_NETWORK_OF = "IN_NETWORK_OF"
    HAS_NEED = "HAS_NEED"
    SUPPORTS = "SUPPORTS"
    KNOWS = "KNOWS"


def node_key(kind: NodeKind, ident: str) -> str:
    return f"{kind.value}/{ident}"


def _present(**attrs: Any) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}


_RANK = {f: i for i, f in enumerate(Frequency)}


def _supports_edge(ties: list[SupportTie]) -> dict[str, Any]:
    frequencies = [t.frequency for t in ties if t.frequency is not None]
    return _present(
        type=EdgeType.SUPPORTS.value,
        kinds=",".join(sorted({t.kind.value for t in ties})),
        hours_per_week=sum(t.hours_per_week for t in ties),
        frequency=min(frequencies, key=_RANK.__getitem__).value if frequencies else None,
        ties=len(ties),
    )


def build_graph(onion: Onion, *, resolved_needs: bool = True) -> Any:
    """The onion as an undirected ``networkx.Graph`` (attributes above)."""
    onion.check_consistent()
    g = nx.Graph(client_id=onion.client.id)
    client = node_key(NodeKind.CLIENT, onion.client.id)
    g.add_node(
        client,
        **_present(
            kind=NodeKind.CLIENT.value,
            id=onion.client.id,
            label=onion.client.name,
            neighbourhood=onion.client.neighbourhood,
        ),
    )
    for m in onion.members:
        person = node_key(NodeKind.PERSON, m.person.id)
        ms = m.membership
        g.add_node(
            person,
            **_present(
                kind=NodeKind.PERSON.value,
                id=m.person.id,
                label=m.person.name,
                ring=ms.ring.value,
                person_ring=m.person.ring.value,
                role=m.person.role,
            ),
        )
        g.add_edge(
            person,
            client,
            **_present(
                type=EdgeType.IN_NETWORK_OF.value,
                ring=ms.ring.value,
                role=ms.role,
                relationship=ms.relationship,
                relationship_group=relationship_group(m).value
                if ms.ring is Ring.INFORMAL
                else None,
                contact_frequency=None
                if ms.contact_frequency is None
                else ms.contact_frequency.value,
                closeness=ms.closeness,
                since=None if ms.since is None else ms.since.isoformat(),
            ),
        )
    for n in onion.needs:
        if not (n.active or resolved_needs):
            continue
        need = node_key(NodeKind.NEED, n.id)
        g.add_node(
            need,
            kind=NodeKind.NEED.value,
            id=n.id,
            label=n.display,
            code=n.code,
            domain=n.domain.value,
            status=n.status.value,
            active=n.active,
        )
        g.add_edge(client, need, type=EdgeType.HAS_NEED.value)
    active = {n.id for n in onion.needs if n.active}
    ties: defaultdict[tuple[str, str], list[SupportTie]] = defaultdict(list)
    for tie in onion.supports:
        if tie.active and tie.need_id in active:
            ties[tie.supporter_id, tie.need_id].append(tie)
    for (person_id, need_id), pair in ties.items():
        g.add_edge(
            node_key(NodeKind.PERSON, person_id),
            node_key(NodeKind.NEED, need_id),
            **_supports_edge(pair),
        )
    for k in onion.knows:
        g.add_edge(
            node_key(NodeKind.PERSON, k.person_a),
            node_key(NodeKind.PERSON, k.person_b),
            **_present(type=EdgeType.KNOWS.value, closeness=k.closeness),
        )
    return g


def support_graph(onion: Onion, cover: Coverage) -> Any:
    """Only what carries support: the client, her active needs, and each
    active supporter joined to the client and to the needs she supports.
    The graph the node cuts of :mod:`.support_gaps` are about."""
    g = nx.Graph()
    client = node_key(NodeKind.CLIENT, onion.client.id)
    g.add_node(client)
    for need in cover.active_needs:
        g.add_node(node_key(NodeKind.NEED, need.id))
    for person_id, need_ids in cover.needs_of.items():
        person = node_key(NodeKind.PERSON, person_id)
        g.add_edge(client, person)
        for need_id in need_ids:
            g.add_edge(person, node_key(NodeKind.NEED, need_id))
    return g
