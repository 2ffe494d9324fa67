"""What the parts of an export share: the onion as it is now, the onion the
stored resources stand for, where each of its objects came from, and the
workspace the resources are rewritten in."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Mapping, Sequence

from graphsvc.domain import Member, Onion, Person, Ring

from ..issues import Issue
from ..jsontypes import JsonObject
from ..keys import ResourceKey
from ..projection import GraphKind, GraphRef, Origin, project_once
from ..projection.result import ReferenceLink
from .edits import at
from .people import new_person, new_role
from .workspace import Workspace

# Ids of resources made up for a client come from this namespace and the
# client's id, so exporting twice makes the same ids.
GENERATED_IDS = uuid.UUID("0f5a3a52-61a4-4c56-9a8e-2d5b3d1f7c44")


class Overlay:
    def __init__(
        self,
        onion: Onion,
        originals: Mapping[ResourceKey, JsonObject],
        base_urls: Sequence[str],
        retired: frozenset[ResourceKey] = frozenset(),
    ) -> None:
        self.base_urls = tuple(base_urls)
        self.retired = retired
        self.now = onion.canonical()
        self.projection = project_once(originals, base_urls=self.base_urls)
        client_id = self.now.client.id
        self.before = self.projection.onion(client_id) or Onion(self.now.client, None)
        self.workspace = Workspace(originals)
        self.notes: list[Issue] = []
        self._moved: dict[GraphRef, ResourceKey] = {}
        self.persons: dict[str, Person] = {
            s.person.id: s.person for s in self.projection.population.staff
        }
        for other in self.projection.population.onions:
            self.persons.update((m.person.id, m.person) for m in other.members)
        self._links: dict[ResourceKey, list[ReferenceLink]] = {}
        for link in self.projection.links:
            self._links.setdefault(link.resource, []).append(link)
        client = GraphRef(GraphKind.CLIENT, client_id)
        self.careteams = self._subjects_of("CareTeam", client)
        self.careplans = self._subjects_of("CarePlan", client)

    # -- where things are ------------------------------------------------------

    def origin(self, ref: GraphRef) -> Origin | None:
        moved = self._moved.get(ref)
        if moved is not None:
            return Origin(moved)
        return self.projection.origin(ref)

    def links(self, resource: ResourceKey, kind: GraphKind | None = None) -> list[ReferenceLink]:
        found = self._links.get(resource, [])
        return [link for link in found if kind is None or link.target.kind is kind]

    def element(self, origin: Origin, *, edit: bool = True) -> JsonObject:
        """The resource (or contained resource) an origin names, to change when ``edit``."""
        top = self.workspace.edit(origin.resource) if edit else self.workspace.read(origin.resource)
        if origin.contained_id is None:
            found = at(top, origin.element)
        else:  # found by id: earlier edits may have moved it in the list
            contained = [c for c in top.get("contained", ()) if isinstance(c, dict)]
            found = next(c for c in contained if c.get("id") == origin.contained_id)
        assert isinstance(found, dict)
        return found

    def client_reference(self) -> str:
        origin = self.origin(GraphRef(GraphKind.CLIENT, self.now.client.id))
        return origin.fhir_reference if origin else f"Patient/{self.now.client.id}"

    def pointer(self, ref: GraphRef, holder: ResourceKey) -> str | None:
        """A reference from ``holder`` to the resource a graph object came from;
        a contained one is moved out to stand alone when another resource needs it."""
        origin = self.origin(ref)
        if origin is None:
            return None
        if origin.contained_id is None:
            return origin.resource.reference
        if origin.resource == holder:
            return f"#{origin.contained_id}"
        inner = self.element(origin, edit=False)
        key = ResourceKey(str(inner.get("resourceType")), ref.id)
        self.workspace.promote(origin.resource, origin.contained_id, key)
        self._moved[ref] = key
        return key.reference

    def person_reference(self, member: Member, holder: ResourceKey) -> str:
        """A reference to the person's resource; one is made when she has none,
        with a PractitionerRole at her organisation for a professional."""
        person = member.person
        ref = GraphRef(GraphKind.PERSON, person.id)
        found = self.pointer(ref, holder)
        if found is not None:
            return found
        kind = "RelatedPerson" if person.ring is Ring.INFORMAL else "Practitioner"
        key = ResourceKey(kind, person.id)
        if key not in self.workspace:
            employer = self._employer(member) if kind == "Practitioner" else None
            self.workspace.add(key, new_person(person, self.client_reference(), employer is None))
            if employer is not None:
                role = ResourceKey("PractitionerRole", self._made_id("PractitionerRole", person.id))
                self.workspace.add(role, new_role(role.id, person, key, employer))
        self._moved[ref] = key
        return key.reference

    def _employer(self, member: Member) -> str | None:
        ids = member.organization_ids
        if member.person.ring is Ring.TEAM:
            return next(iter(ids), self.now.team_id)
        return next(iter(ids), None)

    def generated_key(self, resource_type: str) -> ResourceKey:
        """The id of a resource made for the client; one deleted before is
        never made again (a second, third, ... id then)."""
        owner = self.now.client.id
        key = ResourceKey(resource_type, self._made_id(resource_type, owner))
        for n in itertools.count(2):
            if key not in self.retired:
                return key
            key = ResourceKey(resource_type, self._made_id(resource_type, f"{owner}|{n}"))
        raise AssertionError("unreachable")

    @staticmethod
    def _made_id(resource_type: str, owner: str) -> str:
        return str(uuid.uuid5(GENERATED_IDS, f"{resource_type}|{owner}"))

    def note(self, expression: str, message: str, resource: str | None = None) -> None:
        self.notes.append(Issue(expression, message, "informational", "warning", resource))

    def _subjects_of(self, resource_type: str, client: GraphRef) -> list[ResourceKey]:
        return sorted(
            {
                link.resource
                for link in self.projection.links
                if link.resource.resource_type == resource_type
                and link.element == ("subject",)
                and link.target == client
            }
        )

    def primary(self, keys: list[ResourceKey]) -> ResourceKey | None:
        """The resource new entries go to: the first active one, else the first."""
        for key in keys:
            if self.workspace.read(key).get("status") == "active":
                return key
        return keys[0] if keys else None
