"""Who is who: clients from Patients, teams and organisations from
Organizations, and the Person each member or performer stands for."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from graphsvc.domain import (
    Client,
    Organization,
    OrganizationKind,
    Person,
    Ring,
    Staff,
    Team,
)

from ..code_systems import ORGANIZATION_KIND, coded
from ..elements import (
    concept_text,
    day,
    first_concept_text,
    home_address,
    home_district,
    human_name,
    items,
    relationship_text,
    text,
)
from ..elements import telecom as first_telecom
from ..jsontypes import JsonPath
from ..keys import ResourceKey
from ..rings import INFORMAL_TYPES
from .builder import Builder
from .compartments import foreign
from .result import GraphKind, GraphRef


def organization_kind(resource: dict[str, object]) -> OrganizationKind | None:
    return coded(items(resource.get("type")), ORGANIZATION_KIND, OrganizationKind)


class Parties:
    def __init__(self, builder: Builder, teams: Collection[ResourceKey]) -> None:
        self.b = builder
        self.teams = frozenset(teams)
        self.persons: dict[str, Person] = {}
        self._person_of: dict[ResourceKey, str | None] = {}
        self._person_source: dict[str, ResourceKey] = {}
        self._role_practitioner: dict[ResourceKey, ResourceKey | None] = {}
        self._role_organization: dict[ResourceKey, ResourceKey | None] = {}
        self._roles_of: dict[ResourceKey, list[ResourceKey]] = {}
        catalog = builder.catalog
        for key, _ in catalog.of_type("PractitionerRole"):
            practitioner = _of_type(catalog.resolve(key, ("practitioner",)), "Practitioner")
            self._role_practitioner[key] = practitioner
            organization = _of_type(catalog.resolve(key, ("organization",)), "Organization")
            self._role_organization[key] = organization
            if practitioner is not None:
                self._roles_of.setdefault(practitioner, []).append(key)

    # -- clients, teams, organisations -------------------------------------

    def clients(self) -> dict[str, Client]:
        found = {}
        for key, patient in self.b.catalog.of_type("Patient"):
            name = human_name(patient.get("name")) or f"Patient {key.id}"
            district = home_district(patient.get("address"))
            born = day(patient.get("birthDate"))
            address = home_address(patient.get("address"))
            client = self.b.build(key, (), Client, key.id, name, district, born, address)
            if client is not None:
                found[client.id] = client
                self.b.came_from(GraphRef(GraphKind.CLIENT, client.id), key)
        return found

    def organizations(self) -> tuple[list[Team], list[Organization]]:
        teams, organizations = [], []
        for key, resource in self.b.catalog.of_type("Organization"):
            name = _organization_name(key, resource)
            if key in self.teams:
                district = home_district(resource.get("address"))
                team = self.b.build(key, (), Team, key.id, name, district)
                if team is not None:
                    teams.append(team)
                    self.b.came_from(GraphRef(GraphKind.TEAM, key.id), key)
            else:
                kind = organization_kind(resource) or OrganizationKind.OTHER
                organization = self.b.build(key, (), Organization, key.id, name, kind)
                if organization is not None:
                    organizations.append(organization)
                    self.b.came_from(GraphRef(GraphKind.ORGANIZATION, key.id), key)
        return teams, organizations

    # -- people -------------------------------------------------------------

    def organizations_of(self, key: ResourceKey) -> tuple[ResourceKey, ...]:
        """The organisations a member works for, as far as the resources say."""
        if key.resource_type == "Organization":
            return (key,)
        if key.resource_type == "PractitionerRole":
            organization = self._role_organization.get(key)
            return (organization,) if organization else ()
        if key.resource_type == "Practitioner":
            found = (self._role_organization.get(r) for r in self._roles_of.get(key, ()))
            return tuple(sorted({o for o in found if o is not None}))
        return ()

    def person_for(self, key: ResourceKey) -> str | None:
        """The id of the Person a member or performer stands for; None if it is
        no person (a CareTeam, a Group) or breaks a rule (then an error is kept)."""
        if key not in self._person_of:
            self._person_of[key] = self._make_person(key)
        return self._person_of[key]

    def staff(self) -> list[Staff]:
        found = []
        for worker in sorted(self._roles_of):
            organizations = self.organizations_of(worker)
            person_id = self.person_for(worker) if organizations else None
            if person_id is not None:
                ids = tuple(o.id for o in organizations)
                found.append(Staff(self.persons[person_id], ids))
        for role, named in sorted(self._role_practitioner.items()):
            employer = self._role_organization.get(role)
            if named is None and employer is not None:
                person_id = self.person_for(role)
                if person_id is not None:
                    found.append(Staff(self.persons[person_id], (employer.id,)))
        return found

    def _make_person(self, key: ResourceKey) -> str | None:
        resource = self.b.catalog.resources[key]
        kind = key.resource_type
        if kind == "PractitionerRole":
            practitioner = self._role_practitioner.get(key)
            if practitioner is not None:
                return self.person_for(practitioner)
        if kind in INFORMAL_TYPES:
            ring, role = Ring.INFORMAL, relationship_text(items(resource.get("relationship")))
        elif kind in ("Practitioner", "PractitionerRole", "Organization"):
            ring = Ring.TEAM if set(self.organizations_of(key)) & self.teams else Ring.FORMAL
            role = self._professional_role(key, resource)
        else:
            return None
        name = self._name(key, resource)
        contact = first_telecom(resource.get("telecom"))
        organization = kind == "Organization"
        person = self.b.build(key, (), Person, key.id, name, ring, role, contact, organization)
        if person is None:
            return None
        claimed = self._person_source.get(person.id)
        if claimed is not None and claimed != key:
            message = f"is the same person id as {claimed.reference}; person ids must be unique"
            self.b.error(key, (), message)
            return None
        self._person_source[person.id] = key
        self.persons[person.id] = person
        self.b.came_from(GraphRef(GraphKind.PERSON, person.id), key)
        return person.id

    def check_owner(
        self, holder: ResourceKey, element: JsonPath, person: ResourceKey, client: ResourceKey
    ) -> bool:
        """A person of a client's compartment (her relative, or the client
        herself) belongs to that client's network: naming her in another
        client's network is an error there."""
        owner = self.b.catalog.compartment(person)
        if owner is None or owner == client.id:
            return True
        self.b.error(holder, element, foreign(person, owner, client.id))
        return False

    def _name(self, key: ResourceKey, resource: dict[str, object]) -> str:
        if key.resource_type == "Organization":
            return _organization_name(key, resource)
        if key.resource_type == "PractitionerRole":
            practitioner = resource.get("practitioner")
            display = text(practitioner.get("display")) if isinstance(practitioner, dict) else None
            return display or first_concept_text(items(resource.get("code"))) or key.reference
        return human_name(resource.get("name")) or key.reference

    def _professional_role(self, key: ResourceKey, resource: dict[str, object]) -> str | None:
        if key.resource_type == "Organization":
            return first_concept_text(items(resource.get("type")))
        if key.resource_type == "PractitionerRole":
            return first_concept_text(items(resource.get("code")))
        for role in self._roles_of.get(key, ()):
            found = first_concept_text(items(self.b.catalog.resources[role].get("code")))
            if found:
                return found
        for qualification in items(resource.get("qualification")):
            found = concept_text(qualification.get("code"))
            if found:
                return found
        return None


def _of_type(key: ResourceKey | None, resource_type: str) -> ResourceKey | None:
    return key if key is not None and key.resource_type == resource_type else None


def _organization_name(key: ResourceKey, resource: dict[str, object]) -> str:
    alias = resource.get("alias")
    first_alias = alias[0] if isinstance(alias, list) and alias else None
    return text(resource.get("name")) or text(first_alias) or f"Organization {key.id}"


def works_for(member: ResourceKey, organizations: Iterable[ResourceKey]) -> tuple[str, ...]:
    """The ids of the organisations a member works for: an organisation in
    an onion (a pharmacy) is one of them for its ring, but works for none,
    as the graph holds it (MEMBER_OF is a person's)."""
    return tuple(sorted(o.id for o in organizations if o != member))
