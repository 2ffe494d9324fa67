"""Reading FHIR data types out of resource JSON, leniently: a missing or odd
element reads as None rather than failing (the resource has been validated
before it gets here)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from .jsontypes import JsonObject

CONTACT_SYSTEMS = ("phone", "email", "sms", None)  # telecom systems read as a contact
# nl-core-ContactPerson's role (RolCodelijst: first contact person, legal
# representative, ...), which Dutch systems put before the family relationship
CONTACT_PERSON_ROLE = "urn:oid:2.16.840.1.113883.2.4.3.11.22.472"
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def items(value: object) -> list[JsonObject]:
    """The objects of a list element (or of a single object element)."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


def text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def day(value: object) -> date | None:
    """The calendar date of a FHIR date or dateTime, as written (no time-zone
    shift); None for a partial date such as ``1938`` or ``1938-04``."""
    if not isinstance(value, str):
        return None
    found = _DATE.match(value)
    if not found:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def ranked_names(names: object) -> list[JsonObject]:
    """Names in the order they are read: the usual name (what someone is called),
    then the official one, then the rest; nicknames and old names last."""
    order = {"usual": 0, "official": 1, "nickname": 3, "old": 4, "maiden": 4}
    return sorted(items(names), key=lambda n: order.get(n.get("use", ""), 2))


def name_text(name: JsonObject) -> str | None:
    if text(name.get("text")):
        return text(name.get("text"))
    # Titles (prefix) are left out: "mevr." is not part of how a nurse names someone.
    given = [g for g in name.get("given", ()) if isinstance(g, str)]
    family = text(name.get("family"))
    return " ".join([*given, *([family] if family else [])]).strip() or None


def human_name(names: object) -> str | None:
    """The name to show: the first name in :func:`ranked_names` that has words."""
    for name in ranked_names(names):
        found = name_text(name)
        if found:
            return found
    return None


def concept_text(concept: object) -> str | None:
    """A CodeableConcept's words: its text, else a coding's display, else a code."""
    if not isinstance(concept, dict):
        return None
    if text(concept.get("text")):
        return text(concept.get("text"))
    for key in ("display", "code"):
        for coding in items(concept.get("coding")):
            if text(coding.get(key)):
                return text(coding.get(key))
    return None


def first_concept_text(concepts: Iterable[Any], skip_system: str | None = None) -> str | None:
    """The words of the first concept that is not only a code of ``skip_system``."""
    for concept in concepts:
        if not isinstance(concept, dict):
            continue
        others = [c for c in items(concept.get("coding")) if c.get("system") != skip_system]
        if text(concept.get("text")) or others:
            return concept_text({**concept, "coding": others})
    return None


def relationship_index(concepts: list[Any]) -> int | None:
    """Which of a relative's relationship concepts says how she is related:
    the first that is more than a contact-person role, else the first with
    words; None when none has any."""
    for skip in (CONTACT_PERSON_ROLE, None):
        for index, concept in enumerate(concepts):
            if first_concept_text([concept], skip_system=skip):
                return index
    return None


def relationship_text(concepts: list[Any]) -> str | None:
    """The words of the concept :func:`relationship_index` picks."""
    index = relationship_index(concepts)
    if index is None:
        return None
    picked = [concepts[index]]
    return first_concept_text(picked, skip_system=CONTACT_PERSON_ROLE) or first_concept_text(picked)


def telecom(points: object) -> str | None:
    """The first phone number or e-mail address, as written."""
    for point in sorted(items(points), key=rank):
        if text(point.get("value")) and point.get("system") in CONTACT_SYSTEMS:
            return text(point.get("value"))
    return None


def rank(point: JsonObject) -> int:
    rank = point.get("rank")
    return rank if isinstance(rank, int) else 1_000_000


def home_address(addresses: object) -> str | None:
    """The home address (else the first) as one line: its text, else its
    lines, postal code and city."""
    listed = items(addresses)
    ranked = sorted(listed, key=lambda a: 0 if a.get("use") == "home" else 1)
    if not ranked:
        return None
    first = ranked[0]
    written = text(first.get("text"))
    if written:
        return written
    given = first.get("line")
    lines = [t for line in given if (t := text(line))] if isinstance(given, list) else []
    place = " ".join(t for k in ("postalCode", "city") if (t := text(first.get(k))))
    return ", ".join([*lines, place] if place else lines) or None


def home_district(addresses: object) -> str | None:
    """The district (wijk) of the home address, else of the first address."""
    listed = items(addresses)
    ranked = sorted(listed, key=lambda a: 0 if a.get("use") == "home" else 1)
    return text(ranked[0].get("district")) if ranked else None


def extension_value(element: object, url: str, value_key: str) -> Any:
    for extension in items(element.get("extension") if isinstance(element, dict) else None):
        if extension.get("url") == url:
            return extension.get(value_key)
    return None
