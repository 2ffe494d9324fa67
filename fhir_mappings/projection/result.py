"""What a projection hands back: the domain objects, and for each the FHIR
element it came from, so that the graph can keep ``fhirReference``s and an
export can find its way back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from graphsvc.domain import Onion, Population, SupportKind, TieStatus

from ..expressions import expression
from ..issues import Issue
from ..jsontypes import JsonPath
from ..keys import ResourceKey
from ..timing import Schedule


class GraphKind(StrEnum):
    CLIENT = "client"
    PERSON = "person"
    TEAM = "team"
    ORGANIZATION = "organization"
    NEED = "need"
    MEMBERSHIP = "membership"  # id: the person, other: the client
    SUPPORT = "support"  # id: the supporter, other: the need
    OBSERVATION = "observation"


class GraphRef(NamedTuple):
    kind: GraphKind
    id: str
    other: str = ""


@dataclass(frozen=True, slots=True)
class Origin:
    """An element of a stored resource: ``element`` is its JSON path inside
    ``resource`` (empty for the whole resource)."""

    resource: ResourceKey
    element: JsonPath = ()
    contained_id: str | None = None  # set when the element is a contained resource

    @property
    def fhir_reference(self) -> str:
        """``RelatedPerson/abc``, or ``CareTeam/ct-1#neighbour`` for a contained one."""
        suffix = f"#{self.contained_id}" if self.contained_id else ""
        return self.resource.reference + suffix

    @property
    def path(self) -> str:
        return expression(self.resource.resource_type, self.element)


@dataclass(frozen=True, slots=True)
class ReferenceLink:
    """A Reference inside a stored resource that stands for a graph object."""

    resource: ResourceKey
    element: JsonPath  # the Reference's JSON path inside ``resource``
    target: GraphRef


@dataclass(frozen=True, slots=True)
class ActivitySupport:
    """What one CarePlan.activity says about support, before ties are merged."""

    careplan: ResourceKey
    index: int  # in CarePlan.activity
    client_id: str
    performers: tuple[str, ...]  # person ids, in performer order, once each
    needs: tuple[str, ...]  # need ids, in reasonReference order, once each
    kind: SupportKind | None  # None: each performer's default kind
    schedule: Schedule
    status: TieStatus
    since: date | None
    since_from_timing: bool


@dataclass(frozen=True, slots=True)
class Projection:
    population: Population
    origins: Mapping[GraphRef, tuple[Origin, ...]]
    links: tuple[ReferenceLink, ...]
    activities: tuple[ActivitySupport, ...]
    notes: tuple[Issue, ...]  # warnings: what was read but not projected, and why

    def onion(self, client_id: str) -> Onion | None:
        return next((o for o in self.population.onions if o.client.id == client_id), None)

    def origin(self, ref: GraphRef) -> Origin | None:
        found = self.origins.get(ref)
        return found[0] if found else None

    def fhir_reference(self, ref: GraphRef) -> str | None:
        origin = self.origin(ref)
        return origin.fhir_reference if origin else None
