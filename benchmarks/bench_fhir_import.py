"""FHIR import through the service, beside its floors, on the embedded FalkorDB.

- import: a generated population as transaction Bundles (a directory Bundle
  and one per client) through ``FhirImporter`` — validation and the pure
  part of unpacking (in a pool of ``--workers`` processes, started inside the
  timed run unless ``--start-workers-first``), projection and one guarded
  statement per group of up to ``--group`` Bundles — against the validation
  alone (``parse_resource`` on every Bundle in this process, the raw floor);
- re-import of the same Bundles (nothing changes, nothing is written: every
  resource is found unchanged by digest, nothing is projected);
- one update of one Observation through the service (the client's whole
  network projected again) against the raw Cypher write of one resource
  version (``floors.raw_resource_version``).

Run:  .venv/bin/python benchmarks/bench_fhir_import.py --teams 4 --clients-per-team 50
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from floors import raw_resource_version  # benchmarks/floors.py

from fhir_mappings import parse_resource
from graphsvc.config import Settings
from graphsvc.domain import Principal, Role
from graphsvc.runtime import open_runtime
from graphsvc.seeding.fhir_bundles import population_bundles
from graphsvc.seeding.generator import generate_population
from graphsvc.services.fhir_import import Document, FhirImporter
from graphsvc.services.fhir_import_groups import GROUP_BUNDLES
from graphsvc.services.fhir_parse_pool import ParsePool, default_workers

SYSTEM = Principal(Role.SYSTEM, "bench", scopes=frozenset({"system/*.*"}))


def cpu_seconds() -> tuple[float, float]:
    """CPU time used so far by this process, and by its children alive now
    (the validating workers, the embedded database), from /proc (Linux)."""
    own = time.process_time()
    ticks = os.sysconf("SC_CLK_TCK")
    children = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == os.getpid():
            children += (int(fields[11]) + int(fields[12])) / ticks
    return own, children


def since(before: tuple[float, float]) -> tuple[float, float]:
    now = cpu_seconds()
    return now[0] - before[0], now[1] - before[1]


def cpu_used(used: tuple[float, float], floor_cpu: float) -> str:
    """The CPU an import took beside the floor's: on a machine busy with other
    work each process tree gets about its share of the cores, so the ratio
    of wall times tends to the ratio of CPU times."""
    total = sum(used)
    return (
        f"CPU {total:.2f} s (writer {used[0]:.2f} s, workers and database {used[1]:.2f} s): "
        f"the floor's CPU is {floor_cpu / total:4.0%} of it"
    )


def documents(bundles: list[tuple[str, dict[str, Any]]]) -> list[Document]:
    return [Document(name, bundle, len(bundle["entry"])) for name, bundle in bundles]


async def main(
    teams: int, clients_per_team: int, samples: int, workers: int, group: int, started_first: bool
) -> None:
    population = generate_population(teams=teams, clients_per_team=clients_per_team, seed=3)
    bundles = population_bundles(population)
    resources = sum(len(b["entry"]) for _, b in bundles)
    print(f"{len(population.onions)} clients, {resources} resources in {len(bundles)} Bundles")

    started, cpu = time.perf_counter(), cpu_seconds()
    for _, bundle in bundles:
        parse_resource(bundle)
    floor = time.perf_counter() - started
    floor_cpu = sum(since(cpu))
    print(
        f"floor  validation only: {floor:7.2f} s  ({resources / floor:7.0f} resources/s)  "
        f"CPU {floor_cpu:.2f} s"
    )

    with tempfile.TemporaryDirectory() as tmp:
        pool = ParsePool(workers)
        if started_first:  # as `graphsvc import` does: they load while the database starts
            pool.start()
        runtime = await open_runtime(Settings(data_dir=Path(tmp), fsync="everysec"))
        try:
            importer = FhirImporter(runtime.fhir_interactions, runtime.repository, group=group)
            print(
                f"validation in {workers} worker processes beside the writer "
                f"({'started before' if started_first else 'started inside'} the timed run); "
                f"up to {group} transaction Bundles written together"
            )
            started, cpu = time.perf_counter(), cpu_seconds()
            summary = await importer.run(SYSTEM, iter(documents(bundles)), pool=pool)
            took = time.perf_counter() - started
            print(
                f"import through the service: {took:7.2f} s  "
                f"({resources / took:7.0f} resources/s, {floor / took:4.0%} of the floor)  "
                f"{summary}\n  {cpu_used(since(cpu), floor_cpu)}"
            )

            started, cpu = time.perf_counter(), cpu_seconds()
            again = await importer.run(SYSTEM, iter(documents(bundles)), pool=pool)
            took = time.perf_counter() - started
            print(
                f"re-import (unchanged):      {took:7.2f} s  "
                f"({resources / took:7.0f} resources/s, {floor / took:4.0%} of the floor)  "
                f"{again}\n  {cpu_used(since(cpu), floor_cpu)}"
            )
            pool.close()

            sent = next(
                e["resource"]
                for _, b in bundles[1:]
                for e in b["entry"]
                if e["resource"]["resourceType"] == "Observation"
            )
            rating = await runtime.fhir_reads.read(SYSTEM, "Observation", sent["id"])
            service_times, raw_times = [], []
            runner = runtime.repository._runner
            for i in range(samples):
                changed = copy.deepcopy(rating)
                changed["valueInteger"] = 1 + i % 5
                changed["note"] = [{"text": f"sample {i}"}]
                started = time.perf_counter()
                await runtime.fhir_interactions.update(
                    SYSTEM, "Observation", changed["id"], changed
                )
                service_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                await raw_resource_version(runner, "Observation", f"raw-{i}", changed)
                raw_times.append(time.perf_counter() - started)
            service_ms = statistics.median(service_times) * 1000
            raw_ms = statistics.median(raw_times) * 1000
            print(
                f"one Observation update, median of {samples}: "
                f"service {service_ms:.1f} ms, raw Cypher write {raw_ms:.1f} ms"
            )
        finally:
            pool.close()
            await runtime.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--teams", type=int, default=4)
    parser.add_argument("--clients-per-team", type=int, default=50)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument(
        "--workers", type=int, default=default_workers(), help="validating processes (0: none)"
    )
    parser.add_argument(
        "--group",
        type=int,
        default=GROUP_BUNDLES,
        help="transaction Bundles written together at most (1: each alone)",
    )
    parser.add_argument(
        "--start-workers-first",
        action="store_true",
        help="start the workers before the database opens, as `graphsvc import` does",
    )
    args = parser.parse_args()
    asyncio.run(
        main(
            args.teams,
            args.clients_per_team,
            args.samples,
            args.workers,
            args.group,
            args.start_workers_first,
        )
    )
