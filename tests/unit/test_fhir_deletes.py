"""What a FHIR DELETE does to a client's network, planned without a
database: she leaves with her ties and nothing of the network still names
her; a Patient goes only with her whole compartment."""

from __future__ import annotations

from typing import Any

import pytest

from fhir_mappings import JsonObject, ResourceKey, project
from graphsvc.services.fhir_deletes import (
    NetworkNotEmpty,
    check_network_ends_whole,
    network_without,
)

PATIENT = ResourceKey("Patient", "p")
NEIGHBOUR = ResourceKey("RelatedPerson", "rp")
GP = ResourceKey("Practitioner", "gp")
CARE_TEAM = ResourceKey("CareTeam", "ct")
TEAM = ResourceKey("Organization", "t")


def network() -> dict[ResourceKey, JsonObject]:
    nbor: dict[str, Any] = {
        "coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode", "code": "NBOR"}]
    }
    return {
        PATIENT: {"resourceType": "Patient", "id": "p", "name": [{"text": "Truus Bos"}]},
        NEIGHBOUR: {
            "resourceType": "RelatedPerson",
            "id": "rp",
            "patient": {"reference": "Patient/p"},
            "relationship": [nbor],
            "name": [{"text": "Henk"}],
        },
        GP: {"resourceType": "Practitioner", "id": "gp", "name": [{"text": "Dr. Bakker"}]},
        TEAM: {"resourceType": "Organization", "id": "t", "name": "Wijkteam"},
        CARE_TEAM: {
            "resourceType": "CareTeam",
            "id": "ct",
            "status": "active",
            "subject": {"reference": "Patient/p"},
            "managingOrganization": [{"reference": "Organization/t"}],
            "participant": [
                {"member": {"reference": "RelatedPerson/rp"}},
                {"member": {"reference": "Practitioner/gp"}},
            ],
        },
    }


def deleting(key: ResourceKey) -> tuple[Any, dict[ResourceKey, Any], dict[ResourceKey, Any]]:
    view = network()
    was = {key: view.pop(key)}
    after = project(view).onion("p")
    assert after is not None
    rewritten: dict[ResourceKey, JsonObject | None] = {}
    return network_without(after, view, was, rewritten, ()), view, rewritten


def test_a_deleted_related_person_leaves_and_her_careteam_no_longer_names_her() -> None:
    onion, view, rewritten = deleting(NEIGHBOUR)
    assert [m.person.id for m in onion.members] == ["gp"]
    assert set(rewritten) == {CARE_TEAM}  # her own resource is the delete's, not rewritten
    assert view[CARE_TEAM]["participant"] == [{"member": {"reference": "Practitioner/gp"}}]
    assert project(view).onion("p") == onion


def test_a_deleted_careteam_takes_out_its_team_and_whom_only_it_named() -> None:
    onion, view, rewritten = deleting(CARE_TEAM)
    assert project(view).onion("p") == onion
    assert onion.team_id is None
    assert [m.person.id for m in onion.members] == ["rp"]  # her RelatedPerson keeps her
    assert rewritten == {}


def test_a_patient_goes_only_without_her_compartment() -> None:
    view = network()
    del view[PATIENT]
    with pytest.raises(NetworkNotEmpty) as refused:
        check_network_ends_whole("p", view, ())
    said = str(refused.value)
    assert "CareTeam/ct" in said and "RelatedPerson/rp" in said
    assert "Practitioner/gp" not in said  # the directory's, in no compartment
    for key in (CARE_TEAM, NEIGHBOUR):
        del view[key]
    check_network_ends_whole("p", view, ())
