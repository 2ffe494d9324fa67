"""What can be asked."""

from __future__ import annotations

import datetime
import re
from typing import Annotated

import strawberry

from graphsvc.domain import NotFound, OmahaDomain, ValidationError
from graphsvc.domain.omaha_search import search_problems
from graphsvc.domain.rating_scale import SCALES

from .connections import ClientConnection, ClientFilter, ClientSort, client_connection
from .context import Info
from .enums import Grouping
from .findings import ResearchCell
from .trends import TREND_DESCRIPTION, ResearchMonth
from .types import (
    Client,
    DirectoryEntry,
    Me,
    OmahaDomainInfo,
    OmahaProblemType,
    RatingScaleType,
    Team,
)

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

    @strawberry.field(
        description="Professionals and organisations to link into an onion, by name or by "
        'what they are, in Dutch or English ("huisarts", "apotheek", "general practitioner"); '
        "role narrows to those whose own role is that. At most first (1-50, 20 by default), "
        "by name."
    )
    async def directory(
        self, info: Info, search: str, role: str | None = None, first: int | None = None
    ) -> list[DirectoryEntry]:
        ctx = info.context
        found = await ctx.network.directory(ctx.principal, search, role, first)
        return [DirectoryEntry.of(person, organizations) for person, organizations in found]

    @strawberry.field(description="A team by its Organization id; null if not yours to see.")
    async def team(self, info: Info, id: strawberry.ID) -> Team | None:
        try:
            return Team.of(await info.context.network.team(info.context.principal, str(id)))
        except NotFound:
            return None

    @strawberry.field(
        description="The Omaha System problems, optionally only those a search finds: by "
        "code, by any part of the Dutch or English name, or by an everyday word nurses use "
        '("boodschappen", "eenzaam", "valgevaar"); case and accents do not matter.'
    )
    def omaha_problems(self, search: str | None = None) -> list[OmahaProblemType]:
        return [OmahaProblemType.of(p) for p in search_problems(search)]

    @strawberry.field(
        description="The words of each Knowledge, Behavior and Status level (1-5), in Dutch "
        "and English."
    )
    def rating_scale(self) -> list[RatingScaleType]:
        return [RatingScaleType.of(s) for s in SCALES.values()]

    @strawberry.field(description="The four domains of the Omaha System, in Dutch and English.")
    def omaha_domains(self) -> list[OmahaDomainInfo]:
        return [OmahaDomainInfo.of(d) for d in OmahaDomain]

    @strawberry.field(
        description="De-identified aggregates of every metric and gap kind (researchers only); "
        "groups of fewer than five clients are suppressed, and so is every figure that, with "
        "those of any grouping (MONTH: the month care began) or of any month of "
        "researchTrend, would give one of them away."
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
