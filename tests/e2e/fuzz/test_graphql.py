"""GraphQL over HTTP, fuzzed: Schemathesis generates documents for every
root field, valid and invalid (ids often aimed at what the database holds),
for each kind of caller; Hypothesis sends bodies, media types and headers
that are not a GraphQL request at all. Never a 5xx (but a 503 with
Retry-After), every error says what is wrong, and a refused mutation
changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import given
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode

from graphsvc.api.graphql.request_body import MAX_BYTES
from graphsvc.api.graphql.schema import sdl

from .budget import examples
from .conftest import Fuzzed
from .graphql_aim import KIND, aimed
from .probe import Probe, no_server_error
from .strategies import (
    AUTHORIZATIONS,
    CONTENT_TYPES,
    HOSTILE_TEXT,
    JSON_VALUE,
    ODD_HEADERS,
    RAW_BYTES,
    RAW_JSON_TEXT,
    mostly,
    nested,
    segment,
)
from .tally import TALLY

SCHEMA = schemathesis.graphql.from_file(sdl())
CASES = st.one_of(
    SCHEMA.as_strategy(generation_mode=GenerationMode.POSITIVE),
    SCHEMA.as_strategy(generation_mode=GenerationMode.NEGATIVE),
)
ME = "{ me { subject role } }"


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as s:
        yield s


@pytest.fixture(scope="module")
def probe(fuzzed: Fuzzed) -> Iterator[Probe]:
    p = Probe("graphql", fuzzed.base_url)
    yield p
    p.close()


def errors_say_what(body: Any) -> None:
    for error in body.get("errors") or []:
        message = error.get("message")
        assert isinstance(message, str) and message.strip(), body
        assert message != "Unexpected error.", body


# The problems a mutation answers with: it did nothing (every other result
# type, NetworkChange or Lsns6AnswerRecorded, says what it did).
PROBLEMS = frozenset({"ConflictError", "ForbiddenError", "NotFoundError", "ValidationError"})


def refused(body: Any, root: str) -> bool:
    """Whether the mutation was not carried out: its root field is missing,
    null or a problem. An error further down (a field of the client it
    answers with) does not undo a change made."""
    data = body.get("data") if isinstance(body, dict) else None
    result = data.get(root) if isinstance(data, dict) else None
    return not isinstance(result, dict) or result.get(KIND) in PROBLEMS or KIND not in result


@examples(share=0.7)
@given(
    case=CASES,
    aim=st.randoms(use_true_random=False),
    who=st.sampled_from(["nurse", "coach", "admin"]),
)
def test_generated_documents(
    fuzzed: Fuzzed, session: requests.Session, case: schemathesis.Case, aim: Any, who: str
) -> None:
    ids = fuzzed.known_ids
    case.body = aimed(str(case.body), lambda: aim.choice(ids) if aim.random() < 0.6 else None)
    token = getattr(fuzzed, who)
    mutation = case.operation.label.startswith("Mutation.")
    before = fuzzed.fingerprint() if mutation else None
    response = case.call(
        base_url=f"{fuzzed.base_url}/graphql",
        session=session,
        headers={"Authorization": f"Bearer {token}"},
        timeout=120,  # as the other surfaces: a loaded machine is slow, not broken
    )
    TALLY.record("graphql", response.status_code)
    no_server_error(response.status_code, response.headers, response.text)
    body = response.json()
    errors_say_what(body)
    if mutation and refused(body, case.operation.label.split(".", 1)[1]):
        assert fuzzed.fingerprint() == before, (case.body, body)


@st.composite
def graphql_bodies(draw: st.DrawFn) -> bytes:
    """A body that is, or is nearly, or is not at all, a GraphQL request."""
    kind = draw(st.sampled_from(["request", "json", "raw", "bytes", "deep", "huge"]))
    if kind == "request":
        body: dict[str, Any] = {
            "query": draw(st.sampled_from([ME, "{", "mutation { x }"]) | HOSTILE_TEXT)
        }
        if draw(st.booleans()):
            body["variables"] = draw(JSON_VALUE)
        if draw(st.booleans()):
            body["operationName"] = draw(JSON_VALUE)
        for key in draw(st.lists(HOSTILE_TEXT, max_size=2)):
            body[key] = draw(JSON_VALUE)
        return json.dumps(body).encode("utf-8", "surrogatepass")
    if kind == "json":
        return json.dumps(draw(JSON_VALUE)).encode("utf-8", "surrogatepass")
    if kind == "raw":
        return draw(RAW_JSON_TEXT).encode("utf-8", "surrogatepass")
    if kind == "bytes":
        return draw(RAW_BYTES)
    if kind == "deep":
        depth = draw(st.integers(1, 3000))
        deep = nested(depth, draw(st.sampled_from(["object", "list"])))
        return f'{{"query": "{ME}", "variables": {{"v": {deep}}}}}'.encode()
    size = draw(st.sampled_from([MAX_BYTES - 64, MAX_BYTES + 1, 2 * MAX_BYTES]))
    return json.dumps({"query": ME, "variables": {"pad": "x" * size}}).encode()


@examples(share=0.3)
@given(
    body=graphql_bodies(),
    method=st.sampled_from(["POST"] * 6 + ["GET", "PUT", "DELETE", "PATCH"]),
    content_type=mostly("application/json", CONTENT_TYPES),
    authorization=mostly("nurse", AUTHORIZATIONS),
    headers=ODD_HEADERS,
    query=st.lists(st.tuples(HOSTILE_TEXT, HOSTILE_TEXT), max_size=2),
)
def test_odd_requests(
    fuzzed: Fuzzed,
    probe: Probe,
    body: bytes,
    method: str,
    content_type: str,
    authorization: str,
    headers: dict[str, str],
    query: list[tuple[str, str]],
) -> None:
    sent = {**headers, "Content-Type": content_type}
    sent["Authorization"] = f"Bearer {fuzzed.nurse}" if authorization == "nurse" else authorization
    before = fuzzed.fingerprint()
    params = "&".join(f"{segment(k)}={segment(v)}" for k, v in query)
    response = probe.send(
        method, f"/graphql?{params}" if params else "/graphql", content=body, headers=sent
    )
    if response.status_code >= 400:
        assert fuzzed.fingerprint() == before
        if response.headers.get("content-type", "").startswith("application/json"):
            answer = response.json()
            messages = [e.get("message") for e in answer.get("errors", [])] or [
                answer.get("message")
            ]
            assert all(isinstance(m, str) and m.strip() for m in messages), answer
        else:
            assert response.text.strip(), response
    elif response.headers.get("content-type", "").startswith("text/html"):
        assert method == "GET" and "GraphiQL" in response.text  # the development page
    else:
        errors_say_what(response.json())


def test_a_change_made_is_told_from_one_refused(fuzzed: Fuzzed, session: requests.Session) -> None:
    """What the fuzzing relies on: a mutation that changes the network is
    seen as made (and moves the fingerprint), one refused is seen as such."""
    client = fuzzed.client_ids[0]
    add = (
        'mutation { addMember(input: {clientId: "%s", name: "Fuzz Buurman", ring: INFORMAL}) '
        "{ ... on NetworkChange { version } } }"
    )
    headers = {"Authorization": f"Bearer {fuzzed.nurse}"}
    before = fuzzed.fingerprint()
    made = session.post(
        f"{fuzzed.base_url}/graphql",
        json={"query": aimed(add % "x", lambda: client)},
        headers=headers,
    ).json()
    assert not refused(made, "addMember"), made
    assert fuzzed.fingerprint() != before
    after = fuzzed.fingerprint()
    unknown = session.post(
        f"{fuzzed.base_url}/graphql",
        json={"query": aimed(add % "nobody", lambda: None)},
        headers=headers,
    ).json()
    assert refused(unknown, "addMember"), unknown
    assert fuzzed.fingerprint() == after
