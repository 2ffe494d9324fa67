"""Reading an export back: does it give the onion it was made from?

What FHIR cannot say (KNOWS ties) is reported, not hidden; every field of
a member has an element that says it (a relative's relationship is her
RelatedPerson's, anyone's role in the onion the CareTeam participant's).
A ring that inference would now read differently (after the team changed,
say) is pinned with an explicit code.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass

from graphsvc.domain import Onion

from ..issues import FhirValidationError, Issue
from ..parsing import parse_resource
from ..projection import GraphKind, GraphRef, project_once
from .careteams import add_participants, pin_ring
from .context import Overlay
from .revalidation import changed_part


def read_back(overlay: Overlay, rounds: int = 3) -> Onion | None:
    """The onion the workspace reads back as, after repairing what reading
    it back showed missing (at most ``rounds`` times)."""
    try:
        projection = project_once(overlay.workspace.snapshot(), base_urls=overlay.base_urls)
    except FhirValidationError as error:
        overlay.notes.extend(error.issues)
        return None
    client_id = overlay.now.client.id
    after = projection.onion(client_id)
    read = {m.person.id: m for m in after.members} if after else {}
    repaired = False
    missing = [m for m in overlay.now.members if m.person.id not in read]
    if missing:
        # Someone who was in the onion only as a performer, and performs no more.
        add_participants(overlay, overlay.primary(overlay.careteams), missing)
        repaired = True
    for wanted in overlay.now.members:
        found = read.get(wanted.person.id)
        if found is None or found.ring == wanted.ring:
            continue
        ref = GraphRef(GraphKind.MEMBERSHIP, wanted.person.id, client_id)
        for origin in projection.origins.get(ref, ()):
            in_careteam = origin.resource.resource_type == "CareTeam"
            if in_careteam and origin.element[:1] == ("participant",):
                careteam = overlay.workspace.edit(origin.resource)
                pin_ring(careteam["participant"][origin.element[1]], wanted.ring)
                repaired = True
                break
    if repaired and rounds > 0:
        return read_back(overlay, rounds - 1)
    return after


def repair(overlay: Overlay) -> Onion | None:
    """Fill what reading back shows missing: see :func:`read_back`. Returns
    the onion the repaired workspace reads back as."""
    return read_back(overlay)


def check(overlay: Overlay, read: Onion | None = None) -> Onion | None:
    """Every resource rewritten or made is valid R4, and the whole reads back
    as the onion; where not, a note says what is off. ``read``: what the
    workspace as it is now reads back as, when already known (from repair).
    Returns what the workspace reads back as (None when it cannot be read)."""
    workspace = overlay.workspace
    for key in sorted(workspace.changed | workspace.generated):
        resource = workspace.read(key)
        # a stored resource was valid: what the overlay changed in it is what
        # to check (revalidation.py); what it made is checked whole
        part = (
            resource
            if key in workspace.generated
            else changed_part(workspace.original(key), resource)
        )
        try:
            # what the overlay wrote came from typed values: valid R4 is
            # enough, the lossless comparison of what was sent is not needed
            parse_resource(part, lossless=False)
        except FhirValidationError:
            try:  # said where it is in the whole resource
                parse_resource(resource, lossless=False)
            except FhirValidationError as error:
                overlay.notes.extend(
                    Issue(i.expression, i.message, i.code, "error", key.reference)
                    for i in error.issues
                )
    after = read if read is not None else read_back(overlay)
    if after is None:
        return None
    patient = f"Patient/{overlay.now.client.id}"
    for difference in onion_differences(overlay.now, after):
        overlay.note("", f"the exported resources read back differently: {difference}", patient)
    return after


def onion_differences(wanted: Onion, got: Onion) -> list[str]:
    """Where two onions differ, ignoring what FHIR has no place for (KNOWS ties,
    the version, the organisations a member works for) and what only FHIR says
    (each member's help, read from the care plans as exported)."""
    found = []
    if wanted.client != got.client:
        found.append(f"client {wanted.client} (got {got.client})")
    if wanted.team_id != got.team_id:
        found.append(f"team {wanted.team_id} (got {got.team_id})")
    found += _compare(
        "member",
        {m.person.id: (m.person, m.membership) for m in wanted.members},
        {m.person.id: (m.person, m.membership) for m in got.members},
    )
    found += _compare("need", {n.id: n for n in wanted.needs}, {n.id: n for n in got.needs})
    found += _compare(
        "support",
        {(s.supporter_id, s.need_id): s for s in wanted.supports},
        {(s.supporter_id, s.need_id): s for s in got.supports},
    )
    found += _compare(
        "rating", {o.id: o for o in wanted.observations}, {o.id: o for o in got.observations}
    )
    return found


def _compare(kind: str, wanted: dict[object, object], got: dict[object, object]) -> list[str]:
    found = []
    for key in sorted(wanted.keys() | got.keys(), key=str):
        a, b = wanted.get(key), got.get(key)
        if a == b:
            continue
        if a is None:
            found.append(f"an unexpected {kind} {key}")
        elif b is None:
            found.append(f"{kind} {key} is missing")
        else:
            found.append(f"{kind} {key}: {_changed(a, b)}")
    return found


def _changed(a: object, b: object) -> str:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return "; ".join(_changed(x, y) for x, y in zip(a, b, strict=True) if x != y)
    if not is_dataclass(a) or isinstance(a, type):
        return f"{a!r} (got {b!r})"
    parts = [
        f"{f.name} {getattr(a, f.name)!r} (got {getattr(b, f.name)!r})"
        for f in fields(a)
        if getattr(a, f.name) != getattr(b, f.name)
    ]
    return ", ".join(parts)
