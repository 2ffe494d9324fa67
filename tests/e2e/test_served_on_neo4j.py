"""``graphsvc serve`` as a user runs it against a Neo4j (the session's, as
``make neo4j-local`` runs it): the demo imported through the FHIR path, and
over real HTTP the proofs of the write guard: concurrent additions all land,
concurrent PUTs with one If-Match win once, two nurses with one version get
one ConflictError, and the retry works."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from graphsvc.config import Settings
from graphsvc.domain import Principal, Role
from graphsvc.services.tokens import TokenIssuer

from ..conftest import ADMIN, wipe_neo4j
from ..neo4j_local import free_port
from .fhir_bodies import FhirBodies
from .test_cli_serve import DEMO_FHIR, ROOT, wait_for_port

CLIENT = "client-000001"
NURSE = Principal(Role.NURSE, "nurse-x", frozenset({"team-0001"}))
ADD = """mutation($input: AddMemberInput!) { addMember(input: $input) {
  __typename ... on NetworkChange { version } ... on ConflictError { currentVersion } } }"""
VERSION = "query($id: ID!) { client(id: $id) { version members { id } } }"


@pytest.fixture
def served(neo4j_uri: str, tmp_path: Path) -> Iterator[tuple[str, TokenIssuer]]:
    wipe_neo4j(neo4j_uri)
    data = tmp_path / "data"
    port = free_port()
    env = {**os.environ, "GRAPHSVC_NEO4J_URI": neo4j_uri}
    command = [sys.executable, "-m", "graphsvc", "serve", "--data", str(data)]
    command += ["--port", str(port), "--seed-if-empty", str(DEMO_FHIR)]
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    wait_for_port(proc, port, 300)
    yield f"http://127.0.0.1:{port}", TokenIssuer(Settings(data_dir=data).signing_key())
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def bearer(issuer: TokenIssuer, principal: Principal) -> dict[str, str]:
    return {"Authorization": f"Bearer {issuer.mint(principal)}"}


async def graphql(http: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = await http.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body["data"]


def member(k: int, expected_version: int | None = None) -> dict[str, Any]:
    return {
        "input": {
            "clientId": CLIENT,
            "personId": f"buur-{k}",
            "name": f"Buur {k}",
            "ring": "INFORMAL",
            "relationship": "neighbour",
            "expectedVersion": expected_version,
        }
    }


async def test_the_guards_hold_over_http_on_neo4j(
    served: tuple[str, TokenIssuer], fhir_bodies: FhirBodies
) -> None:
    base, issuer = served
    async with httpx.AsyncClient(base_url=base, timeout=60) as anonymous:
        health = (await anonymous.get("/healthz")).json()
    assert health["database"]["kind"] == "neo4j" and health["database"]["state"] == "up"

    async with httpx.AsyncClient(base_url=base, timeout=60, headers=bearer(issuer, NURSE)) as nurse:
        before = (await graphql(nurse, VERSION, {"id": CLIENT}))["client"]
        # sixteen additions at once, no version given: every one lands
        added = await asyncio.gather(*(graphql(nurse, ADD, member(k)) for k in range(16)))
        assert all(a["addMember"]["__typename"] == "NetworkChange" for a in added)
        after = (await graphql(nurse, VERSION, {"id": CLIENT}))["client"]
        assert {m["id"] for m in after["members"]} >= {f"buur-{k}" for k in range(16)}
        assert after["version"] == before["version"] + 16

        # two nurses with the version they both read: one change, one conflict
        seen = after["version"]
        both = await asyncio.gather(
            graphql(nurse, ADD, member(100, seen)), graphql(nurse, ADD, member(101, seen))
        )
        kinds = sorted(b["addMember"]["__typename"] for b in both)
        assert kinds == ["ConflictError", "NetworkChange"]
        conflict = next(b for b in both if b["addMember"]["__typename"] == "ConflictError")
        current = conflict["addMember"]["currentVersion"]
        assert current == seen + 1
        lost = 101 if both[0]["addMember"]["__typename"] == "NetworkChange" else 100
        retry = await graphql(nurse, ADD, member(lost, current))
        assert retry["addMember"]["__typename"] == "NetworkChange"

    async with httpx.AsyncClient(
        base_url=f"{base}/fhir",
        timeout=60,
        headers=bearer(issuer, ADMIN),
        event_hooks={"response": [fhir_bodies.on_async_response]},
    ) as fhir:
        found = (await fhir.get("CareTeam", params={"patient": CLIENT})).json()
        team = found["entry"][0]["resource"]
        version = team["meta"]["versionId"]

        async def put(n: int) -> int:
            body = {**team, "name": f"Zorgteam, versie {n}"}
            response = await fhir.put(
                f"CareTeam/{team['id']}",
                json=body,
                headers={"If-Match": f'W/"{version}"', "Content-Type": "application/fhir+json"},
            )
            return response.status_code

        statuses = await asyncio.gather(*(put(n) for n in range(8)))
        assert sorted(statuses) == [200] + [412] * 7, statuses
