"""The demo neighbourhood and a generated population go into the real
database through the same service the command line uses, and come back out
exactly as they went in."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from graphsvc.domain import Ring
from graphsvc.seeding.codec import load_population
from graphsvc.seeding.generator import iter_population
from graphsvc.services.errors import Forbidden
from graphsvc.services.network import NetworkService
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.resource_store import CypherResourceStore

from ..conftest import ADMIN, nurse, system

DEMO = Path(__file__).resolve().parents[2] / "seeds" / "demo-neighbourhood.json"


async def test_demo_neighbourhood_round_trips(
    repository: CypherRepository, network: NetworkService
) -> None:
    demo = load_population(DEMO)
    heard: list[int] = []
    written = await network.load_population(
        ADMIN, demo, clients_per_slice=10, progress=heard.append
    )
    assert written == len(demo.onions) == sum(heard) and len(heard) == 5
    team = demo.teams[0]
    assert await repository.get_team(team.id) == team
    assert sorted(await repository.team_client_ids(team.id)) == sorted(
        o.client.id for o in demo.onions
    )
    for expected in demo.onions:
        got = await repository.get_onion(expected.client.id)
        assert got.without_fhir_only() == dataclasses.replace(expected, version=1).canonical()
        # each tie of support is help the exported care plan gives, read back from it
        helps = {(m.person.id, h.need_id) for m in got.members for h in m.helps}
        assert helps == {(s.supporter_id, s.need_id) for s in expected.supports}
    nurses = [s for s in demo.staff if s.person.ring is Ring.TEAM]
    assert 8 <= len(nurses) <= 12
    for s in demo.staff:
        assert await repository.get_person(s.person.id) == (
            s.person,
            tuple(sorted(s.organization_ids)),
        )
    # the FHIR resources that stand for each network are written with it
    resources = CypherResourceStore(repository._runner)
    for expected in demo.onions[:5]:
        cid = expected.client.id
        patient = await resources.get("Patient", cid)
        assert patient is not None and patient.version_id == 1
        assert patient.content["name"][0]["text"] == expected.client.name
        compartment = {r.type for r in await resources.compartments([cid])}
        assert {"Patient", "CareTeam"} <= compartment
        for member in expected.ring(Ring.INFORMAL):
            related = await resources.get("RelatedPerson", member.person.id)
            assert related is not None and related.client_id == cid
    # and the directory's teams and organisations, so that a CareTeam's
    # managingOrganization names a resource (a FHIR write of it keeps the team)
    for entry in (*demo.teams, *demo.organizations):
        organization = await resources.get("Organization", entry.id)
        assert organization is not None and organization.content["name"] == entry.name
    # loading it again changes nothing
    await network.load_population(ADMIN, demo)
    assert (await repository.get_onion(demo.onions[7].client.id)).version == 1
    assert (await resources.get("Patient", demo.onions[7].client.id)).version_id == 1  # type: ignore[union-attr]


async def test_generated_population_streams_in(
    repository: CypherRepository, network: NetworkService
) -> None:
    pieces = iter_population(teams=3, clients_per_team=20, seed=7, clients_per_chunk=25)
    assert await network.load_population(ADMIN, pieces) == 60
    total = 0
    for team in ("team-0001", "team-0002", "team-0003"):
        ids = await repository.team_client_ids(team)
        total += len(ids)
        for cid in ids[:3]:
            (await repository.get_onion(cid)).check_consistent()
    assert total == 60


async def test_only_a_system_with_write_scopes_loads(
    repository: CypherRepository, network: NetworkService
) -> None:
    demo = load_population(DEMO)
    for who in (nurse("team-0001"), system("system/*.read")):
        with pytest.raises(Forbidden):
            await network.load_population(who, demo)
    assert await repository.node_count() == 0
