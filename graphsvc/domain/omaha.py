"""The Omaha System problem classification: 42 problems in 4 domains.

The catalogue ships as data (``omaha_problems.json``) so that it can be read,
reviewed and exported without touching code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from .errors import Reason, ValidationError, shown

OMAHA_SYSTEM = "http://terminology.hl7.org/CodeSystem/oms"


class OmahaDomain(StrEnum):
    ENVIRONMENTAL = "environmental"
    PSYCHOSOCIAL = "psychosocial"
    PHYSIOLOGICAL = "physiological"
    HEALTH_RELATED_BEHAVIORS = "health-related behaviors"

    @property
    def name_nl(self) -> str:
        """The domain as Dutch district nursing names it."""
        return DOMAIN_NAMES_NL[self]

    @property
    def name_en(self) -> str:
        return DOMAIN_NAMES_EN[self]


DOMAIN_NAMES_EN: dict[OmahaDomain, str] = {
    OmahaDomain.ENVIRONMENTAL: "Environmental",
    OmahaDomain.PSYCHOSOCIAL: "Psychosocial",
    OmahaDomain.PHYSIOLOGICAL: "Physiological",
    OmahaDomain.HEALTH_RELATED_BEHAVIORS: "Health-related behaviors",
}

DOMAIN_NAMES_NL: dict[OmahaDomain, str] = {
    OmahaDomain.ENVIRONMENTAL: "Omgeving",
    OmahaDomain.PSYCHOSOCIAL: "Psychosociaal",
    OmahaDomain.PHYSIOLOGICAL: "Fysiologisch",
    OmahaDomain.HEALTH_RELATED_BEHAVIORS: "Gezondheidsgerelateerd gedrag",
}


@dataclass(frozen=True, slots=True)
class OmahaProblem:
    code: str
    display: str  # the English name, as the code system displays it
    domain: OmahaDomain
    display_nl: str = ""  # the Dutch name used in Dutch district nursing


@cache
def catalogue() -> dict[str, OmahaProblem]:
    raw = json.loads(resources.files(__package__).joinpath("omaha_problems.json").read_text())
    if raw["system"] != OMAHA_SYSTEM:
        raise RuntimeError("omaha_problems.json names the wrong code system")
    return {
        p["code"]: OmahaProblem(p["code"], p["display"], OmahaDomain(p["domain"]), p["display_nl"])
        for p in raw["problems"]
    }


def omaha_problem(code: object, field: str = "code") -> OmahaProblem:
    """The problem for a code; '6', 6 and '06' all name Social contact."""
    key = code
    if isinstance(code, int) and not isinstance(code, bool):
        key = f"{code:02d}"
    elif isinstance(code, str) and code.isdigit() and len(code) == 1:
        key = f"0{code}"
    problem = catalogue().get(key) if isinstance(key, str) else None
    if problem is None:
        raise ValidationError(
            field,
            f"{shown(code)} is not an Omaha System problem code (01-42)",
            code=Reason.UNKNOWN_OMAHA_CODE,
        )
    return problem
