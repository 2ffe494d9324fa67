"""The pure parts of an import: the request Bundle a document asks for, the
verdict of validation (as a worker process gives it) and the pool that gives
verdicts in order."""

from __future__ import annotations

import asyncio
import copy
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from fhir_mappings import FhirValidationError
from graphsvc.services.fhir_import import request_bundle
from graphsvc.services.fhir_interactions import invalid_entries
from graphsvc.services.fhir_parse_pool import ParsePool, Verdict, check

DEMO_FHIR = Path(__file__).resolve().parents[2] / "seeds" / "demo-fhir"
PATIENT = {"resourceType": "Patient", "id": "p-1", "name": [{"family": "Mulder"}]}


def client_bundle() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (DEMO_FHIR / "client-000001.json").read_text(encoding="utf-8")
    )
    return loaded


def test_a_loose_resource_is_a_batch_of_one() -> None:
    bundle = request_bundle(PATIENT)
    assert bundle["type"] == "batch"
    assert bundle["entry"] == [
        {"resource": PATIENT, "request": {"method": "PUT", "url": "Patient/p-1"}}
    ]


def test_a_collection_is_a_batch_of_its_resources_and_a_transaction_stays() -> None:
    collection = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": PATIENT}]}
    assert [e["resource"] for e in request_bundle(collection)["entry"]] == [PATIENT]
    transaction = client_bundle()
    assert request_bundle(transaction) is transaction


def test_what_is_no_json_object_has_no_request_bundle() -> None:
    with pytest.raises(ValueError, match="JSON object"):
        request_bundle(["Patient"])


def test_a_valid_transaction_has_nothing_against_it() -> None:
    assert check(client_bundle()) == Verdict()
    assert check(client_bundle()).error is None


def test_one_bad_entry_refuses_a_whole_transaction() -> None:
    bundle = client_bundle()
    bundle["entry"][8]["resource"]["valueInteger"] = "veel"
    verdict = check(bundle)
    assert verdict.error is not None
    assert any("valueInteger" in issue.expression for issue in verdict.issues)


def test_a_batch_refuses_its_bad_entries_alone_as_the_interactions_do() -> None:
    bundle = request_bundle(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [
                {"resource": PATIENT},
                {"resource": {**PATIENT, "id": "p-2", "birthDate": "morgen"}},
                {"resource": {**PATIENT, "id": "p-3"}},
            ],
        }
    )
    verdict = check(bundle)
    assert verdict.error is None and sorted(verdict.entries) == [1]
    expected = invalid_entries(bundle)
    assert {i: e.issues for i, e in verdict.invalid().items()} == {
        i: e.issues for i, e in expected.items()
    }


def test_a_batch_of_the_wrong_shape_is_refused_whole() -> None:
    verdict = check({"resourceType": "Bundle", "type": "batch", "entry": "none"})
    assert isinstance(verdict.error, FhirValidationError)


def test_a_verdict_crosses_between_processes_whole() -> None:
    bundle = client_bundle()
    bundle["entry"][8]["resource"]["valueInteger"] = "veel"
    verdict = check(bundle)
    assert pickle.loads(pickle.dumps(verdict)) == verdict


def test_the_pool_gives_every_verdict_in_order() -> None:
    good = client_bundle()
    bad = copy.deepcopy(good)
    bad["entry"][0]["resource"]["birthDate"] = "morgen"
    items = [("a", good), ("b", None), ("c", bad), ("d", good)]

    async def run(workers: int) -> list[tuple[str, Verdict | None]]:
        with ParsePool(workers) as pool:
            return [(name, verdict) async for name, _, verdict in pool.checked(items)]

    inline = asyncio.run(run(0))
    assert [name for name, _ in inline] == ["a", "b", "c", "d"]
    assert [v is not None and v.error is not None for _, v in inline] == [
        False,
        False,
        True,
        False,
    ]
    assert inline[1][1] is None
    assert asyncio.run(run(1)) == inline
