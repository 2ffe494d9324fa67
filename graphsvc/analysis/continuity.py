"""Continuity of care: how concentrated a client's visits are on few carers.

The Bice-Boxerman Continuity of Care index over N visits, n_j of them by
carer j:

    COC = (sum_j n_j**2 - N) / (N * (N - 1))

It is 1 when one carer made every visit and 0 when every visit was by a
different carer; it is undefined for fewer than two visits. The domain
records no visits yet, so a :class:`Visit` is defined here for whoever has them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from graphsvc.domain import Onion

from .gap import Gap, GapKind, Severity
from .naming import Naming, plural
from .thresholds import DEFAULT_THRESHOLDS, Thresholds


@dataclass(frozen=True, slots=True)
class Visit:
    client_id: str
    person_id: str
    date: dt.date


def continuity_of_care(visits: Iterable[Visit]) -> float | None:
    """The Bice-Boxerman index of one client's visits; None under two visits."""
    per_carer = Counter[str]()
    clients: set[str] = set()
    for visit in visits:
        per_carer[visit.person_id] += 1
        clients.add(visit.client_id)
    if len(clients) > 1:
        raise ValueError("continuity of care is computed for one client's visits at a time")
    total = sum(per_carer.values())
    if total < 2:
        return None
    return (sum(n * n for n in per_carer.values()) - total) / (total * (total - 1))


def continuity_gaps(
    onion: Onion, visits: Iterable[Visit], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> list[Gap]:
    """LOW_CONTINUITY when this client's visits (others' are ignored) number at
    least ``continuity_min_visits`` and their index is under ``continuity_min``.
    Subjects are the visitors who are members of the onion."""
    mine = [v for v in visits if v.client_id == onion.client.id]
    if len(mine) < thresholds.continuity_min_visits:
        return []
    index = continuity_of_care(mine)
    if index is None or index >= thresholds.continuity_min:
        return []
    members = {m.person.id for m in onion.members}
    visitors = sorted({v.person_id for v in mine})
    names = Naming(onion)
    explanation = (
        f"The {plural(len(mine), 'visit')} to {names.client} were made by "
        f"{plural(len(visitors), 'different carer')}: continuity of care is {index:.2f}, "
        f"below {thresholds.continuity_min:.2f}."
    )
    subjects = tuple(v for v in visitors if v in members)
    return [Gap(GapKind.LOW_CONTINUITY, Severity.MEDIUM, explanation, subjects)]
