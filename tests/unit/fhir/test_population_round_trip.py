"""Graph -> FHIR -> graph for whole populations the graph made itself: the demo
neighbourhood and generated ones. Every onion exported without stored
resources reads back as itself (KNOWS ties aside, which FHIR cannot carry)."""

from __future__ import annotations

import pytest

from fhir_mappings import (
    JsonObject,
    ResourceKey,
    export_onion,
    onion_differences,
    parse_resource,
    project,
)
from graphsvc.domain import Population
from graphsvc.seeding.demo import build_demo
from graphsvc.seeding.generator import generate_population

KIND = "https://graphsvc.example/fhir/CodeSystem/organization-kind"
SHARED = frozenset({"Organization", "Practitioner", "PractitionerRole"})


def organisations(population: Population) -> dict[ResourceKey, JsonObject]:
    """What the store holds before any client: the teams and organisations."""
    store: dict[ResourceKey, JsonObject] = {}
    kinds = [(t.id, t.name, "nursing-team") for t in population.teams]
    kinds += [(o.id, o.name, o.kind.value) for o in population.organizations]
    for ident, name, kind in kinds:
        store[ResourceKey("Organization", ident)] = {
            "resourceType": "Organization",
            "id": ident,
            "name": name,
            "type": [{"coding": [{"system": KIND, "code": kind}]}],
        }
    return store


@pytest.mark.parametrize(
    "population",
    [build_demo(), generate_population(teams=2, clients_per_team=20, seed=7)],
    ids=["demo", "generated"],
)
def test_every_onion_reads_back_from_fhir(population: Population) -> None:
    store = organisations(population)
    for onion in population.onions:
        # what a new client's export needs: the organisations and the staff
        shared = {k: v for k, v in store.items() if k.resource_type in SHARED}
        exported = export_onion(onion, shared)
        assert not exported.notes, exported.notes
        assert not exported.changed and not exported.removed
        for key in exported.generated:
            parse_resource(exported.resources[key])
            store[key] = exported.resources[key]
    projection = project(store)
    assert not projection.notes
    for onion in population.onions:
        after = projection.onion(onion.client.id)
        assert after is not None
        assert onion_differences(onion.canonical(), after) == []
    assert {t.id for t in projection.population.teams} == {t.id for t in population.teams}
    assert {s.person.id for s in projection.population.staff} >= {
        m.person.id for o in population.onions for m in o.members if m.ring.value == "team"
    }
