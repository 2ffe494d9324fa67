"""CarePlan.activity.detail -> SUPPORTS: each performer supports every need in
detail.reasonReference, as often and for as many hours as scheduledTiming says.

A performer who is in no CareTeam of the client still joins her onion; the
ring is inferred as for a CareTeam member of the client's serving team.
Where one person supports one need through several activities the ties are
merged: hours add up, the most frequent frequency counts, the earliest start;
an active activity outweighs an ended one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction

from graphsvc.domain import (
    Frequency,
    Help,
    Member,
    Membership,
    Need,
    Ring,
    SupportKind,
    SupportTie,
    TieStatus,
)

from ..code_systems import SUPPORT_KIND, coded, codings
from ..elements import concept_text, day, items, text
from ..jsontypes import JsonObject
from ..keys import ResourceKey
from ..rings import INFORMAL_TYPES, infer_ring
from ..schedule_text import describe, times_per_week
from ..timing import (
    ImpossibleSchedule,
    Schedule,
    band,
    duration_hours,
    occurrences_per_week,
    read_schedule,
)
from .builder import Builder
from .memberships import CareTeams
from .parties import Parties, works_for
from .result import ActivitySupport, GraphKind, GraphRef

ENDED_STATUSES = frozenset({"completed", "stopped", "cancelled"})
DEFAULT_KIND = {
    Ring.INFORMAL: SupportKind.PRACTICAL,
    Ring.TEAM: SupportKind.NURSING,
    Ring.FORMAL: SupportKind.MEDICAL,
}
_ORDER: dict[Frequency | None, int] = {None: 0}
_ORDER.update({f: len(Frequency) - i for i, f in enumerate(Frequency)})


@dataclass
class CarePlans:
    activities: list[ActivitySupport] = field(default_factory=list)
    ties: dict[str, dict[tuple[str, str], SupportTie]] = field(default_factory=dict)
    implied: dict[str, dict[str, Member]] = field(default_factory=dict)  # client -> person -> …
    helps: dict[str, dict[str, list[Help]]] = field(default_factory=dict)  # client -> person -> …


def activity_since(detail: JsonObject, careplan: JsonObject) -> tuple[date | None, bool]:
    timing = detail.get("scheduledTiming")
    repeat = timing.get("repeat") if isinstance(timing, dict) else None
    bounds = repeat.get("boundsPeriod") if isinstance(repeat, dict) else None
    since = day(bounds.get("start")) if isinstance(bounds, dict) else None
    if since is not None:
        return since, True
    period = careplan.get("period")
    return (day(period.get("start")) if isinstance(period, dict) else None), False


def activity_kind(detail: JsonObject, careplan: JsonObject) -> SupportKind | None:
    return coded([detail.get("code")], SUPPORT_KIND, SupportKind) or coded(
        items(careplan.get("category")), SUPPORT_KIND, SupportKind
    )


KIND_NAMES = {
    SupportKind.PRACTICAL: "praktische hulp",
    SupportKind.HOUSEHOLD: "huishoudelijke hulp",
    SupportKind.PERSONAL_CARE: "persoonlijke verzorging",
    SupportKind.EMOTIONAL: "emotionele steun",
    SupportKind.INFORMATIONAL: "informatie en advies",
    SupportKind.NURSING: "verpleging",
    SupportKind.MEDICAL: "medische zorg",
    SupportKind.COORDINATION: "coördinatie van zorg",
}


def activity_name(detail: JsonObject, careplan: JsonObject) -> str:
    """What the help is, in the plan's own words: the activity's code text or
    display, its description, else the kind of support it is coded as."""
    code = detail.get("code")
    found = text(code.get("text")) if isinstance(code, dict) else None
    found = found or next(
        (
            text(c.get("display"))
            for c in codings(code)
            if c.get("system") != SUPPORT_KIND and text(c.get("display"))
        ),
        None,
    )
    found = found or text(detail.get("description"))
    if found:
        return found
    kind = activity_kind(detail, careplan)
    return KIND_NAMES[kind] if kind is not None else "hulp"


def activity_status(detail: JsonObject) -> TieStatus:
    return TieStatus.ENDED if detail.get("status") in ENDED_STATUSES else TieStatus.ACTIVE


def merge(first: SupportTie, second: SupportTie) -> SupportTie:
    if first.status is not second.status:
        return first if first.active else second
    sinces = [s for s in (first.since, second.since) if s is not None]
    return replace(
        first,
        frequency=max(first.frequency, second.frequency, key=lambda f: _ORDER[f]),
        hours_per_week=round(first.hours_per_week + second.hours_per_week, 2),
        since=min(sinces) if sinces else None,
    )


def read_careplans(
    builder: Builder,
    parties: Parties,
    needs: dict[str, dict[str, Need]],
    careteams: CareTeams,
) -> CarePlans:
    reader = _Reader(builder, parties, needs, careteams)
    for key, careplan in builder.catalog.of_type("CarePlan"):
        if careplan.get("status") != "entered-in-error":
            reader.careplan(key, careplan)
    return reader.found


class _Reader:
    def __init__(
        self,
        builder: Builder,
        parties: Parties,
        needs: dict[str, dict[str, Need]],
        careteams: CareTeams,
    ) -> None:
        self.builder = builder
        self.catalog = builder.catalog
        self.parties = parties
        self.needs = needs
        self.careteams = careteams
        self.found = CarePlans()
        self.addressed: list[str] = []  # the needs the care plan being read addresses

    def careplan(self, key: ResourceKey, careplan: JsonObject) -> None:
        subject = self.catalog.resolve(key, ("subject",))
        if subject is None or subject.resource_type != "Patient":
            self.builder.note(key, ("subject",), "names no client included here; not projected")
            return
        self.builder.link(key, ("subject",), GraphRef(GraphKind.CLIENT, subject.id))
        self.addressed = []
        for index, target in self.catalog.resolve_all(key, ("addresses",)):
            need_id = self._need_of(key, ("addresses", index), target, subject)
            if need_id is not None and need_id not in self.addressed:
                self.addressed.append(need_id)
        activities = careplan.get("activity")
        for index, activity in enumerate(activities if isinstance(activities, list) else ()):
            detail = activity.get("detail") if isinstance(activity, dict) else None
            if isinstance(detail, dict) and detail.get("status") != "entered-in-error":
                read = self._activity(key, careplan, index, detail, subject)
                if read is not None:
                    self.found.activities.append(read)

    def _activity(
        self,
        key: ResourceKey,
        careplan: JsonObject,
        index: int,
        detail: JsonObject,
        subject: ResourceKey,
    ) -> ActivitySupport | None:
        element = ("activity", index, "detail")
        performers: list[str] = []
        for position, target in self.catalog.resolve_all(key, (*element, "performer")):
            where = (*element, "performer", position)
            if target == subject:
                continue  # the client's own part: self-care is no tie
            if not self.parties.check_owner(key, where, target, subject):
                continue
            person_id = self.parties.person_for(target)
            if person_id is None:
                message = f"a {target.resource_type} is no person; no tie projected"
                self.builder.note(key, where, message)
                continue
            self.builder.link(key, where, GraphRef(GraphKind.PERSON, person_id))
            if person_id not in performers:
                performers.append(person_id)
            self._join(key, where, target, person_id, subject.id)
        reasons: list[str] = []
        for position, target in self.catalog.resolve_all(key, (*element, "reasonReference")):
            need_id = self._need_of(key, (*element, "reasonReference", position), target, subject)
            if need_id is not None and need_id not in reasons:
                reasons.append(need_id)
        try:
            schedule = read_schedule(detail.get("scheduledTiming"))
        except ImpossibleSchedule as impossible:
            self.builder.error(key, (*element, "scheduledTiming"), str(impossible))
            return None
        written = text(detail.get("scheduledString"))
        rate = times_per_week(written) if written else None
        if rate is not None and schedule.frequency is None:
            schedule = Schedule(band(rate), schedule.hours_per_week)
        kind = activity_kind(detail, careplan)
        status = activity_status(detail)
        since, since_from_timing = activity_since(detail, careplan)
        ties = self.found.ties.setdefault(subject.id, {})
        for person_id in performers:
            for need_id in reasons:
                tie = self.builder.build(
                    key,
                    element,
                    SupportTie,
                    person_id,
                    need_id,
                    kind or DEFAULT_KIND[self.parties.persons[person_id].ring],
                    schedule.frequency,
                    schedule.hours_per_week,
                    status,
                    since,
                )
                pair = (person_id, need_id)
                if tie is not None and pair in ties:
                    tie = self.builder.build(key, element, merge, ties[pair], tie)
                if tie is not None:
                    ties[pair] = tie
                    ref = GraphRef(GraphKind.SUPPORT, person_id, need_id)
                    self.builder.came_from(ref, key, ("activity", index))
        self._helps(
            key,
            (*element, "performer"),
            careplan,
            detail,
            subject,
            performers,
            reasons,
            written,
            rate,
            status,
        )
        return ActivitySupport(
            key,
            index,
            subject.id,
            tuple(performers),
            tuple(reasons),
            kind,
            schedule,
            status,
            since,
            since_from_timing,
        )

    def _helps(
        self,
        key: ResourceKey,
        where: tuple[str | int, ...],
        careplan: JsonObject,
        detail: JsonObject,
        subject: ResourceKey,
        performers: list[str],
        reasons: list[str],
        written: str | None,
        rate: Fraction | None,
        status: TieStatus,
    ) -> None:
        """Each performer's help: for the needs the activity names, else those
        the plan addresses, else for no need in particular."""
        needs: list[str | None] = list(reasons or self.addressed)
        timing = detail.get("scheduledTiming")
        repeat = timing.get("repeat") if isinstance(timing, dict) else None
        if written is None:
            rate = occurrences_per_week(repeat)
            code = timing.get("code") if isinstance(timing, dict) else None
            written = concept_text(code) or (describe(rate) if rate is not None else None)
        duration = duration_hours(repeat)
        hours = round(float(rate * duration), 2) if rate is not None and duration else None
        activity = activity_name(detail, careplan)
        helps = self.found.helps.setdefault(subject.id, {})
        for person_id in performers:
            for need_id in needs or [None]:
                found = self.builder.build(
                    key,
                    where,
                    Help,
                    activity,
                    need_id,
                    written,
                    None if rate is None else float(rate),
                    hours,
                    status,
                )
                if found is not None:
                    helps.setdefault(person_id, []).append(found)

    def _need_of(
        self,
        key: ResourceKey,
        element: tuple[str | int, ...],
        target: ResourceKey,
        subject: ResourceKey,
    ) -> str | None:
        if target.resource_type == "Condition" and target.id in self.needs.get(subject.id, {}):
            self.builder.link(key, element, GraphRef(GraphKind.NEED, target.id))
            return target.id
        message = "is no Omaha-coded need of this client; no tie projected"
        self.builder.note(key, element, message)
        return None

    def _join(
        self,
        key: ResourceKey,
        where: tuple[str | int, ...],
        target: ResourceKey,
        person_id: str,
        client_id: str,
    ) -> None:
        """A performer who is in no CareTeam of the client joins her onion."""
        if person_id in self.careteams.members.get(client_id, {}):
            return
        implied = self.found.implied.setdefault(client_id, {})
        if person_id not in implied:
            organizations = self.parties.organizations_of(target)
            teams = self.careteams.managing.get(client_id, set())
            ring = infer_ring(target.resource_type, organizations, teams)
            assert ring is not None
            person = self.parties.persons[person_id]
            relationship = person.role if target.resource_type in INFORMAL_TYPES else None
            membership = self.builder.build(
                key, where, Membership, person_id, client_id, ring, None, relationship
            )
            if membership is None:
                return
            ids = works_for(target, organizations)
            implied[person_id] = Member(person, membership, ids)
        ref = GraphRef(GraphKind.MEMBERSHIP, person_id, client_id)
        self.builder.came_from(ref, key, where)
