"""Which ring of the onion a CareTeam participant belongs to.

An explicit coding of the project's onion-ring code system on
participant.role decides. Otherwise: a RelatedPerson (or another Patient) is
informal; a Practitioner, PractitionerRole or Organization working for an
organisation that manages the CareTeam (PractitionerRole.organization,
participant.onBehalfOf, the Organization itself) is the team; any other
professional is formal. Other participants (a CareTeam, a Group, a Device)
are no person and have no ring.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from graphsvc.domain import Ring

from .code_systems import ONION_RING, coded
from .keys import ResourceKey

INFORMAL_TYPES = frozenset({"RelatedPerson", "Patient"})
PROFESSIONAL_TYPES = frozenset({"Practitioner", "PractitionerRole", "Organization"})


def explicit_ring(roles: Iterable[Any]) -> Ring | None:
    return coded(roles, ONION_RING, Ring)


def infer_ring(
    member_type: str,
    organizations: Collection[ResourceKey],
    managing_organizations: Collection[ResourceKey],
    explicit: Ring | None = None,
) -> Ring | None:
    """``organizations`` are those the member works for (for an Organization,
    itself); ``managing_organizations`` the CareTeam's."""
    if member_type not in INFORMAL_TYPES | PROFESSIONAL_TYPES:
        return None
    if explicit is not None:
        return explicit
    if member_type in INFORMAL_TYPES:
        return Ring.INFORMAL
    if set(organizations) & set(managing_organizations):
        return Ring.TEAM
    return Ring.FORMAL
