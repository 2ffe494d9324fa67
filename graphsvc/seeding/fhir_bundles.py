"""A population as FHIR R4 (4.0.1) transaction Bundles, to load through the
FHIR import path; ``seeds/demo-fhir/`` holds the demo neighbourhood this way.

The files, to be sent in the order of their names:

- ``00-directory.json``: the teams and organisations (Organization, typed with
  the ``organization-kind`` coding; a team's neighbourhood is the district of
  its work address), and the staff: a Practitioner each, with a
  PractitionerRole at her organisation that says what she does there.
- ``client-<n>.json``: one per client (``client-`` is not doubled when the
  Patient id starts with it), with her Patient, RelatedPersons, CareTeam,
  Conditions, CarePlan, Observations (and Goals, were there any).

Every resource comes from :func:`fhir_mappings.export_onion`, as the service
would export the client with nothing stored but the directory; only the
Organizations, which no export makes, are written here, and the Practitioners
of staff that no onion reaches are made with the same functions the export
uses.

Each entry is ``PUT Type/id``, so the resources keep the graph's ids and
sending a file again changes nothing. Its ``fullUrl`` is ``urn:uuid:`` +
:func:`full_url` (a uuid5 of the resource's URL on this server), and the
references between the entries of one Bundle name those urns, so loading
exercises the Bundle's reference rewriting. A client's references to the
directory stay relative (``Organization/team-0001``,
``Practitioner/person-0001-nurse-01``): a transaction accepts them only once
the directory is stored.

No timestamps, sorted entries: the same population gives the same bytes.
``python -m graphsvc.seeding.fhir_bundles [OUT_DIR]`` writes the demo's files
(by default to ``seeds/demo-fhir``); a test checks that they are current.
"""

from __future__ import annotations

import copy
import json
import sys
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from fhir_mappings import JsonObject, ResourceKey, export_onion
from fhir_mappings.code_systems import BASE, ORGANIZATION_KIND
from fhir_mappings.export.people import new_person, new_role
from graphsvc.domain import Onion, OrganizationKind, Population, Ring, Staff

from .demo import build_demo

DEMO_FHIR_DIR = "seeds/demo-fhir"
DIRECTORY_FILE = "00-directory.json"
REGENERATE = f"python -m graphsvc.seeding.fhir_bundles {DEMO_FHIR_DIR}"

# What every client shares, so what the directory holds.
DIRECTORY_TYPES = frozenset({"Organization", "Practitioner", "PractitionerRole"})
# The order of entries in a Bundle: by type as listed (others after, by name), then id.
ENTRY_ORDER = (
    "Organization",
    "Practitioner",
    "PractitionerRole",
    "Patient",
    "RelatedPerson",
    "CareTeam",
    "Condition",
    "Goal",
    "CarePlan",
    "Observation",
)

# PractitionerRoles made here (not by the export) get ids from this namespace.
_ROLE_IDS = uuid.UUID("3c1f6a8e-2b7d-5e94-a0c6-7d18e5f2b943")


def population_bundles(population: Population) -> list[tuple[str, JsonObject]]:
    """Each file name with its transaction Bundle: the directory, then one per
    client in the population's order.

    Raises ValueError when an onion cannot be exported exactly (the export's
    notes say why) or two clients would write the same resource."""
    directory = organizations(population)
    roles = _RolesOf()
    clients: list[tuple[Onion, dict[ResourceKey, JsonObject]]] = []
    written_for: dict[ResourceKey, str] = {}
    for onion in population.onions:
        client_id = onion.client.id
        exported = export_onion(onion, _reached(onion, directory, roles))
        if exported.notes or exported.changed or exported.removed:
            problems = [str(note) for note in exported.notes]
            problems += [f"would change {k.reference}" for k in sorted(exported.changed)]
            problems += [f"would remove {k.reference}" for k in sorted(exported.removed)]
            raise ValueError(f"client {client_id} cannot be exported as it is: {problems}")
        own: dict[ResourceKey, JsonObject] = {}
        for key in sorted(exported.generated):
            if key.resource_type in DIRECTORY_TYPES:
                directory[key] = exported.resources[key]
                roles.add(key, directory[key])
                continue
            if key in written_for:
                raise ValueError(
                    f"{key.reference} would be written for {written_for[key]} and {client_id}"
                )
            written_for[key] = client_id
            own[key] = exported.resources[key]
        clients.append((onion, own))
    directory.update(_staff_beyond_onions(population.staff, directory, roles))
    bundles = [(DIRECTORY_FILE, transaction(directory))]
    bundles += [(client_file(onion), transaction(own)) for onion, own in clients]
    return bundles


def organizations(population: Population) -> dict[ResourceKey, JsonObject]:
    """The teams and organisations as Organizations."""
    found: dict[ResourceKey, JsonObject] = {}
    for team in population.teams:
        resource = _organization(team.id, team.name, OrganizationKind.NURSING_TEAM)
        if team.neighbourhood:
            resource["address"] = [{"use": "work", "district": team.neighbourhood}]
        found[ResourceKey("Organization", team.id)] = resource
    for organization in population.organizations:
        resource = _organization(organization.id, organization.name, organization.kind)
        found[ResourceKey("Organization", organization.id)] = resource
    return found


def _organization(ident: str, name: str, kind: OrganizationKind) -> JsonObject:
    return {
        "resourceType": "Organization",
        "id": ident,
        "name": name,
        "type": [{"coding": [{"system": ORGANIZATION_KIND, "code": kind.value}]}],
    }


