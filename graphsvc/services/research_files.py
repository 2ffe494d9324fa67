"""The de-identified research files of the whole population, written to a
folder for researchers to open directly:

- ``clients.csv``: one row per client (pseudonym, team by pseudonym,
  neighbourhood, age band, network type, measures, gaps), k-anonymous on
  team, neighbourhood and age band (:mod:`graphsvc.analysis.anonymity`);
- ``networks/TEAM.graphml``: the onions of each team as the client file
  names it (``teams-combined.graphml`` for rows whose team it does not say),
  for Gephi or any GraphML reader; client nodes carry the pseudonym of
  ``clients.csv``, people and needs pseudonyms of that file only;
- ``aggregates-BY.csv``: every grouping;
- ``trends.csv``: the aggregates of every month of the last ``months`` by
  ALL, TEAM, NEIGHBOURHOOD and NETWORK_TYPE, from every client's network
  as it was at the end of each month;

  both slices of the one release ``research`` and ``researchTrend`` serve
  (:meth:`.analysis.AnalysisService.published`: every grouping, now and
  month by month, protected together), so the files show no figure the
  service hides for the same data, nor hide one it shows;
- ``codebook.csv``: every column of the files above."""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path

import networkx as nx

from graphsvc.analysis import (
    METRICS,
    TREND_GROUPINGS,
    Cell,
    Grouping,
    TrendCell,
    k_anonymise,
)
from graphsvc.analysis.anonymity import AGE, NEIGHBOURHOOD, SUPPRESSED, TEAM
from graphsvc.analysis.codebook import (
    Column,
    aggregate_file,
    client_file,
    graph_file,
    trend_file,
)
from graphsvc.domain import Principal

from .analysis import AnalysisService

DEFAULT_K = 5
DEFAULT_TREND_MONTHS = 12
COMBINED = "teams-combined"


@dataclass(frozen=True, slots=True)
class ResearchFiles:
    clients: int
    teams: int
    withheld: int = 0


async def write_research_files(
    analysis: AnalysisService,
    principal: Principal,
    out: Path,
    progress: Callable[[int], object] | None = None,
    *,
    k: int = DEFAULT_K,
    months: int = DEFAULT_TREND_MONTHS,
    trend_progress: Callable[[int], object] | None = None,
    now: datetime | None = None,
) -> ResearchFiles:
    """The files above in ``out``; for researchers only (the analysis
    service checks). ``k``: the least rows sharing team, neighbourhood and
    age band in ``clients.csv``; ``months``: how many months, this one
    included, ``trends.csv`` covers (none with 0)."""
    clients = [c async for c in analysis.deidentified(principal, progress)]
    rows = [c.row for c in clients]
    anonymous = k_anonymise(
        [(r.team, r.neighbourhood, r.age) for r in rows], (TEAM, NEIGHBOURHOOD, AGE), k
    )
    out.mkdir(parents=True, exist_ok=True)
    (out / "networks").mkdir(exist_ok=True)
    teams: dict[str, list[nx.Graph]] = {}
    written = 0
    with (out / "clients.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([c.name for c in client_file()])
        for client, said in zip(clients, anonymous.values, strict=True):
            if said is None:
                continue
            team, neighbourhood, age_band = said
            row = client.row
            writer.writerow(
                [
                    client.pseudonym,
                    team,
                    neighbourhood,
                    age_band,
                    row.network_type.value,
                    *("" if row.metrics.get(m) is None else row.metrics[m] for m in METRICS),
                    " ".join(sorted(k.name for k in row.gap_kinds)),
                ]
            )
            written += 1
            file = COMBINED if team == SUPPRESSED else team
            teams.setdefault(file, []).append(client.graph(scope=file))
    for file, graphs in teams.items():
        nx.write_graphml(nx.compose_all(graphs), out / "networks" / f"{file}.graphml")
    moment = now or datetime.now(UTC)
    published = await analysis.published(
        principal, now=moment, clients=clients, trend_progress=trend_progress
    )
    codebook = client_file()
    for by in Grouping:
        name = f"aggregates-{by.value}.csv"
        _write_cells(out / name, published.research(by))
        codebook += aggregate_file(name)
    if months > 0:
        first = _months_before(moment.date(), months - 1)
        _write_trends(out / "trends.csv", published.trends(f"{first:%Y-%m}", f"{moment:%Y-%m}"))
        codebook += trend_file("trends.csv")
    _write_codebook(out / "codebook.csv", codebook + graph_file())
    return ResearchFiles(clients=written, teams=len(teams), withheld=anonymous.withheld)


def _write_cells(path: Path, cells: Sequence[Cell]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([c.name for c in aggregate_file(path.name)])
        for cell in cells:
            writer.writerows(_cell_lines(cell))


def _cell_lines(cell: Cell) -> list[list[object]]:
    """One line per measure of a cell: group, clients, suppressed, measure,
    count, mean, median, p25, p75."""
    shown = "" if cell.clients is None else cell.clients
    lines: list[list[object]] = []
    for name, d in cell.metrics.items():
        figures = (d.count, d.mean, d.median, d.p25, d.p75)
        lines.append(
            [cell.group, shown, _boolean(d.suppressed or cell.suppressed), name]
            + ["" if v is None else v for v in figures]
        )
    for kind, count in cell.gaps.items():
        clients = "" if count.clients is None else count.clients
        lines.append(
            [
                cell.group,
                shown,
                _boolean(count.suppressed or cell.suppressed),
                f"gap:{kind.name}",
                clients,
                "",
                "",
                "",
                "",
            ]
        )
    return lines


def _months_before(day: date, months: int) -> date:
    """The first day of the month ``months`` before ``day``'s."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _write_trends(path: Path, published: Mapping[Grouping, Sequence[TrendCell]]) -> None:
    rows: list[tuple[str, int, list[object]]] = []
    for order, by in enumerate(TREND_GROUPINGS):
        for found in published[by]:
            rows += [
                (found.month, order, [found.month, by.value, *line])
                for line in _cell_lines(found.cell)
            ]
    rows.sort(key=lambda row: row[:2])  # by month, then grouping; stable within
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([c.name for c in trend_file(path.name)])
        writer.writerows(line for _, _, line in rows)


def _boolean(value: bool) -> str:
    return "true" if value else "false"  # what R, pandas and spreadsheets all read


def _write_codebook(path: Path, columns: Sequence[Column]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, [field.name for field in fields(Column)])
        writer.writeheader()
        writer.writerows(asdict(c) for c in columns)
