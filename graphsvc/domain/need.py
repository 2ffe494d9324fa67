"""A need: one Omaha System problem of one client."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ._entity import settle
from .omaha import OmahaDomain, OmahaProblem, omaha_problem
from .values import check_date, check_enum, check_id


class NeedStatus(StrEnum):
    ACTIVE = "active"
    RESOLVED = "resolved"


@dataclass(frozen=True, slots=True)
class Need:
    id: str
    client_id: str
    code: str
    status: NeedStatus = NeedStatus.ACTIVE
    since: date | None = None

    def __post_init__(self) -> None:
        settle(
            self,
            id=check_id("need.id", self.id),
            client_id=check_id("need.clientId", self.client_id),
            code=omaha_problem(self.code, "need.code").code,
            status=check_enum("need.status", NeedStatus, self.status),
            since=check_date("need.since", self.since),
        )

    @property
    def problem(self) -> OmahaProblem:
        return omaha_problem(self.code)

    @property
    def display(self) -> str:
        return self.problem.display

    @property
    def domain(self) -> OmahaDomain:
        return self.problem.domain

    @property
    def active(self) -> bool:
        return self.status is NeedStatus.ACTIVE
