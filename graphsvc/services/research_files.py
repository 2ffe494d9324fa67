"""The de-identified research files of the whole population, written to a
folder: one row per client (pseudonym, team by pseudonym, network type,
measures, gaps), one GraphML network per team, and the aggregates by every
grouping with small cells suppressed."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graphsvc.analysis import METRICS, Cell, Grouping, aggregate
from graphsvc.domain import Principal

from .analysis import AnalysisService


@dataclass(frozen=True, slots=True)
class ResearchFiles:
    clients: int
    teams: int


async def write_research_files(
    analysis: AnalysisService,
    principal: Principal,
    out: Path,
    progress: Callable[[int], object] | None = None,
) -> ResearchFiles:
    """``clients.csv``, ``networks/TEAM.graphml`` and ``aggregates-BY.csv``
    in ``out``; for researchers only (the analysis service checks)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "networks").mkdir(exist_ok=True)
    rows = []
    teams: dict[str, list[nx.Graph]] = {}
    with (out / "clients.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        # No neighbourhood per client: with the metrics it could single
        # someone out; it is in the aggregates, where small cells are suppressed.
        writer.writerow(["client", "team", "network_type", *METRICS, "gaps"])
        async for client in analysis.deidentified(principal, progress):
            row = client.row
            rows.append(row)
            writer.writerow(
                [
                    client.pseudonym,
                    row.team or "",
                    row.network_type.value,
                    *("" if row.metrics.get(m) is None else row.metrics[m] for m in METRICS),
                    " ".join(sorted(k.name for k in row.gap_kinds)),
                ]
            )
            teams.setdefault(row.team or "unserved", []).append(client.graph)
    for team, graphs in teams.items():
        nx.write_graphml(nx.compose_all(graphs), out / "networks" / f"{team}.graphml")
    for by in Grouping:
        _write_cells(out / f"aggregates-{by.value}.csv", aggregate(rows, by))
    return ResearchFiles(clients=len(rows), teams=len(teams))


def _write_cells(path: Path, cells: Sequence[Cell]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(
            ["group", "clients", "suppressed", "measure", "count", "mean", "median", "p25", "p75"]
        )
        for cell in cells:
            shown = "" if cell.clients is None else cell.clients
            for name, d in cell.metrics.items():
                figures = (d.count, d.mean, d.median, d.p25, d.p75)
                writer.writerow(
                    [cell.group, shown, d.suppressed or cell.suppressed, name]
                    + ["" if v is None else v for v in figures]
                )
            for kind, count in cell.gaps.items():
                clients = "" if count.clients is None else count.clients
                writer.writerow([cell.group, shown, count.suppressed, f"gap:{kind.name}", clients])
