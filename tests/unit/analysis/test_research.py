"""Research helpers: pseudonyms, de-identified graphs, aggregates with small
cells suppressed."""

from __future__ import annotations

import networkx as nx
import pytest

from graphsvc.analysis import (
    METRICS,
    Distribution,
    GapCount,
    GapKind,
    Grouping,
    NetworkType,
    ResearchRow,
    aggregate,
    analyse_client,
    build_graph,
    deidentified_graph,
    pseudonymous_id,
    research_row,
)

from .sketch import anchored

SECRET = b"a research secret of 32 bytes..."


def test_pseudonyms_are_stable_keyed_and_kind_separated() -> None:
    one = pseudonymous_id("client-000001", SECRET)
    assert one == pseudonymous_id("client-000001", SECRET)
    assert len(one) == 32 and int(one, 16) >= 0
    assert one != pseudonymous_id("client-000002", SECRET)
    assert one != pseudonymous_id("client-000001", b"another secret, just as long!!!")
    person = pseudonymous_id("x-1", SECRET, kind="person")
    need = pseudonymous_id("x-1", SECRET, kind="need")
    assert person.startswith("person-") and need.startswith("need-")
    assert person.removeprefix("person-") != need.removeprefix("need-")
    assert "client-000001" not in one


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(ValueError):
        pseudonymous_id("client-000001", b"short")


def test_deidentified_graph_keeps_shape_not_identity() -> None:
    s = anchored()
    s.informal("d", "Els de Vries", "daughter")
    s.support("d", s.need("38"), 4)
    g = build_graph(s.onion())
    safe = deidentified_graph(g, SECRET)
    assert nx.is_isomorphic(g, safe)
    text = "\n".join(nx.generate_graphml(safe))
    for secret_thing in ("Anna", "Els", "Roel", "Bloemenbuurt", "c-1", "primary nurse", '"d"'):
        assert secret_thing not in text
    client = pseudonymous_id("c-1", SECRET, kind="client")
    assert safe.nodes[client] == {"kind": "client"}
    daughter = pseudonymous_id("d", SECRET, kind="person")
    assert safe.edges[daughter, client]["relationship_group"] == "kin"
    assert "relationship" not in safe.edges[daughter, client]
    need = pseudonymous_id("c-1-n38", SECRET, kind="need")
    assert safe.nodes[need]["code"] == "38"
    assert safe.edges[daughter, need]["hours_per_week"] == 4


def row(
    team: str,
    score: float | None,
    gaps: tuple[GapKind, ...] = (),
    kind: NetworkType = NetworkType.FAMILY_DEPENDENT,
) -> ResearchRow:
    metrics: dict[str, float | None] = dict.fromkeys(METRICS)
    metrics["score"] = score
    metrics["active_needs"] = 2
    return ResearchRow(team, "Bloemenbuurt", kind, metrics, frozenset(gaps))


def rows() -> list[ResearchRow]:
    no_gp, lonely = GapKind.NO_GP, GapKind.UNCOVERED_NEED
    return [
        row("A", 10, (no_gp, lonely)),
        row("A", 20, (no_gp, lonely)),
        row("A", 30, (no_gp,)),
        row("A", 40, (no_gp,)),
        row("A", 50, (no_gp,)),
        row("A", 60),
        row("B", 70, (no_gp,)),
        row("B", 80),
        row("B", 90),
    ]


def test_distribution_of_a_metric() -> None:
    a, _ = aggregate(rows(), Grouping.TEAM)
    assert (a.group, a.clients, a.suppressed, a.note) == ("A", 6, False, None)
    # 10..60: mean 35; inclusive quartiles at ranks 1.25, 2.5, 3.75 of 0..5
    assert a.metrics["score"] == Distribution(6, 35.0, 35.0, 22.5, 47.5)
    assert a.metrics["active_needs"] == Distribution(6, 2.0, 2.0, 2.0, 2.0)
    assert a.metrics["hours_hhi"] == Distribution(0)  # no values at all: nothing to hide


