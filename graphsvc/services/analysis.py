"""Use cases of analysis: a client's gaps and strength, a team's gaps, and
de-identified research aggregates. The findings come from graphsvc.analysis;
this layer fetches what it needs (carers' loads across every client they
support) and enforces who may see what."""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import partial
from typing import Any

from fhir_mappings import ResourceKey
from graphsvc.analysis import (
    DEFAULT_THRESHOLDS,
    CalendarRelease,
    Cell,
    ClientAnalysis,
    Gap,
    Grouping,
    ResearchRow,
    Thresholds,
    TrendCell,
    TrendRow,
    analyse_client,
    build_graph,
    deidentified_graph,
    pseudonymous_id,
    release_calendar,
    research_row,
    team_gaps,
)
from graphsvc.analysis.research_rows import PseudonymousRow, research_rows
from graphsvc.domain import NotFound, Onion, Principal, Ring, Role, ValidationError
from graphsvc.store.port import ClientPageRequest, NetworkRepository
from graphsvc.store.resource_store import StoredResource

from .access import Action, check_team_access, check_team_admin, readable_teams
from .audit import AuditRecord, AuditTrail
from .errors import Forbidden
from .network_as_of import (
    History,
    Moment,
    NetworkAsOf,
    month_moments,
    network_as_of,
    week_moments,
)
from .network_history import NetworkHistory
from .past_rows import PastRows
from .research_sweep import (
    Lsns6AnswerSource,
    SweepReader,
    carer_loads,
    rows_of_page,
    start_worker,
)

# Onions a read of the research sweep: the whole reply must be read within
# the connection's read timeout (5 s) even on a busy machine; with the
# Python client decoding the reply, 250 onions went past it on a machine
# whose two cores were shared with ten other busy processes.
RESEARCH_PAGE = 100
HISTORY_SLICE = 50  # clients whose history is read in one go (every version of each)
# The most points one call may ask for: a client's history (five years by
# month, a year by week) and the research trend, whose cost grows with
# every month (each is a release of every grouping, audited together).
MAX_POINTS = 60
MAX_TREND_MONTHS = 24


class Every(StrEnum):
    """How far apart the points of a history are."""

    MONTH = "month"
    WEEK = "week"


@dataclass(frozen=True, slots=True)
class DeidentifiedClient:
    pseudonym: str
    row: ResearchRow
    _onion: Onion  # her onion, still naming everyone
    _secret: bytes

    def graph(self, scope: str = "") -> Any:
        """Her onion graph with pseudonymous nodes and no names, ids, free
        text or dates; people and needs pseudonymous within ``scope``."""
        return deidentified_graph(build_graph(self._onion), self._secret, scope=scope)


