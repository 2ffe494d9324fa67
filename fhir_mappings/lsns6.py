"""A client's own answer to an LSNS-6 item as a FHIR Observation, and back.

One Observation per item answered: ``code`` in ``CodeSystem/lsns6`` (the
project's own: relatives-in-touch | relatives-private-matters |
relatives-help | friends-in-touch | friends-private-matters | friends-help;
we know of no LOINC code for the LSNS-6 items), category ``survey``,
``subject`` the Patient, ``effectiveDateTime`` the day she answered, and the
item score 0-5 as ``valueInteger``. The graph does not hold them: they are
kept as resources, searched by patient and code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .code_systems import BASE
from .elements import day
from .jsontypes import JsonObject

LSNS6 = f"{BASE}/CodeSystem/lsns6"
ITEMS = (
    "relatives-in-touch",
    "relatives-private-matters",
    "relatives-help",
    "friends-in-touch",
    "friends-private-matters",
    "friends-help",
)
SCORE_MIN, SCORE_MAX = 0, 5
_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
_COUNTED = frozenset(("final", "amended", "corrected"))


@dataclass(frozen=True, slots=True)
class Lsns6Answer:
    item: str
    score: int
    effective: date


def lsns6_answer_resource(
    *, answer_id: str, client_id: str, item: str, score: int, effective: date
) -> JsonObject:
    if item not in ITEMS:
        raise ValueError(f"{item!r} is not an LSNS-6 item")
    if isinstance(score, bool) or not SCORE_MIN <= score <= SCORE_MAX:
        raise ValueError(f"an LSNS-6 item is scored {SCORE_MIN}-{SCORE_MAX}")
    return {
        "resourceType": "Observation",
        "id": answer_id,
        "status": "final",
        "category": [{"coding": [{"system": _CATEGORY, "code": "survey"}]}],
        "code": {"coding": [{"system": LSNS6, "code": item}]},
        "subject": {"reference": f"Patient/{client_id}"},
        "effectiveDateTime": effective.isoformat(),
        "valueInteger": score,
    }


def read_lsns6_answer(resource: JsonObject) -> Lsns6Answer | None:
    """The answer an Observation records; None when it records none that
    counts (another code, not final, no score 0-5 or no date)."""
    if resource.get("resourceType") != "Observation" or resource.get("status") not in _COUNTED:
        return None
    code = resource.get("code")
    codings = code.get("coding") if isinstance(code, dict) else None
    item = next(
        (
            c.get("code")
            for c in codings or ()
            if isinstance(c, dict) and c.get("system") == LSNS6 and c.get("code") in ITEMS
        ),
        None,
    )
    score = resource.get("valueInteger")
    effective = day(resource.get("effectiveDateTime"))
    if item is None or effective is None or isinstance(score, bool) or not isinstance(score, int):
        return None
    if not SCORE_MIN <= score <= SCORE_MAX:
        return None
    return Lsns6Answer(str(item), score, effective)
