"""A changed phone number is written over the contact point the graph read,
and what described the old number (its use, a Dutch ContactPointType, its
period) goes with it: a mobile number is no work landline."""

from __future__ import annotations

from typing import Any

from fhir_mappings.elements import rank
from fhir_mappings.export.parties import set_contact

POINT_TYPE = "http://nictiz.nl/fhir/StructureDefinition/ext-CodeSpecification"


def relative() -> dict[str, Any]:
    landline = {
        "system": "phone",
        "_system": {"extension": [{"url": POINT_TYPE, "valueCodeableConcept": {"text": "LL"}}]},
        "value": "0546-123456",
        "use": "work",
        "period": {"start": "2019-01-01"},
    }
    mobile = {"system": "phone", "value": "06-99887766", "use": "mobile"}
    return {"resourceType": "RelatedPerson", "telecom": [landline, mobile]}


def test_a_new_number_leaves_the_old_ones_description_behind() -> None:
    resource = relative()
    set_contact(resource, "06-11223344")
    assert resource["telecom"][0] == {"system": "phone", "value": "06-11223344"}
    assert resource["telecom"][1] == relative()["telecom"][1]


def test_the_point_read_stays_the_one_read() -> None:
    resource = relative()
    resource["telecom"][0]["rank"] = 1
    set_contact(resource, "anna@example.nl")
    first = sorted(resource["telecom"], key=rank)[0]
    assert first == {"system": "email", "value": "anna@example.nl", "rank": 1}
