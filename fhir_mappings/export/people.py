"""Resources made for people the graph knows and FHIR does not yet."""

from __future__ import annotations

from graphsvc.domain import Person, Ring

from ..jsontypes import JsonObject
from ..keys import ResourceKey


def new_person(person: Person, client_reference: str, with_role: bool = True) -> JsonObject:
    """A RelatedPerson for someone who is informal by who she is, else a
    Practitioner (whose role goes in her qualification unless a PractitionerRole
    will say it); her place in this onion is said on the CareTeam."""
    if person.ring is Ring.INFORMAL:
        resource: JsonObject = {
            "resourceType": "RelatedPerson",
            "id": person.id,
            "patient": {"reference": client_reference},
        }
        if person.role:
            resource["relationship"] = [{"text": person.role}]
    else:
        resource = {"resourceType": "Practitioner", "id": person.id}
        if person.role and with_role:
            resource["qualification"] = [{"code": {"text": person.role}}]
    resource["name"] = [{"text": person.name}]
    if person.contact:
        resource["telecom"] = [telecom(person.contact)]
    return resource


def new_role(
    role_id: str, person: Person, practitioner: ResourceKey, organization_id: str
) -> JsonObject:
    """A professional's place at her organisation (which says her ring: team
    when the organisation is a nursing team) and what she does there."""
    role: JsonObject = {
        "resourceType": "PractitionerRole",
        "id": role_id,
        "practitioner": {"reference": practitioner.reference},
        "organization": {"reference": f"Organization/{organization_id}"},
    }
    if person.role:
        role["code"] = [{"text": person.role}]
    return role


def telecom(contact: str) -> JsonObject:
    return {"system": "email" if "@" in contact else "phone", "value": contact}
