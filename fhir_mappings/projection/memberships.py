"""CareTeam.participant -> IN_NETWORK_OF: who is in a client's onion, and in
which ring; CareTeam.managingOrganization -> the team that serves her."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphsvc.domain import Client, Member, Membership

from ..code_systems import CLOSENESS, CONTACT_FREQUENCY, ONION_RING
from ..elements import day, extension_value, first_concept_text, items
from ..keys import ResourceKey
from ..rings import INFORMAL_TYPES, PROFESSIONAL_TYPES, explicit_ring, infer_ring
from .builder import Builder
from .parties import Parties
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
                ids = tuple(sorted(o.id for o in organizations))
                members[person_id] = Member(parties.persons[person_id], membership, ids)
            builder.came_from(GraphRef(GraphKind.MEMBERSHIP, person_id, client_id), key, element)
            builder.link(key, (*element, "member"), GraphRef(GraphKind.PERSON, person_id))
    return found
