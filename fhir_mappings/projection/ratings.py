"""Observation coded with an Omaha rating scale -> a KBS rating of the client,
about one of her needs when Observation.focus names it."""

from __future__ import annotations

from datetime import date

from graphsvc.domain import Client, Need, Observation, RatingDimension

from ..code_systems import OMAHA_RATING, coded
from ..elements import day
from ..jsontypes import JsonObject
from .builder import Builder
from .result import GraphKind, GraphRef

SKIPPED_STATUSES = frozenset({"entered-in-error", "cancelled"})


def rating_dimension(observation: JsonObject) -> RatingDimension | None:
    return coded([observation.get("code")], OMAHA_RATING, RatingDimension)


def rating_date(observation: JsonObject) -> date | None:
    period = observation.get("effectivePeriod")
    return (
        day(observation.get("effectiveDateTime"))
        or day(observation.get("effectiveInstant"))
        or day(period.get("start") if isinstance(period, dict) else None)
        or day(observation.get("issued"))
    )


def read_ratings(
    builder: Builder, clients: dict[str, Client], needs: dict[str, dict[str, Need]]
) -> dict[str, list[Observation]]:
    found: dict[str, list[Observation]] = {}
    catalog = builder.catalog
    for key, observation in catalog.of_type("Observation"):
        dimension = rating_dimension(observation)
        if dimension is None or observation.get("status") in SKIPPED_STATUSES:
            continue
        subject = catalog.resolve(key, ("subject",))
        if subject is None or subject.resource_type != "Patient" or subject.id not in clients:
            builder.note(key, ("subject",), "names no client included here; not projected")
            continue
        need_id = None
        for index, target in catalog.resolve_all(key, ("focus",)):
            if target.resource_type == "Condition" and target.id in needs.get(subject.id, {}):
                need_id = target.id
                builder.link(key, ("focus", index), GraphRef(GraphKind.NEED, need_id))
                break
            builder.note(key, ("focus", index), "is no Omaha-coded need of this client")
        if "valueInteger" not in observation:
            builder.error(key, ("value[x]",), "a rating is a valueInteger from 1 to 5")
            continue
        effective = rating_date(observation)
        if effective is None:
            builder.error(key, ("effective[x]",), "a rating needs the date it was made")
            continue
        rating = builder.build(
            key,
            ("valueInteger",),
            Observation,
            key.id,
            subject.id,
            need_id,
            dimension,
            observation["valueInteger"],
            effective,
        )
        if rating is not None:
            found.setdefault(subject.id, []).append(rating)
            builder.came_from(GraphRef(GraphKind.OBSERVATION, rating.id), key)
            builder.link(key, ("subject",), GraphRef(GraphKind.CLIENT, subject.id))
    return found
