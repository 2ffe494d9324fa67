"""A change of a network in words, in Dutch, for the history a nurse reads:
"Kees toegevoegd (informeel), helpt bij Voeding"."""

from __future__ import annotations

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
from .rating_scale import SCALES
from .revert import Revert
from .rings import Ring

RINGS_NL = {Ring.INFORMAL: "informeel", Ring.TEAM: "team", Ring.FORMAL: "formeel"}


def _person(onion: Onion, person_id: str) -> str:
    found = next((m.person.name for m in onion.members if m.person.id == person_id), None)
    return found or "iemand"


def _problem(onion: Onion, need_id: str) -> str:
    found = next((n for n in onion.needs if n.id == need_id), None)
    return found.problem.display_nl if found else "een probleem"


def _helps(after: Onion, command: SaveMember) -> str:
    needs = [_problem(after, s.need_id) for s in command.supports]
    knows = [
        _person(after, k.person_b if k.person_a == command.person.id else k.person_a)
        for k in command.knows
    ]
    words = ""
    if needs:
        words += ", helpt bij " + ", ".join(needs)
    if knows:
        words += ", kent " + ", ".join(knows)
    return words


def describe(command: Command, before: Onion, after: Onion) -> str:
    """What the change did, in words (names as the network has them)."""
    match command:
        case AdmitClient():
            if before.version == 0:
                return f"{command.client.name} in zorg genomen"
            return f"Gegevens van {command.client.name} gewijzigd"
        case SaveMember():
            p = command.person
            if any(m.person.id == p.id for m in before.members):
                return f"{p.name} gewijzigd" + _helps(after, command)
            return f"{p.name} toegevoegd ({RINGS_NL[command.membership.ring]})" + _helps(
                after, command
            )
        case UpdateMember():
            return f"{_person(after, command.person_id)} gewijzigd"
        case RemoveMember():
            return f"{_person(before, command.person_id)} verwijderd"
        case SaveNeed():
            verb = (
                "gewijzigd" if any(n.id == command.need.id for n in before.needs) else "toegevoegd"
            )
            return f"Probleem {command.need.problem.display_nl} {verb}"
        case ResolveNeed():
            return f"Probleem {_problem(before, command.need_id)} opgelost"
        case RemoveNeed():
            return f"Probleem {_problem(before, command.need_id)} verwijderd"
        case SaveSupport():
            t = command.tie
            return f"{_person(after, t.supporter_id)} helpt bij {_problem(after, t.need_id)}"
        case RemoveSupport():
            who, what = _person(before, command.supporter_id), _problem(before, command.need_id)
            return f"{who} helpt niet meer bij {what}"
        case SaveKnows():
            a, b = _person(after, command.tie.person_a), _person(after, command.tie.person_b)
            return f"{a} en {b} kennen elkaar"
        case RemoveKnows():
            a, b = _person(before, command.person_a), _person(before, command.person_b)
            return f"{a} en {b} kennen elkaar niet meer"
        case SaveRating():
            o = command.observation
            scale = SCALES[o.dimension]
            about = f" van {_problem(after, o.need_id)}" if o.need_id else ""
            label = scale.level(o.value).label_nl
            return f"{scale.name_nl}{about}: {o.value} ({label})"
        case RemoveRating():
            return "Beoordeling verwijderd"
        case Revert():
            return "Wijziging ongedaan gemaakt"
