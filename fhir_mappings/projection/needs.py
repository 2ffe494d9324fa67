"""Condition coded with the Omaha System -> a Need of the client."""

from __future__ import annotations

from datetime import date

from graphsvc.domain import Client, Need, NeedStatus

from ..code_systems import CONDITION_CLINICAL, OMAHA, codings
from ..elements import day
from ..jsontypes import JsonObject
from .builder import Builder
from .result import GraphKind, GraphRef

RESOLVED_STATUSES = frozenset({"inactive", "remission", "resolved"})


def need_status(condition: JsonObject) -> NeedStatus:
    for coding in codings(condition.get("clinicalStatus")):
        if coding.get("system") == CONDITION_CLINICAL and coding.get("code") in RESOLVED_STATUSES:
            return NeedStatus.RESOLVED
    return NeedStatus.ACTIVE


def need_since(condition: JsonObject) -> date | None:
    onset = condition.get("onsetPeriod")
    return day(condition.get("onsetDateTime")) or day(
        onset.get("start") if isinstance(onset, dict) else None
    )


def omaha_coding(condition: JsonObject) -> tuple[int, JsonObject] | None:
    code = condition.get("code")
    listed = code.get("coding") if isinstance(code, dict) else None
    for index, coding in enumerate(listed if isinstance(listed, list) else ()):
        if isinstance(coding, dict) and coding.get("system") == OMAHA:
            return index, coding
    return None


def entered_in_error(condition: JsonObject) -> bool:
    return any(
        c.get("code") == "entered-in-error" for c in codings(condition.get("verificationStatus"))
    )


def read_needs(builder: Builder, clients: dict[str, Client]) -> dict[str, dict[str, Need]]:
    """client id -> need id -> need."""
    found: dict[str, dict[str, Need]] = {}
    catalog = builder.catalog
    for key, condition in catalog.of_type("Condition"):
        coded = omaha_coding(condition)
        if coded is None or entered_in_error(condition):
            continue
        subject = catalog.resolve(key, ("subject",))
        if subject is None or subject.resource_type != "Patient" or subject.id not in clients:
            builder.note(key, ("subject",), "names no client included here; no need projected")
            continue
        index, coding = coded
        need = builder.build(
            key,
            ("code", "coding", index, "code"),
            Need,
            key.id,
            subject.id,
            coding.get("code"),
            need_status(condition),
            need_since(condition),
        )
        if need is not None:
            found.setdefault(subject.id, {})[need.id] = need
            builder.came_from(GraphRef(GraphKind.NEED, need.id), key)
            builder.link(key, ("subject",), GraphRef(GraphKind.CLIENT, subject.id))
    return found
