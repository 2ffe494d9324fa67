"""Lists of clients as connections, paged by keyset cursors (never offsets)."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json

import strawberry

from graphsvc.domain import ValidationError
from graphsvc.store.port import ClientPageRequest

from .context import Info
from .enums import ClientSortField, GapKind
from .types import Client

MAX_PAGE = 100
SCAN_PAGE = 200


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class ClientEdge:
    cursor: str
    node: Client


@strawberry.type
class ClientConnection:
    edges: list[ClientEdge]
    page_info: PageInfo
    total_count: int

    @strawberry.field
    def nodes(self) -> list[Client]:
        return [e.node for e in self.edges]


@strawberry.input(description="Which clients; every condition given must hold.")
class ClientFilter:
    name: str | None = strawberry.field(default=None, description="Part of the name, any case.")
    team: strawberry.ID | None = None
    neighbourhood: str | None = None
    has_gap: GapKind | None = strawberry.field(
        default=None, description="Only clients with at least one gap of this kind."
    )


@strawberry.input
class ClientSort:
    field: ClientSortField = ClientSortField.NAME
    descending: bool = False


def encode_cursor(sort: ClientSort, key: str, client_id: str) -> str:
    raw = json.dumps([sort.field.value, sort.descending, key, client_id], ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(cursor: str, sort: ClientSort) -> tuple[str, str]:
    try:
        field, descending, key, client_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError, binascii.Error):
        raise ValidationError("after", "is not a cursor this service gave out") from None
    if (field, descending) != (sort.field.value, sort.descending):
        raise ValidationError("after", "belongs to a list sorted another way")
    if not isinstance(key, str) or not isinstance(client_id, str):
        raise ValidationError("after", "is not a cursor this service gave out")
    try:  # JSON can escape a lone surrogate, which no database takes
        key.encode(), client_id.encode()
    except UnicodeEncodeError:
        raise ValidationError("after", "is not a cursor this service gave out") from None
    return key, client_id


def _request(
    where: ClientFilter | None, team: str | None, sort: ClientSort, limit: int
) -> ClientPageRequest:
    teams = team if team is not None else (where.team if where else None)
    return ClientPageRequest(
        team_ids=None if teams is None else frozenset({str(teams)}),
        name=where.name if where else None,
        neighbourhood=where.neighbourhood if where else None,
        sort=sort.field.value,
        descending=sort.descending,
        limit=limit,
    )


async def client_connection(
    info: Info,
    *,
    first: int,
    after: str | None,
    where: ClientFilter | None = None,
    sort: ClientSort | None = None,
    team: str | None = None,
) -> ClientConnection:
    if not 0 <= first <= MAX_PAGE:
        raise ValidationError("first", f"must be between 0 and {MAX_PAGE}")
    order = sort or ClientSort()
    request = _request(where, team, order, first + 1)  # one more tells if a next page exists
    if after is not None:
        request = dataclasses.replace(request, after=decode_cursor(after, order))
    if where is not None and where.has_gap is not None:
        rows, total = await _with_gap(info, request, where.has_gap, first)
    else:
        rows, total = await info.context.network.client_page(info.context.principal, request)
    page = rows[:first]
    edges = [
        ClientEdge(cursor=encode_cursor(order, key, cid), node=Client(id=strawberry.ID(cid)))
        for cid, key in page
    ]
    return ClientConnection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None
        ),
        total_count=total,
    )


async def _with_gap(
    info: Info, request: ClientPageRequest, kind: GapKind, first: int
) -> tuple[list[tuple[str, str]], int]:
    """Gaps are found by analysis, not stored: walk the filtered list in
    order, keep the clients with the gap. The count needs every client seen,
    so this filter asks for a team (a nurse's or coach's own teams do)."""
    ctx = info.context
    teams = request.team_ids or ctx.network.visible_team_ids(ctx.principal)
    if teams is None:
        raise ValidationError("where.hasGap", "needs where.team for a token that sees every team")
    scan = dataclasses.replace(request, team_ids=teams, after=None, limit=SCAN_PAGE)
    matches: list[tuple[str, str]] = []
    async for rows in ctx.network.client_pages(ctx.principal, scan):
        found = await ctx.analyses.load_many([cid for cid, _ in rows])
        matches += [
            row
            for row, a in zip(rows, found, strict=True)
            if a is not None and any(g.kind is kind for g in a.gaps)
        ]
    total = len(matches)
    if request.after is not None:
        key, cid = request.after
        if request.descending:
            matches = [m for m in matches if (m[1], m[0]) < (key, cid)]
        else:
            matches = [m for m in matches if (m[1], m[0]) > (key, cid)]
    return matches[: first + 1], total


async def all_client_ids(info: Info, *, team: str) -> list[str]:
    ctx = info.context
    scan = ClientPageRequest(team_ids=frozenset({team}), sort="id", limit=SCAN_PAGE)
    return [cid async for rows in ctx.network.client_pages(ctx.principal, scan) for cid, _ in rows]


async def count_clients(info: Info, *, team: str) -> int:
    request = ClientPageRequest(team_ids=frozenset({team}))
    return await info.context.network.client_count(info.context.principal, request)
