"""Trends on the embedded FalkorDB: a generated population with a year of
history, then the researchers' trend and one client's strength history.

The population is written through the one write path as it would have been
over a year: a twelfth of the clients admitted each month, and each month a
tenth of those in care losing an informal member. The writer is the real
one; only the time stamp each commit is given (``FhirCommit.at``) is set to
a day of that month instead of now, which is what a year of use leaves.

Run:  .venv/bin/python benchmarks/bench_trends.py --teams 10 --clients-per-team 45
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from graphsvc.analysis import (
    TREND_GROUPINGS,
    Grouping,
    release,
    release_calendar,
    release_trend,
)
from graphsvc.domain import Onion, Principal, Ring, Role
from graphsvc.seeding.generator import generate_population
from graphsvc.services.analysis import MAX_TREND_MONTHS, AnalysisService, calendar_months
from graphsvc.services.network_history import NetworkHistory
from graphsvc.services.network_write import NetworkWriter
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.embedded import EmbeddedFalkorDB
from graphsvc.store.falkordb_runner import FalkorDBRunner
from graphsvc.store.fhir_commit import CypherFhirWriter, FhirCommit
from graphsvc.store.resource_store import CypherResourceStore

RESEARCHER = Principal(Role.RESEARCHER, "bench")
MONTHS = 12


class _NoAudit:
    def record(self, entry: object) -> None:
        pass


class DatedWriter:
    """The real writer, committing with the time stamp of a chosen day."""

    def __init__(self, writer: CypherFhirWriter) -> None:
        self._writer = writer
        self.at = ""

    async def commit(self, unit: FhirCommit) -> bool:
        return await self._writer.commit(dataclasses.replace(unit, at=self.at))


def month_of(index: int, now: datetime) -> date:
    """The first day of the month ``index`` months before this one."""
    months = now.year * 12 + now.month - 1 - index
    return date(months // 12, months % 12 + 1, 1)


def thinner(onion: Onion) -> Onion:
    """Her onion less its last informal member (as it is if she has none)."""
    informal = [m for m in onion.members if m.ring is Ring.INFORMAL]
    if not informal:
        return onion
    gone = informal[-1].person.id
    return dataclasses.replace(
        onion,
        members=tuple(m for m in onion.members if m.person.id != gone),
        supports=tuple(s for s in onion.supports if s.supporter_id != gone),
        knows=tuple(k for k in onion.knows if gone not in (k.person_a, k.person_b)),
    )


async def main(teams: int, clients_per_team: int) -> None:
    now = datetime.now(UTC)
    population = generate_population(teams=teams, clients_per_team=clients_per_team, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        server = EmbeddedFalkorDB(Path(tmp), fsync="everysec")
        server.start()
        runner = FalkorDBRunner.for_embedded(server, graph="bench")
        repo = CypherRepository(runner)
        resources = CypherResourceStore(runner)
        dated = DatedWriter(CypherFhirWriter(runner))
        writer = NetworkWriter(repo, resources, dated)
        service = AnalysisService(
            repo, _NoAudit(), research_secret=b"s" * 32, history=NetworkHistory(resources)
        )
        try:
            await repo.ensure_schema()
            started = time.perf_counter()
            current: dict[str, Onion] = {}
            onions = population.onions
            for m in range(MONTHS):
                dated.at = f"{month_of(MONTHS - 1 - m, now):%Y-%m}-15T12:00:00.000Z"
                admitted = onions[m::MONTHS]
                changed = [thinner(o) for i, o in enumerate(current.values()) if i % 10 == m % 10]
                current.update({o.client.id: o for o in admitted})
                current.update({o.client.id: o for o in changed})
                part = dataclasses.replace(population, onions=tuple([*admitted, *changed]))
                for chunk in part.chunks(200):
                    await writer.load(chunk)
            print(
                f"population: {len(onions)} clients, {MONTHS} months of history written "
                f"in {time.perf_counter() - started:.1f} s"
            )
            first, last = month_of(MONTHS - 1, now), now.date()

            started = time.perf_counter()
            cells = await service.research_trend(RESEARCHER, Grouping.TEAM, first, last, now=now)
            cold = time.perf_counter() - started
            started = time.perf_counter()
            again = await service.research_trend(RESEARCHER, Grouping.ALL, last, last, now=now)
            research = await service.research(RESEARCHER, Grouping.TEAM)
            warm = time.perf_counter() - started
            print(
                f"researchTrend(by: TEAM), {MONTHS} months, the first call (the release of "
                f"{MAX_TREND_MONTHS} months and now made): {cold:.1f} s; then researchTrend "
                f"and research served from it: {warm * 1000:.0f} ms"
            )
            calendar = calendar_months(now)
            started = time.perf_counter()
            clients = [c async for c in service.deidentified(RESEARCHER)]
            read_now = time.perf_counter() - started
            started = time.perf_counter()
            rows = await service.trend_rows(
                RESEARCHER, month_of(MAX_TREND_MONTHS - 1, now), last, now=now
            )
            read = time.perf_counter() - started
            started = time.perf_counter()
            published = release_calendar([(c.pseudonym, c.row) for c in clients], rows, calendar)
            audit = time.perf_counter() - started
            print(
                f"  of which reading {len(clients)} clients now {read_now:.1f} s, rebuilding "
                f"{len(rows)} client-months {read:.1f} s, the release {audit:.1f} s"
            )
            started = time.perf_counter()
            release_trend(rows)
            floor_trend = time.perf_counter() - started
            started = time.perf_counter()
            release([c.row for c in clients])
            floor_now = time.perf_counter() - started
            print(
                f"  floor, each release on its own as one call made it before: the months "
                f"{floor_trend:.1f} s, now {floor_now:.1f} s"
            )
            for by in TREND_GROUPINGS:
                found = published.trend(by, f"{first:%Y-%m}", f"{last:%Y-%m}")
                shown = sum(c.cell.clients is not None for c in found)
                scores = sum(c.cell.metrics["score"].count is not None for c in found)
                print(
                    f"  {by.value:>13}: {len(found):3} cells, {shown:3} with their clients "
                    f"shown, {scores:3} with their scores"
                )
            assert cells == published.trend(Grouping.TEAM, f"{first:%Y-%m}", f"{last:%Y-%m}")
            assert again and research == published.research(Grouping.TEAM)

            client = onions[0].client.id
            started = time.perf_counter()
            coach = Principal(Role.COACH, "bench", teams=frozenset(t.id for t in population.teams))
            points = await service.strength_history(coach, client, first, last, now=now)
            print(
                f"strengthHistory, one client, {MONTHS} months: "
                f"{(time.perf_counter() - started) * 1000:.0f} ms, {len(points)} points"
            )
        finally:
            await repo.close()
            server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--clients-per-team", type=int, default=45)
    args = parser.parse_args()
    asyncio.run(main(args.teams, args.clients_per_team))
