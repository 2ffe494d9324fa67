"""Gap and strength analysis on the embedded FalkorDB (or a local Neo4j 5,
``--database neo4j``), each figure beside its floor measured in the same run.

- one client: the service's whole path (onion read, carers' loads read, her
  own LSNS-6 answers searched, analysis) against reading her onion alone
  (the nurse's read), and against the NetworkX algorithms alone on the same
  onion graph (betweenness centrality and a minimum node cut per need);
- the research sweep: every client's research row through the service's
  research path (ids read a page of 100 at a time; each page's onions,
  carers' loads and LSNS-6 answers read, decoded and analysed by one of
  ``--workers`` processes, each on connections of its own; pseudonyms), as
  the research aggregates read it, and again with every onion sent back
  and kept for the research files' graphs; against streaming the same
  onions alone in one process, and against the same NetworkX algorithms on
  the same onions, graphs already built; ``--serial`` also times the sweep
  in one process.

The population is loaded through the network writer (the bulk load of
``graphsvc seed``); with ``--data DIR`` it is kept there and loaded only
when the folder is new, so a second run measures at once.

Run:  .venv/bin/python benchmarks/bench_analysis.py --teams 20 --clients-per-team 111 \
          --data DIR --serial
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import networkx as nx

from graphsvc.analysis import NodeKind, build_graph, node_key
from graphsvc.domain import Onion, Principal, Role
from graphsvc.runtime import sweep_reader
from graphsvc.seeding.generator import iter_population
from graphsvc.services.analysis import RESEARCH_PAGE, AnalysisService
from graphsvc.services.fhir_write import FhirWriteService
from graphsvc.services.lsns6_answers import Lsns6Answers
from graphsvc.services.network import NetworkService
from graphsvc.services.network_write import NetworkWriter
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.embedded import EmbeddedFalkorDB
from graphsvc.store.falkordb_runner import FalkorDBRunner
from graphsvc.store.fhir_commit import CypherFhirWriter
from graphsvc.store.neo4j_runner import Neo4jRunner
from graphsvc.store.port import ClientPageRequest
from graphsvc.store.resource_store import CypherResourceStore
from graphsvc.store.runner import CypherRunner

RESEARCHER = Principal(Role.RESEARCHER, "bench")


class _NoAudit:
    def record(self, entry: object) -> None:
        pass


def raw_networkx(onion: Onion) -> float:
    """The floor: NetworkX's own algorithms on an already built onion graph."""
    graph = build_graph(onion)
    started = time.perf_counter()
    nx.betweenness_centrality(graph, normalized=True)
    client = node_key(NodeKind.CLIENT, onion.client.id)
    for need in onion.needs:
        target = node_key(NodeKind.NEED, need.id)
        if graph.has_node(target) and not graph.has_edge(client, target):
            nx.minimum_node_cut(graph, client, target)
    return time.perf_counter() - started


@contextlib.contextmanager
def database(kind: str, folder: Path) -> Iterator[tuple[CypherRunner, bool]]:
    """A runner on the embedded FalkorDB or a local Neo4j 5 kept in
    ``folder``, and whether it is new (to be loaded)."""
    if kind == "falkordb":
        fresh = not (folder / "falkordb").exists()
        server = EmbeddedFalkorDB(folder, fsync="everysec")
        server.start()
        try:
            yield FalkorDBRunner.for_embedded(server, graph="bench"), fresh
        finally:
            server.stop()
        return
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.neo4j_local
    from tests.neo4j_local import LocalNeo4j

    fresh = not (folder / "neo4j").exists()
    neo4j = LocalNeo4j(folder / "neo4j")
    neo4j.start()
    try:
        yield Neo4jRunner(neo4j.uri, "neo4j", ""), fresh
    finally:
        neo4j.stop()


