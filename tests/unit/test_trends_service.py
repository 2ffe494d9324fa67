"""The use cases over time, on fakes of the store ports: a client's history
for those who may see her, and the research rows month by month."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest

from graphsvc.domain import NotFound, Principal, Role, ValidationError
from graphsvc.services.analysis import AnalysisService, Every
from graphsvc.services.errors import Forbidden
from graphsvc.services.network_as_of import Moment, instant
from graphsvc.services.network_history import NetworkHistory
from graphsvc.services.past_rows import PastRows
from graphsvc.store.port import ClientAccess, ClientPageRequest
from tests.unit.analysis.sketch import Sketch

from .test_network_as_of import FEB, FakeResources, growing

NOW = datetime(2025, 4, 20, 12, 0, tzinfo=UTC)  # April taken now, after its change
RESEARCHER = Principal(Role.RESEARCHER, "r-1")
NURSE = Principal(Role.NURSE, "n-1", frozenset({"team-1"}))


class Clients:
    """The two reads of the network port the use cases make."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids

    async def client_access(self, client_id: str) -> ClientAccess | None:
        if client_id not in self.ids:
            return None
        return ClientAccess(client_id, 1, frozenset({"team-1"}))

    async def client_pages(
        self, request: ClientPageRequest
    ) -> AsyncIterator[list[tuple[str, str]]]:
        yield [(cid, cid) for cid in self.ids]


class Audit:
    def __init__(self) -> None:
        self.actions: list[str] = []

    def record(self, entry: object) -> None:
        self.actions.append(getattr(entry, "action", ""))


def service() -> tuple[AnalysisService, Audit]:
    found, audit, _, _ = service_and_ports()
    return found, audit


def service_and_ports() -> tuple[AnalysisService, Audit, Clients, FakeResources]:
    """Anna (c-1) of ``growing``, admitted in January, and Bep (c-2), admitted
    in February with one neighbour."""
    versions, _ = growing()
    bep = Sketch("c-2", "Bep Smit")
    bep.nurse("nurse-1", "Nurse Ria")
    bep.informal("bep-neighbour", "Joop", "neighbour")
    versions.write(bep.onion(), FEB)
    audit = Audit()
    clients, resources = Clients(["c-1", "c-2"]), FakeResources(versions.all)
    found = AnalysisService(
        clients,  # type: ignore[arg-type]
        audit,  # type: ignore[arg-type]
        research_secret=b"s" * 32,
        history=NetworkHistory(resources),  # type: ignore[arg-type]
    )
    return found, audit, clients, resources


async def test_research_rows_month_by_month() -> None:
    analysis, _ = service()
    rows = await analysis.trend_rows(RESEARCHER, date(2024, 12, 1), date(2025, 6, 30), now=NOW)
    months: dict[str, list[float | None]] = {}
    for row in rows:
        months.setdefault(row.month, []).append(row.row.metrics["informal_members"])
    # nobody in December; Bep absent in January; May and June not begun
    assert sorted(months) == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert months["2025-01"] == [0]
    assert sorted(months["2025-02"]) == [1, 1]  # Anna's daughter, Bep's neighbour
    assert sorted(months["2025-03"]) == [1, 2]  # Anna's neighbour too
    assert sorted(months["2025-04"]) == [1, 1]  # her daughter taken out
    # one pseudonym per client across the months, naming nobody
    anna = {r.client for r in rows if r.month == "2025-01"}
    assert len(anna) == 1 and "c-1" not in str(anna)
    assert sum(r.client in anna for r in rows) == 4
    assert all(r.row.team not in (None, "team-1") for r in rows)


async def test_research_rows_are_for_researchers_and_bounded() -> None:
    analysis, _ = service()
    with pytest.raises(Forbidden):
        await analysis.trend_rows(NURSE, date(2025, 1, 1), date(2025, 3, 1), now=NOW)
    with pytest.raises(ValidationError, match="at most 24 months"):
        await analysis.trend_rows(RESEARCHER, date(2023, 1, 1), date(2025, 1, 1), now=NOW)


async def test_a_client_s_history_for_her_team_only() -> None:
    analysis, audit = service()
    points = await analysis.strength_history(
        NURSE, "c-2", date(2025, 1, 1), date(2025, 3, 31), Every.MONTH, now=NOW
    )
    assert [m.period for m, _ in points] == ["2025-02", "2025-03"]
    assert audit.actions == ["strength.history"]
    weeks = await analysis.strength_history(
        NURSE, "c-2", date(2025, 2, 10), date(2025, 2, 23), Every.WEEK, now=NOW
    )
    assert [m.period for m, _ in weeks] == ["2025-W07", "2025-W08"]
    assert weeks[0][1].onion.client.id == "c-2" and weeks[0][1].changed_at == FEB
    with pytest.raises(NotFound):
        other = Principal(Role.NURSE, "n-2", frozenset({"team-2"}))
        await analysis.strength_history(other, "c-2", date(2025, 1, 1), date(2025, 3, 1), now=NOW)
    with pytest.raises(Forbidden):
        await analysis.strength_history(
            RESEARCHER, "c-2", date(2025, 1, 1), date(2025, 3, 1), now=NOW
        )
    with pytest.raises(NotFound):
        await analysis.strength_history(NURSE, "c-9", date(2025, 1, 1), date(2025, 3, 1), now=NOW)


async def test_months_long_past_are_worked_out_once() -> None:
    analysis, _, clients, resources = service_and_ports()
    window = (RESEARCHER, date(2024, 12, 1), date(2025, 6, 30))
    first = await analysis.trend_rows(*window, now=NOW)
    reads = len(resources.calls)
    # the history before these months can no longer change: nothing is read again
    assert await analysis.trend_rows(*window, now=NOW) == first
    assert len(resources.calls) == reads
    # a client no longer there is left out, from what was kept too
    clients.ids.remove("c-2")
    anna = await analysis.trend_rows(*window, now=NOW)
    assert anna == [r for r in first if r.client in {r.client for r in anna}]
    assert len({r.client for r in anna}) == 1 and len(anna) == 4
    assert len(resources.calls) == reads


async def test_a_month_not_yet_settled_is_read_each_time() -> None:
    analysis, _, _, resources = service_and_ports()
    now = datetime.now(UTC)
    window = (RESEARCHER, now.date(), now.date())
    await analysis.trend_rows(*window, now=now)
    reads = len(resources.calls)
    await analysis.trend_rows(*window, now=now)
    assert len(resources.calls) > reads


def test_a_moment_is_settled_an_hour_after_it() -> None:
    now = datetime(2025, 5, 1, 0, 30, tzinfo=UTC)
    april, may = Moment("2025-04", "2025-04-30T23:59:59.999Z"), Moment("2025-05", instant(now))
    assert PastRows.settled([april, may], now) == []
    assert PastRows.settled([april, may], now + timedelta(hours=1)) == [april]
