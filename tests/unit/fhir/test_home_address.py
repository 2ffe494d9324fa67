"""The client's home address: one line in the graph, Patient.address in FHIR."""

from __future__ import annotations

from fhir_mappings.elements import home_address
from fhir_mappings.export.parties import new_patient, set_address_text
from fhir_mappings.jsontypes import JsonObject
from graphsvc.domain import Client


def test_the_home_address_is_read_as_one_line() -> None:
    assert home_address([{"use": "home", "text": "Dorpsstraat 1, Utrecht"}]) == (
        "Dorpsstraat 1, Utrecht"
    )
    structured = {
        "use": "home",
        "line": ["Dorpsstraat 1"],
        "postalCode": "3512 AB",
        "city": "Utrecht",
    }
    work = {"use": "work", "text": "Kantoorweg 9"}
    assert home_address([work, structured]) == "Dorpsstraat 1, 3512 AB Utrecht"
    assert home_address([work]) == "Kantoorweg 9"
    assert home_address([{"use": "home", "district": "Oost"}]) is None
    assert home_address(None) is None


def test_a_new_patient_has_her_address_and_a_changed_one_replaces_the_old() -> None:
    client = Client("client-9", "Truus Bos", "Oost", None, "Dorpsstraat 1, Utrecht")
    patient = new_patient(client)
    assert patient["address"] == [
        {"use": "home", "text": "Dorpsstraat 1, Utrecht", "district": "Oost"}
    ]
    assert home_address(patient["address"]) == client.address
    stored: JsonObject = {
        "address": [{"use": "home", "line": ["Oude weg 2"], "city": "Zeist", "district": "Oost"}]
    }
    set_address_text(stored, "Dorpsstraat 1, Utrecht")
    assert stored["address"] == [
        {"use": "home", "district": "Oost", "text": "Dorpsstraat 1, Utrecht"}
    ]
    set_address_text(stored, None)
    assert stored["address"] == [{"use": "home", "district": "Oost"}]
    only_text: JsonObject = {"address": [{"use": "home", "text": "Oude weg 2"}]}
    set_address_text(only_text, None)
    assert "address" not in only_text
