"""Organisations of the formal network, and the neighbourhood team (also one)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ._entity import settle
from .values import check_enum, check_id, check_text


class OrganizationKind(StrEnum):
    NURSING_TEAM = "nursing-team"
    GP_PRACTICE = "gp-practice"
    PHARMACY = "pharmacy"
    PHYSIOTHERAPY = "physiotherapy"
    HOSPITAL = "hospital"
    SOCIAL_WORK = "social-work"
    MUNICIPALITY = "municipality"
    THIRD_SECTOR = "third-sector"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    name: str
    kind: OrganizationKind = OrganizationKind.OTHER

    def __post_init__(self) -> None:
        settle(
            self,
            id=check_id("organization.id", self.id),
            name=check_text("organization.name", self.name),
            kind=check_enum("organization.kind", OrganizationKind, self.kind),
        )


@dataclass(frozen=True, slots=True)
class Team:
    """A self-managing neighbourhood nursing team; its id is its Organization id."""

    id: str
    name: str
    neighbourhood: str | None = None

    def __post_init__(self) -> None:
        settle(
            self,
            id=check_id("team.id", self.id),
            name=check_text("team.name", self.name),
            neighbourhood=check_text("team.neighbourhood", self.neighbourhood, required=False),
        )
