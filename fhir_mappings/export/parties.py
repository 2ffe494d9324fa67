"""The client's Patient and the resources of the people in her onion: name,
birth date, neighbourhood, contact and relationship as the graph has them."""

from __future__ import annotations

from graphsvc.domain import Client

from ..elements import CONTACT_SYSTEMS, items, name_text, rank, ranked_names, relationship_index
from ..jsontypes import JsonObject
from ..keys import ResourceKey
from ..projection import GraphKind, GraphRef
from .context import Overlay
from .edits import at, set_or_drop
from .people import telecom

NAMED_TYPES = frozenset({"Patient", "RelatedPerson", "Practitioner"})


def overlay_client(overlay: Overlay) -> None:
    client, before = overlay.now.client, overlay.before.client
    origin = overlay.origin(GraphRef(GraphKind.CLIENT, client.id))
    if origin is None:
        key = ResourceKey("Patient", client.id)
        if key in overlay.workspace:
            overlay.note(
                "Patient", "a resource with the client's id exists; left as it is", key.reference
            )
            return
        overlay.workspace.add(key, new_patient(client))
        return
    if client == before:
        return
    patient = overlay.element(origin)
    if client.name != before.name:
        set_name(patient, client.name)
    if client.birth_date != before.birth_date:
        set_or_drop(
            patient, "birthDate", client.birth_date.isoformat() if client.birth_date else None
        )
    if client.neighbourhood != before.neighbourhood:
        set_district(patient, client.neighbourhood)
    if client.address != before.address:
        set_address_text(patient, client.address)


def overlay_people(overlay: Overlay) -> None:
    for member in overlay.now.members:
        person = member.person
        before = overlay.persons.get(person.id)
        origin = overlay.origin(GraphRef(GraphKind.PERSON, person.id))
        if before is None or origin is None or before == person:
            continue
        resource = overlay.element(origin)
        kind = resource.get("resourceType")
        if person.name != before.name:
            if kind in NAMED_TYPES:
                set_name(resource, person.name)
            elif kind == "Organization":
                resource["name"] = person.name
            overlay_displays(overlay, GraphRef(GraphKind.PERSON, person.id), person.name)
        if person.contact != before.contact:
            set_contact(resource, person.contact)
        if person.role != before.role and kind in ("RelatedPerson", "Patient"):
            # the concept read (a contact-person role before it stays)
            relationships = items(resource.get("relationship"))
            at = relationship_index(relationships)
            concept = [{"text": person.role}] if person.role else []
            if at is None:
                set_or_drop(resource, "relationship", relationships + concept)
            else:
                kept = relationships[:at] + concept + relationships[at + 1 :]
                set_or_drop(resource, "relationship", kept)
    overlay_active_relatives(overlay)


def overlay_displays(overlay: Overlay, target: GraphRef, name: str) -> None:
    """References to someone renamed that show her name show the new one."""
    for holder in (*overlay.careteams, *overlay.careplans):
        for link in overlay.links(holder, target.kind):
            if link.target != target:
                continue
            reference = at(overlay.workspace.read(holder), link.element)
            if isinstance(reference, dict) and reference.get("display", name) != name:
                edited = at(overlay.workspace.edit(holder), link.element)
                edited["display"] = name
                edited.pop("_display", None)


def overlay_active_relatives(overlay: Overlay) -> None:
    """Every active RelatedPerson of a client is in her network: one taken
    out of it is kept, as no longer active; one put back is active again."""
    now = {m.person.id for m in overlay.now.members}
    before = {m.person.id for m in overlay.before.members}
    for person_id in sorted(now ^ before):  # taken out, or put (back) in
        origin = overlay.origin(GraphRef(GraphKind.PERSON, person_id))
        if origin is None:
            continue
        resource = overlay.element(origin, edit=False)
        if resource.get("resourceType") != "RelatedPerson":
            continue
        active = person_id in now
        if (resource.get("active") is not False) != active:
            overlay.element(origin)["active"] = active


def new_patient(client: Client) -> JsonObject:
    patient: JsonObject = {
        "resourceType": "Patient",
        "id": client.id,
        "name": [{"text": client.name}],
    }
    if client.birth_date:
        patient["birthDate"] = client.birth_date.isoformat()
    if client.neighbourhood or client.address:
        address: JsonObject = {"use": "home"}
        if client.address:
            address["text"] = client.address
        if client.neighbourhood:
            address["district"] = client.neighbourhood
        patient["address"] = [address]
    return patient


def set_address_text(resource: JsonObject, address: str | None) -> None:
    """The home address's text (the one read) becomes ``address``; its
    structured parts, which said the old address, go with the old text."""
    addresses = items(resource.get("address"))
    ranked = sorted(addresses, key=lambda a: 0 if a.get("use") == "home" else 1)
    if not ranked:
        if address:
            resource["address"] = [{"use": "home", "text": address}]
        return
    home = ranked[0]
    for part in ("line", "postalCode", "city"):
        home.pop(part, None)
    set_or_drop(home, "text", address)
    if set(home) <= {"use"}:
        set_or_drop(resource, "address", [a for a in addresses if a is not home])


def set_name(resource: JsonObject, name: str) -> None:
    """Replace the name that is read (see elements.ranked_names) by ``name``."""
    names = [n for n in ranked_names(resource.get("name")) if name_text(n)]
    if not names:
        resource["name"] = [{"text": name}, *items(resource.get("name"))]
        return
    read = names[0]
    replacement = {"use": read["use"], "text": name} if "use" in read else {"text": name}
    resource["name"] = [replacement if n is read else n for n in resource["name"]]


def set_contact(resource: JsonObject, contact: str | None) -> None:
    points = items(resource.get("telecom"))
    read = next(
        (
            p
            for p in sorted(points, key=rank)
            if p.get("value") and p.get("system") in CONTACT_SYSTEMS
        ),
        None,
    )
    if read is None:
        if contact:
            resource["telecom"] = [*points, telecom(contact)]
        return
    if contact is None:  # no way to reach her: none of the points the graph reads is left
        kept = [p for p in points if not (p.get("value") and p.get("system") in CONTACT_SYSTEMS)]
        set_or_drop(resource, "telecom", kept)
    else:
        # what described the old number (work, a landline: ContactPointType)
        # says nothing of the new one; which point is read stays as it was
        replacement = telecom(contact)
        if read.get("system") not in ("phone", "email", None):
            replacement["system"] = read["system"]
        if "rank" in read:
            replacement["rank"] = read["rank"]
        resource["telecom"] = [replacement if p is read else p for p in points]


def set_district(resource: JsonObject, district: str | None) -> None:
    addresses = items(resource.get("address"))
    ranked = sorted(addresses, key=lambda a: 0 if a.get("use") == "home" else 1)
    if not ranked:
        if district:
            resource["address"] = [{"use": "home", "district": district}]
        return
    set_or_drop(ranked[0], "district", district)
    if not ranked[0]:
        set_or_drop(resource, "address", [a for a in addresses if a is not ranked[0]])
