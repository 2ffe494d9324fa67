"""The repository on named Cypher queries, shared by both database adapters."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Sequence
from typing import Any, TypeVar

from graphsvc.domain import (
    Client,
    NotFound,
    Onion,
    Organization,
    Person,
    Team,
)
from graphsvc.domain.directory_search import DirectoryQuery

from . import records
from .catalog import query
from .port import ClientAccess, ClientPageRequest, TakenIds
from .runner import CypherRunner, Row

# reads of a network caught half-way through a commit, at most, before it is
# taken as read
TORN_READS = 20

_WHOLE_LIST = 2**31 - 1  # a LIMIT no list of clients reaches

_T = TypeVar("_T")


class CypherRepository:
    def __init__(self, runner: CypherRunner) -> None:
        self._runner = runner
        self.kind = runner.kind
        self.round_trips = 0  # statements sent; tests count them

    async def _read(self, name: str, /, **params: Any) -> list[Row]:
        self.round_trips += 1
        return await self._runner.read(query(name), params)

    async def _write(self, name: str, /, **params: Any) -> list[Row]:
        self.round_trips += 1
        return await self._runner.write(query(name), params)

    # -- lifecycle ----------------------------------------------------------

    async def health(self) -> dict[str, Any]:
        return await self._runner.health()

    async def ensure_schema(self) -> None:
        await self._runner.ensure_schema()

    async def close(self) -> None:
        await self._runner.close()

    async def node_count(self) -> int:
        rows = await self._read("graph_counts")
        return int(rows[0]["nodes"])

    async def repeated_ids(self) -> list[tuple[str, int]]:
        """Ids that more than one node holds (none while every MERGE is guarded
        by its uniqueness constraint), with how many hold each."""
        rows = await self._read("ids_repeated")
        return [(str(r["id"]), int(r["copies"])) for r in rows]

    # -- teams, organisations, staff ------------------------------------------

    async def get_team(self, team_id: str) -> Team:
        rows = await self._read("team_get", id=team_id)
        if not rows:
            raise NotFound("team", team_id)
        return records.team_from(rows[0]["team"])

    async def team_client_ids(self, team_id: str) -> list[str]:
        return [r["id"] for r in await self._read("team_clients", team_id=team_id)]

    async def get_organization(self, org_id: str) -> Organization:
        rows = await self._read("organization_get", id=org_id)
        if not rows:
            raise NotFound("organization", org_id)
        return records.organization_from(rows[0]["organization"])

    async def directory_search(
        self, query: DirectoryQuery
    ) -> list[tuple[Person, tuple[Organization, ...]]]:
        rows = await self._read(
            "directory_search",
            terms=list(query.terms),
            kinds=list(query.kinds),
            roles=None if query.roles is None else list(query.roles),
            limit=query.limit,
            role_excludes=list(query.role_excludes),
        )
        return [
            (
                records.person_from(r["person"]),
                tuple(
                    sorted(
                        (records.organization_from(o) for o in records.as_list(r["organizations"])),
                        key=lambda o: (o.name, o.id),
                    )
                ),
            )
            for r in rows
        ]

    async def get_person(self, person_id: str) -> tuple[Person, tuple[str, ...]]:
        rows = await self._read("person_get", id=person_id)
        if not rows:
            raise NotFound("person", person_id)
        orgs = tuple(sorted(records.as_list(rows[0]["organization_ids"])))
        return records.person_from(rows[0]["person"]), orgs

    # -- clients --------------------------------------------------------------

    async def get_client(self, client_id: str) -> tuple[Client, str | None, int]:
        rows = await self._read("client_get", id=client_id)
        if not rows:
            raise NotFound("client", client_id)
        props = rows[0]["client"]
        return records.client_from(props), rows[0]["team_id"], int(props.get("version", 0))

    async def client_access(self, client_id: str) -> ClientAccess | None:
        return (await self.clients_access([client_id])).get(client_id)

    async def clients_access(self, client_ids: Sequence[str]) -> dict[str, ClientAccess]:
        rows = await self._read("client_access", ids=list(client_ids))
        return {
            r["id"]: ClientAccess(
                r["id"], int(r["version"]), frozenset(records.as_list(r["team_ids"]))
            )
            for r in rows
        }

    async def get_onion(self, client_id: str) -> Onion:
        onions = await self.get_onions([client_id])
        if client_id not in onions:
            raise NotFound("client", client_id)
        return onions[client_id]

    async def get_onions(self, client_ids: Sequence[str]) -> dict[str, Onion]:
        """The onions of the clients that exist, each as one version: a
        network that does not give the fingerprint its commit stored beside
        it (:func:`records.network_state`) was read while a commit landed
        (Neo4j reads at read committed) and is read again. The same network
        read twice with the same stored fingerprint is taken as it is: no
        commit was half-way then (a fingerprint stored otherwise)."""
        wanted = list(dict.fromkeys(client_ids))
        onions: dict[str, Onion] = {}
        seen: dict[str, tuple[Onion, str]] = {}
        for attempt in range(TORN_READS):
            if attempt:
                await asyncio.sleep(0.001 * attempt)
            torn: list[str] = []
            for row in await self._read("onion_get", client_ids=wanted) if wanted else []:
                onion = records.onion_from(row)
                cid = onion.client.id
                state = row["client"].get("state")
                whole = state is None or records.network_state(onion) == state
                if whole or seen.get(cid) == (onion, state) or attempt == TORN_READS - 1:
                    onions[cid] = onion
                else:
                    seen[cid] = (onion, state)
                    torn.append(cid)
            wanted = torn
            if not wanted:
                break
        return onions

    async def client_id_pages(self, limit: int) -> list[list[str]]:
        """Every client's id (served or not), in order, ``limit`` at a time,
        from one read."""
        return _cut([r["id"] for r in await self._read("client_ids")], limit)

    async def onions_of_research(self, client_ids: Sequence[str]) -> list[Onion]:
        """The onions of those of these clients a team serves, in id order,
        in one read, with only what the analysis uses (no digests)."""
        rows = await self._read("onions_of_research", client_ids=list(client_ids))
        onions = {o.client.id: o for o in map(records.onion_from, rows)}
        return [onions[cid] for cid in sorted(onions) if onions[cid].team_id is not None]

    async def onion_pages(self, limit: int) -> AsyncIterator[list[Onion]]:
        """Every onion of a client a team serves, in id order, a read of
        ``limit`` clients at a time."""
        for ids in await self.client_id_pages(limit):
            onions = await self.onions_of_research(ids)
            if onions:
                yield onions

    async def client_page(self, page: ClientPageRequest) -> list[tuple[str, str]]:
        """(id, sort key) of one page of clients, in order."""
        name = "clients_page_desc" if page.descending else "clients_page_asc"
        rows = await self._read(
            name,
            team_ids=None if page.team_ids is None else sorted(page.team_ids),
            name=page.name,
            neighbourhood=page.neighbourhood,
            sort=page.sort,
            after_key=None if page.after is None else page.after[0],
            after_id=None if page.after is None else page.after[1],
            limit=page.limit,
        )
        return [(r["id"], r["key"]) for r in rows]

    async def client_pages(
        self, request: ClientPageRequest
    ) -> AsyncIterator[list[tuple[str, str]]]:
        """Every page of the filtered list, in order: the list (after
        ``request.after``) read once and cut into pages of ``request.limit``.
        Read a page at a time, each read would go through the whole filtered
        list again (about 100 ms a page at 30,000 clients on FalkorDB):
        quadratic over a population."""
        every = await self.client_page(dataclasses.replace(request, limit=_WHOLE_LIST))
        for page in _cut(every, request.limit):
            yield page

    async def client_count(self, page: ClientPageRequest) -> int:
        rows = await self._read(
            "clients_count",
            team_ids=None if page.team_ids is None else sorted(page.team_ids),
            name=page.name,
            neighbourhood=page.neighbourhood,
        )
        return int(rows[0]["total"]) if rows else 0

    async def carer_loads(self, person_ids: Sequence[str]) -> list[Row]:
        """Per informal carer: person_id, name and clients, each client with
        client_id, team_ids, hours and need_ids."""
        if not person_ids:
            return []
        rows = await self._read("carer_loads", person_ids=sorted(set(person_ids)))
        return [
            {
                **r,
                "clients": [
                    {
                        **c,
                        "team_ids": sorted(records.as_list(c["team_ids"])),
                        "need_ids": sorted(records.as_list(c["need_ids"])),
                    }
                    for c in records.as_list(r["clients"])
                ],
            }
            for r in rows
        ]

    async def person_clients(self, person_ids: Sequence[str]) -> dict[str, frozenset[str]]:
        """For each of these people in any network, the clients whose networks hold her."""
        if not person_ids:
            return {}
        rows = await self._read("person_clients", person_ids=sorted(set(person_ids)))
        return {str(r["person_id"]): frozenset(records.as_list(r["client_ids"])) for r in rows}

    async def ids_of_other_networks(
        self, client_id: str, need_ids: Sequence[str], observation_ids: Sequence[str]
    ) -> TakenIds:
        if not need_ids and not observation_ids:
            return TakenIds()
        rows = await self._read(
            "ids_of_other_networks",
            client_id=client_id,
            need_ids=sorted(set(need_ids)),
            observation_ids=sorted(set(observation_ids)),
        )
        row = rows[0]
        return TakenIds(
            tuple(sorted(records.as_list(row["needs"]))),
            tuple(sorted(records.as_list(row["observations"]))),
        )

    async def team_staff(self, org_id: str) -> list[Person]:
        return [records.person_from(r["person"]) for r in await self._read("team_staff", id=org_id)]


def _cut(items: list[_T], size: int) -> list[list[_T]]:
    return [items[start : start + size] for start in range(0, len(items), size)]
