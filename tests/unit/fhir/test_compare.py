"""The element-by-element comparison the round-trip tests rely on."""

from __future__ import annotations

from fhir_mappings import Difference, differences, first_difference

PATIENT = {
    "resourceType": "Patient",
    "id": "p",
    "meta": {"versionId": "1"},
    "active": True,
    "name": [{"given": ["Truus", "Geertje"], "family": "Veenstra"}],
    "multipleBirthInteger": 2,
}


def with_(**changes: object) -> dict[str, object]:
    return {**PATIENT, **changes}


def test_equal_resources_have_no_difference() -> None:
    assert first_difference(PATIENT, dict(PATIENT)) is None
    assert list(differences(PATIENT, with_(id="q", meta={"versionId": "2"}))) == []


def test_ids_and_meta_count_when_asked() -> None:
    found = list(differences(PATIENT, with_(id="q"), ignore=()))
    assert found == [Difference("Patient.id", "p", "q")]


def test_the_first_difference_names_its_path() -> None:
    other = with_(name=[{"given": ["Truus", "Geesje"], "family": "Veenstra"}])
    assert first_difference(PATIENT, other) == Difference(
        "Patient.name[0].given[1]", "Geertje", "Geesje"
    )
    assert (
        str(first_difference(PATIENT, other)) == "Patient.name[0].given[1]: 'Geertje' != 'Geesje'"
    )


def test_missing_and_extra_elements_and_items() -> None:
    other = {k: v for k, v in PATIENT.items() if k != "active"}
    other["gender"] = "female"
    other["name"] = [PATIENT["name"][0], {"text": "Truus"}]  # type: ignore[index]
    assert list(differences(PATIENT, other)) == [
        Difference("Patient.active", True, None),
        Difference("Patient.name[1]", None, {"text": "Truus"}),
        Difference("Patient.gender", None, "female"),
    ]


def test_json_kinds_count() -> None:
    assert first_difference(PATIENT, with_(active=1)) == Difference("Patient.active", True, 1)
    assert first_difference(PATIENT, with_(multipleBirthInteger="2")) is not None
    assert first_difference(PATIENT, with_(multipleBirthInteger=2.0)) is None
