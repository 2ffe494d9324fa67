"""Access rules through the services, on the real database, with the audit trail."""

from __future__ import annotations

import pytest

from graphsvc.domain import (
    Client,
    Membership,
    Need,
    NotFound,
    Person,
    Population,
    VersionConflict,
)
from graphsvc.domain.commands import AdmitClient, RemoveNeed, ResolveNeed, SaveMember, SaveNeed
from graphsvc.services.access import NETWORK_READ_TYPES
from graphsvc.services.errors import Forbidden
from graphsvc.services.network import NetworkService
from graphsvc.store.audit_log import AuditLogFile
from graphsvc.store.cypher_repository import CypherRepository

from ..conftest import ADMIN, RESEARCHER, coach, nurse, system
from .builders import OTHER_TEAM, TEAM, load


@pytest.fixture
async def two_teams(network: NetworkService, repository: CypherRepository) -> None:
    await load(repository, Population(teams=(TEAM, OTHER_TEAM)))
    await network.change(
        nurse(TEAM.id), "client-a", AdmitClient(Client("client-a", "Anna"), TEAM.id)
    )
    await network.change(ADMIN, "client-b", AdmitClient(Client("client-b", "Bram"), OTHER_TEAM.id))


async def test_nurse_reads_and_writes_her_own_teams_clients(
    network: NetworkService, two_teams: None
) -> None:
    me = nurse(TEAM.id)
    els = SaveMember(Person("p-1", "Els", "informal"), Membership("p-1", "client-a", "informal"))
    result = await network.change(me, "client-a", els)
    onion = await network.onion(me, "client-a")
    assert onion.version == result.version and [m.person.id for m in onion.members] == ["p-1"]
    assert await network.team_client_ids(me, TEAM.id) == ["client-a"]


async def test_nurse_of_another_team_learns_nothing(
    network: NetworkService, two_teams: None
) -> None:
    stranger = nurse(OTHER_TEAM.id)
    with pytest.raises(NotFound) as existing:
        await network.onion(stranger, "client-a")
    with pytest.raises(NotFound) as absent:
        await network.onion(stranger, "client-zz")
    assert str(existing.value).replace("client-a", "X") == str(absent.value).replace(
        "client-zz", "X"
    )
    with pytest.raises(NotFound):
        await network.change(stranger, "client-a", SaveNeed(Need("need-1", "client-a", "06")))
    with pytest.raises(NotFound):
        await network.team_client_ids(stranger, TEAM.id)
    with pytest.raises(Forbidden):
        await network.change(stranger, "client-c", AdmitClient(Client("client-c", "C"), TEAM.id))
    # an existing client of another team cannot be taken over by admitting her again
    with pytest.raises(NotFound):
        await network.change(
            stranger, "client-a", AdmitClient(Client("client-a", "Anna"), OTHER_TEAM.id)
        )
    assert (await network.onion(nurse(TEAM.id), "client-a")).needs == ()


async def test_coach_reads_given_teams_but_does_not_write(
    network: NetworkService, two_teams: None
) -> None:
    c = coach(TEAM.id, OTHER_TEAM.id)
    assert (await network.onion(c, "client-b")).client.name == "Bram"
    with pytest.raises(Forbidden):
        await network.change(c, "client-a", SaveNeed(Need("need-1", "client-a", "06")))
    with pytest.raises(NotFound):
        await network.onion(coach(OTHER_TEAM.id), "client-a")


async def test_researcher_gets_no_personal_data(network: NetworkService, two_teams: None) -> None:
    with pytest.raises(Forbidden):
        await network.onion(RESEARCHER, "client-a")
    with pytest.raises(Forbidden):
        await network.onion(RESEARCHER, "client-zz")  # same answer whether she exists or not
    with pytest.raises(Forbidden):
        await network.team_client_ids(RESEARCHER, TEAM.id)


async def test_system_client_scopes(network: NetworkService, two_teams: None) -> None:
    reader = system(*(f"system/{t}.read" for t in NETWORK_READ_TYPES))
    assert (await network.onion(reader, "client-a")).client.id == "client-a"
    # a network is read from all of them: a CareTeam scope alone shows none of it
    with pytest.raises(Forbidden, match=r"Condition\.read.*Observation\.read.*RelatedPerson\.read"):
        await network.onion(system("system/CareTeam.read"), "client-a")
    with pytest.raises(Forbidden):
        await network.change(reader, "client-a", SaveNeed(Need("need-1", "client-a", "06")))
    # a need is a Condition (and the CarePlan that says who helps with it)
    care_team_only = system("system/CareTeam.cruds")
    with pytest.raises(Forbidden, match=r"Condition\.write"):
        await network.change(care_team_only, "client-a", SaveNeed(Need("need-1", "client-a", "06")))
    assert (await network.onion(reader, "client-a")).needs == ()
    writer = system("system/CareTeam.cruds", "system/Condition.cruds", "system/CarePlan.cruds")
    await network.change(writer, "client-a", SaveNeed(Need("need-1", "client-a", "06")))
    with pytest.raises(Forbidden):
        await network.onion(system("system/Observation.read"), "client-a")
    with pytest.raises(NotFound):  # a system limited to one team
        await network.onion(system("system/*.read", teams=(OTHER_TEAM.id,)), "client-a")
    with pytest.raises(Forbidden):  # loading a population needs write scopes
        await network.load_population(reader, Population(teams=(TEAM,)))


