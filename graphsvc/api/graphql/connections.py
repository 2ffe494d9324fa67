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
from .enums import ClientSortField
from .types import Client

MAX_PAGE = 100


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


async def count_clients(info: Info, *, team: str) -> int:
    request = ClientPageRequest(team_ids=frozenset({team}), limit=1)
    _, total = await info.context.network.client_page(info.context.principal, request)
    return total
