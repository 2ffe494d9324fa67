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
