"""One call for a client, one for a population: gaps and strength together."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from graphsvc.domain import Onion

from .client_gaps import find_gaps
from .continuity import Visit
from .coverage import coverage
from .gap import Gap
from .load import CarerLoad, carer_load
from .lsns6 import Lsns6Item
from .strength import Strength, client_strength
from .thresholds import DEFAULT_THRESHOLDS, Thresholds


@dataclass(frozen=True, slots=True)
class ClientAnalysis:
    client_id: str
    gaps: tuple[Gap, ...]
    strength: Strength


def analyse_client(
    onion: Onion,
    *,
    carer_loads: Mapping[str, CarerLoad] | None = None,
    visits: Iterable[Visit] = (),
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    lsns6_answers: Mapping[Lsns6Item, int] | None = None,
) -> ClientAnalysis:
    cover = coverage(onion)
    visits = tuple(visits)
    return ClientAnalysis(
        onion.client.id,
        find_gaps(
            onion, carer_loads=carer_loads, visits=visits, thresholds=thresholds, cover=cover
        ),
        _strength(
            onion,
            thresholds,
            tuple(
                (m.person.id, carer_loads[m.person.id])
                for m in onion.members
                if carer_loads and m.person.id in carer_loads
            ),
            visits,
            tuple(sorted((lsns6_answers or {}).items())),
        ),
    )


# The strength measures are a pure function of the onion and the few other
# things given, and by far the dearest part of an analysis (the coordinator's
# betweenness above all): the same onion read again, by the same nurse's page or by
# every month of a trend in which her network did not change, is measured
# once. Keyed by value, never by id or version, so nothing stale can come back.
@lru_cache(maxsize=1024)
def _strength(
    onion: Onion,
    thresholds: Thresholds,
    loads: tuple[tuple[str, CarerLoad], ...],
    visits: tuple[Visit, ...],
    answers: tuple[tuple[Lsns6Item, int], ...],
) -> Strength:
    return client_strength(
        onion,
        thresholds=thresholds,
        carer_loads=dict(loads),
        visits=visits,
        lsns6_answers=dict(answers) or None,
    )


def analyse_population(
    onions: Sequence[Onion],
    *,
    visits: Iterable[Visit] = (),
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Iterator[ClientAnalysis]:
    """Every client, with carers' loads counted across all these onions."""
    loads = carer_load(onions)
    by_client: defaultdict[str, list[Visit]] = defaultdict(list)
    for visit in visits:
        by_client[visit.client_id].append(visit)
    for onion in onions:
        yield analyse_client(
            onion,
            carer_loads=loads,
            visits=by_client.get(onion.client.id, ()),
            thresholds=thresholds,
        )
