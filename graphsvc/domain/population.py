"""A population: teams, organisations, their staff and the onions of their
clients. What a seed file or the generator hands to the store in one go."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .onion import Onion
from .organization import Organization, Team
from .person import Person


@dataclass(frozen=True, slots=True)
class Staff:
    """A professional and the organisations (or team) she works for: MEMBER_OF."""

    person: Person
    organization_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Population:
    teams: tuple[Team, ...] = ()
    organizations: tuple[Organization, ...] = ()
    staff: tuple[Staff, ...] = ()
    onions: tuple[Onion, ...] = ()

    def chunks(self, clients_per_chunk: int) -> Iterator[Population]:
        """The same population cut into pieces small enough for one write each;
        the first piece carries the teams, organisations and staff."""
        if clients_per_chunk < 1:
            raise ValueError("clients_per_chunk must be at least 1")
        yield Population(
            self.teams, self.organizations, self.staff, self.onions[:clients_per_chunk]
        )
        for start in range(clients_per_chunk, len(self.onions), clients_per_chunk):
            yield Population(onions=self.onions[start : start + clients_per_chunk])
