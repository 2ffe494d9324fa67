"""A diagnosis: a problem of the client coded in a medical classification
(SNOMED CT, ICPC, ICD-10), as her GP or hospital records it. Kept beside her
needs, never one: needs are the Omaha System problems nursing works on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ._entity import settle
from .need import NeedStatus
from .values import check_date, check_enum, check_id, check_text


class Classification(StrEnum):
    SNOMED_CT = "snomed-ct"
    ICPC = "icpc"
    ICD_10 = "icd-10"
    OTHER = "other"  # another code system, or words only


@dataclass(frozen=True, slots=True)
class Diagnosis:
    id: str  # the Condition's
    display: str
    classification: Classification = Classification.OTHER
    code: str | None = None
    system: str | None = None
    status: NeedStatus = NeedStatus.ACTIVE
    since: date | None = None

    def __post_init__(self) -> None:
        settle(
            self,
            id=check_id("diagnosis.id", self.id),
            display=check_text("diagnosis.display", self.display),
            classification=check_enum(
                "diagnosis.classification", Classification, self.classification
            ),
            code=check_text("diagnosis.code", self.code, required=False),
            system=check_text("diagnosis.system", self.system, required=False),
            status=check_enum("diagnosis.status", NeedStatus, self.status),
            since=check_date("diagnosis.since", self.since),
        )

    @property
    def active(self) -> bool:
        return self.status is NeedStatus.ACTIVE
