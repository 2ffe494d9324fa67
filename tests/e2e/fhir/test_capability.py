"""The CapabilityStatement is true: every interaction, search parameter and
include it lists is served, and nothing else under a type it does not list."""

from __future__ import annotations

from typing import Any

from fhir_mappings.resource_types import PROJECTED_TYPES, STORED_TYPES

from .conftest import Fhir

SAMPLE = {
    "reference": "nobody",
    "token": "http://example.org|x",
    "string": "an",
    "date": "ge2024-01-01",
}


def test_what_the_statement_lists_is_served(fhir: Fhir) -> None:
    statement: dict[str, Any] = fhir.get("metadata").json()
    assert statement["fhirVersion"] == "4.0.1"
    rest = statement["rest"][0]
    assert {i["code"] for i in rest["interaction"]} == {"transaction", "batch"}
    listed = {r["type"]: r for r in rest["resource"]}
    # every R4 type kept here (fhir_mappings.resource_types), the onion's among them
    assert set(listed) == STORED_TYPES
    assert PROJECTED_TYPES | {"Location"} <= set(listed)
    assert listed["Patient"]["supportedProfile"] == [
        "http://nictiz.nl/fhir/StructureDefinition/nl-core-Patient"
    ]
    assert "application/fhir+xml" in statement["format"]
    for kind, entry in listed.items():
        interactions = {i["code"] for i in entry["interaction"]}
        assert {
            "read",
            "vread",
            "update",
            "delete",
            "history-instance",
            "create",
            "search-type",
        } <= interactions
        for param in entry["searchParam"]:
            value = "x" if param["name"] == "_id" else SAMPLE[param["type"]]
            if param["name"] in {"_id", "identifier"}:
                value = "x"
            response = fhir.get(f"{kind}?{param['name']}={value}")
            assert response.status_code == 200, (kind, param, response.text)
        for include in entry["searchInclude"]:
            assert fhir.get(f"{kind}?_include={include}").status_code == 200, include
        for include in entry["searchRevInclude"]:
            assert fhir.get(f"{kind}?_revinclude={include}").status_code == 200, include
        assert [o["name"] for o in entry["operation"]][-1] == "validate"
        checked = fhir.post(f"{kind}/$validate", {"resourceType": kind})
        assert checked.status_code == 200 and checked.json()["resourceType"] == "OperationOutcome"
        assert fhir.get(f"{kind}/none").status_code == 404
        assert fhir.get(f"{kind}/none/_history").status_code == 404
    assert [o["name"] for o in listed["Patient"]["operation"]] == ["everything", "validate"]
    # a type not listed is not served
    assert fhir.get("SubscriptionTopic").status_code == 404  # R4B's, not R4's
    assert fhir.post("Citation", {"resourceType": "Citation"}).status_code in (404, 422)
