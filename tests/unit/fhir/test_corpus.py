"""The hand-written corpus is valid R4 and has every feature the mapping must handle."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from fhir.resources.R4B import get_fhir_model_class

from fhir_mappings import ACCEPTED_TYPES, parse_resource
from fhir_mappings.resource_types import PROJECTED_TYPES

from .corpus import files, load, resources, stored


def test_corpus_is_big_enough() -> None:
    kinds = Counter(r["resourceType"] for r in resources())
    assert sum(kinds.values()) >= 40
    # every type the onion is read from, and the directory's Location
    assert set(kinds) == PROJECTED_TYPES | {"Location"}
    assert set(kinds) <= ACCEPTED_TYPES
    assert kinds["CareTeam"] >= 4 and kinds["CarePlan"] >= 4 and kinds["Observation"] >= 8


@pytest.mark.parametrize("path", files(), ids=lambda p: p.name)
def test_every_file_parses(path: object) -> None:
    document = load(path)  # type: ignore[arg-type]
    model = parse_resource(document)
    assert model.get_resource_type() == document["resourceType"]
    # The second, independent reading: the R4B model class straight from the library.
    get_fhir_model_class(document["resourceType"]).model_validate(document)


def test_every_stored_resource_parses() -> None:
    for key, resource in stored().items():
        assert parse_resource(resource).get_resource_type() == key.resource_type


def test_corpus_has_every_reference_style_and_feature() -> None:
    text = "\n".join(json.dumps(load(p)) for p in files())
    assert '"reference": "urn:uuid:' in text
    assert (
        '"reference": "https://ehr.ziekenhuis-voorbeeld.nl/fhir/' in text
    )  # absolute, in a Bundle
    assert '"reference": "https://graphsvc.example/fhir/' in text  # absolute, this server
    assert '"reference": "#' in text  # contained
    assert '"reference": "Practitioner?identifier=' in text  # conditional
    assert '"identifier": {"system": "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers"' in text
    assert '"ifNoneExist"' in text
    assert '"_family"' in text and '"_given"' in text  # extensions on primitives
    assert '"div": "<div xmlns=' in text
    assert '"system": "http://terminology.hl7.org/CodeSystem/oms"' in text
    assert '"system": "https://graphsvc.example/fhir/CodeSystem/onion-ring"' in text
    assert '"scheduledTiming"' in text
    assert '"contained"' in text
