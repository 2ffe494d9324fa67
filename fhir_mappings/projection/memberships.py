"""CareTeam.participant -> IN_NETWORK_OF: who is in a client's onion, and in
which ring; CareTeam.managingOrganization -> the team that serves her."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphsvc.domain import Client, Member, Membership, Ring

from ..code_systems import CLOSENESS, CONTACT_FREQUENCY, ONION_RING
from ..elements import day, extension_value, first_concept_text, items
from ..jsontypes import JsonObject
from ..keys import ResourceKey
from ..rings import INFORMAL_TYPES, PROFESSIONAL_TYPES, explicit_ring, infer_ring
from .builder import Builder
from .parties import Parties, works_for
from .result import GraphKind, GraphRef


@dataclass
class CareTeams:
    members: dict[str, dict[str, Member]] = field(default_factory=dict)  # client -> person -> …
    serving: dict[str, str] = field(default_factory=dict)  # client -> team id
    managing: dict[str, set[ResourceKey]] = field(default_factory=dict)  # client -> team orgs


def read_careteams(builder: Builder, parties: Parties, clients: dict[str, Client]) -> CareTeams:
    found = CareTeams()
    catalog = builder.catalog
    for key, careteam in catalog.of_type("CareTeam"):
        if careteam.get("status") == "entered-in-error":
            builder.note(key, ("status",), "entered in error; not projected")
            continue
        subject = catalog.resolve(key, ("subject",))
        if subject is None and "subject" not in careteam:
            subject = _patient_participant(builder, key, careteam, clients)
        if subject is None or subject.resource_type != "Patient" or subject.id not in clients:
            builder.note(key, ("subject",), "names no client included here; not projected")
            continue
        client_id = subject.id
        builder.link(key, ("subject",), GraphRef(GraphKind.CLIENT, client_id))
        teams = []
        for index, organization in catalog.resolve_all(key, ("managingOrganization",)):
            if organization in parties.teams:
                teams.append(organization)
                builder.link(
                    key, ("managingOrganization", index), GraphRef(GraphKind.TEAM, organization.id)
                )
        if teams:
            found.serving.setdefault(client_id, teams[0].id)
            found.managing.setdefault(client_id, set()).update(teams)
        participants = careteam.get("participant")
        for index, participant in enumerate(participants if isinstance(participants, list) else ()):
            element = ("participant", index)
            target = catalog.resolve(key, (*element, "member"))
            if target is None or target == subject:
                continue  # the client herself is ring 0, not a member
            if not parties.check_owner(key, (*element, "member"), target, subject):
                continue
            person_id = parties.person_for(target)
            if person_id is None:
                if target.resource_type not in INFORMAL_TYPES | PROFESSIONAL_TYPES:
                    builder.note(
                        key,
                        (*element, "member"),
                        f"a {target.resource_type} is no person; left out of the onion",
                    )
                continue
            on_behalf_of = catalog.resolve(key, (*element, "onBehalfOf"))
            if on_behalf_of is not None and on_behalf_of.resource_type != "Organization":
                on_behalf_of = None
            organizations = {
                *parties.organizations_of(target),
                *([on_behalf_of] if on_behalf_of else []),
            }
            roles = items(participant.get("role"))
            ring = infer_ring(target.resource_type, organizations, teams, explicit_ring(roles))
            relationship = (
                parties.persons[person_id].role if target.resource_type in INFORMAL_TYPES else None
            )
            membership = builder.build(
                key,
                element,
                Membership,
                person_id,
                client_id,
                ring,
                first_concept_text(roles, skip_system=ONION_RING),
                relationship,
                extension_value(participant, CONTACT_FREQUENCY, "valueCode"),
                extension_value(participant, CLOSENESS, "valueInteger"),
                day(participant.get("period", {}).get("start")),
            )
            if membership is None:
                continue
            members = found.members.setdefault(client_id, {})
            if person_id not in members:
                ids = works_for(target, organizations)
                members[person_id] = Member(parties.persons[person_id], membership, ids)
            builder.came_from(GraphRef(GraphKind.MEMBERSHIP, person_id, client_id), key, element)
            builder.link(key, (*element, "member"), GraphRef(GraphKind.PERSON, person_id))
    return found


def _patient_participant(
    builder: Builder, key: ResourceKey, careteam: JsonObject, clients: dict[str, Client]
) -> ResourceKey | None:
    """A CareTeam without a subject is about its one Patient participant, when
    it has exactly one (as some Dutch systems send it)."""
    participants = careteam.get("participant")
    patients = {
        target
        for index, _ in enumerate(participants if isinstance(participants, list) else ())
        if (target := builder.catalog.resolve(key, ("participant", index, "member"))) is not None
        and target.resource_type == "Patient"
        and target.id in clients
    }
    if len(patients) != 1:
        return None
    (patient,) = patients
    builder.note(key, ("subject",), f"no subject: taken to be its participant {patient.reference}")
    return patient


def read_relatives(
    builder: Builder, parties: Parties, clients: dict[str, Client], found: CareTeams
) -> None:
    """Every RelatedPerson of a client is in her informal ring, named in a
    CareTeam or not (nl-core ContactPerson: a husband registered as contact
    person is in her network); one no longer active is not, nor one
    contained in another resource (it stands for whatever refers to it)."""
    catalog = builder.catalog
    for key, related in catalog.of_type("RelatedPerson"):
        if key not in catalog.top:
            continue  # a contained one is part of what refers to it, no more
        patient = catalog.resolve(key, ("patient",))
        if patient is None or patient.resource_type != "Patient" or patient.id not in clients:
            continue
        person_id = parties.person_for(key)
        if person_id is None or related.get("active") is False:
            continue
        members = found.members.setdefault(patient.id, {})
        if person_id in members:
            continue
        period = related.get("period")
        membership = builder.build(
            key,
            ("patient",),
            Membership,
            person_id,
            patient.id,
            Ring.INFORMAL,
            None,
            parties.persons[person_id].role,
            None,
            None,
            day(period.get("start")) if isinstance(period, dict) else None,
        )
        if membership is None:
            continue
        members[person_id] = Member(parties.persons[person_id], membership, ())
        builder.came_from(GraphRef(GraphKind.MEMBERSHIP, person_id, patient.id), key, ("patient",))
