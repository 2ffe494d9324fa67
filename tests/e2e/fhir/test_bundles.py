"""POST /fhir: a transaction lands whole or not at all; a batch entry by entry."""

from __future__ import annotations

import copy
from typing import Any

from ...unit.fhir import corpus
from .conftest import Fhir
from .corpus_loading import loose

TRANSACTION = corpus.FIXTURES / "Bundle-transaction-truus-veenstra.json"


def load_directory(fhir: Fhir) -> None:
    for key, resource in loose():
        if key.resource_type in {"Organization", "Practitioner", "PractitionerRole"}:
            assert fhir.put(key.reference, resource).status_code in (200, 201)


def counts(fhir: Fhir) -> dict[str, int]:
    """How many of each type the store holds (searching with a large page)."""
    return {
        kind: len(fhir.get(f"{kind}?_count=1000").json().get("entry", []))
        for kind in ("Patient", "CareTeam", "CarePlan", "Condition", "Observation", "RelatedPerson")
    }


def test_a_bad_entry_in_the_middle_writes_nothing(fhir: Fhir) -> None:
    load_directory(fhir)
    bundle = corpus.load(TRANSACTION)
    middle = len(bundle["entry"]) // 2
    broken = copy.deepcopy(bundle)
    # a reference to nothing: an error inside a transaction
    broken["entry"][middle]["resource"]["subject"] = {"reference": "Patient/does-not-exist"}
    before = counts(fhir)
    response = fhir.post("", broken)
    assert response.status_code in (400, 404, 422)
    issues = response.json()["issue"]
    assert any(f"Bundle.entry[{middle}]" in i["expression"][0] for i in issues), issues
    assert counts(fhir) == before

    # a bad value in the middle, found by the domain (a KBS rating of 7)
    ratings = [
        i for i, e in enumerate(bundle["entry"]) if e["resource"]["resourceType"] == "Observation"
    ]
    broken = copy.deepcopy(bundle)
    broken["entry"][ratings[len(ratings) // 2]]["resource"]["valueInteger"] = 7
    response = fhir.post("", broken)
    assert response.status_code == 422, response.text
    assert counts(fhir) == before

    ok = fhir.post("", bundle)
    assert ok.status_code == 200
    assert all(e["response"]["status"].startswith("201") for e in ok.json()["entry"])
    assert counts(fhir) != before


def batch(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "batch", "entry": entries}


def test_a_batch_takes_each_entry_on_its_own(fhir: Fhir) -> None:
    good = {
        "resource": {"resourceType": "Patient", "id": "b-1", "name": [{"family": "Goed"}]},
        "request": {"method": "PUT", "url": "Patient/b-1"},
    }
    bad = {
        "resource": {"resourceType": "Patient", "id": "b-2", "birthDate": "gisteren"},
        "request": {"method": "PUT", "url": "Patient/b-2"},
    }
    read = {"request": {"method": "GET", "url": "Patient/b-1"}}
    response = fhir.post("", batch([good, bad, read]))
    assert response.status_code == 200
    statuses = [e["response"]["status"] for e in response.json()["entry"]]
    assert statuses[0].startswith("201")
    assert statuses[1].startswith("4")
    assert response.json()["entry"][1]["response"]["outcome"]["resourceType"] == "OperationOutcome"
    assert statuses[2].startswith("200")
    assert fhir.get("Patient/b-1").status_code == 200
    assert fhir.get("Patient/b-2").status_code == 404


def test_only_transaction_and_batch_are_taken(fhir: Fhir) -> None:
    collection = {"resourceType": "Bundle", "type": "collection", "entry": []}
    assert fhir.post("", collection).status_code in (400, 422)


def test_a_read_that_fails_fails_the_transaction_before_anything_is_written(
    fhir: Fhir,
) -> None:
    from .test_rest import TEAM, care_team, patient

    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p-tx", {**patient(), "id": "p-tx"}).status_code == 201
    assert fhir.put("CareTeam/ct-tx", {**care_team("p-tx"), "id": "ct-tx"}).status_code == 201
    neighbour = {
        "resourceType": "RelatedPerson",
        "patient": {"reference": "Patient/p-tx"},
        "name": [{"family": "Via Transactie", "given": ["Buurvrouw"]}],
    }
    new = {"fullUrl": "urn:uuid:1f0c4a52-9d8e-4c1a-b6f2-3e5d7a9b0c11", "resource": neighbour}
    post = {**new, "request": {"method": "POST", "url": "RelatedPerson"}}

    def transaction(*entries: dict[str, Any]) -> dict[str, Any]:
        return {"resourceType": "Bundle", "type": "transaction", "entry": list(entries)}

    def versions() -> tuple[str, int]:
        patient_version = fhir.get("Patient/p-tx").json()["meta"]["versionId"]
        return patient_version, len(fhir.get("RelatedPerson?patient=p-tx").json().get("entry", []))

    before = versions()
    missing = {"request": {"method": "GET", "url": "Patient/no-such-patient"}}
    refused = fhir.post("", transaction(post, missing))
    assert refused.status_code == 404, refused.text
    assert versions() == before

    gone = {"request": {"method": "DELETE", "url": "CareTeam/ct-tx"}}
    read_gone = {"request": {"method": "GET", "url": "CareTeam/ct-tx"}}
    refused = fhir.post("", transaction(post, gone, read_gone))
    assert refused.status_code in (400, 422), refused.text
    assert "Bundle.entry[2]" in refused.json()["issue"][0]["expression"][0]
    assert versions() == before
    assert fhir.get("CareTeam/ct-tx").status_code == 200

    # a read of what is there, and of what the transaction itself writes
    named = {**new, "resource": {**neighbour, "id": "rp-tx"}}
    put = {**named, "request": {"method": "PUT", "url": "RelatedPerson/rp-tx"}}
    reads = [
        {"request": {"method": "GET", "url": "Patient/p-tx"}},
        {"request": {"method": "GET", "url": "RelatedPerson/rp-tx"}},
    ]
    done = fhir.post("", transaction(put, *reads))
    assert done.status_code == 200, done.text
    answers = [e["response"]["status"] for e in done.json()["entry"]]
    assert answers[0].startswith("201") and answers[1:] == ["200 OK", "200 OK"], answers
    assert done.json()["entry"][2]["resource"]["name"][0]["family"] == "Via Transactie"
    assert versions()[1] == 1
