"""Needs -> Condition: an Omaha problem's code, clinical status and onset."""

from __future__ import annotations

from graphsvc.domain import Need, NeedStatus

from ..code_systems import CONDITION_CLINICAL, OMAHA, coding
from ..jsontypes import JsonObject
from ..keys import ResourceKey
from ..projection import GraphKind, GraphRef
from .context import Overlay
from .edits import put_coding, put_period_start

ONSET_CHOICES = ("onsetDateTime", "onsetAge", "onsetPeriod", "onsetRange", "onsetString")


def overlay_needs(overlay: Overlay) -> None:
    before = {n.id: n for n in overlay.before.needs}
    now = {n.id: n for n in overlay.now.needs}
    for need_id in sorted(before.keys() - now.keys()):
        _remove(overlay, need_id)
    for need_id, need in sorted(now.items()):
        old = before.get(need_id)
        if old is None:
            _add(overlay, need)
        elif old != need:
            origin = overlay.origin(GraphRef(GraphKind.NEED, need_id))
            assert origin is not None
            write_need(overlay.element(origin), need, old)


def write_need(condition: JsonObject, need: Need, before: Need | None) -> None:
    if before is None or need.code != before.code:
        problem = coding(OMAHA, need.code, need.display)
        condition["code"] = put_coding(condition.get("code"), OMAHA, problem)
    if before is None or need.status != before.status:
        code = "active" if need.status is NeedStatus.ACTIVE else "resolved"
        condition["clinicalStatus"] = {"coding": [coding(CONDITION_CLINICAL, code)]}
    if before is None or need.since != before.since:
        since = need.since.isoformat() if need.since else None
        if isinstance(condition.get("onsetPeriod"), dict):
            put_period_start(condition, "onsetPeriod", since)
        else:
            for choice in ONSET_CHOICES:
                condition.pop(choice, None)
                condition.pop(f"_{choice}", None)
            if since:
                condition["onsetDateTime"] = since


def _remove(overlay: Overlay, need_id: str) -> None:
    origin = overlay.origin(GraphRef(GraphKind.NEED, need_id))
    assert origin is not None
    if origin.contained_id is None:
        overlay.workspace.remove(origin.resource)
        return
    container = overlay.workspace.edit(origin.resource)
    kept = [c for c in container.get("contained", ()) if c.get("id") != origin.contained_id]
    if kept:
        container["contained"] = kept
    else:
        container.pop("contained", None)


def _add(overlay: Overlay, need: Need) -> None:
    key = ResourceKey("Condition", need.id)
    if key in overlay.workspace:
        overlay.note(
            "Condition", "a resource with the need's id exists; left as it is", key.reference
        )
        return
    condition: JsonObject = {
        "resourceType": "Condition",
        "id": need.id,
        "code": {"text": need.display},
        "subject": {"reference": overlay.client_reference()},
    }
    write_need(condition, need, None)
    overlay.workspace.add(key, condition)
