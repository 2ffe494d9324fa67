"""The embedded FalkorDB and a real Neo4j 5 side by side, in one run, each
figure beside its floor measured on the same database.

- FHIR import: the demo transaction Bundles (``seeds/demo-fhir``) through
  ``FhirImporter`` on the fresh database, first thing after start-up (cold,
  as ``make run`` gets it) and over the Bundles after the first ten (warm),
  against the raw Cypher write of the same resources (``floors.raw_resource_version``,
  one statement per resource) and against validation alone
  (``parse_resource`` on every Bundle, no database);
- round trip: the ``ping`` statement (``RETURN 1``), the floor of every
  other figure;
- onion read: ``get_onion`` of random clients (the nurse's read of one
  client's network: one statement, decoded into domain objects) against the
  raw ``onion_get`` statement for the same clients, without decoding,
  interleaved;
- one guarded write: an update of one Observation through the service (the
  client's network projected again and compared in the same statement)
  against the raw Cypher write of one resource version (``floors.raw_resource_version``);
- one graph edit, as GraphQL and the web page make it: a member's closeness
  and since (each edit a change not made before)
  through the one write path (read, plan, one guarded ``fhir_commit`` that
  also writes the new CareTeam version);
- one CareTeam PUT through FHIR (its name changed) on the client just
  edited, against one raw resource version of the same CareTeam.

For the import and the update, also the share of their time spent inside
Cypher statements (driver and database: the runner's ``read`` and ``write``,
timed); the rest is the service's Python (validation, projection, decoding).

Neo4j is the in-repository launcher (``neo4j-local/``, Neo4j 5 Community,
started on a free loopback port with a data folder of its own, durable
commits as it ships); FalkorDB is the embedded server with ``appendfsync
always``. After the import, each kind of statement runs unmeasured a few
dozen times before it is timed (a cold JVM is slow).

Run:  .venv/bin/python benchmarks/bench_databases.py --reads 300 --samples 50
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import datetime
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from floors import raw_edit, raw_resource_version  # benchmarks/floors.py

from fhir_mappings import parse_resource
from graphsvc.config import Settings
from graphsvc.domain import Principal, Role
from graphsvc.domain.commands import UpdateMember
from graphsvc.runtime import Runtime, open_runtime
from graphsvc.services import network_write
from graphsvc.services.fhir_import import Document, FhirImporter, read_documents
from graphsvc.store.catalog import Query, query
from graphsvc.store.port import ClientPageRequest
from graphsvc.store.resource_store import CypherResourceStore
from graphsvc.store.runner import CypherRunner, Row

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.neo4j_local, the launcher

DEMO = ROOT / "seeds" / "demo-fhir"
SYSTEM = Principal(Role.SYSTEM, "bench", scopes=frozenset({"system/*.*"}))
WARM_UP = 50  # unmeasured reads of each kind
WARM_WRITES = 10  # unmeasured updates
WARM_BUNDLES = 10  # the import's Bundles before its steady rate is taken
DATABASES = ("falkordb", "neo4j")
NAMES = {"falkordb": "FalkorDB (embedded)", "neo4j": "Neo4j 5"}

Statement = Callable[[Query, Mapping[str, Any]], Coroutine[Any, Any, list[Row]]]


class StatementClock:
    """Time spent in the runner's statements (driver and database), summed:
    wraps ``read`` and ``write`` of the one runner every service shares."""

    def __init__(self, runner: CypherRunner) -> None:
        self.seconds = 0.0
        self.statements = 0
        runner.read = self._timed(runner.read)  # type: ignore[method-assign, assignment]
        runner.write = self._timed(runner.write)  # type: ignore[method-assign, assignment]

    def _timed(self, run: Statement) -> Statement:
        async def timed_run(q: Query, params: Mapping[str, Any]) -> list[Row]:
            started = time.perf_counter()
            try:
                return await run(q, params)
            finally:
                self.seconds += time.perf_counter() - started
                self.statements += 1

        return timed_run

    def reading(self) -> tuple[float, int]:
        return self.seconds, self.statements


class ExportClock:
    """Time spent exporting networks to FHIR (``export_onion``: laying the
    network over its resources, reading them back as a network, validating
    what it rewrote), summed: wraps the one the network writer calls."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._export = network_write.export_onion

        def timed_export(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return self._export(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        network_write.export_onion = timed_export  # type: ignore[assignment]

    def close(self) -> None:
        network_write.export_onion = self._export  # type: ignore[assignment]


@dataclass
class Figures:
    """What one database measured: table row -> cell."""

    cells: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def p50(times: Sequence[float]) -> float:
    return statistics.median(times) * 1000


def p99(times: Sequence[float]) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[98] * 1000


def latency(times: Sequence[float]) -> str:
    return (
        f"{len(times) / sum(times):7.0f} ops/s  p50 {p50(times):6.2f} ms  p99 {p99(times):6.2f} ms"
    )


async def clock(pending: Awaitable[object]) -> float:
    started = time.perf_counter()
    await pending
    return time.perf_counter() - started


async def timed(calls: int, call: Callable[[int], Awaitable[object]]) -> list[float]:
    return [await clock(call(i)) for i in range(calls)]


def demo_documents() -> list[Document]:
    return list(read_documents([DEMO]))


def resources_of(documents: Sequence[Document]) -> list[dict[str, Any]]:
    return [
        entry["resource"]
        for d in documents
        if isinstance(d.content, dict)
        for entry in d.content.get("entry", [])
    ]


async def fhir_updates(
    runtime: Runtime,
    statements: StatementClock,
    figures: Figures,
    cell: str,
    samples: int,
    body: Callable[[int], dict[str, Any]],
) -> None:
    """PUTs of one resource through the service (``body(i)``, the i-th), each
    beside one raw resource version of the same content, interleaved."""
    runner = runtime.repository._runner
    service_times: list[float] = []
    raw_times: list[float] = []
    in_db, count = 0.0, 0
    for i in range(WARM_WRITES + samples):
        changed = body(i)
        kind, rid = changed["resourceType"], changed["id"]
        before = statements.reading()
        service_times.append(
            await clock(runtime.fhir_interactions.update(SYSTEM, kind, rid, changed))
        )
        if i >= WARM_WRITES:
            after = statements.reading()
            in_db, count = in_db + after[0] - before[0], count + after[1] - before[1]
        raw_times.append(
            await clock(raw_resource_version(runner, kind, f"raw-{cell}-{i}", changed))
        )
    measured = sum(service_times[WARM_WRITES:])
    figures.cells[cell] = f"p50 {p50(service_times[WARM_WRITES:]):6.2f} ms"
    figures.cells[f"{cell} db"] = (
        f"{in_db / measured:4.0%} of the time, {count / samples:.0f} statements each"
    )
    figures.cells[f"{cell} raw"] = f"p50 {p50(raw_times[WARM_WRITES:]):6.2f} ms"


async def measure(runtime: Runtime, reads: int, samples: int, seed: int) -> Figures:
    figures = Figures()
    runner = runtime.repository._runner
    statements = StatementClock(runner)
    ping = query("ping")
    onion_get = query("onion_get")

    # The import first, on the fresh database as the demo gets it: cold.
    documents = demo_documents()
    resources = sum(d.size for d in documents)
    done: list[tuple[float, int]] = []  # (time, resources) after each Bundle
    started = time.perf_counter()
    summary = await FhirImporter(runtime.fhir_interactions).run(
        SYSTEM, iter(documents), progress=lambda n: done.append((time.perf_counter(), n))
    )
    took = time.perf_counter() - started
    in_db, count = statements.reading()
    figures.cells["import"] = f"{resources / took:7.0f} resources/s  ({took:5.2f} s)"
    figures.cells["import db"] = f"{in_db:5.2f} s ({in_db / took:4.0%}), {count} statements"
    later = done[WARM_BUNDLES:]
    warm = later[-1][0] - done[WARM_BUNDLES - 1][0]
    figures.cells["import warm"] = (
        f"{sum(n for _, n in later) / warm:7.0f} resources/s  ({warm:5.2f} s)"
    )
    figures.notes.append(f"import of {resources} resources: {summary}")
    figures.notes.extend(summary.problems[:5])

    await timed(WARM_UP, lambda _: runner.read(ping, {}))
    figures.cells["ping"] = latency(await timed(reads, lambda _: runner.read(ping, {})))

    page = ClientPageRequest(team_ids=None, sort="id", limit=100_000)
    clients = [cid for cid, _ in await runtime.repository.client_page(page)]
    rng = random.Random(seed)
    picks = [rng.choice(clients) for _ in range(reads)]
    figures.notes.append(f"{len(clients)} clients; {reads} reads of random ones")

    async def service_read(i: int) -> object:
        return await runtime.repository.get_onion(picks[i])

    async def raw_read(i: int) -> object:
        return await runner.read(onion_get, {"client_ids": [picks[i]]})

    await timed(WARM_UP, service_read)
    await timed(WARM_UP, raw_read)
    # Interleaved, so that both see the same state of caches and machine.
    service_times: list[float] = []
    raw_times: list[float] = []
    for i in range(reads):
        service_times.append(await clock(service_read(i)))
        raw_times.append(await clock(raw_read(i)))
    figures.cells["onion"] = latency(service_times)
    figures.cells["onion raw"] = latency(raw_times)

    sent = next(
        r
        for r in resources_of(documents)
        if r["resourceType"] == "Observation" and r["id"].startswith("obs-")
    )
    rating = await runtime.fhir_reads.read(SYSTEM, "Observation", sent["id"])

    def new_rating(i: int) -> dict[str, Any]:
        changed = copy.deepcopy(rating)
        changed["valueInteger"] = 1 + i % 5
        changed["note"] = [{"text": f"sample {i}"}]
        return changed

    await fhir_updates(runtime, statements, figures, "update", samples, new_rating)

    # One graph edit (what GraphQL and the web page do): a member's closeness
    # through the one write path, which also writes the CareTeam it changes;
    # again and again on one client (a nurse mapping a network: the network
    # this instance wrote last is not read again), and once each on clients
    # not edited before (everything read); beside the raw write of the same
    # change (the tie, the version, a CareTeam version: floors.raw_edit).
    async def informal_member(client_id: str) -> str | None:
        onion = await runtime.repository.get_onion(client_id)
        return next((m.person.id for m in onion.members if m.ring.value == "informal"), None)

    async def closeness_edit(client_id: str, person_id: str, i: int) -> float:
        # a change never made before (her closeness and since when she helps):
        # no memo of an earlier network as it was spares any of the work
        since = datetime.date(2020, 1, 1) + datetime.timedelta(days=i)
        closer = UpdateMember(person_id, {}, {"closeness": 1 + i % 3, "since": since})
        return await clock(runtime.network.change(SYSTEM, client_id, closer))

    edited = [c for c in dict.fromkeys(picks) if await informal_member(c)]
    member = await informal_member(edited[0])
    assert member is not None
    edit_times: list[float] = []
    in_db, count, exporting = 0.0, 0, 0.0
    exports = ExportClock()
    try:
        for i in range(WARM_WRITES + samples):
            before, exported = statements.reading(), exports.seconds
            edit_times.append(await closeness_edit(edited[0], member, i))
            if i >= WARM_WRITES:
                after = statements.reading()
                in_db, count = in_db + after[0] - before[0], count + after[1] - before[1]
                exporting += exports.seconds - exported
    finally:
        exports.close()
    measured = sum(edit_times[WARM_WRITES:])
    figures.cells["edit"] = f"p50 {p50(edit_times[WARM_WRITES:]):6.2f} ms"
    figures.cells["edit db"] = (
        f"{in_db / measured:4.0%} of the time, {count / samples:.0f} statements each"
    )
    figures.cells["edit export"] = f"{exporting / measured:4.0%} of the time"
    cold = []
    for client_id in edited[1 : samples + 1]:
        person = await informal_member(client_id)
        assert person is not None
        cold.append(await closeness_edit(client_id, person, 1))
    figures.cells["edit cold"] = f"p50 {p50(cold):6.2f} ms  ({len(cold)} clients)"
    (careteam, *_) = await CypherResourceStore(runner).search("CareTeam", client_ids=edited[:1])
    raw_times = []
    for i in range(WARM_WRITES + samples):
        raw = raw_edit(
            runner,
            edited[0],
            member,
            1 + i % 3,
            f"2020-01-{1 + i % 28:02d}",
            careteam.key,
            careteam.content,
        )
        raw_times.append(await clock(raw))
    figures.cells["edit raw"] = f"p50 {p50(raw_times[WARM_WRITES:]):6.2f} ms"
    # what the export's own check costs at least: validating the CareTeam it
    # rewrote (as export/check.py does, no lossless comparison), no database
    written = (await CypherResourceStore(runner).get_many([careteam.key]))[0].content
    checks = []
    for _ in range(samples):
        started = time.perf_counter()
        parse_resource(written, lossless=False)
        checks.append(time.perf_counter() - started)
    figures.cells["edit check"] = f"p50 {p50(checks):6.2f} ms"

    # One CareTeam PUT through FHIR (its name changed) on the client edited
    # above, beside one raw resource version of the same CareTeam.
    team = await runtime.fhir_reads.read(SYSTEM, "CareTeam", careteam.id)

    def renamed_team(i: int) -> dict[str, Any]:
        changed = copy.deepcopy(team)
        changed.pop("meta", None)
        changed["name"] = f"Team, sample {i}"
        return changed

    await fhir_updates(runtime, statements, figures, "team put", samples, renamed_team)

    # The import's floor last, so that its extra resources touch nothing above.
    flat = resources_of(demo_documents())  # as read, whatever the import did to its copy
    started = time.perf_counter()
    for r in flat:
        await raw_resource_version(runner, r["resourceType"], f"raw-{r['id']}", r)
    took = time.perf_counter() - started
    figures.cells["import raw"] = f"{len(flat) / took:7.0f} resources/s  ({took:5.2f} s)"
    return figures


async def on_falkordb(reads: int, samples: int, seed: int) -> Figures:
    with tempfile.TemporaryDirectory() as tmp:
        runtime = await open_runtime(Settings(data_dir=Path(tmp), fsync="always"))
        try:
            return await measure(runtime, reads, samples, seed)
        finally:
            await runtime.close()


async def on_neo4j(reads: int, samples: int, seed: int) -> Figures:
    from tests.neo4j_local import LocalNeo4j

    with tempfile.TemporaryDirectory() as tmp:
        server = LocalNeo4j(Path(tmp) / "neo4j")
        started = time.perf_counter()
        server.start()
        print(f"Neo4j started in {time.perf_counter() - started:.1f} s at {server.uri}")
        try:
            settings = Settings(
                data_dir=Path(tmp) / "service", neo4j_uri=server.uri, neo4j_password=""
            )
            runtime = await open_runtime(settings)
            try:
                return await measure(runtime, reads, samples, seed)
            finally:
                await runtime.close()
        finally:
            server.stop()


ROWS = (
    ("ping", "round trip: ping (RETURN 1)"),
    ("onion", "onion read: get_onion (decoded)"),
    ("onion raw", "  floor: raw onion_get"),
    ("import", "FHIR import of the demo Bundles"),
    ("import db", "  of it in Cypher statements"),
    ("import warm", f"  the same, Bundles after the {WARM_BUNDLES}th"),
    ("import raw", "  floor: raw_resource_version each"),
    ("update", "one Observation update (service)"),
    ("update db", "  of it in Cypher statements"),
    ("update raw", "  floor: one raw_resource_version"),
    ("edit", "one graph edit (a member's closeness)"),
    ("edit db", "  of it in Cypher statements"),
    ("edit export", "  of it exporting the network to FHIR"),
    ("edit cold", "  the first edit of each client"),
    ("edit raw", "  floor: raw_edit (the same change)"),
    ("edit check", "  floor: validating its CareTeam alone"),
    ("team put", "one CareTeam PUT (service)"),
    ("team put db", "  of it in Cypher statements"),
    ("team put raw", "  floor: one raw_resource_version"),
)


async def main(databases: Sequence[str], reads: int, samples: int, seed: int) -> None:
    documents = demo_documents()
    started = time.perf_counter()
    for d in documents:
        parse_resource(d.content)
    floor = time.perf_counter() - started
    resources = sum(d.size for d in documents)
    print(
        f"demo: {len(documents)} Bundles, {resources} resources; validation only "
        f"(no database): {floor:.2f} s, {resources / floor:.0f} resources/s"
    )

    results: dict[str, Figures] = {}
    for name in databases:
        print(f"-- {NAMES[name]}")
        started = time.perf_counter()
        run = on_falkordb if name == "falkordb" else on_neo4j
        results[name] = await run(reads, samples, seed)
        for note in results[name].notes:
            print(f"   {note}")
        print(f"   took {time.perf_counter() - started:.1f} s")

    width = max(len(label) for _, label in ROWS)
    columns = [results[n] for n in databases]
    cell = max(len(v) for f in columns for v in f.cells.values())
    print()
    print(f"{'':{width}}  " + "  ".join(f"{NAMES[n]:{cell}}" for n in databases))
    for key, label in ROWS:
        print(f"{label:{width}}  " + "  ".join(f"{f.cells.get(key, '-'):{cell}}" for f in columns))
    print(
        f"(timed: {reads} pings and reads of each kind after {WARM_UP} unmeasured, "
        f"{samples} updates after {WARM_WRITES})"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", nargs="+", choices=DATABASES, default=list(DATABASES))
    parser.add_argument("--reads", type=int, default=300)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    asyncio.run(main(args.databases, args.reads, args.samples, args.seed))
