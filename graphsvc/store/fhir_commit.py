"""Writing FHIR resources and the graph they project to as one statement
(queries/fhir_commit.cypher), guarded by the versions the writer read.

The caller hands the onions as they are now (``previous``) and as they are to
be; what the new ones no longer hold is deleted in the same statement, KNOWS
ties (the graph's own: FHIR cannot carry them) included.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from graphsvc.domain import Onion, Population

from . import bodies, records
from .catalog import query
from .runner import CypherRunner

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ResourceWrite:
    """One new version of a resource. A delete keeps the last content."""

    type: str
    id: str
    version_id: int
    content: str  # canonical JSON text, without id and meta (stored compressed)
    deleted: bool = False
    client_id: str | None = None
    tokens: tuple[str, ...] = ()
    date_start: str | None = None
    date_end: str | None = None

    @property
    def key(self) -> str:
        return f"{self.type}/{self.id}"

    @property
    def digest(self) -> str:
        """The fingerprint stored beside it: the same content in the same
        compartment gives the same digest."""
        return records.digest({"content": self.content, "client_id": self.client_id})


@dataclass(frozen=True, slots=True)
class FhirCommit:
    resources: Sequence[ResourceWrite]
    # key -> version_id of each written resource that existed when read
    seen_resources: Mapping[str, int]
    # the onions to write whole; teams, organisations and staff are upserted
    population: Population
    # client id -> version when read, for every client the write touches
    seen_clients: Mapping[str, int]
    # those clients' onions when read, to know what the new ones dropped
    previous: Mapping[str, Onion] = field(default_factory=dict)
    removed_clients: Sequence[str] = ()
    at: str = field(default_factory=records.now)  # lastUpdated of every version written


Pair = dict[str, str]


def _gone(
    previous: Mapping[str, Onion], population: Population, removed: Sequence[str]
) -> dict[str, list[Any]]:
    """What the new networks no longer hold of the old ones: ties as
    ``{a, b}`` (from, to; ``c``: the client a KNOWS tie was recorded in),
    needs and ratings as ids."""
    new = {o.client.id: o for o in population.onions}
    members: set[tuple[str, str]] = set()
    serves: set[tuple[str, str]] = set()
    supports: set[tuple[str, str]] = set()
    links: set[tuple[str, str]] = set()
    knows: set[tuple[str, str, str]] = set()
    needs: set[str] = set()
    observations: set[str] = set()
    for cid, old in previous.items():
        after = new.get(cid)
        if after is None and cid not in removed:
            continue
        keep_members = {m.person.id for m in after.members} if after else set()
        keep_supports = {(s.supporter_id, s.need_id) for s in after.supports} if after else set()
        keep_links = (
            {(o.need_id, o.id) for o in after.observations if o.need_id} if after else set()
        )
        keep_knows = {(k.person_a, k.person_b) for k in after.knows} if after else set()
        members |= {(m.person.id, cid) for m in old.members if m.person.id not in keep_members}
        if old.team_id and (after is None or after.team_id != old.team_id):
            serves.add((old.team_id, cid))
        needs |= {n.id for n in old.needs} - ({n.id for n in after.needs} if after else set())
        supports |= {
            (s.supporter_id, s.need_id)
            for s in old.supports
            if (s.supporter_id, s.need_id) not in keep_supports
        }
        observations |= {o.id for o in old.observations} - (
            {o.id for o in after.observations} if after else set()
        )
        links |= {
            (o.need_id, o.id)
            for o in old.observations
            if o.need_id and (o.need_id, o.id) not in keep_links
        }
        knows |= {
            (k.person_a, k.person_b, cid)
            for k in old.knows
            if (k.person_a, k.person_b) not in keep_knows
        }

    def pairs(found: set[tuple[str, str]]) -> list[Pair]:
        return [{"a": a, "b": b} for a, b in sorted(found)]

    return {
        "members": pairs(members),
        "serves": pairs(serves),
        "supports": pairs(supports),
        "links": pairs(links),
        "knows": [{"a": a, "b": b, "c": c} for a, b, c in sorted(knows)],
        "needs": sorted(needs),
        "observations": sorted(observations),
    }


def _what_changed(before: Onion | None, after: Onion) -> Onion:
    """The onion with only the members, needs, help, ties and ratings that are
    new or differ from ``before``: the statement merges what it is given and
    deletes what is gone, so the rest need not travel."""
    if before is None:
        return after

    def new(now: tuple[T, ...], was: tuple[T, ...]) -> tuple[T, ...]:
        old = set(was)
        return tuple(x for x in now if x not in old)

    return replace(
        after,
        # a team that still serves her is there already (one that stops is
        # deleted above the merges as gone)
        team_id=None if after.team_id == before.team_id else after.team_id,
        members=new(after.members, before.members),
        needs=new(after.needs, before.needs),
        supports=new(after.supports, before.supports),
        knows=new(after.knows, before.knows),
        observations=new(after.observations, before.observations),
    )


class CypherFhirWriter:
    def __init__(self, runner: CypherRunner) -> None:
        self._runner = runner

    async def commit(self, unit: FhirCommit) -> bool:
        """True when written; False when something read has changed since
        (nothing was written then: read again and retry)."""
        population = unit.population
        for onion in population.onions:
            onion.check_consistent()
        gone = _gone(unit.previous, population, unit.removed_clients)
        client_ids = sorted(
            {*unit.seen_clients, *(o.client.id for o in population.onions), *unit.removed_clients}
        )
        params: dict[str, Any] = {
            "resource_keys": sorted(r.key for r in unit.resources),
            "seen_resources": sorted(f"{k}@{v}" for k, v in unit.seen_resources.items()),
            "client_ids": client_ids,
            "seen_clients": sorted(f"{k}@{v}" for k, v in unit.seen_clients.items()),
            "gone_members": gone["members"],
            "gone_serves": gone["serves"],
            "gone_supports": gone["supports"],
            "gone_observation_links": gone["links"],
            "gone_needs": gone["needs"],
            "gone_observations": gone["observations"],
            "gone_knows": gone["knows"],
            "removed_clients": sorted(unit.removed_clients),
            **records.population_params(
                replace(
                    population,
                    onions=tuple(
                        _what_changed(unit.previous.get(o.client.id), o) for o in population.onions
                    ),
                )
            ),
            "resources": [
                {
                    "key": r.key,
                    "type": r.type,
                    "id": r.id,
                    "version_id": r.version_id,
                    "content": bodies.encode(r.content),
                    "digest": r.digest,
                    "client_id": r.client_id,
                    "tokens": list(r.tokens),
                    "date_start": r.date_start,
                    "date_end": r.date_end,
                    "deleted": r.deleted,
                }
                for r in unit.resources
            ],
            "now": unit.at,
        }
        # each network's fingerprint at the version this commit gives it
        # (the guard admits it only at the version read, or as a new client)
        for item, onion in zip(params["onions"], population.onions, strict=True):
            version = unit.seen_clients.get(onion.client.id, 0) + 1
            item["props"]["state"] = records.network_state(replace(onion, version=version))
        rows = await self._runner.write(*query("fhir_commit").without_idle_parts(params))
        return bool(rows and rows[0]["committed"])
