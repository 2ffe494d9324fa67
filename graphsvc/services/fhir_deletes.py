"""What a FHIR DELETE does to a client's network (pure): the network is one
aggregate, so a delete is a change of it like any other. What the deleted
resource stood for leaves the graph, and the network's other resources are
rewritten as a graph edit rewrites them, so that none still names it: a
RelatedPerson's participation in the CareTeam, her help in the care plans.
The Patient, the network's root, goes only with everything of her
compartment (in one transaction), never leaving resources of a network the
graph no longer holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fhir_mappings import JsonObject, ResourceKey, export_onion
from fhir_mappings.search import compartment_client
from graphsvc.domain import Onion


class NetworkNotEmpty(Exception):
    """A delete would end a client's network while resources of it remain
    (HTTP 409)."""

    def __init__(self, client_id: str, left: Sequence[str]) -> None:
        shown = ", ".join(left[:10]) + (f" and {len(left) - 10} more" if len(left) > 10 else "")
        super().__init__(
            f"Patient/{client_id} cannot be deleted while her network holds {shown}: "
            "delete them with her in one transaction"
        )


def network_without(
    after: Onion,
    view: dict[ResourceKey, JsonObject],
    was: Mapping[ResourceKey, JsonObject],
    rewritten: dict[ResourceKey, JsonObject | None],
    base_urls: Sequence[str],
) -> Onion:
    """The network as a delete leaves it (``after``: projected without the
    deleted resources ``was``), and the rest of its resources rewritten as a
    graph edit rewrites them, so that none still names what left with them
    (a CareTeam's participant, a care plan's performer). ``view`` and
    ``rewritten`` take the rewritten resources."""
    export = export_onion(after, {**view, **was}, base_urls=base_urls)
    for key in sorted((export.changed | export.generated) - was.keys()):
        view[key] = rewritten[key] = dict(export.resources[key])
    for key in sorted(export.removed - was.keys()):
        view.pop(key, None)
        rewritten[key] = None
    return export.onion(after)


def check_network_ends_whole(
    client_id: str, view: Mapping[ResourceKey, JsonObject], base_urls: Sequence[str]
) -> None:
    """A network ends with its Patient only when nothing of her compartment
    is left: else the resources would stand for a network the graph no longer
    holds."""
    left = sorted(
        key.reference
        for key, resource in view.items()
        if compartment_client(resource, base_urls=base_urls) == client_id
    )
    if left:
        raise NetworkNotEmpty(client_id, left)
