"""Searching the directory for someone to link into an onion, on both real
databases: by name, by what she is in Dutch or English, never a relative."""

from __future__ import annotations

from graphsvc.domain import Organization, Person, Population, Staff
from graphsvc.domain.directory_search import directory_query
from graphsvc.store.cypher_repository import CypherRepository

from .builders import TEAM, load, onion

DIRECTORY = Population(
    teams=(TEAM,),
    organizations=(
        Organization("gp-1", "Huisartsenpraktijk Oost", "gp-practice"),
        Organization("ph-1", "Apotheek De Linde", "pharmacy"),
        Organization("ph-2", "Apotheek Noël", "pharmacy"),
    ),
    staff=(
        Staff(Person("gp-a", "Dr. Bakker", "formal", "general practitioner"), ("gp-1",)),
        Staff(Person("gp-b", "Dr. Aydin", "formal", "huisarts"), ("gp-1",)),
        Staff(Person("gpa-1", "Els Bakker", "formal", "GP assistant"), ("gp-1",)),
        Staff(Person("ph-a", "Mw. Jansen", "formal", "pharmacist"), ("ph-1",)),
        Staff(Person("n-1", "Fatima Bakker", "team", "district nurse"), (TEAM.id,)),
        Staff(Person("ph-b", "Zoë Çelik", "formal", "pharmacist"), ("ph-2",)),
    ),
    onions=(onion(0),),  # informal people p-0-*, "Person 0.i", neighbours
)


async def search(
    repo: CypherRepository, text: str, role: str | None = None, first: int | None = None
) -> list[str]:
    found = await repo.directory_search(directory_query(text, role, first))
    return [person.id for person, _ in found]


async def test_by_name_by_role_in_either_language_and_never_a_relative(
    repository: CypherRepository,
) -> None:
    await load(repository, DIRECTORY)
    # by name, ordered by name; Els is an assistant but a Bakker all the same
    assert await search(repository, "bakker") == ["gp-a", "gpa-1", "n-1"]
    # "huisarts" finds both GPs (one's role in English, one's in Dutch), and
    # everyone of the GP practice
    assert set(await search(repository, "huisarts")) == {"gp-a", "gp-b", "gpa-1"}
    assert set(await search(repository, "general practitioner")) == {"gp-a", "gp-b", "gpa-1"}
    # narrowed to those whose own role is a GP's
    assert await search(repository, "bakker", role="huisarts") == ["gp-a"]
    assert await search(repository, "apotheek") == ["ph-a", "ph-b"]
    [(pharmacist, organizations)] = await repository.directory_search(directory_query("Jansen"))
    assert pharmacist.role == "pharmacist"
    assert [o.name for o in organizations] == ["Apotheek De Linde"]
    # a neighbour in a client's network is nobody's directory entry
    assert await search(repository, "person 0") == []
    assert await search(repository, "neighbour") == []
    assert await search(repository, "bakker", first=2) == ["gp-a", "gpa-1"]
    # words in the query are parameters, never Cypher
    assert await search(repository, "') RETURN 1 //") == []


async def test_names_are_found_with_or_without_their_accents(
    repository: CypherRepository,
) -> None:
    await load(repository, DIRECTORY)
    for typed in ("zoe", "Zoë", "ZOË", "celik", "Çelik", "zoe çelik"):
        assert await search(repository, typed) == ["ph-b"], typed
    # by the name of her organisation, with or without its accent
    assert await search(repository, "noel") == ["ph-b"]
    assert await search(repository, "Noël") == ["ph-b"]
