"""Who supports which active need of one client, and for how many hours.

Only active support ties on active needs count: an ended tie is past help,
and a resolved need needs nobody. A person is one supporter of a need however
many ties she has to it (say, household help and shopping for Nutrition);
her hours on it are the sum of those ties.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graphsvc.domain import Need, Onion


@dataclass(frozen=True, slots=True)
class Coverage:
    active_needs: tuple[Need, ...]
    supporters: dict[str, tuple[str, ...]]  # active need id -> distinct supporter ids, sorted
    hours: dict[str, float]  # supporter id -> her hours a week on this client's active needs
    needs_of: dict[str, tuple[str, ...]]  # supporter id -> active need ids she supports, sorted

    def count(self, need_id: str) -> int:
        return len(self.supporters[need_id])

    def sole_supporter(self, need_id: str) -> str | None:
        found = self.supporters[need_id]
        return found[0] if len(found) == 1 else None


def coverage(onion: Onion) -> Coverage:
    active = tuple(n for n in onion.needs if n.active)
    active_ids = {n.id for n in active}
    by_need: dict[str, set[str]] = {n.id: set() for n in active}
    hours: defaultdict[str, float] = defaultdict(float)
    for tie in onion.supports:
        if tie.active and tie.need_id in active_ids:
            by_need[tie.need_id].add(tie.supporter_id)
            hours[tie.supporter_id] += tie.hours_per_week
    needs_of: defaultdict[str, list[str]] = defaultdict(list)
    for need_id, people in by_need.items():
        for person_id in people:
            needs_of[person_id].append(need_id)
    return Coverage(
        active_needs=active,
        supporters={need_id: tuple(sorted(people)) for need_id, people in by_need.items()},
        hours=dict(hours),
        needs_of={person_id: tuple(sorted(ids)) for person_id, ids in needs_of.items()},
    )
