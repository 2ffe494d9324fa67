"""FHIR -> the graph: the domain objects a set of stored resources stands for.

``project`` takes resources keyed by (type, id), with references already
rewritten to this server's keys (see :mod:`fhir_mappings.bundles`), and gives
back a :class:`~graphsvc.domain.Population` — teams, organisations, staff and
one onion per Patient — with the origin of every object in it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from graphsvc.domain import Onion, OrganizationKind, Population, ValidationError

from ..issues import FhirValidationError, Issue
from ..jsontypes import JsonObject
from ..keys import ResourceKey
from .builder import Builder
from .catalog import Catalog
from .compartments import check_compartments
from .diagnoses import read_diagnoses
from .memberships import read_careteams, read_relatives
from .memo import ProjectionMemo
from .needs import read_needs
from .parties import Parties, organization_kind
from .ratings import read_ratings
from .result import (
    ActivitySupport,
    GraphKind,
    GraphRef,
    Origin,
    Projection,
    ReferenceLink,
)
from .supports import read_careplans

__all__ = [
    "MEMO",
    "ActivitySupport",
    "GraphKind",
    "GraphRef",
    "Origin",
    "Projection",
    "ReferenceLink",
    "project",
    "project_once",
]


MEMO = ProjectionMemo()


def project_once(
    resources: Mapping[ResourceKey, JsonObject], *, base_urls: Sequence[str] = ()
) -> Projection:
    """:func:`project`, made once for the same resources (memo.py): for an
    export, which projects what the previous one read back; a write's new
    resources would only pay for the key."""
    return MEMO.get(resources, base_urls, lambda: project(resources, base_urls=base_urls))


def project(
    resources: Mapping[ResourceKey, JsonObject],
    *,
    base_urls: Sequence[str] = (),
    written: Collection[ResourceKey] = (),
) -> Projection:
    """Raises :class:`FhirValidationError` when the resources break a rule of
    the domain (an Omaha code that does not exist, a rating of 7, a schedule of
    more hours than a week has, a resource of ``written`` naming another
    client's: compartments.py); what cannot be projected is listed in notes."""
    catalog = Catalog(resources, base_urls)
    builder = Builder(catalog)
    check_compartments(builder, written)
    if builder.errors:
        raise FhirValidationError(builder.errors)
    parties = Parties(builder, _teams(catalog))
    clients = parties.clients()
    teams, organizations = parties.organizations()
    careteams = read_careteams(builder, parties, clients)
    read_relatives(builder, parties, clients, careteams)
    needs = read_needs(builder, clients)
    diagnoses = read_diagnoses(builder, clients)
    careplans = read_careplans(builder, parties, needs, careteams)
    ratings = read_ratings(builder, clients, needs)
    staff = parties.staff()
    if builder.errors:
        raise FhirValidationError(builder.errors)
    onions = []
    for client_id, client in sorted(clients.items()):
        members = {
            **careplans.implied.get(client_id, {}),
            **careteams.members.get(client_id, {}),
        }
        for person_id, helps in careplans.helps.get(client_id, {}).items():
            if person_id in members:
                members[person_id] = replace(members[person_id], helps=tuple(helps))
        onion = Onion(
            client,
            careteams.serving.get(client_id),
            members=tuple(members.values()),
            needs=tuple(needs.get(client_id, {}).values()),
            supports=tuple(careplans.ties.get(client_id, {}).values()),
            observations=tuple(ratings.get(client_id, ())),
            diagnoses=tuple(diagnoses.get(client_id, ())),
        ).canonical()
        try:
            onion.check_consistent()
        except ValidationError as error:
            where = f"Patient/{client_id}"
            raise FhirValidationError([Issue(where, error.message, "business-rule")]) from None
        onions.append(onion)
    population = Population(
        tuple(sorted(teams, key=lambda t: t.id)),
        tuple(sorted(organizations, key=lambda o: o.id)),
        tuple(sorted(staff, key=lambda s: s.person.id)),
        tuple(onions),
    )
    return Projection(
        population,
        {ref: tuple(found) for ref, found in builder.origins.items()},
        tuple(builder.links),
        tuple(careplans.activities),
        tuple(catalog.notes),
    )


def _teams(catalog: Catalog) -> frozenset[ResourceKey]:
    """Organisations that manage a CareTeam, unless typed as something other
    than a nursing team, and those typed as one."""
    kinds = {key: organization_kind(o) for key, o in catalog.of_type("Organization")}
    managing = {
        organization
        for key, _ in catalog.of_type("CareTeam")
        for organization in (
            catalog.resolve(key, ("managingOrganization", i), note=False)
            for i in range(len(catalog.resources[key].get("managingOrganization", ())))
        )
        if organization is not None and organization.resource_type == "Organization"
    }
    nursing = OrganizationKind.NURSING_TEAM
    return frozenset(
        {k for k in managing if kinds.get(k) in (None, nursing)}
        | {k for k, kind in kinds.items() if kind is nursing}
    )
