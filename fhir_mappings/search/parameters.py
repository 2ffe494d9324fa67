"""What can be searched, per resource type: each search parameter, its FHIR
type, the elements it reads, and the ``_include``/``_revinclude`` pairs that
follow from the reference parameters."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from ..resource_types import PATIENT_ELEMENT, STORED_TYPES

ParamType = Literal["reference", "token", "string", "date"]

SEARCHABLE_TYPES: tuple[str, ...] = (
    "CarePlan",
    "CareTeam",
    "Condition",
    "Goal",
    "Location",
    "Observation",
    "Organization",
    "Patient",
    "Practitioner",
    "PractitionerRole",
    "RelatedPerson",
)
# Who can be a member of a CareTeam, among the types stored here.
PARTICIPANT_TYPES: tuple[str, ...] = (
    "CareTeam",
    "Organization",
    "Patient",
    "Practitioner",
    "PractitionerRole",
    "RelatedPerson",
)

_TYPE = r"[A-Z][A-Za-z]{1,63}"
_ID = r"[A-Za-z0-9\-.]{1,64}"
_RELATIVE = re.compile(rf"(?P<type>{_TYPE})/(?P<id>{_ID})(?:/_history/{_ID})?")
_ABSOLUTE = re.compile(
    rf"(?P<base>https?://\S+?)/(?P<type>{_TYPE})/(?P<id>{_ID})(?:/_history/{_ID})?"
)


@dataclass(frozen=True, slots=True)
class SearchParameter:
    """One search parameter of one resource type, for searching and for the
    CapabilityStatement."""

    name: str
    type: ParamType
    documentation: str
    paths: tuple[str, ...]  # the elements read, dotted from the resource
    targets: tuple[str, ...] = ()  # a reference parameter: the types it points to


@dataclass(frozen=True, slots=True)
class Include:
    """An ``_include`` or ``_revinclude``: ``source_type:param[:target_type]``."""

    source_type: str
    param: str
    target_type: str | None = None

    @property
    def text(self) -> str:
        """The parameter value, e.g. ``CareTeam:participant:RelatedPerson``."""
        target = f":{self.target_type}" if self.target_type else ""
        return f"{self.source_type}:{self.param}{target}"


ID_PARAMETER = SearchParameter("_id", "token", "The resource's logical id", ("id",))


def _id() -> SearchParameter:
    return ID_PARAMETER


def _patient(element: str, what: str) -> SearchParameter:
    when = ", when a Patient" if element == "subject" else ""
    return SearchParameter(
        "patient",
        "reference",
        f"The Patient {what} ({element}{when})",
        (element,),
        ("Patient",),
    )


def _subject(what: str, targets: tuple[str, ...] = ("Patient",)) -> SearchParameter:
    return SearchParameter("subject", "reference", f"Who {what} (subject)", ("subject",), targets)


def _status(codes: str) -> SearchParameter:
    return SearchParameter("status", "token", f"The status: {codes}", ("status",))


def _code(what: str) -> SearchParameter:
    return SearchParameter(
        "code", "token", f"{what} (code; system|code, |code, code or system|)", ("code",)
    )


def _identifier() -> SearchParameter:
    return SearchParameter(
        "identifier",
        "token",
        "An identifier (system|value, |value, value or system|)",
        ("identifier",),
    )


def _name(paths: tuple[str, ...] = ("name",)) -> SearchParameter:
    return SearchParameter(
        "name",
        "string",
        "Words of a name, each matching the start of a word in family, given, prefix, "
        "suffix or text; case and accents ignored",
        paths,
    )


def _name_or_alias() -> SearchParameter:
    return SearchParameter(
        "name",
        "string",
        "Words of the name or an alias, each matching the start of a word; "
        "case and accents ignored",
        ("name", "alias"),
    )


LAST_UPDATED_PARAMETER = SearchParameter(
    "_lastUpdated",
    "date",
    "When the resource last changed here (meta.lastUpdated); prefixes eq, ge, gt, le, lt",
    ("meta.lastUpdated",),
)


def _generic(resource_type: str) -> tuple[SearchParameter, ...]:
    """A type the onion does not use: its id, and the Patient it is about."""
    element = PATIENT_ELEMENT.get(resource_type)
    if element is None:
        return (_id(),)
    return (_id(), _patient(element, "the resource is about"))


_DETAILED: Mapping[str, tuple[SearchParameter, ...]] = MappingProxyType(
    {
        "CarePlan": (
            _id(),
            SearchParameter(
                "care-team",
                "reference",
                "A CareTeam taking part in the plan (careTeam)",
                ("careTeam",),
                ("CareTeam",),
            ),
            _patient("subject", "the plan is for"),
            _status("draft, active, on-hold, revoked, completed, entered-in-error, unknown"),
            _subject("the plan is for"),
        ),
        "CareTeam": (
            _id(),
            SearchParameter(
                "participant",
                "reference",
                "A member of the team (participant.member)",
                ("participant.member",),
                PARTICIPANT_TYPES,
            ),
            _patient("subject", "the team is for"),
            _status("proposed, active, suspended, inactive, entered-in-error"),
            _subject("the team is for"),
        ),
        "Condition": (
            _id(),
            _code("What the condition is"),
            _patient("subject", "who has the condition"),
            _subject("has the condition"),
        ),
        "Goal": (
            _id(),
            _patient("subject", "whose goal it is"),
            _subject("the goal is for", ("Organization", "Patient")),
        ),
        "Observation": (
            _id(),
            _code("What was observed"),
            SearchParameter(
                "date",
                "date",
                "When it was observed (effective[x]); prefixes eq (default), ge, gt, le, lt",
                ("effectiveDateTime", "effectiveInstant", "effectivePeriod"),
            ),
            SearchParameter(
                "focus",
                "reference",
                "What the observation is about (focus)",
                ("focus",),
                SEARCHABLE_TYPES,
            ),
            _patient("subject", "observed"),
            _subject("was observed"),
        ),
        "Organization": (
            _id(),
            _identifier(),
            _name_or_alias(),
        ),
        "Location": (
            _id(),
            _identifier(),
            _name_or_alias(),
            SearchParameter(
                "organization",
                "reference",
                "The organisation the location belongs to (managingOrganization)",
                ("managingOrganization",),
                ("Organization",),
            ),
        ),
        "Patient": (_id(), _identifier(), _name()),
        "Practitioner": (_id(), _identifier(), _name()),
        "PractitionerRole": (
            _id(),
            _identifier(),
            SearchParameter(
                "organization",
                "reference",
                "The organisation of the role (organization)",
                ("organization",),
                ("Organization",),
            ),
            SearchParameter(
                "practitioner",
                "reference",
                "The practitioner in the role (practitioner)",
                ("practitioner",),
                ("Practitioner",),
            ),
        ),
        "RelatedPerson": (
            _id(),
            _identifier(),
            _name(),
            _patient("patient", "the person is related to"),
        ),
    }
)
SEARCH_PARAMETERS: Mapping[str, tuple[SearchParameter, ...]] = MappingProxyType(
    {
        kind: (*(_DETAILED.get(kind) or _generic(kind)), LAST_UPDATED_PARAMETER)
        for kind in sorted(STORED_TYPES)
    }
)


def parameter(resource_type: str, name: str) -> SearchParameter | None:
    """The parameter ``name`` of ``resource_type``, if it has one."""
    for found in SEARCH_PARAMETERS.get(resource_type, ()):
        if found.name == name:
            return found
    return None


def _reference_parameters(resource_type: str) -> list[SearchParameter]:
    return [p for p in SEARCH_PARAMETERS[resource_type] if p.type == "reference"]


INCLUDES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        kind: tuple(f"{kind}:{p.name}" for p in _reference_parameters(kind))
        for kind in SEARCH_PARAMETERS
    }
)
REVINCLUDES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        kind: tuple(
            sorted(
                f"{source}:{p.name}"
                for source in SEARCH_PARAMETERS
                for p in _reference_parameters(source)
                if kind in p.targets
            )
        )
        for kind in SEARCH_PARAMETERS
    }
)


def values_at(resource: Mapping[str, Any], path: str) -> list[Any]:
    """The values at a dotted ``path`` of ``resource``, arrays flattened."""
    current: list[Any] = [resource]
    for step in path.split("."):
        found: list[Any] = []
        for item in current:
            value = item.get(step) if isinstance(item, Mapping) else None
            if isinstance(value, list):
                found.extend(v for v in value if v is not None)
            elif value is not None:
                found.append(value)
        current = found
    return current


def local_reference(reference: object, base_urls: Sequence[str] = ()) -> str | None:
    """The ``Type/id`` a stored Reference names on this server, or None for a
    contained (``#``), logical or other server's reference.

    ``/_history/`` is dropped; an absolute reference is local when its base is
    one of ``base_urls``.
    """
    if not isinstance(reference, dict):
        return None
    text = reference.get("reference")
    if not isinstance(text, str):
        return None
    relative = _RELATIVE.fullmatch(text)
    if relative:
        return f"{relative['type']}/{relative['id']}"
    absolute = _ABSOLUTE.fullmatch(text)
    if absolute and absolute["base"].rstrip("/") in {b.rstrip("/") for b in base_urls}:
        return f"{absolute['type']}/{absolute['id']}"
    return None


def reference_keys(
    resource: Mapping[str, Any], param: SearchParameter, base_urls: Sequence[str] = ()
) -> list[str]:
    """The local ``Type/id`` keys a reference parameter finds in ``resource``:
    those of its target types, each once, in document order."""
    keys: list[str] = []
    for path in param.paths:
        for value in values_at(resource, path):
            key = local_reference(value, base_urls)
            if key and key.partition("/")[0] in param.targets and key not in keys:
                keys.append(key)
    return keys


def split_reference(text: str) -> tuple[str | None, str] | None:
    """A search value for a reference: ``Type/id``, an absolute URL ending in
    ``Type/id`` (any server), or a bare id, as (type or None, id)."""
    relative = _RELATIVE.fullmatch(text) or _ABSOLUTE.fullmatch(text)
    if relative:
        return relative["type"], relative["id"]
    if re.fullmatch(_ID, text):
        return None, text
    return None
