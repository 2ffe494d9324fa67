"""Overloaded informal carers, judged on their load across every client the
reader may see (of the others it says only that there are some)."""

from __future__ import annotations

from collections.abc import Mapping

from graphsvc.domain import Onion

from .coverage import Coverage
from .gap import Gap, GapKind, Severity
from .load import CarerLoad, carer_load
from .naming import Naming, hours, listing, plural
from .thresholds import DEFAULT_THRESHOLDS, Thresholds


def overload_gaps(
    onion: Onion,
    cover: Coverage,
    loads: Mapping[str, CarerLoad] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> list[Gap]:
    """OVERLOADED_CARER for each informal supporter of an active need of this
    client whose load is above ``carer_max_hours`` or ``carer_max_needs``.

    ``loads`` should come from :func:`.load.carer_load` over every onion she
    may appear in; a carer missing from it is judged on this onion alone.
    Subjects: the carer, then the needs of this client she supports.
    """
    here = carer_load([onion])
    names = Naming(onion)
    gaps = []
    for person_id in sorted(here):
        load = (loads or {}).get(person_id) or here[person_id]
        too_many_hours = load.hours_per_week > thresholds.carer_max_hours
        too_many_needs = load.needs > thresholds.carer_max_needs
        if not (too_many_hours or too_many_needs):
            continue
        reasons = []
        if too_many_hours:
            reasons.append(f"more than {hours(thresholds.carer_max_hours)} hours")
        if too_many_needs:
            reasons.append(f"more than {plural(thresholds.carer_max_needs, 'need')}")
        across = f" of {plural(load.clients, 'client')}" if load.clients > 1 else ""
        if load.elsewhere:
            across += " (and also helps elsewhere)"
        gaps.append(
            Gap(
                GapKind.OVERLOADED_CARER,
                Severity.HIGH,
                f"{names.person(person_id)} gives {hours(load.hours_per_week)} hours a week "
                f"to {plural(load.needs, 'need')}{across} ({listing(reasons)}).",
                (person_id, *cover.needs_of.get(person_id, ())),
            )
        )
    return gaps
