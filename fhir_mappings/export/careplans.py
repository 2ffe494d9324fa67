"""Support ties -> CarePlan.activity.detail: who performs, for which needs,
how often and how long, of what kind, since when, and whether it goes on.

An activity stands for every performer x need pair in it. It is left alone
while the graph still has each of its pairs as it was; otherwise it is
rewritten, and split when its pairs no longer share one schedule (one
activity per distinct schedule and set of needs, the first in its place).
A pair that came from several activities is carried by the first of them
once changed. An activity whose performers all left stays, with nobody to
do it (a gap the nurse must fill); new ties that are exactly its help (an
undo) fill it again. Other new ties become new activities of the client's
(first active) CarePlan.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date

from graphsvc.domain import SupportKind, SupportTie, TieStatus

from ..code_systems import SUPPORT_KIND, coding
from ..elements import items
from ..jsontypes import JsonObject
from ..keys import ResourceKey
from ..projection import ActivitySupport, GraphKind, GraphRef
from ..projection.supports import DEFAULT_KIND
from ..rewriting import references_in
from ..timing import Schedule, write_schedule
from .context import Overlay
from .edits import drop_items, put_coding, set_or_drop

SCHEDULE_CHOICES = ("scheduledTiming", "scheduledPeriod", "scheduledString")


@dataclass(frozen=True, slots=True)
class Terms:
    """What a tie says beyond who and what: the same for every pair of an activity."""

    kind: SupportKind
    schedule: Schedule
    status: TieStatus
    since: date | None

    @classmethod
    def of(cls, tie: SupportTie) -> Terms:
        return cls(tie.kind, Schedule(tie.frequency, tie.hours_per_week), tie.status, tie.since)


Pair = tuple[str, str]  # (supporter, need)


def overlay_careplans(overlay: Overlay) -> None:
    now = {(t.supporter_id, t.need_id): t for t in overlay.now.supports}
    before = {(t.supporter_id, t.need_id): t for t in overlay.before.supports}
    needs_now = {n.id for n in overlay.now.needs}
    members_now = {m.person.id for m in overlay.now.members}
    activities = [a for a in overlay.projection.activities if a.careplan in overlay.careplans]
    first: dict[Pair, tuple[ResourceKey, int]] = {}
    for activity in activities:
        for pair in _pairs(activity):
            first.setdefault(pair, (activity.careplan, activity.index))
    new = {pair: tie for pair, tie in now.items() if pair not in before}
    filled = _fill_gaps(overlay, activities, new, needs_now)
    rewritten: dict[ResourceKey, dict[int, list[JsonObject]]] = {}
    for activity in activities:
        original = {pair: _terms(overlay, activity, pair[0]) for pair in _pairs(activity)}
        wanted: dict[Pair, Terms] = {}
        for pair, terms in original.items():
            tie = now.get(pair)
            if tie is None:
                continue
            if tie == before.get(pair):
                wanted[pair] = terms
            elif first[pair] == (activity.careplan, activity.index):
                wanted[pair] = Terms.of(tie)
        lost_needs = set(activity.needs) - needs_now
        lost_performers = set(activity.performers) - members_now
        if wanted != original or lost_needs or lost_performers:
            replacement = _rebuild(overlay, activity, wanted, needs_now)
            rewritten.setdefault(activity.careplan, {})[activity.index] = replacement
    for key, replaced in rewritten.items():
        careplan = overlay.workspace.edit(key)
        listed = careplan["activity"]
        careplan["activity"] = [
            item for i, old in enumerate(listed) for item in replaced.get(i, [old])
        ]
    for key in overlay.careplans:
        gone = {
            link.element[1]
            for link in overlay.links(key, GraphKind.NEED)
            if link.element[0] == "addresses" and link.target.id not in needs_now
        }
        if gone:
            drop_items(overlay.workspace.edit(key), "addresses", {int(i) for i in gone})
    _add_new(overlay, [t for pair, t in sorted(new.items()) if pair not in filled])
    _keep_contained_needs_referred(overlay)


def _fill_gaps(
    overlay: Overlay,
    activities: list[ActivitySupport],
    new: dict[Pair, SupportTie],
    needs_now: set[str],
) -> set[Pair]:
    """New ties that are exactly the help an activity nobody performs stands
    for (all its needs, on its terms: her help given back by an undo, say)
    go into that activity instead of one beside it. Returns the pairs placed."""
    filled: set[Pair] = set()
    members = {m.person.id: m for m in overlay.now.members}
    for activity in activities:
        if activity.performers or not activity.needs or not set(activity.needs) <= needs_now:
            continue
        people = []
        for person_id in sorted({p for p, _ in new} - {p for p, _ in filled}):
            member = members.get(person_id)
            if member is None:
                continue
            kind = activity.kind or DEFAULT_KIND[member.person.ring]
            terms = Terms(kind, activity.schedule, activity.status, activity.since)
            ties = [new.get((person_id, need)) for need in activity.needs]
            if all(t is not None and Terms.of(t) == terms for t in ties):
                people.append(member)
        if not people:
            continue
        careplan = overlay.workspace.edit(activity.careplan)
        detail = careplan["activity"][activity.index]["detail"]
        detail["performer"] = [
            {"reference": overlay.person_reference(m, activity.careplan)} for m in people
        ]
        filled |= {(m.person.id, need) for m in people for need in activity.needs}
    return filled


def _keep_contained_needs_referred(overlay: Overlay) -> None:
    """A need contained in a CarePlan that nothing refers to any more would be
    dropped with the unreferenced contained resources; the plan addresses it."""
    for need in overlay.now.needs:
        origin = overlay.origin(GraphRef(GraphKind.NEED, need.id))
        if origin is None or origin.contained_id is None:
            continue
        if origin.resource.resource_type != "CarePlan":
            continue
        local = f"#{origin.contained_id}"
        careplan = overlay.workspace.read(origin.resource)
        if all(r.get("reference") != local for _, r in references_in(careplan)):
            careplan = overlay.workspace.edit(origin.resource)
            careplan["addresses"] = [*items(careplan.get("addresses")), {"reference": local}]


def _pairs(activity: ActivitySupport) -> list[Pair]:
    return [(p, n) for p in activity.performers for n in activity.needs]


def _terms(overlay: Overlay, activity: ActivitySupport, person_id: str) -> Terms:
    kind = activity.kind or DEFAULT_KIND[overlay.persons[person_id].ring]
    return Terms(kind, activity.schedule, activity.status, activity.since)


def _groups(
    performers: tuple[str, ...], needs: tuple[str, ...], wanted: dict[Pair, Terms]
) -> list[tuple[Terms, tuple[str, ...], list[str]]]:
    """(terms, needs, performers): performers sharing the same terms for the same needs."""
    grouped: dict[tuple[Terms, tuple[str, ...]], list[str]] = {}
    for performer in performers:
        by_terms: dict[Terms, list[str]] = {}
        for need in needs:
            if (performer, need) in wanted:
                by_terms.setdefault(wanted[(performer, need)], []).append(need)
        for terms, its_needs in by_terms.items():
            grouped.setdefault((terms, tuple(its_needs)), []).append(performer)
    return [(terms, its_needs, people) for (terms, its_needs), people in grouped.items()]


def _rebuild(
    overlay: Overlay, activity: ActivitySupport, wanted: dict[Pair, Terms], needs_now: set[str]
) -> list[JsonObject]:
    careplan = overlay.workspace.read(activity.careplan)
    original = careplan["activity"][activity.index]
    base = ("activity", activity.index, "detail")
    performer_of = {
        link.element[4]: link.target.id
        for link in overlay.links(activity.careplan, GraphKind.PERSON)
        if link.element[:4] == (*base, "performer")
    }
    need_of = {
        link.element[4]: link.target.id
        for link in overlay.links(activity.careplan, GraphKind.NEED)
        if link.element[:4] == (*base, "reasonReference")
    }
    # indexes as in the stored lists, which the links point into
    performers = list(original["detail"].get("performer", ()))
    reasons = list(original["detail"].get("reasonReference", ()))
    groups = _groups(activity.performers, activity.needs, wanted)
    if not groups:
        rebuilt = copy.deepcopy(original)
        detail = rebuilt["detail"]
        # help for no need in particular stays with whoever is still a member
        members = {m.person.id for m in overlay.now.members} if not activity.needs else set()
        kept_performers = [
            p
            for i, p in enumerate(performers)
            if i not in performer_of or performer_of[i] in members
        ]
        set_or_drop(detail, "performer", kept_performers)
        kept = [r for i, r in enumerate(reasons) if i not in need_of or need_of[i] in needs_now]
        set_or_drop(detail, "reasonReference", kept)
        return [rebuilt]
    result = []
    for number, (terms, its_needs, people) in enumerate(groups):
        rebuilt = copy.deepcopy(original)
        detail = rebuilt["detail"]
        set_or_drop(
            detail,
            "performer",
            [
                copy.deepcopy(p)
                for i, p in enumerate(performers)
                if (performer_of[i] in people if i in performer_of else number == 0)
            ],
        )
        set_or_drop(
            detail,
            "reasonReference",
            [
                copy.deepcopy(r)
                for i, r in enumerate(reasons)
                if (need_of[i] in its_needs if i in need_of else number == 0)
            ],
        )
        _write_terms(overlay, detail, activity, terms, people)
        result.append(rebuilt)
    return result


def _write_terms(
    overlay: Overlay, detail: JsonObject, activity: ActivitySupport, terms: Terms, people: list[str]
) -> None:
    was = _terms(overlay, activity, people[0])
    if any(terms.kind != _terms(overlay, activity, p).kind for p in people):
        kind = coding(SUPPORT_KIND, terms.kind.value)
        detail["code"] = put_coding(detail.get("code"), SUPPORT_KIND, kind)
    if terms.schedule != was.schedule:
        timing = write_schedule(terms.schedule, detail.get("scheduledTiming"))
        _set_timing(detail, timing)
    if terms.status != was.status:
        detail["status"] = "in-progress" if terms.status is TieStatus.ACTIVE else "stopped"
    if terms.since != was.since and (terms.since is not None or activity.since_from_timing):
        _set_since(detail, terms.since)


def _set_timing(detail: JsonObject, timing: JsonObject | None) -> None:
    for choice in SCHEDULE_CHOICES:
        detail.pop(choice, None)
        detail.pop(f"_{choice}", None)
    if timing:
        detail["scheduledTiming"] = timing


def _set_since(detail: JsonObject, since: date | None) -> None:
    timing = detail.get("scheduledTiming")
    timing = dict(timing) if isinstance(timing, dict) else {}
    repeat = dict(timing.get("repeat") or {})
    bounds = dict(repeat.get("boundsPeriod") or {})
    set_or_drop(bounds, "start", since.isoformat() if since else None)
    set_or_drop(repeat, "boundsPeriod", bounds)
    set_or_drop(timing, "repeat", repeat)
    if timing or "scheduledTiming" in detail:
        _set_timing(detail, timing or None)


def _add_new(overlay: Overlay, ties: list[SupportTie]) -> None:
    now_needs = {n.id for n in overlay.now.needs}
    before_needs = {n.id for n in overlay.before.needs}
    new_needs = sorted(now_needs - before_needs)
    if not ties and not new_needs:
        return
    members = {m.person.id: m for m in overlay.now.members}
    wanted = {(t.supporter_id, t.need_id): Terms.of(t) for t in ties}
    performers = tuple(dict.fromkeys(t.supporter_id for t in ties))
    needs = tuple(dict.fromkeys(t.need_id for t in ties))
    key = overlay.primary(overlay.careplans)
    if key is None:
        if not ties:
            return
        key = overlay.generated_key("CarePlan")
        careplan: JsonObject = {
            "resourceType": "CarePlan",
            "id": key.id,
            "status": "active",
            "intent": "plan",
            "subject": {"reference": overlay.client_reference()},
        }
        team = overlay.primary(overlay.careteams)
        if team is not None:
            careplan["careTeam"] = [{"reference": team.reference}]
        overlay.workspace.add(key, careplan)
        overlay.careplans.append(key)
    activities = []
    for terms, its_needs, people in _groups(performers, needs, wanted):
        detail: JsonObject = {
            "code": {"coding": [coding(SUPPORT_KIND, terms.kind.value)]},
            "reasonReference": [{"reference": _need_reference(overlay, n, key)} for n in its_needs],
            "status": "in-progress" if terms.status is TieStatus.ACTIVE else "stopped",
        }
        _set_timing(detail, write_schedule(terms.schedule, None))
        if terms.since:
            _set_since(detail, terms.since)
        detail["performer"] = [
            {"reference": overlay.person_reference(members[p], key)} for p in people
        ]
        activities.append({"detail": detail})
    careplan = overlay.workspace.edit(key)
    if activities:
        careplan["activity"] = [*items(careplan.get("activity")), *activities]
    addressed = [{"reference": _need_reference(overlay, n, key)} for n in new_needs]
    if addressed:
        careplan["addresses"] = [*items(careplan.get("addresses")), *addressed]


def _need_reference(overlay: Overlay, need_id: str, holder: ResourceKey) -> str:
    return overlay.pointer(GraphRef(GraphKind.NEED, need_id), holder) or f"Condition/{need_id}"
