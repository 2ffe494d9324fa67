"""The write guard's proofs over real HTTP, against a served app however it
is served (one process or several, FalkorDB or Neo4j): concurrent additions
all land, two nurses with one version get one ConflictError and the retry
works, concurrent PUTs with one If-Match win once. Every FHIR body answered
is kept for the three validators."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from graphsvc.domain import Principal, Role
from graphsvc.services.tokens import TokenIssuer

from ..conftest import ADMIN
from .fhir_bodies import FhirBodies

CLIENT = "client-000001"
NURSE = Principal(Role.NURSE, "nurse-x", frozenset({"team-0001"}))
ADD = """mutation($input: AddMemberInput!) { addMember(input: $input) {
  __typename ... on NetworkChange { version } ... on ConflictError { currentVersion } } }"""
VERSION = "query($id: ID!) { client(id: $id) { version members { id } } }"


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


async def the_guards_hold(base: str, issuer: TokenIssuer, fhir_bodies: FhirBodies) -> str:
    """The proofs; returns the database kind /healthz names."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as anonymous:
        health = (await anonymous.get("/healthz")).json()
    assert health["database"]["state"] == "up", health

    async with httpx.AsyncClient(base_url=base, timeout=60, headers=bearer(issuer, NURSE)) as nurse:
        before = (await graphql(nurse, VERSION, {"id": CLIENT}))["client"]
        # sixteen additions at once, no version given: every one lands
        added = await asyncio.gather(*(graphql(nurse, ADD, member(k)) for k in range(16)))
        assert all(a["addMember"]["__typename"] == "NetworkChange" for a in added), added
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
    kind: str = health["database"]["kind"]
    return kind
