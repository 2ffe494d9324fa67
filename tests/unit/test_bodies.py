"""Resource bodies as the store keeps them: compressed, and read back exactly,
whether written compressed or (before compression, or too short to gain) as
their JSON text."""

from __future__ import annotations

import json

from graphsvc.store.bodies import decode, encode
from graphsvc.store.resource_store import canonical

OBSERVATION = {
    "resourceType": "Observation",
    "status": "final",
    "code": {
        "coding": [
            {
                "system": "https://graphsvc.example/fhir/CodeSystem/omaha-rating",
                "code": "knowledge",
                "display": "Knowledge (Omaha Problem Rating Scale)",
            }
        ]
    },
    "subject": {"reference": "Patient/client-0001-0001"},
    "focus": [{"reference": "Condition/need-0001-0001-1"}],
    "effectiveDateTime": "2025-01-16",
    "valueInteger": 4,
    "note": [{"text": "Mevrouw weet het \u00e9\u00eb \u2014 \U0001f600 <b>&amp;</b>"}],
}


def test_a_body_is_kept_shorter_and_read_back_exactly() -> None:
    text = canonical(OBSERVATION)
    stored = encode(text)
    assert stored.startswith("z1:")
    assert stored.isascii()  # a plain property, a parameter in FalkorDB's text protocol
    assert len(stored) < len(text) / 2
    assert decode(stored) == text
    assert json.loads(decode(stored)) == json.loads(text)


def test_a_body_written_before_compression_reads_as_it_was() -> None:
    text = canonical(OBSERVATION)
    assert decode(text) == text


def test_a_body_too_short_to_gain_is_kept_as_text() -> None:
    text = canonical({"resourceType": "Basic"})
    assert encode(text) == text
    assert decode(encode(text)) == text


def test_bodies_of_every_size_and_kind_survive() -> None:
    bodies = [
        {"resourceType": "Patient"},
        {"resourceType": "Patient", "name": [{"text": "x" * 100_000}]},
        {"resourceType": "Binary", "data": "".join(chr(c) for c in range(32, 2000))},
        {"resourceType": "Basic", "text": {"div": "z1:not compressed, only looks like it"}},
    ]
    for body in bodies:
        text = canonical(body)
        assert decode(encode(text)) == text
