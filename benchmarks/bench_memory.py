"""Memory per client imported as FHIR with two versions of every resource,
beside its floors measured in the same run, on the embedded FalkorDB or a
real Neo4j 5.

- a generated population as transaction Bundles (a directory Bundle and one
  per client), written to files by a child process so that this process
  holds only the service, then imported through ``FhirImporter``;
- a second version of every client's resources: her Bundle again with one
  element changed in each resource (a ``meta.tag`` the sender adds), so every
  resource gets a new version and the graph stays as it was. The directory
  (organisations and staff, shared by many clients) keeps one version: a new
  version of every practitioner in one Bundle has the write path read every
  network they are in, all clients' at once, which outlasts the connection's
  read timeout on a busy machine;
- memory of the empty database (schema only), after the first and after the
  second version; per client is (after - empty) / clients.

Floors: the canonical JSON of both versions of every resource (what the store
holds at the least if it keeps every version as text), and the same text
compressed one resource at a time (zlib level 6).

FalkorDB: ``INFO memory`` (used_memory) and the RSS of the redis-server
process. Neo4j: the store on disk (transaction logs apart), the heap in use
(JMX), the page cache configured, the RSS of the JVM. Both: the RSS of this
process (the service; the Bundles are read one file at a time).

Run:  .venv/bin/python benchmarks/bench_memory.py --database falkordb --clients 2000
      .venv/bin/python benchmarks/bench_memory.py --database neo4j --clients 500
(``--bundles DIR`` keeps the Bundles made, or takes them from there.)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphsvc.config import Settings
from graphsvc.domain import Principal, Role
from graphsvc.runtime import Runtime, open_runtime
from graphsvc.services.fhir_import import FhirImporter, read_documents
from graphsvc.store.resource_store import canonical

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.neo4j_local, the launcher

SYSTEM = Principal(Role.SYSTEM, "bench", scopes=frozenset({"system/*.*"}))
CLIENTS_PER_TEAM = 50
MB = 1024 * 1024
JVM_HEAP = 2048 * MB  # -Xmx of tests/neo4j_local.py
SECOND_VERSION_TAG = {"system": "urn:graphsvc:bench", "code": "second-version"}


# -- the Bundles, made in a child process -------------------------------------


def write_bundles(clients: int, out: Path) -> None:
    """Both versions' Bundles under ``out/v1`` and ``out/v2``, and the floors
    as JSON in ``out/floors.json``."""
    from graphsvc.seeding.fhir_bundles import DIRECTORY_FILE, population_bundles
    from graphsvc.seeding.generator import generate_population

    teams = max(1, clients // CLIENTS_PER_TEAM)
    population = generate_population(teams=teams, clients_per_team=CLIENTS_PER_TEAM, seed=3)
    bundles = population_bundles(population)
    text_bytes = compressed_bytes = resources = 0
    for version in ("v1", "v2"):
        folder = out / version
        folder.mkdir(parents=True)
        for name, bundle in bundles:
            if version == "v2" and name == DIRECTORY_FILE:
                continue  # see the module's docstring
            for entry in bundle["entry"]:
                resource = entry["resource"]
                if version == "v2":
                    meta = resource.setdefault("meta", {})
                    meta["tag"] = [*meta.get("tag", []), SECOND_VERSION_TAG]
                body = canonical(resource).encode()
                text_bytes += len(body)
                compressed_bytes += len(zlib.compress(body, 6))
                resources += 1
            (folder / name).write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    floors = {
        "clients": len(population.onions),
        "resources": resources // 2,
        "text_bytes": text_bytes,
        "compressed_bytes": compressed_bytes,
    }
    (out / "floors.json").write_text(json.dumps(floors), encoding="utf-8")


# -- measuring ----------------------------------------------------------------


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def tree_bytes(path: Path, *, skip: str = "") -> int:
    total = 0
    for dirpath, _, files in os.walk(path):
        if skip and skip in Path(dirpath).parts:
            continue
        for name in files:
            with contextlib.suppress(OSError):
                total += (Path(dirpath) / name).stat().st_size
    return total


class FalkorDBMeter:
    def __init__(self, runtime: Runtime) -> None:
        import redis

        server = runtime.server
        assert server is not None and server.pid is not None
        self._pid = server.pid
        self._redis = redis.Redis(host=server.HOST, port=server.port, password=server.password)

    def measure(self) -> dict[str, int]:
        info: dict[str, Any] = self._redis.info("memory")
        return {
            "db used_memory": int(info["used_memory"]),
            "db RSS": rss(self._pid),
            "service RSS": rss(os.getpid()),
        }

    def total(self, figures: dict[str, int]) -> int:
        return figures["db RSS"] + figures["service RSS"]

    def close(self) -> None:
        self._redis.close()


class Neo4jMeter:
    def __init__(self, uri: str, pid: int, data_dir: Path, page_cache: int) -> None:
        from neo4j import GraphDatabase

        self._driver = GraphDatabase.driver(uri, auth=None)
        self._pid = pid
        self._data = data_dir
        self._page_cache = page_cache

    def _heap_used(self) -> int:
        with self._driver.session() as session:
            record = session.run(
                "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
                "RETURN attributes.HeapMemoryUsage.value.properties.used AS used"
            ).single()
        return int(record["used"]) if record and record["used"] is not None else -1

    def measure(self) -> dict[str, int]:
        store = tree_bytes(self._data, skip="transactions")
        return {
            "db store on disk (before a checkpoint)": store,
            "db page cache in use (≤ store, ≤ configured)": min(store, self._page_cache),
            "db heap in use": self._heap_used(),
            "db RSS (JVM)": rss(self._pid),
            "service RSS": rss(os.getpid()),
        }

    def close(self) -> None:
        self._driver.close()


# -- the run ------------------------------------------------------------------


def report(label: str, figures: dict[str, int], empty: dict[str, int], clients: int) -> None:
    print(f"{label}:")
    for name, value in figures.items():
        grown = value - empty[name]
        print(
            f"  {name:46s} {value / MB:9.1f} MB  "
            f"(+{grown / MB:8.1f} MB, {grown / clients / 1024:6.1f} KB per client)"
        )


async def import_folder(runtime: Runtime, folder: Path) -> tuple[float, str]:
    importer = FhirImporter(runtime.fhir_interactions)
    started = time.perf_counter()
    summary = await importer.run(SYSTEM, read_documents([folder]))
    return time.perf_counter() - started, str(summary)


async def measure(
    runtime: Runtime, meter: FalkorDBMeter | Neo4jMeter, bundles: Path, floors: dict[str, int]
) -> tuple[dict[str, int], dict[str, int]]:
    clients = floors["clients"]
    gc.collect()
    empty = meter.measure()
    report("empty database (schema only)", empty, empty, clients)
    took, summary = await import_folder(runtime, bundles / "v1")
    print(f"first version imported in {took:.0f} s ({clients / took:.1f} clients/s): {summary}")
    gc.collect()
    report("after the first version", meter.measure(), empty, clients)
    took, summary = await import_folder(runtime, bundles / "v2")
    print(f"second version imported in {took:.0f} s ({clients / took:.1f} clients/s): {summary}")
    gc.collect()
    after = meter.measure()
    report("after the second version", after, empty, clients)

    print(
        f"floor  canonical JSON of both versions: {floors['text_bytes'] / clients / 1024:6.1f} KB "
        f"per client; compressed one by one: {floors['compressed_bytes'] / clients / 1024:6.1f}"
        " KB per client"
    )
    return empty, after


def extrapolate(per_client: float, fixed: int, what: str) -> None:
    print(
        f"grown: {per_client / 1024:6.1f} KB per client; for 100,000 clients: "
        f"{(fixed + per_client * 100_000) / MB / 1024:5.2f} GB ({what})"
    )


async def run_falkordb(bundles: Path, floors: dict[str, int], work: Path) -> None:
    runtime = await open_runtime(Settings(data_dir=work / "service", fsync="everysec"))
    meter = FalkorDBMeter(runtime)
    try:
        empty, after = await measure(runtime, meter, bundles, floors)
        extrapolate(
            (meter.total(after) - meter.total(empty)) / floors["clients"],
            meter.total(empty),
            "database and service RSS: empty, plus 100,000 times the growth per client",
        )
    finally:
        meter.close()
        await runtime.close()


async def run_neo4j(bundles: Path, floors: dict[str, int], work: Path) -> None:
    from tests.neo4j_local import LocalNeo4j

    server = LocalNeo4j(work / "neo4j")
    server.start()
    try:
        process = server._process
        assert process is not None
        runtime = await open_runtime(
            Settings(data_dir=work / "service", neo4j_uri=server.uri, neo4j_password="")
        )
        meter = Neo4jMeter(server.uri, process.pid, work / "neo4j", 512 * MB)
        try:
            empty, after = await measure(runtime, meter, bundles, floors)
        finally:
            meter.close()
            await runtime.close()
    finally:
        server.stop()
    store = tree_bytes(work / "neo4j", skip="transactions")
    print(f"store on disk after a clean shut-down: {store / MB:.1f} MB")
    # The JVM's heap and page cache are what it is given, not what the data
    # needs: what grows with the clients is the store, which the page cache
    # should hold whole.
    empty_store = empty["db store on disk (before a checkpoint)"]
    extrapolate(
        (store - empty_store) / floors["clients"],
        JVM_HEAP + after["service RSS"],
        "the store, in a page cache as large, plus a 2 GB heap and the service's RSS",
    )


@contextlib.contextmanager
def generated(clients: int, kept: Path | None) -> Iterator[tuple[Path, dict[str, int], Path]]:
    """The Bundles of ``clients`` clients: made into ``kept`` unless it holds
    them already (10,000 clients take a few minutes to make), else into a
    temporary folder."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bundles = kept or work / "bundles"
        started = time.perf_counter()
        if not (bundles / "floors.json").exists():
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--write-bundles",
                    str(bundles),
                    "--clients",
                    str(clients),
                ],
                check=True,
            )
        floors = json.loads((bundles / "floors.json").read_text())
        print(
            f"{floors['clients']} clients, {floors['resources']} resources, two versions each "
            f"(Bundles made or found in {time.perf_counter() - started:.0f} s)"
        )
        yield bundles, floors, work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=("falkordb", "neo4j"), default="falkordb")
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument(
        "--bundles", type=Path, help="a folder to keep the Bundles in, or to take them from"
    )
    parser.add_argument("--write-bundles", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_bundles:
        write_bundles(args.clients, args.write_bundles)
        return
    with generated(args.clients, args.bundles) as (bundles, floors, work):
        run = run_falkordb if args.database == "falkordb" else run_neo4j
        asyncio.run(run(bundles, floors, work))


if __name__ == "__main__":
    main()