class _RolesOf:
    """The PractitionerRoles of the directory by the Practitioner they name,
    so that neither an onion's export nor the staff's roles look through the
    whole directory (which made a population's Bundles quadratic)."""

    def __init__(self) -> None:
        self._of: dict[str, list[ResourceKey]] = {}

    def add(self, key: ResourceKey, resource: Mapping[str, Any]) -> None:
        if key.resource_type == "PractitionerRole":
            named = resource.get("practitioner", {}).get("reference")
            if isinstance(named, str):
                self._of.setdefault(named, []).append(key)

    def of(self, practitioner: ResourceKey) -> list[ResourceKey]:
        return self._of.get(practitioner.reference, [])


def _reached(
    onion: Onion, directory: Mapping[ResourceKey, JsonObject], roles: _RolesOf
) -> dict[ResourceKey, JsonObject]:
    """What of the directory the onion's export can reach: her team, her
    members as Practitioners or Organizations, their roles and organisations."""
    keys = {ResourceKey("Organization", onion.team_id)} if onion.team_id else set()
    for member in onion.members:
        practitioner = ResourceKey("Practitioner", member.person.id)
        keys |= {practitioner, ResourceKey("Organization", member.person.id)}
        keys |= {ResourceKey("Organization", o) for o in member.organization_ids}
        for role in roles.of(practitioner):
            keys.add(role)
            employer = directory[role].get("organization", {}).get("reference")
            if isinstance(employer, str):
                keys.add(ResourceKey(*employer.split("/", 1)))
    return {key: directory[key] for key in keys if key in directory}


def _staff_beyond_onions(
    staff: tuple[Staff, ...], directory: Mapping[ResourceKey, JsonObject], roles: _RolesOf
) -> dict[ResourceKey, JsonObject]:
    """Practitioners of staff no onion reached, and PractitionerRoles at the
    organisations beyond the one the export gave a role (it gives one only)."""
    made: dict[ResourceKey, JsonObject] = {}
    for member in staff:
        person = member.person
        if person.ring is Ring.INFORMAL:
            raise ValueError(f"staff member {person.id} is in the informal ring")
        practitioner = ResourceKey("Practitioner", person.id)
        if practitioner not in directory:
            with_role = not member.organization_ids
            made[practitioner] = new_person(person, "", with_role)
        has_role = {directory[key]["organization"]["reference"] for key in roles.of(practitioner)}
        for organization_id in member.organization_ids:
            if f"Organization/{organization_id}" in has_role:
                continue
            ident = str(uuid.uuid5(_ROLE_IDS, f"{person.id}|{organization_id}"))
            role = new_role(ident, person, practitioner, organization_id)
            made[ResourceKey("PractitionerRole", ident)] = role
    return made


def client_file(onion: Onion) -> str:
    ident = onion.client.id
    return f"{ident}.json" if ident.startswith("client-") else f"client-{ident}.json"


def full_url(key: ResourceKey) -> str:
    """The entry's fullUrl: a urn:uuid that is the same on every run."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{BASE}/{key.reference}')}"


def transaction(resources: Mapping[ResourceKey, JsonObject]) -> JsonObject:
    """A transaction Bundle that PUTs each resource at its key, with the
    references between its entries written as their fullUrls."""
    keys = sorted(resources, key=_entry_order)
    urls = {key.reference: full_url(key) for key in keys}
    entries = []
    for key in keys:
        resource = copy.deepcopy(resources[key])
        if resource.get("resourceType") != key.resource_type or resource.get("id") != key.id:
            raise ValueError(f"the resource stored as {key.reference} is another")
        for reference in _references(resource):
            reference["reference"] = urls.get(reference["reference"], reference["reference"])
        entries.append(
            {
                "fullUrl": urls[key.reference],
                "resource": resource,
                "request": {"method": "PUT", "url": key.reference},
            }
        )
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def _entry_order(key: ResourceKey) -> tuple[int, str, str]:
    known = ENTRY_ORDER.index(key.resource_type) if key.resource_type in ENTRY_ORDER else None
    return (len(ENTRY_ORDER), key.resource_type, key.id) if known is None else (known, "", key.id)


def _references(value: Any) -> Iterator[JsonObject]:
    """Every Reference that has a ``reference`` string (in FHIR JSON only a
    Reference has a string element of that name)."""
    if isinstance(value, dict):
        if isinstance(value.get("reference"), str):
            yield value
        for child in value.values():
            yield from _references(child)
    elif isinstance(value, list):
        for child in value:
            yield from _references(child)


def dumps_bundle(bundle: JsonObject) -> str:
    return json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"


def write_bundles(population: Population, directory: Path) -> list[Path]:
    """Write the population's Bundles to ``directory`` (made if missing), after
    removing every ``*.json`` already there; the paths in loading order."""
    bundles = population_bundles(population)
    directory.mkdir(parents=True, exist_ok=True)
    for stale in sorted(directory.glob("*.json")):
        stale.unlink()
    written = []
    for name, bundle in bundles:
        path = directory / name
        path.write_text(dumps_bundle(bundle), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1:
        print("usage: python -m graphsvc.seeding.fhir_bundles [OUT_DIR]", file=sys.stderr)
        return 2
    write_bundles(build_demo(), Path(args[0] if args else DEMO_FHIR_DIR))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
