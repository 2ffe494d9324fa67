"""The informal care load on each of a client's informal carers, in hours a week.

An informal carer of the client is a member of her informal ring (in this
onion) with an active support tie to one of her active needs. Her hours are
counted twice: for this client (the sum of those ties, :mod:`.coverage`), and
across every client she supports (:mod:`.load`, when the loads are given;
otherwise this client's hours are all that is known).

She gives *intensive* informal care above 8 hours a week across her clients:
the threshold the Netherlands Institute for Social Research (SCP) uses for
intensive care ("meer dan 8 uur per week"; long-term care lasts more than 3
months), the group in which heavily burdened carers are found most often
(De Klerk, De Boer, Plaisier & Schyns, *Voor elkaar? Stand van de informele
hulp in 2016*, SCP 2017; 19% of Dutch informal carers helped more than 8 hours
a week in 2019, SCP/CBS). Whether she feels overburdened is her own answer,
which an onion does not record; the hours only say who is most at risk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graphsvc.domain import Onion, Ring

from .coverage import Coverage
from .load import CarerLoad

INTENSIVE_HOURS = 8.0  # a week, SCP


@dataclass(frozen=True, slots=True)
class InformalCarer:
    person_id: str
    hours_per_week: float  # for this client
    total_hours_per_week: float  # for every client she supports that is known

    @property
    def intensive(self) -> bool:
        return self.total_hours_per_week > INTENSIVE_HOURS


def informal_carers(
    onion: Onion, cover: Coverage, carer_loads: Mapping[str, CarerLoad] | None = None
) -> tuple[InformalCarer, ...]:
    """Each informal carer of the client, most hours across her clients first."""
    loads = carer_loads or {}
    carers = []
    for m in onion.members:
        pid = m.person.id
        if m.ring is not Ring.INFORMAL or pid not in cover.needs_of:
            continue
        here = cover.hours.get(pid, 0.0)
        load = loads.get(pid)
        if load is None:
            total = here
        elif onion.client.id in load.client_ids:
            total = load.hours_per_week
        else:
            total = load.hours_per_week + here
        carers.append(InformalCarer(pid, here, total))
    return tuple(sorted(carers, key=lambda c: (-c.total_hours_per_week, c.person_id)))
