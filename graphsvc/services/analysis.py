"""Use cases of analysis: a client's gaps and strength, a team's gaps, and
de-identified research aggregates. The findings come from graphsvc.analysis;
this layer fetches what it needs (carers' loads across every client they
support) and enforces who may see what."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol

from graphsvc.analysis import (
    DEFAULT_THRESHOLDS,
    CarerLoad,
    Cell,
    ClientAnalysis,
    Gap,
    Grouping,
    Lsns6Item,
    ResearchRow,
    Thresholds,
    analyse_client,
    build_graph,
    deidentified_graph,
    pseudonymous_id,
    release,
    research_row,
    team_gaps,
)
from graphsvc.domain import Onion, Principal, Ring, Role
from graphsvc.store.port import ClientPageRequest, NetworkRepository

from .access import Action, check_team_admin, readable_teams
from .audit import AuditRecord, AuditTrail
from .errors import Forbidden

RESEARCH_PAGE = 500


@dataclass(frozen=True, slots=True)
class DeidentifiedClient:
    pseudonym: str
    row: ResearchRow
    _graph: Any  # networkx.Graph of her onion, still naming everyone
    _secret: bytes

    def graph(self, scope: str = "") -> Any:
        """Her onion graph with pseudonymous nodes and no names, ids, free
        text or dates; people and needs pseudonymous within ``scope``."""
        return deidentified_graph(self._graph, self._secret, scope=scope)


class Lsns6AnswerSource(Protocol):
    """Where the clients' own LSNS-6 answers are kept (services.lsns6_answers)."""

    async def of_clients(self, client_ids: Iterable[str]) -> dict[str, dict[Lsns6Item, int]]: ...


class AnalysisService:
    def __init__(
        self,
        repository: NetworkRepository,
        audit: AuditTrail,
        *,
        research_secret: bytes,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        lsns6_answers: Lsns6AnswerSource | None = None,
    ) -> None:
        self._repo = repository
        self._audit = audit
        self._secret = research_secret
        self.thresholds = thresholds
        self._answers = lsns6_answers

    async def _loads(
        self, onions: Sequence[Onion], readable: frozenset[str] | None
    ) -> dict[str, CarerLoad]:
        """Carers' loads over the clients the reader may see (teams
        ``readable``, None for all); of the others only that there are any."""
        carers = {m.person.id for o in onions for m in o.members if m.ring is Ring.INFORMAL}
        shown = {o.client.id for o in onions}
        loads = {}
        for row in await self._repo.carer_loads(sorted(carers)):
            seen, hidden = [], False
            for c in row["clients"]:
                if readable is None or c["client_id"] in shown or set(c["team_ids"]) & readable:
                    seen.append(c)
                else:
                    hidden = True
            loads[row["person_id"]] = CarerLoad(
                person_id=row["person_id"],
                name=row["name"],
                hours_per_week=float(sum(c["hours"] or 0.0 for c in seen)),
                need_ids=tuple(sorted({n for c in seen for n in c["need_ids"]})),
                client_ids=tuple(sorted(c["client_id"] for c in seen)),
                elsewhere=hidden,
            )
        return loads

    async def analyse(
        self, principal: Principal, onions: Mapping[str, Onion]
    ) -> dict[str, ClientAnalysis]:
        """Findings for onions the principal has already been allowed to
        read; carers' loads count every client of hers the principal may see,
        and the LSNS-6 items a client answered herself count as answered."""
        loads = await self._loads(list(onions.values()), readable_teams(principal))
        answers = {} if self._answers is None else await self._answers.of_clients(onions)
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
        self, principal: Principal, progress: Callable[[int], object] | None = None
    ) -> AsyncIterator[DeidentifiedClient]:
        """Every client, de-identified: a pseudonym, her research row (team by
        pseudonym) and her onion graph with pseudonymous nodes and no names,
        ids, free text or dates. For researchers only."""
        if principal.role is not Role.RESEARCHER:
            raise Forbidden("research data is for researcher tokens")
        today = date.today()
        request = ClientPageRequest(team_ids=None, sort="id", limit=RESEARCH_PAGE)
        async for page in self._repo.client_pages(request):
            onions = await self._repo.get_onions([cid for cid, _ in page])
            for cid, found in (await self.analyse(principal, onions)).items():
                onion = onions[cid]
                row = research_row(onion, found, on=today)
                yield DeidentifiedClient(
                    pseudonym=self._pseudonym("client", cid) or "",
                    row=replace(row, team=self._pseudonym("team", row.team)),
                    _graph=build_graph(onion),
                    _secret=self._secret,
                )
            if progress is not None:
                progress(len(page))

    async def research(
        self,
        principal: Principal,
        by: Grouping,
        *,
        progress: Callable[[int], object] | None = None,
    ) -> tuple[Cell, ...]:
        """De-identified aggregates for researchers: teams by pseudonym, cells
        of fewer than five clients suppressed, and with them whatever would
        give those away, in every grouping at once (:func:`release`)."""
        rows = [c.row async for c in self.deidentified(principal, progress)]
        cells = release(rows)[by]
        self._audit.record(AuditRecord.of(principal, f"research.{by.value}", None, "ok"))
        return cells


def research_secret_from(key: bytes) -> bytes:
    """A secret for pseudonyms derived from the service's signing key, so the
    same data directory always gives the same pseudonyms."""
    return hashlib.sha256(b"graphsvc research pseudonyms\x00" + key).digest()
