"""The onion -> CareTeam: who takes part, in which ring and role, how close
and how often in touch, since when; the team that manages it."""

from __future__ import annotations

from graphsvc.domain import Member, Membership, Ring

from ..code_systems import CLOSENESS, CONTACT_FREQUENCY, ONION_RING, RING_DISPLAY, coding, codings
from ..elements import items, text
from ..jsontypes import JsonObject
from ..keys import ResourceKey
from ..projection import GraphKind, GraphRef
from .context import Overlay
from .edits import drop_items, put_coding, put_period_start, set_extension, set_or_drop


def overlay_careteams(overlay: Overlay) -> None:
    now = {m.person.id: m for m in overlay.now.members}
    before = {m.person.id: m for m in overlay.before.members}
    client_id = overlay.now.client.id
    primary = overlay.primary(overlay.careteams)
    if primary is None and overlay.now.team_id is not None:
        # the team that serves her is named by her CareTeam, members or not
        primary = new_careteam(overlay)
    elif overlay.now.team_id != overlay.before.team_id and primary is not None:
        team = overlay.now.team_id
        managing = [{"reference": f"Organization/{team}"}] if team else None
        set_or_drop(overlay.workspace.edit(primary), "managingOrganization", managing)
    written: set[str] = set()
    for key in overlay.careteams:
        gone: set[int] = set()
        for link in overlay.links(key, GraphKind.PERSON):
            if link.element[0] != "participant" or len(link.element) != 3:
                continue
            index, person_id = link.element[1], link.target.id
            assert isinstance(index, int)
            if person_id not in now:
                gone.add(index)
                continue
            old, member = before.get(person_id), now[person_id]
            if old is None or old.membership == member.membership or person_id in written:
                continue
            if _first_participant(overlay, person_id, client_id) == (key, index):
                careteam = overlay.workspace.edit(key)
                write_membership(careteam["participant"][index], member.membership, old.membership)
                written.add(person_id)
        if gone:
            drop_items(overlay.workspace.edit(key), "participant", gone)
    joining = [
        member
        for person_id, member in now.items()
        if person_id not in before
        or (
            member.membership != before[person_id].membership
            and _first_participant(overlay, person_id, client_id) is None
        )
    ]
    if joining:
        add_participants(overlay, primary, joining)


def write_membership(participant: JsonObject, now: Membership, before: Membership | None) -> None:
    roles = items(participant.get("role"))
    if before is None or now.ring != before.ring:
        roles = _with_ring(roles, now.ring)
    if before is None or now.role != before.role:
        roles = _with_role(roles, now.role)
    set_or_drop(participant, "role", roles)
    if before is None or now.contact_frequency != before.contact_frequency:
        frequency = now.contact_frequency.value if now.contact_frequency else None
        set_extension(participant, CONTACT_FREQUENCY, "valueCode", frequency)
    if before is None or now.closeness != before.closeness:
        set_extension(participant, CLOSENESS, "valueInteger", now.closeness)
    if before is None or now.since != before.since:
        since = now.since.isoformat() if now.since else None
        put_period_start(participant, "period", since)


def pin_ring(participant: JsonObject, ring: Ring) -> None:
    """Say the ring outright, where inference would now say another."""
    set_or_drop(participant, "role", _with_ring(items(participant.get("role")), ring))


def _with_ring(roles: list[JsonObject], ring: Ring) -> list[JsonObject]:
    ring_coding = coding(ONION_RING, ring.value, RING_DISPLAY[ring])
    for index, concept in enumerate(roles):
        if any(c.get("system") == ONION_RING for c in codings(concept)):
            return [
                *roles[:index],
                put_coding(concept, ONION_RING, ring_coding),
                *roles[index + 1 :],
            ]
    return [*roles, {"coding": [ring_coding]}]


def _with_role(roles: list[JsonObject], role: str | None) -> list[JsonObject]:
    """Replace the words of the role that is read (the first that is more than
    a ring code); keep a ring code that shares its concept."""
    for index, concept in enumerate(roles):
        rings = [c for c in codings(concept) if c.get("system") == ONION_RING]
        others = [c for c in codings(concept) if c.get("system") != ONION_RING]
        if not text(concept.get("text")) and not others:
            continue
        replaced = {k: v for k, v in concept.items() if k not in ("coding", "text", "_text")}
        if rings:
            replaced["coding"] = rings
        if role:
            replaced["text"] = role
        rest = roles[index + 1 :]
        return [*roles[:index], *([replaced] if replaced else []), *rest]
    return [*roles, {"text": role}] if role else roles


def _first_participant(
    overlay: Overlay, person_id: str, client_id: str
) -> tuple[ResourceKey, int] | None:
    origins = overlay.projection.origins.get(
        GraphRef(GraphKind.MEMBERSHIP, person_id, client_id), ()
    )
    for origin in origins:
        if origin.resource in overlay.careteams and origin.element[:1] == ("participant",):
            index = origin.element[1]
            assert isinstance(index, int)
            return origin.resource, index
    return None


def add_participants(overlay: Overlay, primary: ResourceKey | None, joining: list[Member]) -> None:
    if primary is None:
        primary = new_careteam(overlay)
    participants = []
    for member in joining:
        reference = overlay.person_reference(member, primary)
        participant: JsonObject = {
            "member": {"reference": reference, "display": member.person.name}
        }
        if reference.startswith("Practitioner/") and member.organization_ids:
            ids = member.organization_ids
            chosen = overlay.now.team_id if overlay.now.team_id in ids else ids[0]
            participant["onBehalfOf"] = {"reference": f"Organization/{chosen}"}
        write_membership(participant, member.membership, None)
        participants.append(_ordered(participant))
    careteam = overlay.workspace.edit(primary)
    careteam["participant"] = [*items(careteam.get("participant")), *participants]


def new_careteam(overlay: Overlay) -> ResourceKey:
    """Her CareTeam, made here: managed by the team that serves her."""
    key = overlay.generated_key("CareTeam")
    careteam: JsonObject = {
        "resourceType": "CareTeam",
        "id": key.id,
        "status": "active",
        "subject": {"reference": overlay.client_reference()},
    }
    if overlay.now.team_id:
        careteam["managingOrganization"] = [{"reference": f"Organization/{overlay.now.team_id}"}]
    overlay.workspace.add(key, careteam)
    overlay.careteams.append(key)
    return key


def _ordered(participant: JsonObject) -> JsonObject:
    order = ("extension", "role", "member", "onBehalfOf", "period")
    return {name: participant[name] for name in order if name in participant}