def test_gap_counts_with_small_counts_suppressed() -> None:
    a, _ = aggregate(rows(), Grouping.TEAM)
    assert set(a.gaps) == set(GapKind)
    assert a.gaps[GapKind.NO_GP] == GapCount(5)
    assert a.gaps[GapKind.UNCOVERED_NEED] == GapCount(None, suppressed=True)  # 2 clients
    assert a.gaps[GapKind.ISOLATED_CLIENT] == GapCount(0)


def test_a_small_group_says_it_is_suppressed() -> None:
    _, b = aggregate(rows(), Grouping.TEAM)
    assert (b.group, b.clients, b.suppressed) == ("B", None, True)
    assert b.note == "fewer than 5 clients: suppressed"
    assert all(d.suppressed and d.count is None for d in b.metrics.values())
    assert all(c.suppressed and c.clients is None for c in b.gaps.values())


def test_a_metric_with_few_values_is_suppressed() -> None:
    data = [row("A", None), row("A", None), *rows()[2:6]]
    (a,) = aggregate(data, Grouping.TEAM)
    assert a.metrics["score"] == Distribution(None, suppressed=True)  # 4 values


def test_other_groupings() -> None:
    (everyone,) = aggregate(rows(), Grouping.ALL)
    assert everyone.clients == 9
    assert everyone.gaps[GapKind.NO_GP] == GapCount(6)
    (hood,) = aggregate(rows(), Grouping.NEIGHBOURHOOD)
    assert hood.group == "Bloemenbuurt"
    mixed = [*rows()[:5], row("A", 1, kind=NetworkType.PRIVATE_RESTRICTED)]
    by_type = aggregate(mixed, Grouping.NETWORK_TYPE)
    assert [(c.group, c.clients) for c in by_type] == [
        ("family-dependent", 5),
        ("private-restricted", None),
    ]


def test_a_research_row_names_nobody() -> None:
    s = anchored()
    s.informal("d", "Els de Vries")
    onion = s.onion()
    r = research_row(onion, analyse_client(onion))
    assert r.team == "team-1"
    assert r.neighbourhood == "Bloemenbuurt"
    assert r.gap_kinds == frozenset({GapKind.ISOLATED_CLIENT})
    assert set(r.metrics) == set(METRICS)
    assert not {"c-1", "d", "nurse", "gp"} & {str(v) for v in r.metrics.values()}


def test_the_codebook_names_every_column() -> None:
    from graphsvc.analysis.codebook import aggregate_file, client_file, graph_file

    columns = client_file()
    assert [c.name for c in columns][:5] == [
        "client", "team", "neighbourhood", "age_band", "network_type",
    ]  # fmt: skip
    assert {c.name for c in columns} >= set(METRICS) | {"gaps"}
    for c in [*columns, *aggregate_file("aggregates-team.csv")]:
        assert c.meaning and c.type in {"string", "integer", "decimal", "boolean"}, c
    network_type = next(c for c in columns if c.name == "network_type")
    assert set(network_type.allowed_values.split()) == {t.value for t in NetworkType}
    from graphsvc.analysis.deidentify import EDGE_ATTRIBUTES, NODE_ATTRIBUTES

    described = {c.name for c in graph_file()}
    assert {f"node {a}" for a in NODE_ATTRIBUTES} | {f"edge {a}" for a in EDGE_ATTRIBUTES} <= (
        described
    )


def test_graph_pseudonyms_are_scoped_but_the_client_keeps_hers() -> None:
    s = anchored()
    g = build_graph(s.onion())
    one, two = deidentified_graph(g, SECRET, scope="a"), deidentified_graph(g, SECRET, scope="b")
    client = pseudonymous_id("c-1", SECRET, kind="client")
    assert client in one and client in two
    assert set(one) & set(two) == {client}  # the nurse and the GP differ per file
