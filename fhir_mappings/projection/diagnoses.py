"""Condition coded in a medical classification, not the Omaha System -> a
Diagnosis of the client (nl-core Problem: SNOMED CT, ICPC-1NL, ICD-10)."""

from __future__ import annotations

from graphsvc.domain import Classification, Client, Diagnosis

from ..code_systems import OMAHA, codings
from ..elements import text
from .builder import Builder
from .needs import entered_in_error, need_since, need_status

CLASSIFICATIONS = {
    "http://snomed.info/sct": Classification.SNOMED_CT,
    "http://hl7.org/fhir/sid/icpc-1-nl": Classification.ICPC,
    "http://hl7.org/fhir/sid/icpc-1": Classification.ICPC,
    "http://hl7.org/fhir/sid/icpc-2": Classification.ICPC,
    "urn:oid:2.16.840.1.113883.2.4.4.31.1": Classification.ICPC,  # ICPC-1NL
    "http://hl7.org/fhir/sid/icd-10": Classification.ICD_10,
    "http://hl7.org/fhir/sid/icd-10-nl": Classification.ICD_10,
    "urn:oid:2.16.840.1.113883.6.3": Classification.ICD_10,
}
_PREFERENCE = list(Classification)  # SNOMED CT first, as nl-core prefers it


def read_diagnoses(builder: Builder, clients: dict[str, Client]) -> dict[str, list[Diagnosis]]:
    """client id -> her diagnoses: every Condition about her with no Omaha
    coding that says what it is (a coding or words)."""
    found: dict[str, list[Diagnosis]] = {}
    catalog = builder.catalog
    for key, condition in catalog.of_type("Condition"):
        listed = codings(condition.get("code"))
        if any(c.get("system") == OMAHA for c in listed) or entered_in_error(condition):
            continue
        subject = catalog.resolve(key, ("subject",), note=False)
        if subject is None or subject.resource_type != "Patient" or subject.id not in clients:
            continue
        ranked = sorted(
            (c for c in listed if text(c.get("code"))),
            key=lambda c: _PREFERENCE.index(
                CLASSIFICATIONS.get(str(c.get("system")), Classification.OTHER)
            ),
        )
        coding = ranked[0] if ranked else {}
        concept = condition.get("code")
        words = text(concept.get("text")) if isinstance(concept, dict) else None
        display = words or text(coding.get("display")) or text(coding.get("code"))
        if display is None:
            continue
        system = text(coding.get("system"))
        diagnosis = builder.build(
            key,
            ("code",),
            Diagnosis,
            key.id,
            display,
            CLASSIFICATIONS.get(system or "", Classification.OTHER),
            text(coding.get("code")),
            system,
            need_status(condition),
            need_since(condition),
        )
        if diagnosis is not None:
            found.setdefault(subject.id, []).append(diagnosis)
    return found