async def main(
    teams: int,
    clients_per_team: int,
    samples: int,
    data: Path | None,
    workers: int,
    serial: bool,
    page: int,
    kind: str,
) -> None:
    with tempfile.TemporaryDirectory() as tmp, database(kind, data or Path(tmp)) as (runner, fresh):
        repo = CypherRepository(runner)
        resources = CypherResourceStore(runner)
        writer = NetworkWriter(repo, resources, CypherFhirWriter(runner))
        answers = Lsns6Answers(
            NetworkService(repo, _NoAudit(), writer),
            resources,
            FhirWriteService(repo, resources, CypherFhirWriter(runner), _NoAudit()),
        )
        service = AnalysisService(
            repo,
            _NoAudit(),
            research_secret=b"s" * 32,
            lsns6_answers=answers,
            workers=workers,
            sweep_elsewhere=partial(sweep_reader, runner),
        )
        try:
            await repo.ensure_schema()
            if fresh:
                started = time.perf_counter()
                for piece in iter_population(
                    teams, clients_per_team, seed=1, clients_per_chunk=1000
                ):
                    for part in piece.chunks(200):
                        await writer.load(part)
                print(f"loaded in {time.perf_counter() - started:.0f} s")
            total = await repo.client_count(ClientPageRequest(team_ids=None))
            print(
                f"population: {total} clients on {kind}; "
                f"{workers} workers on {os.cpu_count()} cores"
            )

            sampled = await repo.client_page(ClientPageRequest(team_ids=None, limit=samples))
            ours: list[float] = []
            read: list[float] = []
            floor: list[float] = []
            for cid, _ in sampled:
                started = time.perf_counter()
                await repo.get_onions([cid])
                read.append(time.perf_counter() - started)
                started = time.perf_counter()
                onions = await repo.get_onions([cid])
                await service.analyse(RESEARCHER, onions)
                ours.append(time.perf_counter() - started)
                floor.append(raw_networkx(onions[cid]))
            whole, alone = statistics.median(ours), statistics.median(read)
            print(
                f"one client (service: read + loads + answers + analysis) median "
                f"{whole * 1000:7.2f} ms over {len(ours)} clients"
            )
            print(f"floor: her onion read alone, median {alone * 1000:7.2f} ms")
            print(f"  ratio {whole / alone:4.2f} (target <= 2)")
            print(
                f"floor: raw NetworkX (betweenness + node cuts) median "
                f"{statistics.median(floor) * 1000:7.2f} ms"
            )

            started = time.perf_counter()
            seen = 0
            async for streamed_page in repo.onion_pages(page):
                seen += len(streamed_page)
            streamed = time.perf_counter() - started
            print(
                f"floor: the onions streamed alone   {streamed:8.1f} s "
                f"{seen / streamed:7.0f} clients/s"
            )
            started = time.perf_counter()
            rows = 0
            async for _ in service.pseudonymous_rows(RESEARCHER, workers=workers, page=page):
                rows += 1
            swept = time.perf_counter() - started
            print(
                f"research sweep, {workers} workers     {swept:8.1f} s "
                f"{rows / swept:7.0f} clients/s"
                f"  ({swept / streamed:4.2f} x streaming alone)"
            )
            started = time.perf_counter()
            rows = 0
            async for _ in service.deidentified(RESEARCHER, workers=workers, page=page):
                rows += 1
            kept = time.perf_counter() - started
            print(f"  the same, onions kept for graphs {kept:8.1f} s {rows / kept:7.0f} clients/s")
            if serial:
                started = time.perf_counter()
                rows = 0
                async for _ in service.pseudonymous_rows(RESEARCHER, workers=1, page=page):
                    rows += 1
                one = time.perf_counter() - started
                print(f"research sweep, one process     {one:8.1f} s {rows / one:7.0f} clients/s")
            raw = 0.0
            seen = 0
            async for analysed_page in repo.onion_pages(page):
                raw += sum(raw_networkx(o) for o in analysed_page)
                seen += len(analysed_page)
            print(f"floor: raw NetworkX only          {raw:8.1f} s {seen / raw:7.0f} clients/s")
        finally:
            await repo.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--clients-per-team", type=int, default=45)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--data", type=Path, help="keep the database here (load once)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--serial", action="store_true", help="time one process too")
    parser.add_argument("--page", type=int, default=RESEARCH_PAGE, help="clients a read")
    parser.add_argument("--database", choices=("falkordb", "neo4j"), default="falkordb")
    args = parser.parse_args()
    asyncio.run(
        main(
            args.teams,
            args.clients_per_team,
            args.samples,
            args.data,
            args.workers,
            args.serial,
            args.page,
            args.database,
        )
    )
