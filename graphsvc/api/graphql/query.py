"""What can be asked."""

from __future__ import annotations

import datetime
import re
from typing import Annotated

import strawberry

from graphsvc.domain import NotFound, ValidationError, catalogue

from .connections import ClientConnection, ClientFilter, ClientSort, client_connection
from .context import Info
from .enums import Grouping
from .findings import ResearchCell
from .trends import TREND_DESCRIPTION, ResearchMonth
from .types import Client, Me, OmahaProblemType, Team

_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _month(field: str, text: str) -> datetime.date:
    """The first day of a month written YYYY-MM."""
    found = _MONTH.fullmatch(text)
    if found is None or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1:
        raise ValidationError(field, "must be a month written YYYY-MM")
    return datetime.date(int(found[1]), int(found[2]), 1)


@strawberry.type
class Query:
    @strawberry.field(description="A client by her FHIR Patient id; null if not yours to see.")
    async def client(self, info: Info, id: strawberry.ID) -> Client | None:
        onion = await info.context.onions.load(str(id))
        return None if onion is None else Client(id=id)

    @strawberry.field(description="The clients you may see, filtered, sorted and paged.")
    async def clients(
        self,
        info: Info,
        where: ClientFilter | None = None,
        sort: ClientSort | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ClientConnection:
        return await client_connection(info, first=first, after=after, where=where, sort=sort)

    @strawberry.field(description="A team by its Organization id; null if not yours to see.")
    async def team(self, info: Info, id: strawberry.ID) -> Team | None:
        try:
            return Team.of(await info.context.network.team(info.context.principal, str(id)))
        except NotFound:
            return None

    @strawberry.field(description="The Omaha System problems, optionally only those matching.")
    def omaha_problems(self, search: str | None = None) -> list[OmahaProblemType]:
        needle = (search or "").strip().lower()
        return [
            OmahaProblemType.of(p)
            for p in catalogue().values()
            if not needle or needle in p.display.lower() or needle == p.code
        ]

    @strawberry.field(
        description="De-identified aggregates of every metric and gap kind (researchers only); "
        "groups of fewer than five clients are suppressed, and so is every figure that, with "
        "those of any grouping (MONTH: the month care began), would give one of them away."
    )
    async def research(self, info: Info, by: Grouping = Grouping.ALL) -> list[ResearchCell]:
        cells = await info.context.analysis.research(info.context.principal, by)
        return [ResearchCell.of(c) for c in cells]

    @strawberry.field(description=TREND_DESCRIPTION)
    async def research_trend(
        self,
        info: Info,
        from_: Annotated[str, strawberry.argument(name="from")],
        to: str,
        by: Grouping = Grouping.ALL,
    ) -> list[ResearchMonth]:
        first, last = _month("from", from_), _month("to", to)
        cells = await info.context.analysis.research_trend(info.context.principal, by, first, last)
        return ResearchMonth.of(cells)

    @strawberry.field(description="Who the bearer token says you are.")
    def me(self, info: Info) -> Me:
        p = info.context.principal
        return Me(
            subject=p.subject,
            role=p.role.value,
            teams=[strawberry.ID(t) for t in sorted(p.teams)],
            scopes=sorted(p.scopes),
        )
