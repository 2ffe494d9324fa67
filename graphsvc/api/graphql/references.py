"""The FHIR resource a graph node came from or goes to, as a reference string."""

from __future__ import annotations

from graphsvc.domain import Client, Diagnosis, Need, Observation, Person, Ring


def client_reference(client: Client) -> str:
    return f"Patient/{client.id}"


def person_reference(person: Person) -> str:
    if person.organization:
        return f"Organization/{person.id}"
    kind = "RelatedPerson" if person.ring is Ring.INFORMAL else "Practitioner"
    return f"{kind}/{person.id}"


def need_reference(need: Need) -> str:
    return f"Condition/{need.id}"


def diagnosis_reference(diagnosis: Diagnosis) -> str:
    return f"Condition/{diagnosis.id}"


def rating_reference(observation: Observation) -> str:
    return f"Observation/{observation.id}"
