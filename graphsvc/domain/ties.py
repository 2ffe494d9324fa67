"""The ties of the onion, with the research dimensions of a support tie
(Tracy & Whittaker's social network map: type, frequency, closeness, hours, since)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ._entity import settle
from .errors import Reason, ValidationError
from .rings import Ring
from .values import check_date, check_enum, check_hours, check_id, check_int_range, check_text

CLOSENESS_MIN, CLOSENESS_MAX = 1, 3  # 1 not very close, 2 sort of close, 3 very close


class Frequency(StrEnum):
    DAILY = "daily"
    SEVERAL_TIMES_A_WEEK = "several-times-a-week"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    LESS_OFTEN = "less-often"


class SupportKind(StrEnum):
    PRACTICAL = "practical"  # shopping, transport, errands
    HOUSEHOLD = "household"
    PERSONAL_CARE = "personal-care"
    EMOTIONAL = "emotional"
    INFORMATIONAL = "informational"
    NURSING = "nursing"
    MEDICAL = "medical"
    COORDINATION = "coordination"


class TieStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


def _closeness(field: str, value: int | None) -> int | None:
    if value is None:
        return None
    return check_int_range(field, value, CLOSENESS_MIN, CLOSENESS_MAX)


@dataclass(frozen=True, slots=True)
class Membership:
    """(Person)-[:IN_NETWORK_OF]->(Client): a person's place in one client's onion."""

    person_id: str
    client_id: str
    ring: Ring
    role: str | None = None
    relationship: str | None = None
    contact_frequency: Frequency | None = None
    closeness: int | None = None
    since: date | None = None

    def __post_init__(self) -> None:
        freq = self.contact_frequency
        settle(
            self,
            person_id=check_id("membership.personId", self.person_id),
            client_id=check_id("membership.clientId", self.client_id),
            ring=check_enum("membership.ring", Ring, self.ring),
            role=check_text("membership.role", self.role, required=False),
            relationship=check_text("membership.relationship", self.relationship, required=False),
            contact_frequency=None
            if freq is None
            else check_enum("membership.contactFrequency", Frequency, freq),
            closeness=_closeness("membership.closeness", self.closeness),
            since=check_date("membership.since", self.since),
        )


@dataclass(frozen=True, slots=True)
class SupportTie:
    """(Person)-[:SUPPORTS]->(Need)."""

    supporter_id: str
    need_id: str
    kind: SupportKind = SupportKind.PRACTICAL
    frequency: Frequency | None = None
    hours_per_week: float = 0.0
    status: TieStatus = TieStatus.ACTIVE
    since: date | None = None

    def __post_init__(self) -> None:
        settle(
            self,
            supporter_id=check_id("support.supporterId", self.supporter_id),
            need_id=check_id("support.needId", self.need_id),
            kind=check_enum("support.kind", SupportKind, self.kind),
            frequency=None
            if self.frequency is None
            else check_enum("support.frequency", Frequency, self.frequency),
            hours_per_week=check_hours("support.hoursPerWeek", self.hours_per_week),
            status=check_enum("support.status", TieStatus, self.status),
            since=check_date("support.since", self.since),
        )

    @property
    def active(self) -> bool:
        return self.status is TieStatus.ACTIVE


@dataclass(frozen=True, slots=True)
class KnowsTie:
    """(Person)-[:KNOWS]->(Person) among supporters. Knowing is mutual, so the
    pair is kept in id order and a tie has one identity whichever way it was named."""

    person_a: str
    person_b: str
    closeness: int | None = None

    def __post_init__(self) -> None:
        a = check_id("knows.personA", self.person_a)
        b = check_id("knows.personB", self.person_b)
        if a == b:
            raise ValidationError(
                "knows.personB", "a person cannot know herself", code=Reason.KNOWS_HERSELF
            )
        first, second = sorted((a, b))
        settle(
            self,
            person_a=first,
            person_b=second,
            closeness=_closeness("knows.closeness", self.closeness),
        )
