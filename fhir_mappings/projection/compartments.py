"""A client's records are hers: a resource in one client's compartment refers
to nothing in another's (her Patient, her relatives, her CareTeam, CarePlans,
Conditions, Observations, Goals, ...), whatever the element. The directory
(Practitioner, PractitionerRole, Organization) is in no compartment and is
shared by every network."""

from __future__ import annotations

from collections.abc import Collection

from ..keys import ResourceKey
from ..rewriting import references_in
from .builder import Builder


def foreign(target: ResourceKey, owner: str, client: str) -> str:
    """What is said of ``target``, of ``owner``'s compartment, named in ``client``'s."""
    return f"{target.reference} belongs to Patient/{owner}'s network, not to Patient/{client}'s"


def check_compartments(builder: Builder, written: Collection[ResourceKey]) -> None:
    """An error at every reference of a resource being written that names a
    resource of another client's compartment than its own."""
    catalog = builder.catalog
    for holder in sorted(written):
        if holder not in catalog.top:
            continue
        client = catalog.compartment(holder)
        if client is None:
            continue
        for element, _ in references_in(catalog.resources[holder]):
            target = catalog.resolve(holder, element, note=False)
            if target is None or catalog.container(target) == holder:
                continue  # not stored here, or a part of the resource itself
            owner = catalog.compartment(target)
            if owner is not None and owner != client:
                builder.error(holder, element, foreign(target, owner, client))
