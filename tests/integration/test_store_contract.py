"""The store contract, on both real databases (the embedded FalkorDB and a
live Neo4j 5): every node and relationship kind can be created, read,
updated and deleted; upserts are idempotent; versions guard the network."""

from __future__ import annotations

import dataclasses

import pytest

from graphsvc.domain import (
    Client,
    KnowsTie,
    Membership,
    Need,
    NeedStatus,
    NotFound,
    Observation,
    Onion,
    Organization,
    Person,
    Population,
    Ring,
    Staff,
    SupportTie,
    Team,
    TieStatus,
    ValidationError,
    VersionConflict,
)
from graphsvc.domain.commands import (
    RemoveKnows,
    RemoveMember,
    RemoveNeed,
    RemoveRating,
    RemoveSupport,
    SaveKnows,
    SaveMember,
    SaveNeed,
    SaveRating,
    SaveSupport,
)
from graphsvc.store.cypher_repository import CypherRepository

from .builders import (
    OTHER_TEAM,
    TEAM,
    client_with_team,
    edit,
    load,
    onion,
    population,
    remove_client,
)

HOSTILE = "Robert'); DROP--\"} $x `n` \\ <script>alert(1)</script> \u00e9\u00df\U0001f600"


async def test_teams_and_organisations_through_the_one_write_path(
    repository: CypherRepository,
) -> None:
    await load(repository, Population(teams=(TEAM,)))
    assert await repository.get_team(TEAM.id) == TEAM
    renamed = dataclasses.replace(TEAM, name="Buurtzorg Oost 2", neighbourhood=None)
    await load(repository, Population(teams=(renamed,)))
    assert await repository.get_team(TEAM.id) == renamed
    # a team is an organisation as well
    assert (await repository.get_organization(TEAM.id)).kind.value == "nursing-team"
    org = Organization("apotheek-1", HOSTILE, "pharmacy")
    await load(repository, Population(organizations=(org, org)))
    assert await repository.get_organization(org.id) == org
    with pytest.raises(NotFound):
        await repository.get_team(org.id)  # an organisation is not a team
    with pytest.raises(NotFound):
        await repository.get_organization("no-such-org")


async def test_staff_member_of(repository: CypherRepository) -> None:
    gp = Organization("gp-1", "GP", "gp-practice")
    nurse = Person("nurse-1", "Fatima El Amrani", Ring.TEAM, "district nurse")
    both = Staff(nurse, (TEAM.id, "gp-1"))
    await load(repository, Population(teams=(TEAM,), organizations=(gp,), staff=(both,)))
    assert await repository.get_person("nurse-1") == (nurse, ("gp-1", TEAM.id))
    assert await repository.team_staff(TEAM.id) == [nurse]
    with pytest.raises(NotFound):
        await repository.get_person("nurse-2")


async def test_client_round_trip_and_idempotent_load(repository: CypherRepository) -> None:
    client = Client("client-1", HOSTILE, "Oost", "1938-04-02")
    first = Population(teams=(TEAM,), onions=(Onion(client, TEAM.id),))
    await load(repository, first)
    version = (await repository.get_onion("client-1")).version
    await load(repository, first)  # the same again: no version moves
    assert await repository.get_client("client-1") == (client, TEAM.id, version)
    moved = dataclasses.replace(client, neighbourhood=None)
    await load(repository, Population(onions=(Onion(moved, TEAM.id),)))
    assert await repository.get_client("client-1") == (moved, TEAM.id, version + 1)
    with pytest.raises(NotFound):
        await repository.get_client("client-2")
    assert await repository.client_access("client-2") is None


async def test_client_moves_team(repository: CypherRepository) -> None:
    client = await client_with_team(repository)
    await load(repository, Population(teams=(OTHER_TEAM,), onions=(Onion(client, OTHER_TEAM.id),)))
    access = await repository.client_access(client.id)
    assert access is not None and access.team_ids == {OTHER_TEAM.id}
    assert await repository.team_client_ids(TEAM.id) == []
    assert await repository.team_client_ids(OTHER_TEAM.id) == [client.id]


async def test_member_crud(repository: CypherRepository) -> None:
    client = await client_with_team(repository)
    daughter = Person("p-1", HOSTILE, Ring.INFORMAL, "daughter", "06-12345678")
    tie = Membership(
        "p-1", client.id, Ring.INFORMAL, "mantelzorger", "daughter", "daily", 3, "2019-01-01"
    )
    v1 = await edit(repository, client.id, SaveMember(daughter, tie))
    same = await edit(repository, client.id, SaveMember(daughter, tie))
    assert v1.changed and not same.changed and same.version == v1.version
    onion_ = await repository.get_onion(client.id)
    assert [(m.person, m.membership) for m in onion_.members] == [(daughter, tie)]
    closer = dataclasses.replace(tie, closeness=2, contact_frequency="weekly")
    v2 = await edit(repository, client.id, SaveMember(daughter, closer))
    assert v2.version == v1.version + 1
    assert (await repository.get_onion(client.id)).members[0].membership == closer
    v3 = await edit(repository, client.id, RemoveMember("p-1"))
    assert v3.version == v2.version + 1
    assert (await repository.get_onion(client.id)).members == ()
    with pytest.raises(NotFound):
        await edit(repository, client.id, RemoveMember("p-1"))
    with pytest.raises(NotFound):
        nobody = dataclasses.replace(tie, client_id="nobody")
        await edit(repository, "nobody", SaveMember(daughter, nobody))


