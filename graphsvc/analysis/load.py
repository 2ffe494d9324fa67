"""An informal carer's load, counted across every client she supports.

One daughter may care for her father and her aunt: her load is the sum over
both onions. A support tie counts when it is active, on an active need, and
given in the informal ring of that onion (her place in that client's onion,
so a nurse caring for her own mother counts there as family). Its hours
count in full: a care-plan activity that names several performers becomes a
tie for each with the activity's full hours, and each carries all of them.
A need counts once however many ties she has to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graphsvc.domain import Onion, Ring


@dataclass(frozen=True, slots=True)
class CarerLoad:
    person_id: str
    name: str
    hours_per_week: float
    need_ids: tuple[str, ...]  # distinct active needs, across clients, sorted
    client_ids: tuple[str, ...]  # the clients she supports, sorted
    # She also supports clients the reader may not see; their figures are
    # left out of everything above.
    elsewhere: bool = False

    @property
    def needs(self) -> int:
        return len(self.need_ids)

    @property
    def clients(self) -> int:
        return len(self.client_ids)


def carer_load(onions: Iterable[Onion]) -> dict[str, CarerLoad]:
    """The load of every informal supporter in these onions, by person id.

    Pass every onion a carer may appear in (a team's, a population's); a
    client given twice raises ``ValueError``, since her ties would count twice.
    """
    seen: set[str] = set()
    names: dict[str, str] = {}
    hours: dict[str, float] = {}
    needs: dict[str, set[str]] = {}
    clients: dict[str, set[str]] = {}
    for onion in onions:
        if onion.client.id in seen:
            raise ValueError(f"client {onion.client.id!r} is given twice")
        seen.add(onion.client.id)
        informal = {m.person.id: m.person.name for m in onion.members if m.ring is Ring.INFORMAL}
        active = {n.id for n in onion.needs if n.active}
        for tie in onion.supports:
            pid = tie.supporter_id
            if not tie.active or tie.need_id not in active or pid not in informal:
                continue
            names.setdefault(pid, informal[pid])
            hours[pid] = hours.get(pid, 0.0) + tie.hours_per_week
            needs.setdefault(pid, set()).add(tie.need_id)
            clients.setdefault(pid, set()).add(onion.client.id)
    return {
        pid: CarerLoad(
            pid, names[pid], hours[pid], tuple(sorted(needs[pid])), tuple(sorted(clients[pid]))
        )
        for pid in sorted(names)
    }
