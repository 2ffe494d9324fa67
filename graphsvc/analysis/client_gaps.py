"""Every gap of one client's onion, most severe first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graphsvc.domain import Onion

from .carer_gaps import overload_gaps
from .continuity import Visit, continuity_gaps
from .coverage import Coverage, coverage
from .gap import Gap, ordered
from .load import CarerLoad
from .network_gaps import fragmentation_gaps, gp_gaps, isolation_gaps, team_contact_gaps
from .support_gaps import failure_gaps, need_gaps
from .thresholds import DEFAULT_THRESHOLDS, Thresholds


def find_gaps(
    onion: Onion,
    *,
    carer_loads: Mapping[str, CarerLoad] | None = None,
    visits: Iterable[Visit] = (),
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    cover: Coverage | None = None,
) -> tuple[Gap, ...]:
    """The gaps of one client (not the team-level kinds: see :mod:`.team_gaps`).

    ``carer_loads`` (from :func:`.load.carer_load` over every onion) makes
    OVERLOADED_CARER count a carer's load across all her clients; without it
    only this onion counts. ``visits`` feed LOW_CONTINUITY; with none there is
    no continuity finding. Ordered by :meth:`Gap.sort_key`.
    """
    onion.check_consistent()
    cover = cover or coverage(onion)
    return ordered(
        [
            *need_gaps(onion, cover),
            *failure_gaps(onion, cover, thresholds),
            *overload_gaps(onion, cover, carer_loads, thresholds),
            *isolation_gaps(onion, thresholds),
            *team_contact_gaps(onion),
            *gp_gaps(onion),
            *fragmentation_gaps(onion, cover),
            *continuity_gaps(onion, visits, thresholds),
        ]
    )
