"""A person in someone's onion: a relative, a nurse, a GP."""

from __future__ import annotations

from dataclasses import dataclass

from ._entity import settle
from .rings import Ring
from .values import check_enum, check_id, check_text


@dataclass(frozen=True, slots=True)
class Person:
    """``ring`` is where the person belongs by who they are (a neighbour is
    informal, a GP formal); their place in one client's onion is the
    :class:`~graphsvc.domain.ties.Membership`."""

    id: str
    name: str
    ring: Ring
    role: str | None = None  # "daughter", "neighbour", "district nurse", "general practitioner"
    contact: str | None = None  # phone or e-mail, as the nurse wrote it down
    organization: bool = False  # an organisation taking part as one (a home-help service)

    def __post_init__(self) -> None:
        settle(
            self,
            id=check_id("person.id", self.id),
            name=check_text("person.name", self.name),
            ring=check_enum("person.ring", Ring, self.ring),
            role=check_text("person.role", self.role, required=False),
            contact=check_text("person.contact", self.contact, required=False),
            organization=self.organization is True,
        )
