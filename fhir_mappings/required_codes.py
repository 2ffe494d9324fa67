"""Codes whose value sets FHIR R4 binds as *required*: a value outside them
is not valid FHIR, and the model library lets it through (a ``code`` is any
string to it). Checked on every resource received, so the service never
stores, and never hands out, ``"gender": "bogus"``.

Paths are element names from the resource (a list is walked through), for
the resources this service accepts and the data types they use."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .expressions import expression
from .issues import Issue
from .jsontypes import JsonObject, JsonPath

GENDER = ("male", "female", "other", "unknown")
_NAME_USE = ("usual", "official", "temp", "nickname", "anonymous", "old", "maiden")
Paths = dict[tuple[str, ...], tuple[str, ...]]

_TELECOM: Paths = {
    ("telecom", "system"): ("phone", "fax", "email", "pager", "url", "sms", "other"),
    ("telecom", "use"): ("home", "work", "temp", "old", "mobile"),
}
_PERSON: Paths = {
    ("gender",): GENDER,
    ("name", "use"): _NAME_USE,
    ("address", "use"): ("home", "work", "temp", "old", "billing"),
    ("address", "type"): ("postal", "physical", "both"),
    ("identifier", "use"): ("usual", "official", "temp", "secondary", "old"),
    **_TELECOM,
}

REQUIRED: Mapping[str, Mapping[tuple[str, ...], tuple[str, ...]]] = {
    "Patient": {
        **_PERSON,
        ("contact", "gender"): GENDER,
        ("link", "type"): ("replaced-by", "replaces", "refer", "seealso"),
    },
    "RelatedPerson": _PERSON,
    "Practitioner": _PERSON,
    "PractitionerRole": {
        **_TELECOM,
        ("availableTime", "daysOfWeek"): ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    },
    "Organization": {**_TELECOM, ("address", "use"): _PERSON[("address", "use")]},
    "CareTeam": {
        ("status",): ("proposed", "active", "suspended", "inactive", "entered-in-error"),
        **_TELECOM,
    },
    "CarePlan": {
        ("status",): (
            "draft",
            "active",
            "on-hold",
            "revoked",
            "completed",
            "entered-in-error",
            "unknown",
        ),
        ("intent",): ("proposal", "plan", "order", "option"),
        ("activity", "detail", "status"): (
            "not-started",
            "scheduled",
            "in-progress",
            "on-hold",
            "completed",
            "cancelled",
            "stopped",
            "unknown",
            "entered-in-error",
        ),
        ("activity", "detail", "kind"): (
            "Appointment",
            "CommunicationRequest",
            "DeviceRequest",
            "MedicationRequest",
            "NutritionOrder",
            "Task",
            "ServiceRequest",
            "VisionPrescription",
        ),
    },
    "Observation": {
        ("status",): (
            "registered",
            "preliminary",
            "final",
            "amended",
            "corrected",
            "cancelled",
            "entered-in-error",
            "unknown",
        ),
    },
    "Goal": {
        ("lifecycleStatus",): (
            "proposed",
            "planned",
            "accepted",
            "active",
            "on-hold",
            "completed",
            "cancelled",
            "entered-in-error",
            "rejected",
        ),
    },
    "Location": {
        ("status",): ("active", "suspended", "inactive"),
        ("mode",): ("instance", "kind"),
        **_TELECOM,
    },
    "Bundle": {
        ("type",): (
            "document",
            "message",
            "transaction",
            "transaction-response",
            "batch",
            "batch-response",
            "history",
            "searchset",
            "collection",
        ),
        ("entry", "request", "method"): ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"),
    },
}

# CodeableConcepts bound as required: a coding in the code system named must
# hold one of its codes (codings of other systems are translations).
REQUIRED_CODINGS: Mapping[str, Mapping[tuple[str, ...], tuple[str, tuple[str, ...]]]] = {
    "Condition": {
        ("clinicalStatus",): (
            "http://terminology.hl7.org/CodeSystem/condition-clinical",
            ("active", "recurrence", "relapse", "inactive", "remission", "resolved"),
        ),
        ("verificationStatus",): (
            "http://terminology.hl7.org/CodeSystem/condition-ver-status",
            (
                "unconfirmed",
                "provisional",
                "differential",
                "confirmed",
                "refuted",
                "entered-in-error",
            ),
        ),
    },
}


def code_issues(resource: JsonObject, root: str) -> list[Issue]:
    """Values outside a required value set, each said where and what is allowed."""
    kind = resource.get("resourceType")
    if not isinstance(kind, str):
        return []
    issues = []
    for names, allowed in REQUIRED.get(kind, {}).items():
        for path, value in _values(resource, names):
            if isinstance(value, str) and value not in allowed:
                issues.append(_issue(root, path, value, allowed))
    for names, (system, codes) in REQUIRED_CODINGS.get(kind, {}).items():
        for path, value in _values(resource, (*names, "coding")):
            if isinstance(value, dict) and value.get("system") == system:
                code = value.get("code")
                if isinstance(code, str) and code not in codes:
                    issues.append(_issue(root, (*path, "code"), code, codes))
    return issues


def _issue(root: str, path: JsonPath, value: str, allowed: tuple[str, ...]) -> Issue:
    shown = value if len(value) <= 40 else value[:40] + "..."
    return Issue(
        expression(root, path),
        f"{shown!r} is not one of {', '.join(allowed)} (a required code)",
        "code-invalid",
    )


def _values(
    node: object, names: tuple[str, ...], path: JsonPath = ()
) -> Iterator[tuple[JsonPath, object]]:
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _values(item, names, (*path, index))
        return
    if not names:
        yield path, node
        return
    if isinstance(node, dict) and names[0] in node:
        yield from _values(node[names[0]], names[1:], (*path, names[0]))
