"""A researcher's attack on published research aggregates: every linear
combination of the figures shown (sums, differences, the margin equations of
all groupings solved together) is checked for one that rests on fewer than k
clients. By brute force over every set of up to k-1 clients, in floating
point: independent of the service's own audit, which works modulo primes on
atoms."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from graphsvc.analysis import (
    METRICS,
    TREND_GROUPINGS,
    Cell,
    GapKind,
    Grouping,
    TrendCell,
    TrendRow,
    group_of,
)
from graphsvc.analysis.trend import NOW
from graphsvc.domain import Population
from graphsvc.seeding.generator import generate_population

CellKey = tuple[str, str]  # (grouping, group)


def resting_on_few(figures: Sequence[frozenset[Hashable]], k: int) -> list[frozenset[Hashable]]:
    """Sets of fewer than ``k`` clients on which some combination of the
    ``figures`` (each the clients it sums over) rests alone: a set S such that
    a vector of the row space of the figure-by-client matrix is nonzero only
    on S, i.e. the rows of a null-space basis belonging to S are dependent."""
    clients = sorted(set().union(*figures), key=repr)
    if not clients:
        return []
    a = np.array([[c in f for c in clients] for f in figures], dtype=float)
    _, sv, vt = np.linalg.svd(a)
    rank = int((sv > 1e-9 * sv.max()).sum())
    null = vt[rank:].T  # one row per client
    found: list[frozenset[Hashable]] = []
    for size in range(1, k):
        sets = np.array(list(itertools.combinations(range(len(clients)), size)))
        for chunk in np.array_split(sets, max(1, len(sets) // 20_000)):
            if null.shape[1] < size:
                dependent = np.ones(len(chunk), dtype=bool)
            else:
                smallest = np.linalg.svd(null[chunk], compute_uv=False)[:, -1]
                dependent = smallest < 1e-9
            found += [frozenset(clients[i] for i in s) for s in chunk[dependent]]
        if found:
            return found
    return found


def measures(
    rows: Mapping[Hashable, Any],
) -> dict[str, Callable[[Any], bool]]:
    """Each published measure and which clients contribute to it."""
    out: dict[str, Callable[[Any], bool]] = {"clients": lambda r: True}
    for name in METRICS:
        out[name] = lambda r, name=name: r.metrics.get(name) is not None
    for kind in GapKind:
        out[f"gap:{kind.name}"] = lambda r, kind=kind: kind in r.gap_kinds
    return out


def attack(
    shown: Mapping[str, Iterable[CellKey]],
    members: Mapping[CellKey, frozenset[Hashable]],
    rows: Mapping[Hashable, Any],
    k: int = 5,
) -> dict[str, list[frozenset[Hashable]]]:
    """For each measure, the cells whose figure is shown (``shown``), the
    clients of each cell (``members``) and the clients' research rows: the
    sets of fewer than ``k`` clients some combination rests on."""
    found = {}
    tried: dict[tuple[frozenset[frozenset[Hashable]], ...], list[frozenset[Hashable]]] = {}
    # a measure's count is also read against the client counts shown (a cell
    # of 12 with 11 rated names the one not rated)
    counted = [members[key] for key in shown.get("clients", ())]
    for measure, counts in measures(rows).items():
        having = {c for c, r in rows.items() if counts(r)}
        figures = [members[key] & having for key in shown.get(measure, ())]
        figures = [f for f in figures if f] + (counted if measure != "clients" else [])
        system = (frozenset(figures),)
        if system not in tried:
            tried[system] = resting_on_few(figures, k)
        if tried[system]:
            found[measure] = tried[system]
    return found


def shown_in_graphql(cells: Iterable[Mapping[str, Any]]) -> dict[str, list[CellKey]]:
    """The figures a ``research`` answer shows, per measure."""
    shown: dict[str, list[CellKey]] = {}
    for cell in cells:
        key = (cell["grouping"], cell["group"])
        if cell["clients"] is not None:
            shown.setdefault("clients", []).append(key)
        for m in cell["metrics"]:
            if m["count"] is not None:
                shown.setdefault(m["metric"], []).append(key)
        for g in cell["gaps"]:
            if g["clients"] is not None:
                shown.setdefault(f"gap:{g['kind']}", []).append(key)
    return shown


TrendKey = tuple[str, str, str]  # (grouping, month or NOW, group)


def trend_figures(
    shown: Iterable[tuple[TrendKey, Mapping[str, bool]]], rows: Sequence[TrendRow]
) -> dict[str, list[frozenset[Hashable]]]:
    """For each measure, the figures of a trend that are shown (each cell's
    key with which of its measures it shows), each as the unknowns it sums
    over. A client adds the same to a count in every month she is counted:
    she is one unknown (``client``). To a metric's sum she adds her value of
    the month: the months in which it was the same are one unknown
    (``(client, value)``, so a month less the next leaves exactly the values
    that changed), a month with another value another. Rows of :data:`NOW`
    (the networks as they are, what ``research`` shows) are one more period,
    grouped by every grouping."""
    members: dict[TrendKey, list[TrendRow]] = {}
    for r in rows:
        for by in Grouping if r.month == NOW else TREND_GROUPINGS:
            members.setdefault((by.name, r.month, group_of(r.row, by)), []).append(r)
    out: dict[str, list[frozenset[Hashable]]] = {}
    for key, showing in shown:
        of_cell = members.get(key, [])
        for measure, is_shown in showing.items():
            if not is_shown:
                continue
            if measure == "clients":
                out.setdefault(measure, []).append(frozenset(r.client for r in of_cell))
            elif measure.startswith("gap:"):
                kind = GapKind[measure.removeprefix("gap:")]
                having = frozenset(r.client for r in of_cell if kind in r.row.gap_kinds)
                out.setdefault(measure, []).append(having)
            else:
                defined = [r for r in of_cell if r.row.metrics.get(measure) is not None]
                out.setdefault(f"{measure}:count", []).append(frozenset(r.client for r in defined))
                out.setdefault(f"{measure}:sum", []).append(
                    frozenset((r.client, r.row.metrics[measure]) for r in defined)
                )
    return out


def shown_in_trend(cells: Iterable[TrendCell]) -> list[tuple[TrendKey, dict[str, bool]]]:
    """Which figures each cell of a trend shows."""
    out = []
    for tc in cells:
        cell = tc.cell
        showing = {"clients": cell.clients is not None}
        showing |= {name: d.count is not None for name, d in cell.metrics.items()}
        showing |= {f"gap:{k.name}": g.clients is not None for k, g in cell.gaps.items()}
        out.append(((cell.grouping.name, tc.month, cell.group), showing))
    return out


def shown_in_research(cells: Iterable[Cell]) -> list[tuple[TrendKey, dict[str, bool]]]:
    """Which figures each cell of a ``research`` answer shows, as a period
    (:data:`NOW`) beside the months of trends."""
    return shown_in_trend(TrendCell(NOW, cell) for cell in cells)


def attack_calls(
    calls: Iterable[Iterable[tuple[TrendKey, Mapping[str, bool]]]],
    rows: Sequence[TrendRow],
    k: int = 5,
) -> dict[str, list[frozenset[Hashable]]]:
    """A researcher who keeps what separate calls showed (trends over any
    months, ``research`` by any grouping) and combines all of it at once:
    what some call shows is known, whatever the others hid. ``rows``: the
    clients of every month and of :data:`NOW`, one identity each."""
    known: dict[TrendKey, dict[str, bool]] = {}
    for call in calls:
        for key, showing in call:
            seen = known.setdefault(key, {})
            for measure, is_shown in showing.items():
                seen[measure] = seen.get(measure, False) or is_shown
    return attack_trend(list(known.items()), rows, k)


def attack_trend(
    shown: Iterable[tuple[TrendKey, Mapping[str, bool]]], rows: Sequence[TrendRow], k: int = 5
) -> dict[str, list[frozenset[Hashable]]]:
    """Every month and grouping of a trend combined at once: for each
    measure, the sets of fewer than ``k`` unknowns some combination of the
    figures shown rests on alone."""
    found = {}
    every = trend_figures(shown, rows)
    for measure, figures in every.items():
        if measure.startswith("gap:") or measure.endswith(":count"):
            figures = figures + every.get("clients", [])  # counts read against counts
        hit = resting_on_few([f for f in figures if f], k)
        if hit:
            found[measure] = hit
    return found


HOODS = ("Bloemenbuurt, Almelo", "Vogelwijk, Enschede", "Kern, Almelo")


def mixed_population() -> Population:
    """Two teams of fifteen and a team of one client, across three
    neighbourhoods that do not follow the teams: the plain aggregates of
    these can be differenced."""
    generated = generate_population(teams=3, clients_per_team=15, seed=3)
    onions = []
    for i, onion in enumerate(generated.onions):
        if onion.team_id == "team-0003" and i % 15:
            continue
        client = replace(onion.client, neighbourhood=HOODS[i * 7 % 3])
        onions.append(replace(onion, client=client))
    return replace(generated, onions=tuple(onions))
