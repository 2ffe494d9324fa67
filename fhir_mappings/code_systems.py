"""The code systems and extensions this service defines, and the external
ones it reads.

Everything of the project's own lives under ``https://graphsvc.example/fhir/``
(``.example`` is reserved, so the URIs can never clash with a real system):

- ``CodeSystem/onion-ring``: informal | team | formal. A coding on
  CareTeam.participant.role overrides the ring the mapping would infer.
- ``CodeSystem/omaha-rating``: knowledge | behavior | status, the three scales
  of the Omaha System Problem Rating Scale for Outcomes, as Observation.code;
  the rating 1-5 is valueInteger.
- ``CodeSystem/support-kind``: practical | household | personal-care | emotional |
  informational | nursing | medical | coordination, on
  CarePlan.activity.detail.code (or CarePlan.category).
- ``CodeSystem/organization-kind``: nursing-team | gp-practice | pharmacy | ... on
  Organization.type.
- ``CodeSystem/lsns6``: the six LSNS-6 items, as Observation.code of a
  client's own answer (valueInteger 0-5); see :mod:`.lsns6`.
- ``StructureDefinition/closeness`` (valueInteger 1-3) and
  ``StructureDefinition/contact-frequency`` (valueCode, a frequency code) on
  CareTeam.participant: the social-network-map dimensions of a tie.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, TypeVar

from graphsvc.domain import (
    OMAHA_SYSTEM,
    RatingDimension,
    Ring,
)

from .jsontypes import JsonObject

BASE = "https://graphsvc.example/fhir"
ONION_RING = f"{BASE}/CodeSystem/onion-ring"
OMAHA_RATING = f"{BASE}/CodeSystem/omaha-rating"
SUPPORT_KIND = f"{BASE}/CodeSystem/support-kind"
ORGANIZATION_KIND = f"{BASE}/CodeSystem/organization-kind"
CLOSENESS = f"{BASE}/StructureDefinition/closeness"
CONTACT_FREQUENCY = f"{BASE}/StructureDefinition/contact-frequency"

OMAHA = OMAHA_SYSTEM
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"

RING_DISPLAY = {
    Ring.INFORMAL: "Informal network (ring 1)",
    Ring.TEAM: "Neighbourhood nursing team (ring 2)",
    Ring.FORMAL: "Formal network (ring 3)",
}
RATING_DISPLAY = {
    RatingDimension.KNOWLEDGE: "Knowledge (Omaha Problem Rating Scale)",
    RatingDimension.BEHAVIOR: "Behavior (Omaha Problem Rating Scale)",
    RatingDimension.STATUS: "Status (Omaha Problem Rating Scale)",
}

E = TypeVar("E", bound=StrEnum)


def codings(concept: object) -> Iterable[JsonObject]:
    found = concept.get("coding") if isinstance(concept, dict) else None
    return [c for c in found if isinstance(c, dict)] if isinstance(found, list) else []


def coded(concepts: Iterable[Any], system: str, kind: type[E]) -> E | None:
    """The first code of ``system`` in any of the concepts, read as ``kind``."""
    for concept in concepts:
        for coding in codings(concept):
            code = coding.get("code")
            if coding.get("system") == system and isinstance(code, str):
                try:
                    return kind(code)
                except ValueError:
                    continue
    return None


def coding(system: str, code: str, display: str | None = None) -> JsonObject:
    return {"system": system, "code": code, **({"display": display} if display else {})}
