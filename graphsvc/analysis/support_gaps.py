"""Gaps in who supports the client's needs: uncovered needs, needs resting on
one supporter, and supporters whose absence would uncover several needs.

A single point of failure is a node cut between the client and her needs.
In the support graph (:func:`.graph.support_graph`: the client, her active
supporters, her active needs) every path from the client to a need runs
client - supporter - need, and different supporters give paths that share
nothing but their ends. So the local node connectivity between the client and
a need is its number of distinct supporters, and a cut of size one exists
exactly when the need has one supporter: she is the cut. A supporter is a
single point of failure when she is that cut for ``spof_min_needs`` or more
active needs. This is counted directly from the coverage, which gives the
same answer as NetworkX's ``minimum_node_cut`` on that graph (the tests check
both) in a fraction of the time.
"""

from __future__ import annotations

from graphsvc.domain import Onion, Ring

from .coverage import Coverage
from .gap import Gap, GapKind, Severity
from .naming import Naming
from .thresholds import DEFAULT_THRESHOLDS, Thresholds


def need_gaps(onion: Onion, cover: Coverage) -> list[Gap]:
    names = Naming(onion)
    gaps = []
    for need in cover.active_needs:
        supporters = cover.supporters[need.id]
        if not supporters:
            gaps.append(
                Gap(
                    GapKind.UNCOVERED_NEED,
                    Severity.HIGH,
                    f"Nobody helps {names.client} with {need.display}.",
                    (need.id,),
                )
            )
        elif len(supporters) == 1:
            gaps.append(
                Gap(
                    GapKind.SINGLE_SUPPORTER,
                    Severity.MEDIUM,
                    f"Only {names.person(supporters[0])} helps {names.client} with {need.display}.",
                    (need.id, supporters[0]),
                )
            )
    return gaps


def sole_supported(cover: Coverage) -> dict[str, list[str]]:
    """For each supporter, the active needs that only she supports."""
    found: dict[str, list[str]] = {}
    for need in cover.active_needs:
        sole = cover.sole_supporter(need.id)
        if sole is not None:
            found.setdefault(sole, []).append(need.id)
    return found


def failure_gaps(
    onion: Onion, cover: Coverage, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> list[Gap]:
    names = Naming(onion)
    rings = {m.person.id: m.ring for m in onion.members}
    gaps = []
    for person_id, need_ids in sorted(sole_supported(cover).items()):
        if len(need_ids) < thresholds.spof_min_needs:
            continue
        informal = rings.get(person_id) is Ring.INFORMAL
        gaps.append(
            Gap(
                GapKind.SINGLE_POINT_OF_FAILURE,
                # a team or practice can send someone else; family cannot
                Severity.HIGH if informal else Severity.MEDIUM,
                f"If {names.person(person_id)} could not help, nobody would help "
                f"{names.client} with {names.needs(need_ids)}.",
                (person_id, *need_ids),
            )
        )
    return gaps
