"""Bulk load and onion reads on the embedded FalkorDB, beside the floor.

For a generated population (deterministic, ``--teams`` x ``--clients-per-team``):

- load: ``graphsvc``'s bulk load through the one write path (each slice's
  networks exported as FHIR resources and written with them in one guarded
  ``fhir_commit``; idempotent) against the floor, a bare ``UNWIND ... CREATE`` of the
  same nodes and ties through the raw ``falkordb`` client into a second graph;
- read: ``repository.get_onion`` (one statement, decoded into domain objects)
  against the floor, the raw ``onion_get`` query without decoding.

Run:  .venv/bin/python benchmarks/bench_population_load.py --teams 900 --clients-per-team 111
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from graphsvc.domain import Population
from graphsvc.seeding.generator import iter_population
from graphsvc.services.network_write import NetworkWriter
from graphsvc.store.catalog import query
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.embedded import EmbeddedFalkorDB
from graphsvc.store.falkordb_runner import FalkorDBRunner
from graphsvc.store.fhir_commit import CypherFhirWriter
from graphsvc.store.resource_store import CypherResourceStore

SLICE = 200

FLOOR_NODES = """
UNWIND $clients AS c CREATE (:Client {id: c.id, name: c.name})
"""
FLOOR_PEOPLE = """
UNWIND $people AS p CREATE (:Person {id: p.id, name: p.name})
"""
FLOOR_TIES = """
UNWIND $ties AS t
MATCH (p:Person {id: t.person}), (c:Client {id: t.client})
CREATE (p)-[:IN_NETWORK_OF {ring: t.ring}]->(c)
"""


def floor_rows(piece: Population, seen: set[str]) -> dict[str, list[dict[str, Any]]]:
    clients = [{"id": o.client.id, "name": o.client.name} for o in piece.onions]
    people = {
        m.person.id: m.person.name
        for o in piece.onions
        for m in o.members
        if m.person.id not in seen
    }
    seen.update(people)
    ties = [
        {"person": m.person.id, "client": o.client.id, "ring": m.ring.value}
        for o in piece.onions
        for m in o.members
    ]
    return {
        "clients": clients,
        "people": [{"id": k, "name": v} for k, v in people.items()],
        "ties": ties,
    }


async def main(teams: int, clients_per_team: int, reads: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server = EmbeddedFalkorDB(Path(tmp), fsync="always")
        server.start()
        repo = CypherRepository(FalkorDBRunner.for_embedded(server, graph="bench"))
        floor = FalkorDBRunner.for_embedded(server, graph="bench_floor")
        try:
            await repo.ensure_schema()
            runner = repo._runner
            writer = NetworkWriter(repo, CypherResourceStore(runner), CypherFhirWriter(runner))
            await floor.ensure_schema()
            graph = floor._graph
            ours = raw = 0.0
            clients = members = 0
            seen: set[str] = set()
            t_gen = time.perf_counter()
            generation = 0.0
            for piece in iter_population(teams, clients_per_team, seed=1, clients_per_chunk=1000):
                generation += time.perf_counter() - t_gen
                for part in piece.chunks(SLICE):
                    clients += len(part.onions)
                    members += sum(len(o.members) for o in part.onions)
                    t = time.perf_counter()
                    await writer.load(part)
                    ours += time.perf_counter() - t
                    rows = floor_rows(part, seen)
                    t = time.perf_counter()
                    await graph.query(FLOOR_NODES, {"clients": rows["clients"]})
                    await graph.query(FLOOR_PEOPLE, {"people": rows["people"]})
                    await graph.query(FLOOR_TIES, {"ties": rows["ties"]})
                    raw += time.perf_counter() - t
                t_gen = time.perf_counter()
            print(f"population: {teams} teams, {clients} clients, {members} onion members")
            print(f"generation           {generation:8.1f} s")
            print(
                f"load (graphsvc)      {ours:8.1f} s  {clients / ours:8.0f} clients/s  "
                "(whole networks and their FHIR resources, one guarded statement a slice)"
            )
            print(
                f"load (floor)         {raw:8.1f} s  {clients / raw:8.0f} clients/s  "
                "(bare CREATE of clients, people and IN_NETWORK_OF only)"
            )

            ids = [f"client-{i:06d}" for i in range(1, clients + 1, max(1, clients // reads))]
            ids = [cid for cid in ids if await repo.client_access(cid) is not None][:reads]
            onion_q = query("onion_get")
            ours_t: list[float] = []
            raw_t: list[float] = []
            for cid in ids:
                t = time.perf_counter()
                await repo.get_onion(cid)
                ours_t.append(time.perf_counter() - t)
                t = time.perf_counter()
                await repo._runner._graph.ro_query(onion_q.text, {"client_ids": [cid]})  # type: ignore[attr-defined]
                raw_t.append(time.perf_counter() - t)
            if ids:
                print(
                    f"onion read (graphsvc) median {statistics.median(ours_t) * 1000:6.2f} ms  "
                    f"p95 {sorted(ours_t)[int(len(ours_t) * 0.95) - 1] * 1000:6.2f} ms  "
                    f"over {len(ids)} clients"
                )
                print(
                    f"onion read (raw query) median {statistics.median(raw_t) * 1000:6.2f} ms  "
                    f"p95 {sorted(raw_t)[int(len(raw_t) * 0.95) - 1] * 1000:6.2f} ms"
                )
        finally:
            await repo.close()
            await floor.close()
            server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--clients-per-team", type=int, default=45)
    parser.add_argument("--reads", type=int, default=200)
    args = parser.parse_args()
    asyncio.run(main(args.teams, args.clients_per_team, args.reads))
