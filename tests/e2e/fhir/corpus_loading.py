"""Sending the hand-written corpus (tests/fixtures/fhir) to the service as a
system would: the shared directory and each client's loose resources by PUT,
in an order where what they refer to comes first, then each Bundle by POST."""

from __future__ import annotations

from typing import Any

from fhir_mappings import ResourceKey

from ...unit.fhir import corpus
from .conftest import Fhir

ORDER = [
    "Organization",
    "Location",
    "Practitioner",
    "PractitionerRole",
    "Patient",
    "RelatedPerson",
    "Condition",
    "Goal",
    "CareTeam",
    "CarePlan",
    "Observation",
]


def loose() -> list[tuple[ResourceKey, dict[str, Any]]]:
    resources = corpus.standalone()
    return sorted(resources.items(), key=lambda item: ORDER.index(item[0].resource_type))


def bundles() -> list[dict[str, Any]]:
    found = [corpus.load(p) for p in corpus.files()]
    return [b for b in found if b["resourceType"] == "Bundle"]


def load_corpus(fhir: Fhir) -> list[int]:
    """Every status the service answered with."""
    statuses = []
    for key, resource in loose():
        response = fhir.put(key.reference, resource)
        assert response.status_code in (200, 201), (key, response.text)
        statuses.append(response.status_code)
    for bundle in bundles():
        response = fhir.post("", bundle)
        assert response.status_code == 200, response.text
        statuses += [int(e["response"]["status"].split()[0]) for e in response.json()["entry"]]
    return statuses
