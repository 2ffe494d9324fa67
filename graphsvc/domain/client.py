"""The self-managing client at the centre of the onion (ring 0)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ._entity import settle
from .values import check_date, check_id, check_text


@dataclass(frozen=True, slots=True)
class Client:
    id: str
    name: str
    neighbourhood: str | None = None
    birth_date: date | None = None
    # her home address as one line ("Dorpsstraat 1, 1234 AB Utrecht"); FHIR
    # Patient.address (home) text
    address: str | None = None

    def __post_init__(self) -> None:
        settle(
            self,
            id=check_id("client.id", self.id),
            name=check_text("client.name", self.name),
            neighbourhood=check_text("client.neighbourhood", self.neighbourhood, required=False),
            birth_date=check_date("client.birthDate", self.birth_date),
            address=check_text("client.address", self.address, required=False),
        )
