"""Small onions for the store and service tests."""

from __future__ import annotations

from graphsvc.domain import (
    Client,
    KnowsTie,
    Member,
    Membership,
    Need,
    Observation,
    Onion,
    Organization,
    Person,
    Population,
    Staff,
    SupportTie,
    Team,
)
from graphsvc.domain.commands import Command
from graphsvc.services.network_write import NetworkWriter
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.fhir_commit import CypherFhirWriter, FhirCommit
from graphsvc.store.port import WriteResult
from graphsvc.store.resource_store import CypherResourceStore

TEAM = Team("team-a", "Buurtzorg Oost", "Oost")
OTHER_TEAM = Team("team-b", "Buurtzorg West", "West")


async def client_with_team(
    repo: CypherRepository, client_id: str = "client-1", team: Team = TEAM
) -> Client:
    """A client with an empty network, served by ``team``."""
    client = Client(client_id, "Anna de Vries", "Oost", "1938-04-02")
    await load(repo, Population(teams=(team,), onions=(Onion(client, team.id),)))
    return client


async def load(repo: CypherRepository, population: Population) -> int:
    """A whole population through the one write path, on this connection."""
    return await network_writer(repo).load(population)


def onion(n: int, team_id: str = "team-a", members: int = 4, needs: int = 3) -> Onion:
    """A synthetic onion numbered n: informal members, needs each supported by
    two of them, a KNOWS chain and one rating per need."""
    cid = f"client-{n}"
    people = tuple(
        Member(
            Person(f"p-{n}-{i}", f"Person {n}.{i}", "informal", "neighbour"),
            Membership(f"p-{n}-{i}", cid, "informal", closeness=1 + i % 3),
        )
        for i in range(members)
    )
    need_list = tuple(Need(f"need-{n}-{j}", cid, f"{(j % 42) + 1:02d}") for j in range(needs))
    supports = tuple(
        SupportTie(f"p-{n}-{(j + k) % members}", f"need-{n}-{j}", hours_per_week=1.5)
        for j in range(needs)
        for k in range(2)
    )
    knows = tuple(KnowsTie(f"p-{n}-{i}", f"p-{n}-{i + 1}", 2) for i in range(members - 1))
    ratings = tuple(
        Observation(f"obs-{n}-{j}", cid, f"need-{n}-{j}", "knowledge", 3, "2026-05-01")
        for j in range(needs)
    )
    return Onion(
        Client(cid, f"Client {n}", "Oost"), team_id, 0, people, need_list, supports, knows, ratings
    )


def population(clients: int, team: Team = TEAM, start: int = 0) -> Population:
    gp = Organization("gp-1", "Huisartsenpraktijk Oost", "gp-practice")
    return Population(
        teams=(team,),
        organizations=(gp,),
        staff=(
            Staff(Person("gp-person-1", "Dr. Bakker", "formal", "general practitioner"), ("gp-1",)),
        ),
        onions=tuple(onion(i, team.id) for i in range(start, start + clients)),
    )


async def edit(
    repo: CypherRepository, client_id: str, command: Command, expected_version: int | None = None
) -> WriteResult:
    """A change to one network through the one write path, on this connection."""
    return await network_writer(repo).change(client_id, command, expected_version)


def network_writer(repo: CypherRepository) -> NetworkWriter:
    """The one write path on a repository's connection."""
    runner = repo._runner
    return NetworkWriter(repo, CypherResourceStore(runner), CypherFhirWriter(runner))


async def remove_client(repo: CypherRepository, client_id: str) -> None:
    """A client and her network gone, as a FHIR delete of her Patient writes it
    (the same guarded statement), without her resources."""
    before = await repo.get_onion(client_id)
    unit = FhirCommit(
        resources=(),
        seen_resources={},
        population=Population(),
        seen_clients={client_id: before.version},
        previous={client_id: before},
        removed_clients=(client_id,),
    )
    assert await CypherFhirWriter(repo._runner).commit(unit)


def graph_only(population: Population) -> FhirCommit:
    """New networks as the one guarded statement writes them, without the
    FHIR resources that stand for them (for what the database itself must
    keep: durability, atomicity)."""
    return FhirCommit(resources=(), seen_resources={}, population=population, seen_clients={})
