"""The repository port: what the services need from a graph store.

Every write is one statement on the database, so it lands whole or not at
all. Writes to a client's network take ``expected_version``: when given and
no longer current, the write changes nothing and raises VersionConflict.
Each returns the network's version after the write.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from graphsvc.domain import (
    Client,
    Onion,
    Organization,
    Person,
    Team,
)
from graphsvc.domain.directory_search import DirectoryQuery

if TYPE_CHECKING:
    from .fhir_commit import FhirCommit
    from .resource_store import ResourceDigest, StoredResource


class StoreUnavailable(Exception):
    """The database cannot be reached; the request may be tried again."""

    retry_after = 5  # seconds a client should wait before it tries again


class StoreBusy(StoreUnavailable):
    """Every connection to the database stayed busy for as long as a request
    may wait for one."""

    def __init__(self, waited: float) -> None:
        super().__init__(
            f"the database is busy: no connection came free within {waited:g} s; try again"
        )
        self.retry_after = max(1, round(waited))


@dataclass(frozen=True, slots=True)
class ClientAccess:
    """What access checks need to know of a client."""

    client_id: str
    version: int
    team_ids: frozenset[str]


@dataclass(frozen=True, slots=True)
class ClientPageRequest:
    """One page of a filtered, sorted list of clients, by keyset (the sort key
    and id of the last client of the page before), never by offset."""

    team_ids: frozenset[str] | None  # None: every team
    name: str | None = None  # part of the name, any case
    neighbourhood: str | None = None
    sort: str = "name"  # "name", "neighbourhood" or "id"
    descending: bool = False
    after: tuple[str, str] | None = None
    limit: int = 20


@dataclass(frozen=True, slots=True)
class WriteResult:
    version: int
    changed: bool
    # the network before and after a change that went through (for its history)
    before: Onion | None = None
    after: Onion | None = None


@dataclass(frozen=True, slots=True)
class TakenIds:
    """Need and rating ids that another client's network holds."""

    needs: tuple[str, ...] = ()
    observations: tuple[str, ...] = ()


class NetworkRepository(Protocol):
    kind: str
    round_trips: int

    async def health(self) -> dict[str, Any]: ...
    async def ensure_schema(self) -> None: ...
    async def close(self) -> None: ...
    async def node_count(self) -> int: ...

    # teams, organisations, staff
    async def get_team(self, team_id: str) -> Team: ...
    async def team_client_ids(self, team_id: str) -> list[str]: ...
    async def get_organization(self, org_id: str) -> Organization: ...
    async def get_person(self, person_id: str) -> tuple[Person, tuple[str, ...]]: ...
    async def directory_search(
        self, query: DirectoryQuery
    ) -> list[tuple[Person, tuple[Organization, ...]]]: ...

    # clients and their networks
    async def get_client(self, client_id: str) -> tuple[Client, str | None, int]: ...
    async def client_access(self, client_id: str) -> ClientAccess | None: ...
    async def clients_access(self, client_ids: Sequence[str]) -> dict[str, ClientAccess]: ...
    async def get_onion(self, client_id: str) -> Onion: ...
    async def get_onions(self, client_ids: Sequence[str]) -> dict[str, Onion]: ...
    async def client_id_pages(self, limit: int) -> list[list[str]]: ...
    async def onions_of_research(self, client_ids: Sequence[str]) -> list[Onion]: ...
    def onion_pages(self, limit: int) -> AsyncIterator[list[Onion]]: ...
    async def client_page(self, page: ClientPageRequest) -> list[tuple[str, str]]: ...
    def client_pages(self, request: ClientPageRequest) -> AsyncIterator[list[tuple[str, str]]]: ...
    async def client_count(self, page: ClientPageRequest) -> int: ...
    async def team_staff(self, org_id: str) -> list[Person]: ...
    async def carer_loads(self, person_ids: Sequence[str]) -> list[dict[str, Any]]: ...
    async def person_clients(self, person_ids: Sequence[str]) -> dict[str, frozenset[str]]: ...
    async def ids_of_other_networks(
        self, client_id: str, need_ids: Sequence[str], observation_ids: Sequence[str]
    ) -> TakenIds: ...


class ResourceStore(Protocol):
    """FHIR resources as received, with their versions (reads; every write
    goes through :class:`FhirWriter`)."""

    async def get(
        self, resource_type: str, resource_id: str, *, include_deleted: bool = False
    ) -> StoredResource | None: ...
    async def get_many(
        self, keys: Iterable[str], *, include_deleted: bool = False
    ) -> list[StoredResource]: ...
    async def digests(self, keys: Iterable[str]) -> list[ResourceDigest]:
        """The fingerprints of these resources' current versions (deleted
        ones included), without their content: one indexed read."""
        ...

    async def compartments(self, client_ids: Iterable[str]) -> list[StoredResource]: ...
    async def coded_in_compartments(
        self, client_ids: Iterable[str], resource_type: str, tokens: Sequence[str]
    ) -> list[StoredResource]:
        """Current resources of a type in these clients' compartments with any
        of the search tokens (``code|system|code``), found by client."""
        ...

    async def vread(
        self, resource_type: str, resource_id: str, version_id: int
    ) -> StoredResource: ...
    async def history(
        self, resource_type: str, resource_id: str, limit: int = 100
    ) -> list[StoredResource]: ...
    async def versions_until(
        self, until: str, *, client_ids: Iterable[str] = (), keys: Iterable[str] = ()
    ) -> list[StoredResource]:
        """Every version written at or before ``until`` of the resources in
        these clients' compartments and of those named by key, deletions
        included, oldest first: what their networks as they were are rebuilt
        from."""
        ...

    async def data_version(self) -> str:
        """A mark of the data as it stands, different after any write."""
        ...

    async def search(
        self,
        resource_type: str,
        *,
        tokens: Sequence[str] = (),
        groups: Sequence[Sequence[str]] = (),
        date_from: str | None = None,
        date_to: str | None = None,
        client_ids: Iterable[str] | None = None,
        after_id: str | None = None,
        limit: int = 50,
        updated_from: str | None = None,
        updated_to: str | None = None,
    ) -> list[StoredResource]: ...


class FhirWriter(Protocol):
    """The one guarded statement that writes networks and resources together."""

    async def commit(self, unit: FhirCommit) -> bool: ...