class AnalysisService:
    def __init__(
        self,
        repository: NetworkRepository,
        audit: AuditTrail,
        *,
        research_secret: bytes,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        lsns6_answers: Lsns6AnswerSource | None = None,
        history: NetworkHistory | None = None,
        workers: int = 1,
        sweep_elsewhere: Callable[[], SweepReader] | None = None,
    ) -> None:
        """``workers``: processes that read and analyse the research sweep,
        each with a reader of its own from ``sweep_elsewhere`` (None: the
        sweep stays in this process)."""
        self._repo = repository
        self._workers = workers
        self._sweep_elsewhere = sweep_elsewhere
        self._sweep = SweepReader(repository, lsns6_answers)
        self._history = history
        self._audit = audit
        self._secret = research_secret
        self.thresholds = thresholds
        self._releasing = asyncio.Lock()
        self._kept: tuple[tuple[str, str], CalendarRelease] | None = None
        self._past = PastRows()

    async def analyse(
        self, principal: Principal, onions: Mapping[str, Onion]
    ) -> dict[str, ClientAnalysis]:
        """Findings for onions the principal has already been allowed to
        read; carers' loads count every client of hers the principal may see,
        and the LSNS-6 items a client answered herself count as answered."""
        loads, answers = await asyncio.gather(
            carer_loads(self._repo, list(onions.values()), readable_teams(principal)),
            self._sweep.answers_of(list(onions)),
        )
        return {
            cid: analyse_client(
                onion,
                carer_loads=loads,
                thresholds=self.thresholds,
                lsns6_answers=answers.get(cid),
            )
            for cid, onion in onions.items()
        }

    async def team_gaps(self, principal: Principal, team_id: str) -> tuple[Gap, ...]:
        check_team_admin(principal, team_id, Action.READ)
        team = await self._repo.get_team(team_id)
        nurses = sum(p.ring is Ring.TEAM for p in await self._repo.team_staff(team_id))
        clients = await self._repo.client_count(ClientPageRequest(team_ids=frozenset({team_id})))
        return team_gaps(team, nurses, clients, self.thresholds)

    # -- research ------------------------------------------------------------

    def _pseudonym(self, kind: str, real: str | None) -> str | None:
        return None if real is None else pseudonymous_id(real, self._secret, kind=kind)

    async def deidentified(
        self,
        principal: Principal,
        progress: Callable[[int], object] | None = None,
        *,
        workers: int | None = None,
        page: int = RESEARCH_PAGE,
    ) -> AsyncIterator[DeidentifiedClient]:
        """Every client, de-identified, in id order: a pseudonym, her research
        row (team by pseudonym) and her onion graph with pseudonymous nodes
        and no names, ids, free text or dates. For researchers only (as
        :meth:`pseudonymous_rows`, with each onion kept for its graph)."""
        async for row, onion in self._swept(principal, progress, workers, page, with_onions=True):
            if onion is None:
                raise AssertionError("the sweep was asked for the onions")
            yield DeidentifiedClient(row.pseudonym, row.row, onion, self._secret)

    async def pseudonymous_rows(
        self,
        principal: Principal,
        progress: Callable[[int], object] | None = None,
        *,
        workers: int | None = None,
        page: int = RESEARCH_PAGE,
    ) -> AsyncIterator[PseudonymousRow]:
        """Every client's research row, client and team by pseudonym, in id
        order. For researchers only.

        The clients are read ``page`` ids at a time, each page with the loads
        of their informal carers and their own LSNS-6 answers, and analysed;
        with ``workers`` (default: the service's) above one, each page is
        read and analysed by one of as many processes, a few pages ahead,
        and the rows are put back in order: the same as one process gives."""
        async for row, _ in self._swept(principal, progress, workers, page, with_onions=False):
            yield row

    async def _swept(
        self,
        principal: Principal,
        progress: Callable[[int], object] | None,
        workers: int | None,
        page: int,
        *,
        with_onions: bool,
    ) -> AsyncIterator[tuple[PseudonymousRow, Onion | None]]:
        if principal.role is not Role.RESEARCHER:
            raise Forbidden("research data is for researcher tokens")
        workers = self._workers if workers is None else workers
        analyse = partial(
            research_rows, secret=self._secret, on=date.today(), thresholds=self.thresholds
        )
        pages = await self._repo.client_id_pages(page)
        if workers <= 1 or len(pages) < 2 or self._sweep_elsewhere is None:
            for ids in pages:
                read, items = await self._sweep.items(ids)
                for found in self._counted(analyse(items), read, progress):
                    yield found
            return
        loop = asyncio.get_running_loop()
        # fork: the workers are copies of this process (the same hash seed,
        # so whatever the analysis does in the order of a set, it does alike)
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=start_worker,
            initargs=(self._sweep_elsewhere,),
        )
        with pool:
            pending: deque[asyncio.Future[tuple[list[PseudonymousRow], list[Onion] | None]]]
            pending = deque()
            for ids in pages:
                pending.append(loop.run_in_executor(pool, rows_of_page, ids, analyse, with_onions))
                while len(pending) > 2 * workers:  # reading stays a page or two ahead
                    swept, onions = await pending.popleft()
                    for found in self._counted(swept, onions, progress):
                        yield found
            while pending:
                swept, onions = await pending.popleft()
                for found in self._counted(swept, onions, progress):
                    yield found

    @staticmethod
    def _counted(
        rows: Sequence[PseudonymousRow],
        onions: Sequence[Onion] | None,
        progress: Callable[[int], object] | None,
    ) -> Iterator[tuple[PseudonymousRow, Onion | None]]:
        if onions is None:
            yield from ((row, None) for row in rows)
        else:
            yield from zip(rows, onions, strict=True)
        if progress is not None and rows:
            progress(len(rows))

    async def research(
        self,
        principal: Principal,
        by: Grouping,
        *,
        progress: Callable[[int], object] | None = None,
    ) -> tuple[Cell, ...]:
        """De-identified aggregates for researchers: teams by pseudonym, cells
        of fewer than five clients suppressed, and with them whatever would
        give those away, in every grouping and every month of the trends at
        once (:meth:`published`)."""
        cells = (await self.published(principal, progress=progress)).research(by)
        self._audit.record(AuditRecord.of(principal, f"research.{by.value}", None, "ok"))
        return cells

    async def published(
        self,
        principal: Principal,
        *,
        now: datetime | None = None,
        progress: Callable[[int], object] | None = None,
        trend_progress: Callable[[int], object] | None = None,
        clients: Sequence[DeidentifiedClient] | None = None,
    ) -> CalendarRelease:
        """The one release every research figure is served from: every
        client as she is now, by every grouping, and month by month over the
        calendar (the last :data:`MAX_TREND_MONTHS` months, this one
        included), protected together (:func:`release_calendar`). Made once
        per state of the data (:meth:`NetworkHistory.data_version`) and
        calendar, and kept; the next one keeps the cells of each closed month
        whose rows did not change. ``clients``: the clients as they are, when
        the caller has read them already (the release is then made from
        scratch, and not kept)."""
        if principal.role is not Role.RESEARCHER:
            raise Forbidden("research data is for researcher tokens")
        moment = now or datetime.now(UTC)
        calendar = calendar_months(moment)
        if clients is not None:
            as_now = [(c.pseudonym, c.row) for c in clients]
            return await self._release(principal, moment, calendar, as_now, trend_progress)
        async with self._releasing:
            key = (await self._read_history().data_version(), calendar[-1])
            if self._kept is None or self._kept[0] != key:
                before = None if self._kept is None else self._kept[1]
                rows = [
                    (r.pseudonym, r.row) async for r in self.pseudonymous_rows(principal, progress)
                ]
                made = await self._release(
                    principal, moment, calendar, rows, trend_progress, before
                )
                self._kept = key, made
            return self._kept[1]

    async def _release(
        self,
        principal: Principal,
        moment: datetime,
        calendar: Sequence[str],
        now: Sequence[tuple[str, ResearchRow]],
        progress: Callable[[int], object] | None,
        before: CalendarRelease | None = None,
    ) -> CalendarRelease:
        first = date.fromisoformat(f"{calendar[0]}-01")
        months = await self.trend_rows(
            principal, first, moment.date(), now=moment, progress=progress
        )
        return await asyncio.to_thread(
            partial(release_calendar, now, months, calendar, before=before)
        )

    # -- over time -----------------------------------------------------------

    def _read_history(self) -> NetworkHistory:
        if self._history is None:
            raise RuntimeError("this analysis service was built without the resources' history")
        return self._history

    async def strength_history(
        self,
        principal: Principal,
        client_id: str,
        first: date,
        last: date,
        every: Every = Every.MONTH,
        *,
        now: datetime | None = None,
    ) -> list[tuple[Moment, NetworkAsOf]]:
        """Her network and its analysis at the end of each month (or week)
        from ``first``'s to ``last``'s, rebuilt from the versions of her FHIR
        resources (:mod:`.network_as_of`: without KNOWS ties); the moments
        before she was in the network are left out. Whoever may read her
        network may read its history."""
        access = await self._repo.client_access(client_id)
        check_team_access(principal, access.team_ids if access else (), Action.READ, client_id)
        if access is None:
            raise NotFound("client", client_id)
        moments = _moments(first, last, every, now or datetime.now(UTC), MAX_POINTS)
        self._audit.record(AuditRecord.of(principal, "strength.history", client_id, "ok"))
        if not moments:
            return []
        versions = await self._read_history().read([client_id], moments[-1].at)
        return [
            (moment, found) for moment, _, found in self._as_of_each(versions, [client_id], moments)
        ]

    def _as_of_each(
        self, versions: History, ids: Sequence[str], moments: Sequence[Moment]
    ) -> Iterator[tuple[Moment, str, NetworkAsOf]]:
        """Each client's network at each moment she was in it; one whose
        resources did not change since the moment before is not projected
        and analysed again."""
        known: dict[str, tuple[tuple[tuple[ResourceKey, int], ...], NetworkAsOf | None]] = {}
        for moment in moments:
            at = versions.at(moment.at)
            for cid in ids:
                resources = at.of_client(cid)
                if resources is None:
                    continue
                seen = tuple((k, s.version_id) for k, s in resources.items())
                if cid in known and known[cid][0] == seen:
                    found = known[cid][1]
                else:
                    found = self._as_of(cid, resources, moment)
                    known[cid] = (seen, found)
                if found is not None:
                    yield moment, cid, found

    def _as_of(
        self, client_id: str, resources: Mapping[ResourceKey, StoredResource], moment: Moment
    ) -> NetworkAsOf | None:
        return network_as_of(
            client_id,
            resources,
            moment.at,
            thresholds=self.thresholds,
            base_urls=self._read_history().base_urls,
        )

    async def trend_rows(
        self,
        principal: Principal,
        first: date,
        last: date,
        *,
        now: datetime | None = None,
        progress: Callable[[int], object] | None = None,
    ) -> list[TrendRow]:
        """Every client in care at the end of each month from ``first``'s to
        ``last``'s, as she was then, de-identified (researchers only)."""
        if principal.role is not Role.RESEARCHER:
            raise Forbidden("research data is for researcher tokens")
        moments = _moments(first, last, Every.MONTH, now or datetime.now(UTC), MAX_TREND_MONTHS)
        if not moments:
            return []
        settled = self._past.settled(moments, datetime.now(UTC))
        rows: list[TrendRow] = []
        request = ClientPageRequest(team_ids=None, sort="id", limit=RESEARCH_PAGE)
        async for page in self._repo.client_pages(request):
            for start in range(0, len(page), HISTORY_SLICE):
                ids = [cid for cid, _ in page[start : start + HISTORY_SLICE]]
                rows += await self._trend_rows_of(ids, moments, settled)
            if progress is not None:
                progress(len(page))
        return rows

    async def _trend_rows_of(
        self, ids: list[str], moments: list[Moment], settled: list[Moment]
    ) -> list[TrendRow]:
        """These clients at each moment: from the rows kept for the settled
        moments where there are, else from one read of their history."""
        known = [cid for cid in ids if self._past.known(cid, settled)]
        unknown = [cid for cid in ids if cid not in set(known)]
        unsettled = [m for m in moments if m not in settled]
        found = {(m.at, cid): self._past.row(m, cid) for m in settled for cid in known}
        for group, wanted in ((unknown, moments), (known, unsettled)):
            if group and wanted:
                found |= await self._rows_as_of(group, wanted)
        for moment in settled:
            for cid in unknown:
                self._past.keep(moment, cid, found.get((moment.at, cid)))
        # moment by moment, client by client: in the order of one read
        return [
            row
            for moment in moments
            for cid in ids
            if (row := found.get((moment.at, cid))) is not None
        ]

    async def _rows_as_of(
        self, ids: list[str], moments: list[Moment]
    ) -> dict[tuple[str, str], TrendRow | None]:
        """These clients at each moment, from one read of their history."""
        versions = await self._read_history().read(ids, moments[-1].at)
        rows: dict[tuple[str, str], TrendRow | None] = {}
        for moment, cid, found in self._as_of_each(versions, ids, moments):
            row = research_row(found.onion, found.analysis, on=date.fromisoformat(moment.at[:10]))
            rows[moment.at, cid] = TrendRow(
                client=self._pseudonym("client", cid),
                month=moment.period,
                row=replace(row, team=self._pseudonym("team", row.team), month=None),
            )
        return rows

    async def research_trend(
        self,
        principal: Principal,
        by: Grouping,
        first: date,
        last: date,
        *,
        now: datetime | None = None,
    ) -> tuple[TrendCell, ...]:
        """Research aggregates per month from ``first``'s to ``last``'s (at
        most :data:`MAX_TREND_MONTHS`, within the calendar of
        :meth:`published`), served from the one release of every month and
        grouping (:func:`graphsvc.analysis.release_calendar`)."""
        if principal.role is not Role.RESEARCHER:
            raise Forbidden("research data is for researcher tokens")
        if by is Grouping.MONTH:
            raise ValidationError("by", "a trend is already by month: ALL, TEAM, ...")
        moment = now or datetime.now(UTC)
        _moments(first, last, Every.MONTH, moment, MAX_TREND_MONTHS)
        calendar = calendar_months(moment)
        if f"{first:%Y-%m}" < calendar[0]:
            raise ValidationError(
                "from", f"the trends go back {MAX_TREND_MONTHS} months, to {calendar[0]}"
            )
        if f"{last:%Y-%m}" > calendar[-1]:
            raise ValidationError("to", f"the trends end with this month, {calendar[-1]}")
        published = await self.published(principal, now=moment)
        cells = published.trend(by, f"{first:%Y-%m}", f"{last:%Y-%m}")
        self._audit.record(AuditRecord.of(principal, f"research.trend.{by.value}", None, "ok"))
        return cells


