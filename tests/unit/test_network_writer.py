"""The one write path with fakes of its ports: read, plan (pure), commit in
one guarded unit; a stale version is refused before anything is written, a
commit that lost a race is planned again from a fresh read."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from graphsvc.domain import Membership, Onion, Person, VersionConflict
from graphsvc.domain.commands import SaveMember
from graphsvc.services.network_write import NetworkWriter
from graphsvc.store.fhir_commit import FhirCommit
from graphsvc.store.port import TakenIds

from ..integration.builders import onion

BUUR = SaveMember(
    Person("buur", "Kees", "informal", "neighbour"), Membership("buur", "client-0", "informal")
)


class Networks:
    """A fake of the repository port: one network, moved on by commits."""

    def __init__(self, network: Onion) -> None:
        self.network = network
        self.reads = 0

    async def get_onion(self, client_id: str) -> Onion:
        self.reads += 1
        return self.network

    async def ids_of_other_networks(self, *_: Any) -> TakenIds:
        return TakenIds()


class NoResources:
    async def get_many(self, *_: Any, **__: Any) -> list[Any]:
        return []

    async def compartments(self, *_: Any) -> list[Any]:
        return []

    async def search(self, *_: Any, **__: Any) -> list[Any]:
        return []


class Commits:
    """A fake of the writer port: refuses the first ``lose`` commits (another
    writer got in first, moving the network on), then lands each."""

    def __init__(self, networks: Networks, lose: int = 0) -> None:
        self.networks, self.lose, self.units = networks, lose, list[FhirCommit]()

    async def commit(self, unit: FhirCommit) -> bool:
        self.units.append(unit)
        current = self.networks.network
        if self.lose:
            self.lose -= 1
            self.networks.network = dataclasses.replace(current, version=current.version + 1)
            return False
        (after,) = unit.population.onions
        self.networks.network = dataclasses.replace(after, version=current.version + 1)
        return True


def writer(lose: int = 0) -> tuple[NetworkWriter, Networks, Commits]:
    networks = Networks(dataclasses.replace(onion(0), version=7))
    commits = Commits(networks, lose)
    return NetworkWriter(networks, NoResources(), commits), networks, commits  # type: ignore[arg-type]


async def test_one_change_is_one_guarded_unit() -> None:
    write, _, commits = writer()
    result = await write.change("client-0", BUUR, None)
    assert (result.version, result.changed) == (8, True)
    (unit,) = commits.units
    assert unit.seen_clients == {"client-0": 7}
    assert "buur" in {m.person.id for m in unit.population.onions[0].members}
    written = {w.key for w in unit.resources}
    assert "RelatedPerson/buur" in written and "Patient/client-0" in written
    assert (await write.change("client-0", BUUR, None)).changed is False
    assert len(commits.units) == 1  # the same change again writes nothing


async def test_a_stale_version_is_refused_before_anything_is_written() -> None:
    write, _, commits = writer()
    with pytest.raises(VersionConflict) as conflict:
        await write.change("client-0", BUUR, 6)
    assert conflict.value.actual == 7 and commits.units == []


async def test_a_lost_race_is_planned_again_unless_a_version_was_named() -> None:
    write, networks, commits = writer(lose=2)
    result = await write.change("client-0", BUUR, None)
    assert len(commits.units) == 3 and networks.reads == 3
    assert [u.seen_clients["client-0"] for u in commits.units] == [7, 8, 9]
    assert result.version == 10

    named, _, named_commits = writer(lose=1)
    with pytest.raises(VersionConflict):
        await named.change("client-0", BUUR, 7)
    assert len(named_commits.units) == 1


class GuardedCommits:
    """A fake of the writer port with the statement's guard: a commit lands
    only at the version it read."""

    def __init__(self, networks: Networks) -> None:
        self.networks, self.units = networks, list[FhirCommit]()

    async def commit(self, unit: FhirCommit) -> bool:
        self.units.append(unit)
        current = self.networks.network
        if unit.seen_clients.get("client-0") != current.version:
            return False
        (after,) = unit.population.onions
        self.networks.network = dataclasses.replace(after, version=current.version + 1)
        return True


def guarded_writer() -> tuple[NetworkWriter, Networks, GuardedCommits]:
    networks = Networks(dataclasses.replace(onion(0), version=7))
    commits = GuardedCommits(networks)
    return NetworkWriter(networks, NoResources(), commits), networks, commits  # type: ignore[arg-type]


def anyone(_: Onion) -> None:
    return None


def moved_on(networks: Networks) -> None:
    """Another instance changes the network (one this one does not remember)."""
    networks.network = dataclasses.replace(networks.network, version=networks.network.version + 1)


KEES = SaveMember(
    Person("buur", "Kees", "informal", "neighbour"),
    Membership("buur", "client-0", "informal", closeness=2),
)


async def test_a_remembered_network_is_changed_without_a_read() -> None:
    write, networks, commits = guarded_writer()
    assert write.remembered("client-0") is None
    await write.change("client-0", BUUR, None)
    remembered = write.remembered("client-0")
    assert remembered is not None and remembered.version == 8
    reads = networks.reads
    seen: list[int] = []
    result = await write.change("client-0", KEES, 8, allowed=lambda o: seen.append(o.version))
    assert (result.version, result.changed) == (9, True)
    assert networks.reads == reads and seen == [8]
    assert commits.units[-1].seen_clients == {"client-0": 8}


async def test_a_remembered_network_another_instance_changed_is_read_again() -> None:
    write, networks, commits = guarded_writer()
    await write.change("client-0", BUUR, None)
    moved_on(networks)  # now at 9; this instance remembers 8
    result = await write.change("client-0", KEES, None, allowed=anyone)
    # the plan from memory was refused by the guard, the one from a read landed
    assert [u.seen_clients["client-0"] for u in commits.units[-2:]] == [8, 9]
    assert result.version == 10


async def test_only_the_database_says_conflict_no_change_or_refused() -> None:
    # a version named as the database has it, not as remembered: no conflict
    write, networks, commits = guarded_writer()
    await write.change("client-0", BUUR, None)
    moved_on(networks)
    assert (await write.change("client-0", KEES, 9, allowed=anyone)).version == 10
    # a stale version named: a conflict with the version the database has
    with pytest.raises(VersionConflict) as conflict:
        await write.change("client-0", BUUR, 9, allowed=anyone)
    assert conflict.value.actual == 10
    # no change as remembered, but the database has moved on: said from a read
    moved_on(networks)
    reads = networks.reads
    result = await write.change("client-0", KEES, None, allowed=anyone)
    assert (result.version, result.changed) == (11, False) and networks.reads == reads + 1
    # refused as remembered: asked again of the network as it is now
    asked: list[int] = []

    def refuse_remembered(o: Onion) -> None:
        asked.append(o.version)
        if o.version < 13:
            raise VersionConflict("client-0", 13, o.version)

    await write.change("client-0", BUUR, None)  # remembered at 12
    moved_on(networks)
    written = len(commits.units)
    result = await write.change("client-0", KEES, None, allowed=refuse_remembered)
    assert asked == [12, 13] and result.version == 14 and len(commits.units) == written + 1