async def test_need_crud(repository: CypherRepository) -> None:
    client = await client_with_team(repository)
    need = Need("need-1", client.id, "38", since="2026-01-10")
    await edit(repository, client.id, SaveNeed(need))
    assert not (await edit(repository, client.id, SaveNeed(need))).changed
    assert (await repository.get_onion(client.id)).needs == (need,)
    resolved = dataclasses.replace(need, status=NeedStatus.RESOLVED)
    await edit(repository, client.id, SaveNeed(resolved))
    assert (await repository.get_onion(client.id)).needs == (resolved,)
    # a need id of another client is refused, and nothing changes
    other = await client_with_team(repository, "client-2")
    with pytest.raises(ValidationError):
        await edit(repository, other.id, SaveNeed(Need("need-1", other.id, "06")))
    assert (await repository.get_onion(other.id)).needs == ()
    await edit(repository, client.id, RemoveNeed("need-1"))
    assert (await repository.get_onion(client.id)).needs == ()
    with pytest.raises(NotFound):
        await edit(repository, client.id, RemoveNeed("need-1"))


async def test_support_crud(repository: CypherRepository) -> None:
    client = await client_with_team(repository)
    els = Person("p-1", "Els", "informal")
    await edit(repository, client.id, SaveMember(els, Membership("p-1", client.id, "informal")))
    await edit(repository, client.id, SaveNeed(Need("need-1", client.id, "35")))
    tie = SupportTie("p-1", "need-1", "practical", "weekly", 2.5, since="2025-03-01")
    await edit(repository, client.id, SaveSupport(tie))
    assert not (await edit(repository, client.id, SaveSupport(tie))).changed
    assert (await repository.get_onion(client.id)).supports == (tie,)
    ended = dataclasses.replace(tie, status=TieStatus.ENDED, hours_per_week=0)
    await edit(repository, client.id, SaveSupport(ended))
    assert (await repository.get_onion(client.id)).supports == (ended,)
    await edit(repository, client.id, RemoveSupport("p-1", "need-1"))
    assert (await repository.get_onion(client.id)).supports == ()
    # only members of the onion support, and only needs of this client
    stranger = Person("p-2", "Stranger", "informal")
    await edit(
        repository, client.id, SaveMember(stranger, Membership("p-2", client.id, "informal"))
    )
    await edit(repository, client.id, RemoveMember("p-2"))
    with pytest.raises(NotFound):
        await edit(repository, client.id, SaveSupport(SupportTie("p-2", "need-1")))
    with pytest.raises(NotFound):
        await edit(repository, client.id, SaveSupport(SupportTie("p-1", "need-x")))


async def test_knows_crud(repository: CypherRepository) -> None:
    client = await client_with_team(repository)
    for pid in ("p-1", "p-2"):
        person = Person(pid, pid, "informal")
        await edit(
            repository, client.id, SaveMember(person, Membership(pid, client.id, "informal"))
        )
    await edit(repository, client.id, SaveKnows(KnowsTie("p-2", "p-1", 3)))
    # named the other way round, it is the same tie
    same = await edit(repository, client.id, SaveKnows(KnowsTie("p-1", "p-2", 3)))
    assert not same.changed
    assert (await repository.get_onion(client.id)).knows == (KnowsTie("p-1", "p-2", 3),)
    await edit(repository, client.id, SaveKnows(KnowsTie("p-1", "p-2", 1)))
    assert (await repository.get_onion(client.id)).knows[0].closeness == 1
    await edit(repository, client.id, RemoveKnows("p-2", "p-1"))
    assert (await repository.get_onion(client.id)).knows == ()
    with pytest.raises(NotFound):
        await edit(repository, client.id, SaveKnows(KnowsTie("p-1", "p-9")))


