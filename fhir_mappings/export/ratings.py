"""KBS ratings -> Observation: the scale, the rating, the date, the need."""

from __future__ import annotations

from graphsvc.domain import Observation

from ..code_systems import OMAHA_RATING, RATING_DISPLAY, coding
from ..jsontypes import JsonObject
from ..keys import ResourceKey
from ..projection import GraphKind, GraphRef
from ..projection.ratings import rating_date
from .context import Overlay
from .edits import put_coding, set_or_drop

EFFECTIVE_CHOICES = ("effectiveDateTime", "effectivePeriod", "effectiveTiming", "effectiveInstant")


def overlay_ratings(overlay: Overlay) -> None:
    before = {o.id: o for o in overlay.before.observations}
    now = {o.id: o for o in overlay.now.observations}
    for rating_id in sorted(before.keys() - now.keys()):
        origin = overlay.origin(GraphRef(GraphKind.OBSERVATION, rating_id))
        assert origin is not None
        overlay.workspace.remove(origin.resource)
    for rating_id, rating in sorted(now.items()):
        old = before.get(rating_id)
        ref = GraphRef(GraphKind.OBSERVATION, rating_id)
        if old is None:
            key = ResourceKey("Observation", rating_id)
            if key in overlay.workspace:
                message = "a resource with the rating's id exists; left as it is"
                overlay.note("Observation", message, key.reference)
                continue
            resource: JsonObject = {
                "resourceType": "Observation",
                "id": rating_id,
                "status": "final",
                "subject": {"reference": overlay.client_reference()},
            }
            _write(overlay, key, resource, rating, None)
            overlay.workspace.add(key, resource)
        elif old != rating:
            origin = overlay.origin(ref)
            assert origin is not None
            resource = overlay.element(origin)
            _write(overlay, origin.resource, resource, rating, old)


def _write(
    overlay: Overlay,
    key: ResourceKey,
    resource: JsonObject,
    rating: Observation,
    before: Observation | None,
) -> None:
    if before is None or rating.dimension != before.dimension:
        scale = coding(OMAHA_RATING, rating.dimension.value, RATING_DISPLAY[rating.dimension])
        resource["code"] = put_coding(resource.get("code"), OMAHA_RATING, scale)
    if before is None or rating.value != before.value:
        resource["valueInteger"] = rating.value
    if rating_date(resource) != rating.effective:
        for choice in EFFECTIVE_CHOICES:
            resource.pop(choice, None)
            resource.pop(f"_{choice}", None)
        resource["effectiveDateTime"] = rating.effective.isoformat()
    if before is None or rating.need_id != before.need_id:
        focus = [
            f
            for i, f in enumerate(resource.get("focus", ()))
            if not any(link.element == ("focus", i) for link in overlay.links(key, GraphKind.NEED))
        ]
        if rating.need_id is not None:
            reference = overlay.pointer(GraphRef(GraphKind.NEED, rating.need_id), key)
            focus.insert(0, {"reference": reference or f"Condition/{rating.need_id}"})
        set_or_drop(resource, "focus", focus)
