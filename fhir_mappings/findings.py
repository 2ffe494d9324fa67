"""The service's own findings as FHIR: a gap in support as a DetectedIssue,
a network's strength as an Observation.

Codes (the project's own, beside the others in :mod:`.code_systems`):

- ``CodeSystem/gap-kind``: uncovered-need | single-supporter |
  single-point-of-failure | overloaded-carer | isolated-client |
  no-team-contact | no-gp | fragmented-formal-network | team-too-large |
  caseload-too-large | low-continuity, as DetectedIssue.code. Severity maps
  HIGH -> high, MEDIUM -> moderate, LOW -> low (the R4 value set).
- ``CodeSystem/network-metric``: strength-score (the Observation's own code,
  valueQuantity 0-100) and one code per metric as a component
  (informal-members, team-members, formal-members, close-contacts,
  active-needs, informal-density, supporters-per-need-min,
  supporters-per-need-mean, shared-need-share, hours-hhi,
  coordinator-betweenness, lsns6-score, lsns6-relatives, lsns6-friends,
  network-size, density, effective-size, constraint, continuity-of-care,
  informal-care-hours, intensive-carers: the metric names the caller passes,
  with hyphens) plus network-type (valueCodeableConcept in
  ``CodeSystem/network-type``).

Pure: plain values in (the caller maps its own types), FHIR JSON out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from .code_systems import BASE
from .jsontypes import JsonObject

GAP_KIND = f"{BASE}/CodeSystem/gap-kind"
NETWORK_METRIC = f"{BASE}/CodeSystem/network-metric"
NETWORK_TYPE = f"{BASE}/CodeSystem/network-type"
SEVERITY = {"high": "high", "medium": "moderate", "low": "low"}


def _id(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]


def detected_issue(
    *,
    client_id: str,
    kind: str,
    kind_display: str,
    severity: str,
    explanation: str,
    implicated: Sequence[str],
    identified: str,
) -> JsonObject:
    """A gap as a DetectedIssue about the client. ``implicated``: references
    (``RelatedPerson/x``, ``Condition/y``) of the people and needs concerned;
    ``identified``: when the analysis ran (a FHIR dateTime)."""
    return {
        "resourceType": "DetectedIssue",
        "id": "gap-" + _id(client_id, kind, *implicated),
        "status": "preliminary",
        "code": {"coding": [{"system": GAP_KIND, "code": kind, "display": kind_display}]},
        "severity": SEVERITY[severity],
        "patient": {"reference": f"Patient/{client_id}"},
        "identifiedDateTime": identified,
        "detail": explanation,
        **({"implicated": [{"reference": r} for r in implicated]} if implicated else {}),
    }


def strength_observation(
    *,
    client_id: str,
    score: float,
    network_type: str,
    metrics: Mapping[str, float | None],
    effective: str,
) -> JsonObject:
    """The network's strength as an Observation of the client: the score as
    the value, each metric that could be computed as a component."""
    components: list[JsonObject] = [
        {
            "code": {"coding": [{"system": NETWORK_METRIC, "code": "network-type"}]},
            "valueCodeableConcept": {"coding": [{"system": NETWORK_TYPE, "code": network_type}]},
        }
    ]
    for name, value in metrics.items():
        if value is None or name == "score":
            continue
        components.append(
            {
                "code": {"coding": [{"system": NETWORK_METRIC, "code": name.replace("_", "-")}]},
                "valueQuantity": {"value": round(float(value), 6)},
            }
        )
    return {
        "resourceType": "Observation",
        "id": "strength-" + _id(client_id),
        "status": "final",
        "code": {
            "coding": [
                {"system": NETWORK_METRIC, "code": "strength-score", "display": "Network strength"}
            ]
        },
        "subject": {"reference": f"Patient/{client_id}"},
        "effectiveDateTime": effective,
        "valueQuantity": {"value": round(float(score), 1), "unit": "score"},
        "component": components,
    }
