"""The FHIR REST API over HTTP, fuzzed with Hypothesis: read, vread,
history, search (GET and POST), create, update, delete, transaction, batch
and $everything, with the demo's own resources broken in one way or
another, odd ids, parameters, media types and headers, for callers with
every scope, fewer scopes or none. Never a 5xx (but a 503 with
Retry-After); every 4xx is an OperationOutcome that says what is wrong and
where; a refused write changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphsvc.domain import Principal, Role

from ...hl7_validator import Hl7Validator
from ..fhir_validity import assert_valid_fhir
from .budget import examples
from .conftest import DEMO_FHIR, Fuzzed
from .fhir_strategies import (
    TYPES,
    broken,
    demo_resources,
    search_params,
)
from .probe import Probe
from .strategies import (
    AUTHORIZATIONS,
    CONTENT_TYPES,
    HEADER_TEXT,
    HOSTILE_TEXT,
    JSON_VALUE,
    ODD_HEADERS,
    RAW_BYTES,
    RAW_JSON_TEXT,
    mostly,
    segment,
)

RESOURCES = demo_resources(sorted(DEMO_FHIR.glob("*.json"))[:5])
IDS = sorted({r["id"] for r in RESOURCES})
FHIR_JSON = "application/fhir+json"
WRITES = {"POST", "PUT", "DELETE", "PATCH"}
FRAGMENTS = ("is ", "must ", "has ", "should ", "cannot ", "does ", "may ")
WHOLE = ("line ", "byte ", "the body", "the form", "a search")


@pytest.fixture(scope="module")
def probe(fuzzed: Fuzzed) -> Iterator[Probe]:
    p = Probe("fhir", fuzzed.base_url)
    yield p
    p.close()


@pytest.fixture(scope="module")
def tokens(fuzzed: Fuzzed) -> dict[str, str]:
    mint = fuzzed.app.issuer.mint
    return {
        "admin": fuzzed.admin,
        "nurse": fuzzed.nurse,
        "reader": mint(Principal(Role.SYSTEM, "reader", scopes=frozenset({"system/*.rs"}))),
        "patients": mint(Principal(Role.SYSTEM, "gp", scopes=frozenset({"system/Patient.cruds"}))),
        "researcher": mint(Principal(Role.RESEARCHER, "researcher-fuzz")),
    }


def says_what_and_where(status: int, body: Any) -> None:
    """Every issue says what; one about content says where: an element
    path, a line or byte of the body, or the body as a whole. An issue
    without a path must not read as the tail of a sentence about one."""
    assert body.get("resourceType") == "OperationOutcome", (status, body)
    issues = body.get("issue")
    assert issues, body
    for issue in issues:
        diagnostics = issue.get("diagnostics", "")
        assert isinstance(diagnostics, str) and diagnostics.strip(), body
        if status in (400, 422) and not issue.get("expression"):
            assert not diagnostics.startswith(FRAGMENTS), (status, body)
            assert any(w in diagnostics for w in WHOLE) or "'" in diagnostics, (status, body)


resource_and_type = st.sampled_from(RESOURCES).map(lambda r: (r["resourceType"], r))
ids = st.one_of(*[st.sampled_from(IDS)] * 3, HOSTILE_TEXT)
kinds = st.one_of(*[st.sampled_from(TYPES)] * 3, HOSTILE_TEXT)


@st.composite
def bundles(draw: st.DrawFn) -> dict[str, Any]:
    entries = []
    for _ in range(draw(st.integers(0, 4))):
        kind, resource = draw(resource_and_type)
        method = draw(
            st.sampled_from(["POST", "PUT", "PUT", "DELETE", "GET", "PATCH"]) | HOSTILE_TEXT
        )
        url = kind if method == "POST" else f"{kind}/{resource.get('id', '')}"
        entry: dict[str, Any] = {
            "fullUrl": draw(
                st.sampled_from(
                    [f"urn:uuid:6a1f2c3d-8b4e-4f5a-9c6d-7e8f9a0b1c{len(entries):02d}", ""]
                )
                | HOSTILE_TEXT
            ),
            "resource": draw(broken(resource)),
            "request": {"method": method, "url": draw(st.just(url) | HOSTILE_TEXT)},
        }
        if draw(st.integers(0, 5)) == 0:
            entry = draw(broken(entry))
        entries.append(entry)
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": draw(
            st.sampled_from(["transaction", "transaction", "batch", "collection"]) | HOSTILE_TEXT
        ),
        "entry": entries,
    }
    return draw(broken(bundle)) if draw(st.integers(0, 4)) == 0 else bundle


@st.composite
def requests_(draw: st.DrawFn) -> tuple[str, str, bytes | None, dict[str, str]]:
    """(method, path under /fhir, body, headers)."""
    headers: dict[str, str] = draw(ODD_HEADERS)
    what = draw(
        st.sampled_from(
            [
                "create",
                "update",
                "bundle",
                "read",
                "vread",
                "history",
                "search",
                "post-search",
                "everything",
                "delete",
                "raw",
                "other",
            ]
        )
    )
    body: bytes | None = None
    if what in ("create", "update"):
        kind, resource = draw(resource_and_type)
        content = draw(broken(resource))
        body = json.dumps(content).encode("utf-8", "surrogatepass")
        if what == "create":
            path = segment(draw(mostly(kind, kinds, 3)))
            if draw(st.integers(0, 3)) == 0:
                headers["If-None-Exist"] = draw(
                    st.sampled_from(["identifier=x|y", "_id=" + resource["id"], "identifier"])
                    | HOSTILE_TEXT.map(lambda t: "identifier=" + segment(t))
                    | HEADER_TEXT
                )
            method = "POST"
        else:
            kind = draw(mostly(kind, kinds, 3))
            ident = draw(mostly(resource["id"], ids, 3))
            path = f"{segment(kind)}/{segment(ident)}"
            if draw(st.integers(0, 3)) == 0:
                headers["If-Match"] = draw(
                    st.sampled_from(['W/"1"', 'W/"999"', '"1"', "W/", 'W/"x"', "*"])
                )
            method = "PUT"
    elif what == "bundle":
        method, path = "POST", draw(st.sampled_from(["", ""]))
        body = json.dumps(draw(bundles())).encode("utf-8", "surrogatepass")
    elif what in ("read", "vread", "history", "delete"):
        method = "DELETE" if what == "delete" else "GET"
        kind = draw(kinds)
        ident = draw(ids) if what != "delete" else draw(HOSTILE_TEXT | st.sampled_from(IDS[:3]))
        path = f"{segment(kind)}/{segment(ident)}"
        if what == "history":
            path += "/_history"
        elif what == "vread":
            versions = st.sampled_from(["1", "2", "0", "-1", "99999999999"]) | HOSTILE_TEXT
            path += f"/_history/{segment(draw(versions))}"
    elif what in ("search", "post-search"):
        kind = draw(st.sampled_from(TYPES) | HOSTILE_TEXT)
        query = urlencode(draw(search_params(kind)), errors="surrogatepass")
        if what == "search":
            method, path = "GET", f"{segment(kind)}?{query}"
        else:
            method, path = "POST", f"{segment(kind)}/_search"
            body = query.encode()
            headers["Content-Type"] = draw(
                st.just("application/x-www-form-urlencoded") | CONTENT_TYPES
            )
    elif what == "everything":
        query = urlencode(
            draw(st.lists(st.tuples(HOSTILE_TEXT, HOSTILE_TEXT), max_size=2)),
            errors="surrogatepass",
        )
        method, path = "GET", f"Patient/{segment(draw(ids))}/$everything?{query}"
    elif what == "raw":
        method = draw(st.sampled_from(["POST", "PUT", "PATCH", "POST"]))
        path = draw(
            st.sampled_from(["", "Patient", "Patient/" + IDS[0], "CareTeam/x", "Patient/_search"])
        )
        body = draw(
            RAW_JSON_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))
            | RAW_BYTES
            | JSON_VALUE.map(lambda v: json.dumps(v).encode("utf-8", "surrogatepass"))
        )
        if draw(st.integers(0, 50)) == 0:
            body = b'{"resourceType": "Patient", "x": "' + b"x" * (17 * 1024 * 1024) + b'"}'
    else:
        method = draw(st.sampled_from(["GET", "POST", "HEAD", "OPTIONS", "PATCH"]))
        path = draw(
            st.sampled_from(
                [
                    "metadata",
                    "AuditEvent",
                    "AuditEvent?patient=",
                    ".well-known/smart-configuration",
                    "$export",
                    "Patient/$everything",
                    "_history",
                ]
            )
            | st.builds(
                lambda p: f"AuditEvent?patient={segment(p)}", st.sampled_from(IDS) | HOSTILE_TEXT
            )
        )
    if body is not None and "Content-Type" not in headers:
        headers["Content-Type"] = draw(
            mostly(FHIR_JSON, st.just("application/json") | CONTENT_TYPES)
        )
    return method, path, body, headers


@examples(share=1.0)
@given(
    request=requests_(),
    who=st.sampled_from(["admin"] * 4 + ["nurse", "reader", "patients", "researcher", "odd"]),
    auth=AUTHORIZATIONS,
)
def test_fhir(
    fuzzed: Fuzzed,
    probe: Probe,
    tokens: dict[str, str],
    hl7_validator: Hl7Validator,
    request: tuple[str, str, bytes | None, dict[str, str]],
    who: str,
    auth: str,
) -> None:
    method, path, body, headers = request
    headers["Authorization"] = auth if who == "odd" else f"Bearer {tokens[who]}"
    headers.setdefault("Accept", FHIR_JSON)
    write = method in WRITES and not path.endswith("_search")
    before = fuzzed.fingerprint() if write else None
    response = probe.send(method, f"/fhir/{path}", content=body, headers=headers)
    status = response.status_code
    if status >= 400 and method != "HEAD":
        assert response.headers.get("content-type", "").startswith(FHIR_JSON), (
            status,
            response.text[:500],
        )
        says_what_and_where(status, response.json())
    if response.content and response.headers.get("content-type", "").startswith(FHIR_JSON):
        assert_valid_fhir(response.json(), hl7_validator)  # all three validators
    if write and (status >= 400 or _all_refused(response)):
        assert fuzzed.fingerprint() == before, (method, path, status, response.text[:1000])


def _all_refused(response: Any) -> bool:
    """A batch whose every entry was refused wrote nothing."""
    if response.status_code != 200 or not response.content:
        return False
    body = response.json()
    if body.get("resourceType") != "Bundle" or body.get("type") != "batch-response":
        return False
    statuses = [e.get("response", {}).get("status", "") for e in body.get("entry", [])]
    return bool(statuses) and all(not s.startswith("2") for s in statuses)
