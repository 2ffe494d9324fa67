"""A change of a network in words, for the history a nurse reads, in Dutch
("Kees toegevoegd (informeel), helpt bij Voeding") and in English ("Kees
added (informal), helps with Nutrition")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .commands import (
    AdmitClient,
    Command,
    RemoveKnows,
    RemoveMember,
    RemoveNeed,
    RemoveRating,
    RemoveSupport,
    ResolveNeed,
    SaveKnows,
    SaveMember,
    SaveNeed,
    SaveRating,
    SaveSupport,
    UpdateMember,
)
from .onion import Onion
from .rating_scale import SCALES, RatingScale
from .revert import Revert
from .rings import Ring


@dataclass(frozen=True, slots=True)
class Words:
    """One language's words for the changes."""

    dutch: bool
    rings: dict[Ring, str]
    someone: str
    a_problem: str
    helps: str
    knows: str
    admitted: str
    details: str
    changed: str
    added: str
    removed: str
    need_added: str
    need_changed: str
    resolved: str
    need_removed: str
    support: str
    unsupport: str
    know: str
    unknow: str
    rating_about: str
    rating_removed: str
    reverted: str
    undone: str
    rating_added: str
    updated: str


NL = Words(
    dutch=True,
    rings={Ring.INFORMAL: "informeel", Ring.TEAM: "team", Ring.FORMAL: "formeel"},
    someone="iemand",
    a_problem="een probleem",
    helps=", helpt bij {}",
    knows=", kent {}",
    admitted="{} in zorg genomen",
    details="Gegevens van {} gewijzigd",
    changed="{} gewijzigd",
    added="{} toegevoegd ({})",
    removed="{} verwijderd",
    need_added="Probleem {} toegevoegd",
    need_changed="Probleem {} gewijzigd",
    resolved="Probleem {} opgelost",
    need_removed="Probleem {} verwijderd",
    support="{} helpt bij {}",
    unsupport="{} helpt niet meer bij {}",
    know="{} en {} kennen elkaar",
    unknow="{} en {} kennen elkaar niet meer",
    rating_about=" van {}",
    rating_removed="Beoordeling verwijderd",
    reverted="Wijziging ongedaan gemaakt",
    undone="Ongedaan gemaakt: {}",
    rating_added="Beoordeling toegevoegd",
    updated="Gegevens bijgewerkt ({})",
)

EN = Words(
    dutch=False,
    rings={Ring.INFORMAL: "informal", Ring.TEAM: "team", Ring.FORMAL: "formal"},
    someone="someone",
    a_problem="a problem",
    helps=", helps with {}",
    knows=", knows {}",
    admitted="{} taken into care",
    details="Details of {} changed",
    changed="{} changed",
    added="{} added ({})",
    removed="{} removed",
    need_added="Problem {} added",
    need_changed="Problem {} changed",
    resolved="Problem {} resolved",
    need_removed="Problem {} removed",
    support="{} helps with {}",
    unsupport="{} no longer helps with {}",
    know="{} and {} know each other",
    unknow="{} and {} no longer know each other",
    rating_about=" of {}",
    rating_removed="Rating removed",
    reverted="Change undone",
    undone="Undone: {}",
    rating_added="Rating added",
    updated="Records updated ({})",
)


def _person(onion: Onion, person_id: str, w: Words) -> str:
    found = next((m.person.name for m in onion.members if m.person.id == person_id), None)
    return found or w.someone


def _problem(onion: Onion, need_id: str, w: Words) -> str:
    found = next((n for n in onion.needs if n.id == need_id), None)
    if found is None:
        return w.a_problem
    return found.problem.display_nl if w.dutch else found.problem.display


def _helps(after: Onion, command: SaveMember, w: Words) -> str:
    needs = [_problem(after, s.need_id, w) for s in command.supports]
    knows = [
        _person(after, k.person_b if k.person_a == command.person.id else k.person_a, w)
        for k in command.knows
    ]
    words = ""
    if needs:
        words += w.helps.format(", ".join(needs))
    if knows:
        words += w.knows.format(", ".join(knows))
    return words


def _scale_name(scale: RatingScale, w: Words) -> str:
    return scale.name_nl if w.dutch else scale.name_en