def calendar_months(now: datetime) -> tuple[str, ...]:
    """The months every research release covers: the last
    :data:`MAX_TREND_MONTHS`, ``now``'s included (YYYY-MM, oldest first)."""
    index = now.year * 12 + now.month - 1
    return tuple(
        f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(index - MAX_TREND_MONTHS + 1, index + 1)
    )


def _moments(first: date, last: date, every: Every, now: datetime, most: int) -> list[Moment]:
    """The moments asked for that have begun by ``now``; more than ``most``
    asked for (begun or not) is refused."""
    if first > last:
        raise ValidationError("from", "must not be after to")
    if every is Every.MONTH:
        asked, unit = (last.year - first.year) * 12 + last.month - first.month + 1, "months"
    else:
        asked = (last - timedelta(last.weekday()) - first + timedelta(first.weekday())).days // 7
        asked, unit = asked + 1, "weeks"
    if asked > most:
        raise ValidationError("to", f"at most {most} {unit} in one call ({asked} asked)")
    return (month_moments if every is Every.MONTH else week_moments)(first, last, now)


def research_secret_from(key: bytes) -> bytes:
    """A secret for pseudonyms derived from the service's signing key, so the
    same data directory always gives the same pseudonyms."""
    return hashlib.sha256(b"graphsvc research pseudonyms\x00" + key).digest()