async def test_knows_belongs_to_the_onion_it_was_recorded_in(
    repository: CypherRepository,
) -> None:
    """The GP and the pharmacist are in two clients' onions; what one team
    records of who knows whom is its own, and removing it there leaves the
    other's."""
    first = await client_with_team(repository, "client-1")
    second = await client_with_team(repository, "client-2", OTHER_TEAM)
    for client in (first, second):
        for pid in ("gp", "apotheker"):
            person = Person(pid, pid, "formal")
            await edit(
                repository, client.id, SaveMember(person, Membership(pid, client.id, "formal"))
            )
    await edit(repository, first.id, SaveKnows(KnowsTie("gp", "apotheker", 3)))
    assert (await repository.get_onion(second.id)).knows == ()
    version = (await repository.get_onion(second.id)).version
    await edit(repository, second.id, SaveKnows(KnowsTie("gp", "apotheker", 1)))
    await edit(repository, first.id, RemoveKnows("gp", "apotheker"))
    assert (await repository.get_onion(first.id)).knows == ()
    after = await repository.get_onion(second.id)
    assert after.knows == (KnowsTie("apotheker", "gp", 1),)
    assert after.version == version + 1  # her own change only
    await remove_client(repository, second.id)
    await edit(repository, first.id, SaveKnows(KnowsTie("gp", "apotheker", 2)))
    assert (await repository.get_onion(first.id)).knows == (KnowsTie("apotheker", "gp", 2),)


async def test_observation_crud(repository: CypherRepository) -> None:
    client = await client_with_team(repository)
    await edit(repository, client.id, SaveNeed(Need("need-1", client.id, "42")))
    about_need = Observation("obs-1", client.id, "need-1", "behavior", 2, "2026-02-01")
    general = Observation("obs-2", client.id, None, "status", 4, "2026-03-01")
    await edit(repository, client.id, SaveRating(about_need))
    await edit(repository, client.id, SaveRating(general))
    assert not (await edit(repository, client.id, SaveRating(general))).changed
    assert (await repository.get_onion(client.id)).observations == (about_need, general)
    better = dataclasses.replace(about_need, value=4)
    await edit(repository, client.id, SaveRating(better))
    assert (await repository.get_onion(client.id)).observations[0] == better
    await edit(repository, client.id, RemoveRating("obs-2"))
    assert (await repository.get_onion(client.id)).observations == (better,)
    other = await client_with_team(repository, "client-2")
    with pytest.raises(NotFound):  # a need of another client
        rating = Observation("obs-3", other.id, "need-1", "status", 3, "2026-03-01")
        await edit(repository, other.id, SaveRating(rating))
    # removing a need removes its ratings
    await edit(repository, client.id, RemoveNeed("need-1"))
    assert (await repository.get_onion(client.id)).observations == ()


async def test_delete_client_takes_needs_and_ratings_keeps_people(
    repository: CypherRepository,
) -> None:
    pop = population(2)
    await load(repository, pop)
    await remove_client(repository, "client-0")
    with pytest.raises(NotFound):
        await repository.get_onion("client-0")
    assert (await repository.get_person("p-0-0"))[0].name == "Person 0.0"
    # what only FHIR says (help read back from the exported care plans) aside
    got = await repository.get_onion("client-1")
    assert got.without_fhir_only() == dataclasses.replace(pop.onions[1], version=1).canonical()


async def test_version_conflict_changes_nothing(repository: CypherRepository) -> None:
    client = await client_with_team(repository)
    version = (await repository.get_onion(client.id)).version
    await edit(repository, client.id, SaveNeed(Need("need-1", client.id, "06")), version)
    with pytest.raises(VersionConflict) as err:
        await edit(repository, client.id, SaveNeed(Need("need-2", client.id, "21")), version)
    assert err.value.actual == version + 1
    assert [n.id for n in (await repository.get_onion(client.id)).needs] == ["need-1"]


async def test_population_round_trip_and_idempotent(repository: CypherRepository) -> None:
    pop = population(12)
    assert await load(repository, pop) == 12
    for expected in pop.onions:
        got = await repository.get_onion(expected.client.id)
        assert got.without_fhir_only() == dataclasses.replace(expected, version=1).canonical()
        helps = {(m.person.id, h.need_id) for m in got.members for h in m.helps}
        assert helps == {(t.supporter_id, t.need_id) for t in expected.supports}
    await load(repository, pop)  # the same again: no version moves
    assert (await repository.get_onion("client-3")).version == 1
    assert (await repository.get_person("gp-person-1"))[1] == ("gp-1",)


async def test_hostile_strings_are_values_not_cypher(repository: CypherRepository) -> None:
    client = Client("client-x", HOSTILE, HOSTILE)
    await load(
        repository, Population(teams=(Team("team-x", HOSTILE),), onions=(Onion(client, "team-x"),))
    )
    await edit(
        repository,
        "client-x",
        SaveMember(
            Person("p-x", HOSTILE, "informal", HOSTILE, HOSTILE),
            Membership("p-x", "client-x", "informal", HOSTILE, HOSTILE),
        ),
    )
    got = await repository.get_onion("client-x")
    assert got.client == client
    assert got.members[0].person.name == HOSTILE
    assert got.members[0].membership.relationship == HOSTILE


def test_onion_builder_is_consistent() -> None:
    onion(1).check_consistent()
