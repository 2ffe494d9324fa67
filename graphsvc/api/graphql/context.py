"""Per-request context: who is asking, the services, and DataLoaders made
anew for every request (so nothing is cached across principals)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from graphsvc.analysis import ClientAnalysis
from graphsvc.domain import Onion, Principal
from graphsvc.services.analysis import AnalysisService
from graphsvc.services.lsns6_answers import Lsns6Answers
from graphsvc.services.network import NetworkService

K = TypeVar("K")
T = TypeVar("T")


class SharedLoader(DataLoader[K, T]):
    """A DataLoader whose answer for a key is shared by every field that asks
    for it. When a field fails, GraphQL cancels its siblings; each waits
    through a shield, so that only its own wait is cancelled, never the
    answer that fields elsewhere in the document still wait for."""

    def load(self, key: K) -> Awaitable[T]:
        return asyncio.shield(super().load(key))


@dataclass
class Context:
    request: Request
    response: Response
    principal: Principal
    network: NetworkService
    analysis: AnalysisService
    lsns6_answers: Lsns6Answers
    onions: SharedLoader[str, Onion | None] = field(init=False)
    analyses: SharedLoader[str, ClientAnalysis | None] = field(init=False)

    def __post_init__(self) -> None:
        async def load_onions(ids: Sequence[str]) -> list[Onion | None]:
            found = await self.network.onions(self.principal, ids)
            return [found.get(cid) for cid in ids]

        async def load_analyses(ids: Sequence[str]) -> list[ClientAnalysis | None]:
            onions = await self.onions.load_many(list(ids))
            readable = {o.client.id: o for o in onions if o is not None}
            found = await self.analysis.analyse(self.principal, readable)
            return [found.get(cid) for cid in ids]

        self.onions = SharedLoader(load_fn=load_onions, max_batch_size=200)
        self.analyses = SharedLoader(load_fn=load_analyses, max_batch_size=200)


Info = StrawberryInfo[Context, None]
