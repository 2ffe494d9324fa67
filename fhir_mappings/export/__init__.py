"""The graph -> FHIR: a client's onion laid over the resources it was read from.

Elements the graph models are rewritten where the graph now says something
else than the stored resource; everything else — extensions, narrative,
identifiers, telecom, contained resources, elements of no interest to the
graph — comes back exactly as stored. An onion that has not changed gives
back the stored resources unchanged. What the graph made and FHIR never had
(a neighbour a nurse added) gets a minimal resource of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from graphsvc.domain import Onion

from ..issues import Issue
from ..jsontypes import JsonObject
from ..keys import ResourceKey
from .careplans import overlay_careplans
from .careteams import overlay_careteams
from .check import check, onion_differences, repair
from .conditions import overlay_needs
from .context import Overlay
from .parties import overlay_client, overlay_people
from .ratings import overlay_ratings

__all__ = ["Export", "export_onion", "onion_differences"]


@dataclass(frozen=True, slots=True)
class Export:
    resources: Mapping[ResourceKey, JsonObject]  # every resource, as it is to be exported now
    changed: frozenset[ResourceKey]  # stored resources the graph rewrote
    generated: frozenset[ResourceKey]  # made here: create them only where none exists yet
    removed: frozenset[ResourceKey]  # stored resources the graph no longer has
    notes: tuple[Issue, ...]  # what the export could not say; empty when all is well
    read_back: Onion | None  # what the exported resources read back as

    def onion(self, planned: Onion) -> Onion:
        """The planned onion with what only FHIR says (each member's help, the
        client's diagnoses) as the exported resources say it."""
        read = self.read_back
        if read is None:
            return planned
        helps = {m.person.id: m.helps for m in read.members}
        members = tuple(replace(m, helps=helps.get(m.person.id, ())) for m in planned.members)
        return replace(planned, members=members, diagnoses=read.diagnoses)


def export_onion(
    onion: Onion,
    originals: Mapping[ResourceKey, JsonObject],
    *,
    base_urls: Sequence[str] = (),
    retired: frozenset[ResourceKey] = frozenset(),
) -> Export:
    """``originals``: the stored resources the onion was read from — the client's
    Patient, CareTeams, CarePlans, Conditions, Observations, and the resources of
    everyone in her onion and of their organisations. Pure: nothing is changed
    in ``originals``; the resources the graph leaves alone are returned as the
    very objects passed in.

    ``retired``: resources deleted before; what the export makes for the
    client gets other ids than theirs.

    Raises the domain's ValidationError for an inconsistent onion and
    :class:`~fhir_mappings.FhirValidationError` when ``originals`` cannot be
    projected."""
    onion.check_consistent()
    overlay = Overlay(onion, originals, base_urls, retired)
    overlay_client(overlay)
    overlay_people(overlay)
    overlay_needs(overlay)
    overlay_ratings(overlay)
    overlay_careteams(overlay)
    overlay_careplans(overlay)
    read = repair(overlay)
    if overlay.workspace.prune_contained():
        read = None  # read back again: what was pruned may have counted
    overlay.workspace.drop_unchanged()
    read = check(overlay, read)
    workspace = overlay.workspace
    return Export(
        workspace.snapshot(),
        frozenset(workspace.changed),
        frozenset(workspace.generated),
        frozenset(workspace.removed),
        tuple(overlay.notes),
        read,
    )
