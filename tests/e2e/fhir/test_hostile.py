"""Hypothesis throws malformed and hostile FHIR at every endpoint: the answer
is always a 4xx OperationOutcome (or a plain success for what is in fact
valid), never a 500, and a rejected request stores nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from graphsvc.app import create_app
from graphsvc.config import Settings
from graphsvc.services.tokens import TokenIssuer

from ...conftest import ADMIN
from ...hl7_validator import Hl7Validator
from .conftest import Fhir

TYPES = [
    "Patient",
    "CareTeam",
    "CarePlan",
    "Observation",
    "Condition",
    "RelatedPerson",
    "Practitioner",
    "PractitionerRole",
    "Organization",
    "Goal",
    "Medication",
    "Bundle",
]
HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "\x00",
            "\ud800",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "`MATCH (n) DETACH DELETE n`",
            "}) DETACH DELETE n //",
            "../../etc/passwd",
            "Patient/../../x",
            "urn:uuid:",
            "#",
            "Patient?identifier=",
            "Patient?_id=a&_id=b",
            "%00",
            "a" * 5000,
            "Ωμέγα",
            "😀",
            "http://evil.example/fhir/Patient/1",
            "1e400",
            "-0",
            "NaN",
        ]
    ),
)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(HOSTILE_TEXT, inner, max_size=4),
    max_leaves=20,
)
ELEMENTS = [
    "id",
    "subject",
    "patient",
    "status",
    "code",
    "focus",
    "participant",
    "activity",
    "valueInteger",
    "name",
    "identifier",
    "contained",
    "text",
    "extension",
    "meta",
    "careTeam",
    "managingOrganization",
    "effectiveDateTime",
    "reasonReference",
]


@st.composite
def resources(draw: st.DrawFn) -> dict[str, Any]:
    """Something shaped like a resource, wrong somewhere (or not)."""
    body: dict[str, Any] = {"resourceType": draw(st.sampled_from(TYPES) | HOSTILE_TEXT)}
    for name in draw(st.lists(st.sampled_from(ELEMENTS), max_size=5, unique=True)):
        body[name] = draw(JSON_VALUE)
    if draw(st.booleans()):
        body["subject"] = {"reference": draw(HOSTILE_TEXT | st.just("Patient/nobody"))}
    return body


@st.composite
def bundles(draw: st.DrawFn) -> dict[str, Any]:
    entries = []
    for _ in range(draw(st.integers(0, 4))):
        entry: dict[str, Any] = {"resource": draw(resources())}
        entry["request"] = {
            "method": draw(
                st.sampled_from(["POST", "PUT", "DELETE", "GET", "PATCH"]) | HOSTILE_TEXT
            ),
            "url": draw(st.sampled_from(TYPES) | HOSTILE_TEXT),
        }
        if draw(st.booleans()):
            entry["fullUrl"] = draw(
                HOSTILE_TEXT | st.just("urn:uuid:6a1f2c3d-8b4e-4f5a-9c6d-7e8f9a0b1c2d")
            )
        entries.append(entry)
    return {
        "resourceType": "Bundle",
        "type": draw(st.sampled_from(["transaction", "batch", "collection"]) | HOSTILE_TEXT),
        "entry": entries,
    }


BODIES = st.one_of(
    resources().map(json.dumps),
    bundles().map(json.dumps),
    JSON_VALUE.map(json.dumps),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.sampled_from(["", "{", "[]", "null", '{"resourceType": "Patient"', "{" * 5000 + "}" * 5000]),
)


@pytest.fixture(scope="module")
def hostile(
    tmp_path_factory: pytest.TempPathFactory, hl7_validator: Hl7Validator
) -> Iterator[Fhir]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("hostile"))
    with TestClient(create_app(settings)) as http:
        yield Fhir(http, TokenIssuer(settings.signing_key()).mint(ADMIN), hl7_validator)


def fingerprint(fhir: Fhir) -> int:
    """How many nodes the graph holds: every write adds at least a version
    node, so a request that stored anything changes it."""
    runtime = fhir.http.app.state.runtime  # type: ignore[attr-defined]
    portal = fhir.http.portal
    assert portal is not None
    return int(portal.call(runtime.repository.node_count))


def check(fhir: Fhir, method: str, path: str, body: str | None) -> None:
    before = fingerprint(fhir)
    response = fhir.request(method, path, body)  # asserts < 500 and validates what comes back
    if response.status_code >= 400:
        assert response.json()["resourceType"] == "OperationOutcome"
        assert fingerprint(fhir) == before, (method, path, body)


def segment(text: str) -> str:
    """A path segment as a hostile client would send it, unpaired surrogates too."""
    return quote(text, safe="", errors="surrogatepass")


SLOW = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SLOW
@given(body=BODIES, kind=st.sampled_from(TYPES) | HOSTILE_TEXT)
def test_create(hostile: Fhir, body: str, kind: str) -> None:
    check(hostile, "POST", segment(kind), body)


@SLOW
@given(body=BODIES, kind=st.sampled_from(TYPES), ident=HOSTILE_TEXT)
def test_update(hostile: Fhir, body: str, kind: str, ident: str) -> None:
    check(hostile, "PUT", f"{kind}/{segment(ident)}", body)


@SLOW
@given(body=bundles().map(json.dumps) | BODIES)
def test_transaction_and_batch(hostile: Fhir, body: str) -> None:
    check(hostile, "POST", "", body)


@SLOW
@given(
    body=BODIES,
    kind=st.sampled_from(TYPES),
    ident=st.none() | HOSTILE_TEXT,
    mode=st.none() | st.sampled_from(["create", "update", "delete"]) | HOSTILE_TEXT,
)
def test_validate_writes_nothing(
    hostile: Fhir, body: str, kind: str, ident: str | None, mode: str | None
) -> None:
    where = kind if ident is None else f"{kind}/{segment(ident)}"
    query = "" if mode is None else f"?mode={segment(mode)}"
    before = fingerprint(hostile)
    response = hostile.request("POST", f"{where}/$validate{query}", body)
    assert response.json()["resourceType"] == "OperationOutcome"
    assert fingerprint(hostile) == before, (where, mode, body)


@SLOW
@given(
    kind=st.sampled_from(TYPES) | HOSTILE_TEXT,
    params=st.lists(st.tuples(HOSTILE_TEXT, HOSTILE_TEXT), max_size=4),
)
def test_search_read_and_history(hostile: Fhir, kind: str, params: list[tuple[str, str]]) -> None:
    safe_kind = segment(kind)
    query = urlencode(params, errors="surrogatepass")
    check(hostile, "GET", f"{safe_kind}?{query}", None)
    for value, _ in params[:1]:
        ident = segment(value)
        check(hostile, "GET", f"{safe_kind}/{ident}", None)
        check(hostile, "GET", f"{safe_kind}/{ident}/_history", None)
        check(hostile, "GET", f"{safe_kind}/{ident}/_history/{ident}", None)
        check(hostile, "DELETE", f"{safe_kind}/{ident}", None)
        check(hostile, "GET", f"Patient/{ident}/$everything", None)


@SLOW
@given(family=HOSTILE_TEXT, value=HOSTILE_TEXT, given_name=HOSTILE_TEXT)
def test_hostile_strings_in_valid_places_come_back_exactly(
    hostile: Fhir, family: str, value: str, given_name: str
) -> None:
    patient = {
        "resourceType": "Patient",
        "identifier": [{"system": "urn:oid:2.16.840.1.113883.2.4.6.3", "value": value}],
        "name": [{"family": family, "given": [given_name]}],
    }
    before = fingerprint(hostile)
    response = hostile.request("POST", "Patient", json.dumps(patient))
    if response.status_code >= 400:
        assert fingerprint(hostile) == before
        return
    back = hostile.get(f"Patient/{response.json()['id']}").json()
    assert back["name"] == patient["name"] and back["identifier"] == patient["identifier"]
