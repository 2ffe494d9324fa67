"""The resource types kept here are R4's, as the R4B models know them."""

from __future__ import annotations

import pytest
from fhir.resources.R4B import get_fhir_model_class

from fhir_mappings import FhirValidationError, parse_resource
from fhir_mappings.resource_types import (
    PATIENT_ELEMENT,
    PATIENT_ELEMENTS,
    PROJECTED_TYPES,
    STORED_TYPES,
)
from fhir_mappings.search import SEARCH_PARAMETERS, index_terms, parse_search


@pytest.mark.parametrize("resource_type", sorted(STORED_TYPES))
def test_each_stored_type_has_a_model_and_its_patient_element(resource_type: str) -> None:
    fields = get_fhir_model_class(resource_type).model_fields
    if resource_type in PROJECTED_TYPES | {"Location"}:
        return  # these have search parameters of their own
    expected = next((name for name in PATIENT_ELEMENTS if name in fields), None)
    assert PATIENT_ELEMENT.get(resource_type) == expected
    names = [p.name for p in SEARCH_PARAMETERS[resource_type]]
    assert names == ["_id", *(["patient"] if expected else []), "_lastUpdated"]


def test_the_onions_types_and_the_location_are_kept() -> None:
    assert PROJECTED_TYPES | {"Location"} <= STORED_TYPES
    assert "AuditEvent" not in STORED_TYPES  # the service's own trail
    assert not {"Bundle", "OperationOutcome", "Parameters"} & STORED_TYPES


def test_a_type_r4_does_not_have_is_refused() -> None:
    for resource_type in ("SubscriptionTopic", "Citation", "MedicinalProduct"):
        with pytest.raises(FhirValidationError):
            parse_resource({"resourceType": resource_type, "status": "active"})


def test_an_encounter_is_in_its_patients_compartment_and_found_by_her() -> None:
    encounter = {
        "resourceType": "Encounter",
        "id": "e-1",
        "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "HH"},
        "subject": {"reference": "Patient/p-1"},
    }
    parse_resource(encounter)
    terms = index_terms(encounter)
    assert terms.client_id == "p-1"
    query = parse_search("Encounter", [("patient", "p-1"), ("_lastUpdated", "ge2026-01-01")])
    assert query.groups == (("patient|Patient/p-1",),)
    assert set(query.groups[0]) <= set(terms.tokens)
    assert query.updated_from == "2026-01-01T00:00:00Z" and query.updated_to is None
    medication = {"resourceType": "Medication", "id": "m-1"}
    assert index_terms(medication).client_id is None


@pytest.mark.parametrize(
    "value", ["2026-13-01", "ne2026-01-01", "ge2026-01-01,le2026-02-01", "sa2026"]
)
def test_a_bad_last_updated_says_where(value: str) -> None:
    with pytest.raises(FhirValidationError) as raised:
        parse_search("Encounter", [("_lastUpdated", value)])
    assert raised.value.issues[0].expression == "Encounter?_lastUpdated"


def test_last_updated_bounds_round_trip_through_the_query_string() -> None:
    from urllib.parse import parse_qsl

    query = parse_search(
        "CareTeam", [("_lastUpdated", "gt2026-03-01"), ("_lastUpdated", "lt2026-04")]
    )
    again = parse_search("CareTeam", parse_qsl(query.as_query()))
    assert (again.updated_from, again.updated_to) == (query.updated_from, query.updated_to)
    assert query.updated_from == "2026-03-02T00:00:00Z"
    assert query.updated_to == "2026-03-31T23:59:59Z"
