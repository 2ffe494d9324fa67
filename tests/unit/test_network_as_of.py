"""A client's network as it was, rebuilt from the versions of her FHIR
resources (pure), and the history read through a fake of the store port."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from fhir_mappings import JsonObject, ResourceKey, export_onion
from fhir_mappings.export.directory import organization_resource
from fhir_mappings.lsns6 import lsns6_answer_resource
from fhir_mappings.search import index_terms
from graphsvc.analysis import DEFAULT_THRESHOLDS, GapKind, NetworkType
from graphsvc.domain import Frequency, Onion, Ring, Team
from graphsvc.services.network_as_of import (
    History,
    Moment,
    month_moments,
    network_as_of,
    week_moments,
)
from graphsvc.services.network_history import NetworkHistory
from graphsvc.store.resource_store import StoredResource, canonical
from tests.unit.analysis.sketch import Sketch

JAN, FEB, MAR, APR = (f"2025-0{m}-15T10:00:00.000Z" for m in (1, 2, 3, 4))


class Versions:
    """What the one write path leaves in the store: a new version of every
    resource whose content changed, a delete for each one gone, each
    stamped with the time of its write."""

    def __init__(self) -> None:
        self.all: list[StoredResource] = []
        self.current: dict[ResourceKey, StoredResource] = {}

    def write(self, onion: Onion, at: str) -> None:
        originals = {k: _json(s) for k, s in self.current.items() if not s.deleted}
        export = export_onion(onion, originals)
        for key, body in export.resources.items():
            found = self.current.get(key)
            if (
                found is not None
                and not found.deleted
                and canonical(body) == canonical(_json(found))
            ):
                continue
            self._add(key, body, at, deleted=False)
        for key in export.removed:
            self._add(key, _json(self.current[key]), at, deleted=True)

    def add(self, body: JsonObject, at: str) -> None:
        self._add(ResourceKey(body["resourceType"], body["id"]), body, at, deleted=False)

    def _add(self, key: ResourceKey, body: JsonObject, at: str, *, deleted: bool) -> None:
        found = self.current.get(key)
        stored = StoredResource(
            key.resource_type,
            key.id,
            (found.version_id if found else 0) + 1,
            at,
            {k: v for k, v in body.items() if k not in {"id", "meta"}},
            deleted,
            index_terms({**body, "id": key.id}).client_id,
        )
        self.current[key] = stored
        self.all.append(stored)


def _json(stored: StoredResource) -> JsonObject:
    return {"resourceType": stored.type, "id": stored.id, **stored.content}


def growing() -> tuple[Versions, list[Onion]]:
    """Anna, admitted in January with her nurse and her GP; her daughter in
    February; her neighbour in March; her daughter taken out of her network
    in April (her RelatedPerson stays, inactive)."""
    sketch = Sketch()
    sketch.nurse("nurse-1", "Nurse Ria")
    sketch.professional("gp-1", "Dr Bos")
    january = sketch.onion()
    sketch.informal("daughter", "Els", "daughter")
    february = sketch.onion()
    sketch.informal("neighbour", "Kees", "neighbour", frequency=Frequency.DAILY)
    march = sketch.onion()
    april = dataclasses.replace(
        march, members=tuple(m for m in march.members if m.person.id != "daughter")
    )
    versions = Versions()
    versions.add(organization_resource(Team("team-1", "Team Noord")), JAN)
    for onion, at in ((january, JAN), (february, FEB), (march, MAR), (april, APR)):
        versions.write(onion, at)
    return versions, [january, february, march, april]


def at(history: History, moment: str) -> Any:
    resources = history.at(moment).of_client("c-1")
    if resources is None:
        return None
    return network_as_of("c-1", resources, moment, thresholds=DEFAULT_THRESHOLDS)


def informal(found: Any) -> list[str]:
    return sorted(m.person.id for m in found.onion.members if m.ring is Ring.INFORMAL)


def test_a_growing_network_shows_its_growth_month_by_month() -> None:
    versions, _ = growing()
    history = History(versions.all)
    jan, feb, mar = (at(history, f"2025-0{m}-28T23:59:59.999Z") for m in (1, 2, 3))
    assert informal(jan) == [] and informal(feb) == ["daughter"]
    assert informal(mar) == ["daughter", "neighbour"]
    # by hand: network size counts everyone, nurse and GP included
    assert [p.analysis.strength.network_size for p in (jan, feb, mar)] == [2, 3, 4]
    # LSNS-6: one person per item scores 1. The daughter (relative, weekly,
    # very close) is in touch, private and help: 3; the neighbour (friend,
    # daily, very close) the same among friends: 3 more
    assert [p.analysis.strength.lsns6.score for p in (jan, feb, mar)] == [0, 3, 6]
    # Wenger: the daughter is local kin; one local tie is not the two of a
    # locally integrated network, so family-dependent (rule 3)
    assert [p.analysis.strength.network_type for p in (jan, feb, mar)] == [
        NetworkType.NO_INFORMAL_NETWORK,
        NetworkType.FAMILY_DEPENDENT,
        NetworkType.FAMILY_DEPENDENT,
    ]
    isolated = [
        any(g.kind is GapKind.ISOLATED_CLIENT for g in p.analysis.gaps) for p in (jan, feb, mar)
    ]
    assert isolated == [True, True, False]  # fewer than two close contacts until March
    assert jan.changed_at == JAN and feb.changed_at == FEB and mar.changed_at == MAR


def test_the_network_at_a_moment_is_the_one_written_then() -> None:
    versions, onions = growing()
    history = History(versions.all)
    for onion, moment in zip(onions, (JAN, FEB, MAR, APR), strict=True):
        found = at(history, moment)
        assert found is not None
        # read back, the nurse belongs to the team her PractitionerRole names
        members = tuple(
            dataclasses.replace(m, organization_ids=("team-1",)) if m.ring is Ring.TEAM else m
            for m in onion.members
        )
        assert found.onion == dataclasses.replace(onion, members=members).canonical()


def test_a_client_not_yet_admitted_is_absent() -> None:
    versions, _ = growing()
    history = History(versions.all)
    assert at(history, "2024-12-31T23:59:59.999Z") is None
    assert at(history, "2025-01-15T09:59:59.999Z") is None  # a moment before her first write
    assert at(history, JAN) is not None


def test_a_relative_taken_out_is_gone_from_later_moments() -> None:
    versions, _ = growing()
    history = History(versions.all)
    assert informal(at(history, "2025-03-31T23:59:59.999Z")) == ["daughter", "neighbour"]
    april = at(history, "2025-04-30T23:59:59.999Z")
    assert informal(april) == ["neighbour"]
    assert april.analysis.strength.lsns6.score == 3  # the neighbour's three items
    related = history.at("2025-04-30T23:59:59.999Z").of_client("c-1")
    assert related is not None
    assert related[ResourceKey("RelatedPerson", "daughter")].content["active"] is False


def test_a_deleted_relative_is_gone_from_later_moments() -> None:
    versions, _ = growing()
    neighbour = versions.current[ResourceKey("RelatedPerson", "neighbour")]
    versions._add(
        ResourceKey("RelatedPerson", "neighbour"),
        _json(neighbour),
        "2025-05-02T09:00:00.000Z",
        deleted=True,
    )
    history = History(versions.all)
    assert informal(at(history, "2025-05-01T23:59:59.999Z")) == ["neighbour"]
    may = at(history, "2025-05-31T23:59:59.999Z")
    assert may is not None and informal(may) == []
    assert may.analysis.strength.lsns6.score == 0
    assert ResourceKey("RelatedPerson", "neighbour") not in (
        history.at("2025-05-31T23:59:59.999Z").of_client("c-1") or {}
    )


def test_her_own_lsns6_answers_count_from_when_they_were_written() -> None:
    versions, _ = growing()
    answer = lsns6_answer_resource(
        answer_id="a-1", client_id="c-1", item="friends-help", score=5, effective=date(2025, 2, 1)
    )
    versions.add(answer, "2025-02-20T08:00:00.000Z")
    history = History(versions.all)
    assert at(history, "2025-02-19T00:00:00.000Z").analysis.strength.lsns6.score == 3
    assert at(history, "2025-02-28T23:59:59.999Z").analysis.strength.lsns6.score == 3 + 5


def test_months_and_weeks_end_at_their_last_millisecond_or_now() -> None:
    now = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
    assert month_moments(date(2025, 1, 20), date(2025, 6, 1), now) == [
        Moment("2025-01", "2025-01-31T23:59:59.999Z"),
        Moment("2025-02", "2025-02-28T23:59:59.999Z"),
        Moment("2025-03", "2025-03-10T12:00:00.000Z"),
    ]
    assert month_moments(date(2024, 12, 1), date(2024, 12, 31), now) == [
        Moment("2024-12", "2024-12-31T23:59:59.999Z")
    ]
    assert week_moments(date(2025, 2, 26), date(2025, 3, 12), now) == [
        Moment("2025-W09", "2025-03-02T23:59:59.999Z"),
        Moment("2025-W10", "2025-03-09T23:59:59.999Z"),
        Moment("2025-W11", "2025-03-10T12:00:00.000Z"),
    ]


class FakeResources:
    """The two reads of the store port the history uses, over a list."""

    def __init__(self, versions: Sequence[StoredResource]) -> None:
        self.versions = versions
        self.calls: list[tuple[list[str], list[str]]] = []

    async def versions_until(
        self, until: str, *, client_ids: Iterable[str] = (), keys: Iterable[str] = ()
    ) -> list[StoredResource]:
        clients, wanted = sorted(client_ids), sorted(keys)
        self.calls.append((clients, wanted))
        return [
            v
            for v in self.versions
            if v.last_updated <= until and (v.client_id in clients or v.key in wanted)
        ]

    async def search(
        self, resource_type: str, *, groups: Sequence[Sequence[str]] = (), **_: Any
    ) -> list[StoredResource]:
        """Only what the history asks: the roles of some practitioners."""
        assert resource_type == "PractitionerRole" and len(groups) == 1
        wanted = {token.removeprefix("practitioner|") for token in groups[0]}
        latest = {v.key: v for v in self.versions if v.type == resource_type}
        return [
            v
            for v in latest.values()
            if v.content.get("practitioner", {}).get("reference") in wanted
        ]


async def test_the_history_read_follows_references_to_the_directory() -> None:
    versions, _ = growing()
    fake = FakeResources(versions.all)
    history = await NetworkHistory(fake).read(["c-1"], "2025-02-28T23:59:59.999Z")  # type: ignore[arg-type]
    role = next(v.key for v in versions.all if v.type == "PractitionerRole")
    assert fake.calls == [
        (["c-1"], []),  # her compartment
        ([], ["Organization/team-1", "Practitioner/gp-1", "Practitioner/nurse-1", role]),
    ]
    assert ResourceKey(*role.split("/")) in history.at(FEB).of_client("c-1")  # type: ignore[operator]
    found = at(history, "2025-02-28T23:59:59.999Z")
    assert informal(found) == ["daughter"]
    assert sorted(m.person.id for m in found.onion.members if m.ring is not Ring.INFORMAL) == [
        "gp-1",
        "nurse-1",
    ]
