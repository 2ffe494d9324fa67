"""The corpus (72 hand-written R4 resources: three clients, every reference
style, extensions, narrative, contained resources, Omaha Conditions, KBS
Observations) through the REST API and back: every element as sent."""

from __future__ import annotations

from fhir_mappings import differences

from ...unit.fhir import corpus
from .conftest import Fhir
from .corpus_loading import load_corpus


def test_every_resource_reads_back_element_by_element(fhir: Fhir) -> None:
    statuses = load_corpus(fhir)
    assert statuses.count(201) == len(corpus.resources()) >= 40
    expected = corpus.stored()
    for key, sent in expected.items():
        response = fhir.get(key.reference)
        assert response.status_code == 200, key
        back = response.json()
        assert back["meta"]["versionId"] == "1"
        assert list(differences(sent, back, ignore=("meta",))) == [], key


def test_sending_the_same_again_changes_nothing(fhir: Fhir) -> None:
    load_corpus(fhir)
    again = load_corpus(fhir)
    assert set(again) == {200}
    for key in corpus.stored():
        assert fhir.get(key.reference).json()["meta"]["versionId"] == "1", key


def test_the_graph_holds_each_client(fhir: Fhir) -> None:
    load_corpus(fhir)
    patients = [k.id for k in corpus.stored() if k.resource_type == "Patient"]
    assert len(patients) >= 3
    for patient in patients:
        bundle = fhir.get(f"Patient/{patient}/$everything").json()
        kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
        assert {"Patient", "CareTeam", "Condition"} <= kinds, (patient, kinds)
