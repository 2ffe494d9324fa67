"""A Condition (a need of the client) may not take the id of someone in her
network: FHIR allows one id under two types, the onion names people and
needs by id alone, and a gap would then point at the wrong one."""

from __future__ import annotations

import pytest

from fhir_mappings.code_systems import OMAHA

from .conftest import Fhir
from .test_compartments import two_teams  # noqa: F401 (fixture)


@pytest.mark.usefixtures("two_teams")
def test_a_need_named_like_her_relative_is_refused(fhir: Fhir) -> None:
    condition = {
        "resourceType": "Condition",
        "id": "kind-anna",  # her relative's RelatedPerson id
        "subject": {"reference": "Patient/anna"},
        "code": {
            "coding": [{"system": OMAHA, "code": "12"}],
        },
    }
    refused = fhir.put("Condition/kind-anna", condition)
    assert refused.status_code == 422, refused.text
    said = " ".join(i.get("diagnostics", "") for i in refused.json()["issue"])
    assert "'kind-anna' is the id of someone in this onion" in said
    assert fhir.get("Condition/kind-anna").status_code == 404
