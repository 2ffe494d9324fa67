"""What the analysis reads besides an onion, and the research sweep's reading.

The sweep goes over every client a page of ids at a time. Each page is
read (the onions, the loads of their informal carers, their own LSNS-6
answers), decoded and analysed in one place: in this process, or in a worker
process of a pool with connections of its own, so that reading and decoding
the replies, not only the analysis, use every core. Only the rows (and the
onions, when the caller keeps them) come back.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from multiprocessing import util
from typing import Protocol

from graphsvc.analysis import CarerLoad, Lsns6Item
from graphsvc.analysis.research_rows import PseudonymousRow, SweepItem, sweep_items
from graphsvc.collector import collector_paused
from graphsvc.domain import Onion, Ring
from graphsvc.store.port import NetworkRepository

Analyse = Callable[[Sequence[SweepItem]], list[PseudonymousRow]]


class Lsns6AnswerSource(Protocol):
    """Where the clients' own LSNS-6 answers are kept (services.lsns6_answers)."""

    async def of_clients(self, client_ids: Iterable[str]) -> dict[str, dict[Lsns6Item, int]]: ...


async def carer_loads(
    repository: NetworkRepository, onions: Sequence[Onion], readable: frozenset[str] | None
) -> dict[str, CarerLoad]:
    """The loads of these onions' informal carers over the clients the reader
    may see (teams ``readable``, None for all); of the others only that
    there are any."""
    carers = {m.person.id for o in onions for m in o.members if m.ring is Ring.INFORMAL}
    shown = {o.client.id for o in onions}
    loads = {}
    for row in await repository.carer_loads(sorted(carers)):
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


@dataclass(frozen=True, slots=True)
class SweepReader:
    """Reads the sweep's pages of clients, each with what its analysis needs
    (the loads count every client: a researcher sees them all)."""

    repository: NetworkRepository
    answers: Lsns6AnswerSource | None = None

    async def answers_of(self, client_ids: Sequence[str]) -> dict[str, dict[Lsns6Item, int]]:
        """The LSNS-6 items each of these clients answered herself."""
        return {} if self.answers is None else await self.answers.of_clients(client_ids)

    async def items(self, client_ids: Sequence[str]) -> tuple[list[Onion], list[SweepItem]]:
        """The onions of those of these clients a team serves, in id order,
        and each as an item of the sweep."""
        onions = await self.repository.onions_of_research(client_ids)
        if not onions:
            return [], []
        loads, answers = await asyncio.gather(
            carer_loads(self.repository, onions, None),
            self.answers_of([o.client.id for o in onions]),
        )
        return onions, sweep_items(onions, loads, answers)

    async def close(self) -> None:
        await self.repository.close()


# -- in a worker process of the sweep's pool ---------------------------------

_worker: tuple[asyncio.AbstractEventLoop, SweepReader] | None = None


def start_worker(open_reader: Callable[[], SweepReader]) -> None:
    """A pool worker's start: a loop and a reader with connections of its own
    (those it inherited by fork are the parent's), closed when it ends."""
    global _worker
    # What this process inherited stays as it is: the collector need not
    # look through the whole service's objects again and again.
    gc.freeze()
    _worker = asyncio.new_event_loop(), open_reader()
    util.Finalize(None, _stop_worker, exitpriority=10)


def _stop_worker() -> None:
    global _worker
    if _worker is not None:
        loop, reader = _worker
        _worker = None
        loop.run_until_complete(reader.close())
        loop.close()


def rows_of_page(
    client_ids: Sequence[str], analyse: Analyse, with_onions: bool
) -> tuple[list[PseudonymousRow], list[Onion] | None]:
    """One page of clients read and analysed in this worker: its rows, in id
    order, and its onions if asked for."""
    if _worker is None:
        raise RuntimeError("not a worker of the sweep's pool")
    loop, reader = _worker
    # A page's objects are dropped as a whole when it is done. While they are
    # made, the collector would go through them again every few hundred
    # allocations: more than half the time of reading and decoding a page.
    with collector_paused():
        onions, items = loop.run_until_complete(reader.items(client_ids))
        return analyse(items), onions if with_onions else None
