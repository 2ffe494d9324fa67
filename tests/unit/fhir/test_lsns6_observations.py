"""An LSNS-6 answer as an Observation and back."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fhir_mappings import parse_resource
from fhir_mappings.lsns6 import LSNS6, Lsns6Answer, lsns6_answer_resource, read_lsns6_answer


def answer(**changes: Any) -> dict[str, Any]:
    resource = lsns6_answer_resource(
        answer_id="lsns6-1",
        client_id="c-1",
        item="friends-help",
        score=3,
        effective=date(2025, 3, 1),
    )
    return {**resource, **changes}


def test_an_answer_is_a_valid_observation_that_reads_back() -> None:
    resource = answer()
    parse_resource(resource)  # valid FHIR R4
    assert resource["code"] == {"coding": [{"system": LSNS6, "code": "friends-help"}]}
    assert resource["subject"] == {"reference": "Patient/c-1"}
    assert read_lsns6_answer(resource) == Lsns6Answer("friends-help", 3, date(2025, 3, 1))


@pytest.mark.parametrize(
    "changes",
    [
        {"item": "friends"},
        {"score": 6},
        {"score": -1},
        {"score": True},
    ],
)
def test_what_is_no_answer_is_refused(changes: dict[str, Any]) -> None:
    given: dict[str, Any] = {
        "answer_id": "lsns6-1",
        "client_id": "c-1",
        "item": "friends-help",
        "score": 3,
        "effective": date(2025, 3, 1),
        **changes,
    }
    with pytest.raises(ValueError):
        lsns6_answer_resource(**given)


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "entered-in-error"},
        {"status": "preliminary"},
        {"valueInteger": 7},
        {"valueInteger": True},
        {"effectiveDateTime": "2025"},
        {"code": {"coding": [{"system": "http://loinc.org", "code": "friends-help"}]}},
        {"code": {"coding": [{"system": LSNS6, "code": "neighbours"}]}},
        {"resourceType": "Condition"},
    ],
)
def test_what_records_no_answer_reads_as_none(changes: dict[str, Any]) -> None:
    assert read_lsns6_answer(answer(**changes)) is None


def test_a_corrected_answer_counts() -> None:
    assert read_lsns6_answer(answer(status="corrected", valueInteger=0)) == Lsns6Answer(
        "friends-help", 0, date(2025, 3, 1)
    )
