"""The FHIR resources that stand for some clients' networks now: what is
stored for them, with the graph's current state laid over it
(fhir_mappings.export_onion). Export serves it; a write projects it again
with the new resources in place, so that edits made in the graph survive."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from fhir_mappings import JsonObject, ResourceKey, export_onion
from fhir_mappings.rewriting import references_in
from graphsvc.domain import Onion
from graphsvc.store.port import ResourceStore
from graphsvc.store.resource_store import StoredResource

PEOPLE_TYPES = ("RelatedPerson", "Practitioner", "PractitionerRole", "Organization")
_LOCAL = re.compile(r"(?P<type>[A-Z][A-Za-z]{1,63})/(?P<id>[A-Za-z0-9\-.]{1,64})")


def as_json(stored: StoredResource) -> JsonObject:
    return {"resourceType": stored.type, "id": stored.id, **stored.content}


def local_references(resources: Iterable[JsonObject]) -> set[ResourceKey]:
    """The stored resources these refer to by ``Type/id``."""
    found = set()
    for resource in resources:
        for _, reference in references_in(resource):
            match = _LOCAL.fullmatch(reference["reference"].split("/_history/")[0])
            if match:
                found.add(ResourceKey(match["type"], match["id"]))
    return found


async def with_references(
    store: ResourceStore,
    resources: dict[ResourceKey, JsonObject],
    depth: int = 2,
    followed: Mapping[ResourceKey, JsonObject] | None = None,
    gone: frozenset[ResourceKey] = frozenset(),
) -> dict[ResourceKey, JsonObject]:
    """``resources``, what they refer to ``depth`` references deep (a
    CareTeam's PractitionerRole, then its Practitioner and Organization), and
    the PractitionerRoles of the Practitioners among them, which say their
    organisation and role.

    ``followed``: a view this function made before (resources as they were,
    and what they referred to); only what ``resources`` holds new or changed
    against it is followed again, and only Practitioners it did not hold are
    looked up for their roles.

    ``gone``: resources the write being planned deletes; never looked up,
    though stored resources still name them."""
    known = followed or {}
    view = {**known, **resources}
    frontier = [r for k, r in resources.items() if k not in known or known[k] != r]
    await _follow(store, view, frontier, depth, gone)
    practitioners = sorted(
        k.reference for k in view if k.resource_type == "Practitioner" and k not in known
    )
    if practitioners:
        roles = await store.search(
            "PractitionerRole",
            groups=[[f"practitioner|{p}" for p in practitioners]],
            limit=10_000,
        )
        skip = set(view) | gone
        fresh = [as_json(r) for r in roles if ResourceKey(r.type, r.id) not in skip]
        view.update({ResourceKey(r["resourceType"], r["id"]): r for r in fresh})
        await _follow(store, view, fresh, 1, gone)
    return view


async def _follow(
    store: ResourceStore,
    view: dict[ResourceKey, JsonObject],
    frontier: list[JsonObject],
    depth: int,
    gone: frozenset[ResourceKey] = frozenset(),
) -> None:
    for _ in range(depth):
        wanted = local_references(frontier) - set(view) - gone
        if not wanted:
            return
        fetched = await store.get_many(k.reference for k in wanted)
        frontier = [as_json(s) for s in fetched]
        view.update({ResourceKey(s.type, s.id): as_json(s) for s in fetched})


async def originals(
    store: ResourceStore, onions: Mapping[str, Onion], client_ids: Iterable[str] = ()
) -> dict[str, dict[ResourceKey, JsonObject]]:
    """For each client, the stored resources ``export_onion`` lays her onion
    over: her compartment and the resources of everyone in her network (and
    their organisations). Two reads, however many clients."""
    stored = await stored_originals(store, onions, client_ids)
    return {client_id: {k: as_json(s) for k, s in own.items()} for client_id, own in stored.items()}


async def stored_originals(
    store: ResourceStore, onions: Mapping[str, Onion], client_ids: Iterable[str] = ()
) -> dict[str, dict[ResourceKey, StoredResource]]:
    """:func:`originals` as stored, with their versions."""
    wanted = sorted({*onions, *client_ids})
    compartments: dict[str, dict[ResourceKey, StoredResource]] = {c: {} for c in wanted}
    for found in await store.compartments(wanted):
        if found.client_id in compartments:
            compartments[found.client_id][ResourceKey(found.type, found.id)] = found
    members = [m for o in onions.values() for m in o.members]
    people = [f"{t}/{m.person.id}" for m in members for t in PEOPLE_TYPES]
    orgs = {org for m in members for org in m.organization_ids}
    shared = {
        ResourceKey(s.type, s.id): s
        for s in await store.get_many([*people, *(f"Organization/{o}" for o in orgs)])
    }
    return {client_id: {**shared, **own} for client_id, own in compartments.items()}


async def current_view(
    store: ResourceStore, onions: Mapping[str, Onion], client_ids: Iterable[str] = ()
) -> dict[ResourceKey, JsonObject]:
    """Every resource of these clients' networks as it is to be exported now.
    ``client_ids`` without an onion contribute what is stored for them. What
    the resources refer to is not followed here (see :func:`with_references`)."""
    return laid_over(await originals(store, onions, client_ids), onions)


def laid_over(
    originals: Mapping[str, Mapping[ResourceKey, JsonObject]], onions: Mapping[str, Onion]
) -> dict[ResourceKey, JsonObject]:
    """:func:`current_view` of what is stored for each client (pure)."""
    view: dict[ResourceKey, JsonObject] = {}
    for client_id, own in originals.items():
        view.update(own)
        onion = onions.get(client_id)
        if onion is None:
            continue
        export = export_onion(onion, own)
        view.update(export.resources)
        for key in export.removed:
            view.pop(key, None)
    return view