def describe(command: Command, before: Onion, after: Onion, w: Words = NL) -> str:
    """What the change did, in words (names as the network has them)."""
    match command:
        case AdmitClient():
            if before.version == 0:
                return w.admitted.format(command.client.name)
            return w.details.format(command.client.name)
        case SaveMember():
            p = command.person
            if any(m.person.id == p.id for m in before.members):
                return w.changed.format(p.name) + _helps(after, command, w)
            ring = w.rings[command.membership.ring]
            return w.added.format(p.name, ring) + _helps(after, command, w)
        case UpdateMember():
            return w.changed.format(_person(after, command.person_id, w))
        case RemoveMember():
            return w.removed.format(_person(before, command.person_id, w))
        case SaveNeed():
            problem = command.need.problem
            name = problem.display_nl if w.dutch else problem.display
            known = any(n.id == command.need.id for n in before.needs)
            return (w.need_changed if known else w.need_added).format(name)
        case ResolveNeed():
            return w.resolved.format(_problem(before, command.need_id, w))
        case RemoveNeed():
            return w.need_removed.format(_problem(before, command.need_id, w))
        case SaveSupport():
            t = command.tie
            return w.support.format(
                _person(after, t.supporter_id, w), _problem(after, t.need_id, w)
            )
        case RemoveSupport():
            who = _person(before, command.supporter_id, w)
            return w.unsupport.format(who, _problem(before, command.need_id, w))
        case SaveKnows():
            a, b = _person(after, command.tie.person_a, w), _person(after, command.tie.person_b, w)
            return w.know.format(a, b)
        case RemoveKnows():
            a, b = _person(before, command.person_a, w), _person(before, command.person_b, w)
            return w.unknow.format(a, b)
        case SaveRating():
            o = command.observation
            scale = SCALES[o.dimension]
            about = w.rating_about.format(_problem(after, o.need_id, w)) if o.need_id else ""
            level = scale.level(o.value)
            label = level.label_nl if w.dutch else level.label_en
            return f"{_scale_name(scale, w)}{about}: {o.value} ({label})"
        case RemoveRating():
            return w.rating_removed
        case Revert():
            return w.reverted


def describe_difference(
    before: Onion | None, after: Onion, w: Words = NL, resources: Sequence[str] = ()
) -> str:
    """What a change that came as FHIR resources did to the network, in
    words: who and which problems came, went or changed, who helps with what
    now; when the network reads the same (only what the graph does not hold
    changed), the ``resources`` written."""
    if before is None or before.version == 0:
        return w.admitted.format(after.client.name)
    before, after = before.canonical(), after.canonical()  # order says nothing
    said: list[str] = []
    if before.client != after.client:
        said.append(w.details.format(after.client.name))
    was = {m.person.id: m for m in before.members}
    now = {m.person.id: m for m in after.members}
    for pid, member in now.items():
        if pid not in was:
            said.append(w.added.format(member.person.name, w.rings[member.ring]))
        elif was[pid] != member:
            said.append(w.changed.format(member.person.name))
    said += [w.removed.format(m.person.name) for pid, m in was.items() if pid not in now]
    needs_was = {n.id: n for n in before.needs}
    needs_now = {n.id: n for n in after.needs}
    for nid, need in needs_now.items():
        old = needs_was.get(nid)
        if old is None:
            said.append(w.need_added.format(_problem(after, nid, w)))
        elif old.active and not need.active:
            said.append(w.resolved.format(_problem(after, nid, w)))
        elif old != need:
            said.append(w.need_changed.format(_problem(after, nid, w)))
    said += [w.need_removed.format(_problem(before, n, w)) for n in needs_was if n not in needs_now]
    ties_was = {(s.supporter_id, s.need_id) for s in before.supports}
    ties_now = {(s.supporter_id, s.need_id) for s in after.supports}
    for who, need_id in sorted(ties_now - ties_was):
        said.append(w.support.format(_person(after, who, w), _problem(after, need_id, w)))
    for who, need_id in sorted(ties_was - ties_now):
        said.append(w.unsupport.format(_person(before, who, w), _problem(before, need_id, w)))
    ratings_was = {o.id for o in before.observations}
    ratings_now = {o.id for o in after.observations}
    said += [w.rating_added] * len(ratings_now - ratings_was)
    said += [w.rating_removed] * len(ratings_was - ratings_now)
    if not said:
        return w.updated.format(", ".join(resources))
    return "; ".join(said)