async def test_nurse_resolves_a_need_and_stale_versions_conflict(
    network: NetworkService, two_teams: None
) -> None:
    me = nurse(TEAM.id)
    v = await network.change(me, "client-a", SaveNeed(Need("need-1", "client-a", "38")))
    await network.change(me, "client-a", ResolveNeed("need-1"), v.version)
    assert (await network.onion(me, "client-a")).needs[0].status.value == "resolved"
    with pytest.raises(VersionConflict):
        await network.change(me, "client-a", RemoveNeed("need-1"), v.version)


async def test_every_access_to_personal_data_is_audited(
    network: NetworkService, audit_log: AuditLogFile, two_teams: None
) -> None:
    me = nurse(TEAM.id, subject="nurse-7")
    await network.onion(me, "client-a")
    with pytest.raises(NotFound):
        await network.onion(nurse(OTHER_TEAM.id, subject="nurse-9"), "client-a")
    await network.change(me, "client-a", SaveNeed(Need("need-1", "client-a", "06")))
    entries = [(e.subject, e.action, e.client_id, e.outcome) for e in audit_log.read()]
    assert ("nurse-7", "onion.read", "client-a", "ok") in entries
    assert ("nurse-9", "onion.read", "client-a", "not-found") in entries
    assert ("nurse-7", "need.save", "client-a", "ok") in entries


async def test_a_nurse_admits_a_client_for_her_own_team(
    network: NetworkService, two_teams: None
) -> None:
    me = nurse(TEAM.id)
    admitted = await network.change(
        me, "client-c", AdmitClient(Client("client-c", "Cor", "Oost"), TEAM.id)
    )
    assert admitted.version == 1 and admitted.changed
    again = await network.change(
        me, "client-c", AdmitClient(Client("client-c", "Cor", "Oost"), TEAM.id)
    )
    assert (again.version, again.changed) == (1, False)
    moved = await network.change(
        me, "client-c", AdmitClient(Client("client-c", "Cor", "West"), TEAM.id), 1
    )
    assert moved.version == 2
    assert (await network.onion(me, "client-c")).client.neighbourhood == "West"
    with pytest.raises(VersionConflict):
        await network.change(me, "client-c", AdmitClient(Client("client-c", "Cor"), TEAM.id), 1)
    with pytest.raises(NotFound):
        await network.change(
            ADMIN, "client-d", AdmitClient(Client("client-d", "Dirk"), "no-such-team")
        )


async def test_an_onion_read_before_is_used_only_at_the_version_it_was_read(
    network: NetworkService, repository: CypherRepository, audit_log: AuditLogFile, two_teams: None
) -> None:
    """Two instances on one database: the one that read a network before
    reads it again once another instance changed it."""
    from .builders import network_writer

    me = nurse(TEAM.id)
    other_instance = NetworkService(repository, audit_log, network_writer(repository))
    first = await network.onion(me, "client-a")
    assert (await network.onions(me, ["client-a"]))["client-a"] is first  # kept, same version
    els = SaveMember(Person("p-9", "Els", "informal"), Membership("p-9", "client-a", "informal"))
    changed = await other_instance.change(me, "client-a", els)
    again = await network.onion(me, "client-a")
    assert again.version == changed.version > first.version
    assert [m.person.id for m in again.members] == ["p-9"]
    assert (await network.onions(me, ["client-a"]))["client-a"] == again


async def test_a_network_this_instance_wrote_is_changed_only_by_who_may_now(
    network: NetworkService, repository: CypherRepository, audit_log: AuditLogFile, two_teams: None
) -> None:
    """An edit of a network this instance wrote last reads nothing first:
    access is checked against the team it remembers, and the commit's guard
    confirms that version. Another instance moved the client to another team
    in between: the guard refuses, and the nurse is told what any stranger
    is told, as the database has it now."""
    import dataclasses

    from .builders import load, remove_client

    me = nurse(TEAM.id, subject="nurse-7")
    await network.change(me, "client-a", SaveNeed(Need("need-1", "client-a", "06")))
    moved = dataclasses.replace(await repository.get_onion("client-a"), team_id=OTHER_TEAM.id)
    await load(repository, Population(onions=(moved,)))  # another instance
    with pytest.raises(NotFound):
        await network.change(me, "client-a", SaveNeed(Need("need-2", "client-a", "07")))
    theirs = nurse(OTHER_TEAM.id, subject="nurse-9")
    result = await network.change(theirs, "client-a", SaveNeed(Need("need-2", "client-a", "07")))
    onion = await repository.get_onion("client-a")
    assert onion.version == result.version and {n.id for n in onion.needs} == {"need-1", "need-2"}
    # gone altogether (deleted through another instance): not found, not a conflict
    await remove_client(repository, "client-a")
    with pytest.raises(NotFound):
        await network.change(theirs, "client-a", SaveNeed(Need("need-3", "client-a", "08")))
    entries = [(e.subject, e.action, e.client_id, e.outcome) for e in audit_log.read()]
    assert entries.count(("nurse-7", "need.save", "client-a", "not-found")) == 1
    assert entries.count(("nurse-9", "need.save", "client-a", "ok")) == 1
    assert entries.count(("nurse-9", "need.save", "client-a", "not-found")) == 1
