"""Gap and strength analysis on the embedded FalkorDB, beside raw NetworkX.

- one client: the service's whole path (onion read, carers' loads read, her
  own LSNS-6 answers searched, analysis) against the NetworkX algorithms alone
  on the same onion graph (betweenness centrality and a minimum node cut per
  need);
- a population: every client analysed through the service's research path
  (pages of 500 read from the database, carers' loads, analysis) against the
  same NetworkX algorithms on the same onions, graphs already built.

Run:  .venv/bin/python benchmarks/bench_analysis.py --teams 900 --clients-per-team 111
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

from graphsvc.analysis import NodeKind, build_graph, node_key
from graphsvc.domain import Onion, Principal, Role
from graphsvc.seeding.generator import iter_population
from graphsvc.services.analysis import AnalysisService
from graphsvc.services.fhir_write import FhirWriteService
from graphsvc.services.lsns6_answers import Lsns6Answers
from graphsvc.services.network import NetworkService
from graphsvc.services.network_write import NetworkWriter
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.embedded import EmbeddedFalkorDB
from graphsvc.store.falkordb_runner import FalkorDBRunner
from graphsvc.store.fhir_commit import CypherFhirWriter
from graphsvc.store.port import ClientPageRequest
from graphsvc.store.resource_store import CypherResourceStore

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


async def main(teams: int, clients_per_team: int, samples: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server = EmbeddedFalkorDB(Path(tmp), fsync="everysec")
        server.start()
        runner = FalkorDBRunner.for_embedded(server, graph="bench")
        repo = CypherRepository(runner)
        resources = CypherResourceStore(runner)
        writer = NetworkWriter(repo, resources, CypherFhirWriter(runner))
        answers = Lsns6Answers(
            NetworkService(repo, _NoAudit(), writer),
            resources,
            FhirWriteService(repo, resources, CypherFhirWriter(runner), _NoAudit()),
        )
        service = AnalysisService(
            repo, _NoAudit(), research_secret=b"s" * 32, lsns6_answers=answers
        )
        try:
            await repo.ensure_schema()
            for piece in iter_population(teams, clients_per_team, seed=1, clients_per_chunk=1000):
                for part in piece.chunks(200):
                    await writer.load(part)
            total = await repo.client_count(ClientPageRequest(team_ids=None))
            print(f"population: {teams} teams, {total} clients")

            page = await repo.client_page(ClientPageRequest(team_ids=None, limit=samples))
            ours: list[float] = []
            floor: list[float] = []
            for cid, _ in page:
                started = time.perf_counter()
                onions = await repo.get_onions([cid])
                await service.analyse(RESEARCHER, onions)
                ours.append(time.perf_counter() - started)
                floor.append(raw_networkx(onions[cid]))
            print(
                f"one client (service: read + loads + analysis) median "
                f"{statistics.median(ours) * 1000:7.2f} ms over {len(ours)} clients"
            )
            print(
                f"one client (raw NetworkX: betweenness + node cuts) median "
                f"{statistics.median(floor) * 1000:7.2f} ms"
            )

            started = time.perf_counter()
            rows = 0
            async for _ in service.deidentified(RESEARCHER):
                rows += 1
            whole = time.perf_counter() - started
            print(
                f"population (service research path) {whole:8.1f} s {rows / whole:7.0f} clients/s"
            )
            raw = 0.0
            after = None
            seen = 0
            while True:
                req = ClientPageRequest(team_ids=None, sort="id", after=after, limit=500)
                chunk = await repo.client_page(req)
                if not chunk:
                    break
                onions = await repo.get_onions([c for c, _ in chunk])
                raw += sum(raw_networkx(o) for o in onions.values())
                seen += len(onions)
                after = (chunk[-1][1], chunk[-1][0])
            print(
                f"population (raw NetworkX only)        {raw:8.1f} s  {seen / raw:7.0f} clients/s"
            )
        finally:
            await repo.close()
            server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--clients-per-team", type=int, default=45)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    asyncio.run(main(args.teams, args.clients_per_team, args.samples))
