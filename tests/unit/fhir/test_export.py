"""Graph -> FHIR: with no edit, export gives back every stored resource element
by element; each edit shows in exactly the elements it should."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from fhir_mappings import (
    Export,
    JsonObject,
    ResourceKey,
    differences,
    export_onion,
    first_difference,
    onion_differences,
    parse_resource,
    project,
)
from graphsvc.domain import (
    Client,
    Frequency,
    Need,
    NeedStatus,
    Observation,
    Onion,
    Person,
    RatingDimension,
    Ring,
    SupportKind,
    SupportTie,
    TieStatus,
)

from . import edits
from .corpus import BASE_URL, FIXTURES, load, stored

STORE = stored()
PROJECTION = project(STORE, base_urls=(BASE_URL,))
TRUUS = "6a1f2c3d-8b4e-4f5a-9c6d-7e8f9a0b1c2d"
GERRIT_CAREPLAN = ResourceKey("CarePlan", "careplan-gerrit-jansen")
GERRIT_CARETEAM = ResourceKey("CareTeam", "careteam-gerrit-jansen")


def onion(client_id: str) -> Onion:
    found = PROJECTION.onion(client_id)
    assert found is not None
    return found


def export(edited: Onion, store: Mapping[ResourceKey, JsonObject] = STORE) -> Export:
    result = export_onion(edited, store, base_urls=(BASE_URL,))
    assert not result.notes, result.notes
    for key in result.changed | result.generated:
        parse_resource(result.resources[key])
    after = project(result.resources, base_urls=(BASE_URL,)).onion(edited.client.id)
    assert after is not None and edits_are_kept(edited, after)
    return result


def edits_are_kept(wanted: Onion, got: Onion) -> bool:
    found = onion_differences(wanted, got)
    assert found == [], found
    return True


def changes(key: ResourceKey, result: Export) -> list[tuple[str, Any, Any]]:
    return [(d.path, d.left, d.right) for d in differences(STORE[key], result.resources[key])]


@pytest.mark.parametrize("client_id", [o.client.id for o in PROJECTION.population.onions])
def test_export_without_edits_gives_back_every_element(client_id: str) -> None:
    result = export_onion(onion(client_id), STORE, base_urls=(BASE_URL,))
    assert not (result.changed or result.generated or result.removed or result.notes)
    for key, resource in STORE.items():
        difference = first_difference(resource, result.resources[key], ignore=())
        assert difference is None, f"{key.reference}: {difference}"


def test_export_after_import_gives_back_what_was_sent() -> None:
    """Ids (assigned on import) and the references a transaction rewrites aside,
    every element of every entry comes back with its value."""
    bundle = load(FIXTURES / "Bundle-transaction-truus-veenstra.json")
    result = export_onion(onion(TRUUS), STORE, base_urls=(BASE_URL,))
    exported = {k: v for k, v in result.resources.items()}
    for entry in bundle["entry"]:
        sent = entry["resource"]
        key = next(k for k in exported if entry["fullUrl"].endswith(k.id))
        for difference in differences(sent, exported[key]):
            if difference.path.endswith(".id") or difference.path == f"{sent['resourceType']}.id":
                continue
            assert difference.path.endswith(".reference"), difference
            assert str(difference.left).startswith("urn:uuid:") or "?" in str(difference.left), (
                difference
            )


def test_removing_a_supporter() -> None:
    result = export(edits.without_member(onion("gerrit-jansen"), "annelies-jansen"))
    annelies = ResourceKey("RelatedPerson", "annelies-jansen")
    assert result.changed == {GERRIT_CARETEAM, GERRIT_CAREPLAN, annelies}
    assert not result.generated and not result.removed
    expected = copy.deepcopy(STORE[GERRIT_CARETEAM])
    del expected["participant"][1]
    assert first_difference(expected, result.resources[GERRIT_CARETEAM], ignore=()) is None
    # her activity stays, with nobody to do it: the gap the nurse must fill
    assert changes(GERRIT_CAREPLAN, result) == [
        (
            "CarePlan.activity[3].detail.performer",
            [{"reference": "RelatedPerson/annelies-jansen"}],
            None,
        )
    ]
    # who she is does not change; that she is in his network no more does
    # (every active RelatedPerson of a client is in her network)
    assert result.resources[annelies] == {**STORE[annelies], "active": False}
    back = export(onion("gerrit-jansen"), result.resources)
    assert back.resources[annelies] == {**STORE[annelies], "active": True}


@pytest.mark.parametrize("person", ["riet-jansen", "annelies-jansen"])
def test_her_help_given_back_fills_the_activity_she_left(person: str) -> None:
    """An undo of her removal: the plan is as it was, not her activity twice."""
    gerrit = onion("gerrit-jansen")
    left = export(edits.without_member(gerrit, person))
    back = export(gerrit, left.resources)
    plan = back.resources[GERRIT_CAREPLAN]
    assert first_difference(STORE[GERRIT_CAREPLAN], plan, ignore=()) is None
    # a new tie on other terms is help of its own, beside the gap
    tie = next(t for t in gerrit.supports if t.supporter_id == person)
    other = edits.with_tie(gerrit, replace(tie, hours_per_week=tie.hours_per_week + 1))
    beside = export(other, left.resources).resources[GERRIT_CAREPLAN]
    assert len(beside["activity"]) == len(plan["activity"]) + 1


def test_changing_hours() -> None:
    gerrit = onion("gerrit-jansen")
    tie = edits.tie(gerrit, "riet-jansen", "condition-gerrit-38")
    result = export(edits.with_tie(gerrit, replace(tie, hours_per_week=10.5)))
    assert result.changed == {GERRIT_CAREPLAN}
    # still twice a day, morning and evening; 45 instead of 30 minutes each time
    assert changes(GERRIT_CAREPLAN, result) == [
        ("CarePlan.activity[0].detail.scheduledTiming.repeat.duration", 30, 45)
    ]


def test_changing_how_often() -> None:
    gerrit = onion("gerrit-jansen")
    tie = edits.tie(gerrit, "joost-mulder", "condition-gerrit-38")
    result = export(
        edits.with_tie(gerrit, replace(tie, frequency=Frequency.DAILY, hours_per_week=3.5))
    )
    timing = result.resources[GERRIT_CAREPLAN]["activity"][2]["detail"]["scheduledTiming"]
    assert timing == {
        "repeat": {
            "frequency": 1,
            "period": 1,
            "periodUnit": "d",
            "duration": 30,
            "durationUnit": "min",
        }
    }


def test_resolving_a_need() -> None:
    result = export(edits.resolved(onion("gerrit-jansen"), "condition-gerrit-25"))
    key = ResourceKey("Condition", "condition-gerrit-25")
    assert result.changed == {key}
    assert changes(key, result) == [
        ("Condition.clinicalStatus.coding[0].code", "active", "resolved")
    ]


def test_ending_one_tie_of_a_shared_activity_splits_it() -> None:
    gerrit = onion("gerrit-jansen")
    tie = edits.tie(gerrit, "sanne-de-vries", "condition-gerrit-42")
    result = export(edits.with_tie(gerrit, replace(tie, status=TieStatus.ENDED)))
    before = STORE[GERRIT_CAREPLAN]["activity"]
    after = result.resources[GERRIT_CAREPLAN]["activity"]
    assert len(after) == len(before) + 1
    assert after[0] == before[0] and after[3:] == before[2:]
    kept, split = after[1]["detail"], after[2]["detail"]
    assert kept["reasonReference"] == [{"reference": "Condition/condition-gerrit-38"}]
    assert kept["status"] == "in-progress"
    assert split["reasonReference"] == [{"reference": "Condition/condition-gerrit-42"}]
    assert split["status"] == "stopped"
    assert {k: v for k, v in split.items() if k not in ("reasonReference", "status")} == {
        k: v for k, v in before[1]["detail"].items() if k not in ("reasonReference", "status")
    }


def test_adding_a_neighbour_who_helps() -> None:
    neighbour = Person("joke-wessels", "Joke Wessels", Ring.INFORMAL, "neighbour", "06-11122233")
    gerrit = edits.with_member(
        onion("gerrit-jansen"),
        edits.new_member(
            neighbour,
            "gerrit-jansen",
            relationship="neighbour",
            closeness=2,
            since=date(2024, 3, 1),
        ),
    )
    tie = SupportTie(
        "joke-wessels",
        "condition-gerrit-06",
        SupportKind.EMOTIONAL,
        Frequency.WEEKLY,
        1.5,
        TieStatus.ACTIVE,
        date(2024, 3, 1),
    )
    result = export(edits.with_tie(gerrit, tie))
    person = ResourceKey("RelatedPerson", "joke-wessels")
    assert result.generated == {person}
    assert result.resources[person] == {
        "resourceType": "RelatedPerson",
        "id": "joke-wessels",
        "patient": {"reference": "Patient/gerrit-jansen"},
        "relationship": [{"text": "neighbour"}],
        "name": [{"text": "Joke Wessels"}],
        "telecom": [{"system": "phone", "value": "06-11122233"}],
    }
    participant = result.resources[GERRIT_CARETEAM]["participant"][-1]
    assert participant == {
        "extension": [
            {
                "url": "https://graphsvc.example/fhir/StructureDefinition/closeness",
                "valueInteger": 2,
            }
        ],
        "role": [
            {
                "coding": [
                    {
                        "system": "https://graphsvc.example/fhir/CodeSystem/onion-ring",
                        "code": "informal",
                        "display": "Informal network (ring 1)",
                    }
                ]
            }
        ],
        "member": {"reference": "RelatedPerson/joke-wessels", "display": "Joke Wessels"},
        "period": {"start": "2024-03-01"},
    }
    activity = result.resources[GERRIT_CAREPLAN]["activity"][-1]["detail"]
    assert activity["performer"] == [{"reference": "RelatedPerson/joke-wessels"}]
    assert activity["reasonReference"] == [{"reference": "Condition/condition-gerrit-06"}]
    assert activity["scheduledTiming"]["repeat"]["boundsPeriod"] == {"start": "2024-03-01"}


def test_a_tie_read_from_two_activities_is_carried_by_the_first_once_changed() -> None:
    johanna = onion("johanna-de-boer")
    tie = edits.tie(johanna, "kees-de-boer", "condition-johanna-21")
    result = export(edits.with_tie(johanna, replace(tie, hours_per_week=5.0)))
    key = ResourceKey("CarePlan", "careplan-johanna-de-boer")
    assert changes(key, result) == [
        ("CarePlan.activity[0].detail.scheduledTiming.repeat.duration", 3, 5),
        (
            "CarePlan.activity[3].detail.performer",
            [{"reference": "RelatedPerson/kees-de-boer"}],
            None,
        ),
    ]


def test_a_new_team_pins_the_rings_of_the_old_teams_nurses() -> None:
    result = export(replace(onion("gerrit-jansen"), team_id="team-zwolle-noord"))
    careteam = result.resources[GERRIT_CARETEAM]
    assert careteam["managingOrganization"] == [{"reference": "Organization/team-zwolle-noord"}]
    ring = "https://graphsvc.example/fhir/CodeSystem/onion-ring"
    pinned = [
        p["member"]["reference"]
        for p in careteam["participant"]
        if any(c.get("system") == ring for r in p.get("role", ()) for c in r.get("coding", ()))
    ]
    assert pinned == ["PractitionerRole/sanne-de-vries-assendorp", "Practitioner/joost-mulder"]


def test_removing_a_contained_need() -> None:
    hydration = "careplan-johanna-de-boer.hydratie"
    result = export(edits.without_need(onion("johanna-de-boer"), hydration))
    key = ResourceKey("CarePlan", "careplan-johanna-de-boer")
    careplan = result.resources[key]
    assert "contained" not in careplan
    assert careplan["addresses"] == [{"reference": "Condition/condition-johanna-21"}]
    assert careplan["activity"][1]["detail"]["reasonReference"] == [
        {"reference": "Condition/condition-johanna-21"}
    ]
    assert result.changed == {key}


def test_a_contained_need_nothing_refers_to_any_more_stays_addressed() -> None:
    key = ResourceKey("CarePlan", "careplan-johanna-de-boer")
    store = copy.deepcopy(STORE)
    careplan = store[key]
    careplan["addresses"] = careplan["addresses"][:1]  # only the activity refers to it now
    hydration = "careplan-johanna-de-boer.hydratie"
    johanna = project(store, base_urls=(BASE_URL,)).onion("johanna-de-boer")
    assert johanna is not None
    result = export_onion(edits.without_tie(johanna, "fatima-yilmaz", hydration), store)
    assert not result.notes, result.notes
    exported = result.resources[key]
    assert exported["contained"] == careplan["contained"]
    assert exported["addresses"][-1] == {"reference": "#hydratie"}


def test_a_contained_volunteer_moves_out_when_the_careteam_needs_him() -> None:
    volunteer = "a4b5c6d7-e8f9-4a0b-9c1d-3e4f5a6b7c8d.vrijwilliger"
    result = export(edits.with_membership(onion(TRUUS), volunteer, closeness=3, role="maatje"))
    moved = ResourceKey("RelatedPerson", volunteer)
    assert moved in result.generated
    assert result.resources[moved]["name"] == [{"family": "Postma", "given": ["Henk"]}]
    careplan = result.resources[ResourceKey("CarePlan", "a4b5c6d7-e8f9-4a0b-9c1d-3e4f5a6b7c8d")]
    assert "contained" not in careplan
    assert careplan["activity"][0]["detail"]["performer"] == [
        {"reference": f"RelatedPerson/{volunteer}"}
    ]
    careteam = result.resources[ResourceKey("CareTeam", "c5d6e7f8-1a2b-4c3d-9e4f-5a6b7c8d9e0f")]
    assert careteam["participant"][-1]["member"]["reference"] == f"RelatedPerson/{volunteer}"


def test_ratings_changed_added_and_removed() -> None:
    gerrit = onion("gerrit-jansen")
    changed = replace(
        next(o for o in gerrit.observations if o.id == "obs-gerrit-38-s-2024"), value=4
    )
    added = Observation(
        "obs-gerrit-42-s-2024",
        "gerrit-jansen",
        "condition-gerrit-42",
        RatingDimension.STATUS,
        3,
        date(2024, 3, 5),
    )
    edited = edits.without_rating(
        edits.with_rating(edits.with_rating(gerrit, changed), added), "obs-gerrit-42-k-2023"
    )
    result = export(edited)
    assert result.removed == {ResourceKey("Observation", "obs-gerrit-42-k-2023")}
    assert changes(ResourceKey("Observation", "obs-gerrit-38-s-2024"), result) == [
        ("Observation.valueInteger", 3, 4)
    ]
    assert result.resources[ResourceKey("Observation", "obs-gerrit-42-s-2024")] == {
        "resourceType": "Observation",
        "id": "obs-gerrit-42-s-2024",
        "status": "final",
        "subject": {"reference": "Patient/gerrit-jansen"},
        "code": {
            "coding": [
                {
                    "system": "https://graphsvc.example/fhir/CodeSystem/omaha-rating",
                    "code": "status",
                    "display": "Status (Omaha Problem Rating Scale)",
                }
            ]
        },
        "valueInteger": 3,
        "effectiveDateTime": "2024-03-05",
        "focus": [{"reference": "Condition/condition-gerrit-42"}],
    }


def test_renaming_the_client_rewrites_only_the_name_that_is_read() -> None:
    gerrit = onion("gerrit-jansen")
    result = export(replace(gerrit, client=replace(gerrit.client, name="Gerrit H. Jansen")))
    key = ResourceKey("Patient", "gerrit-jansen")
    assert changes(key, result) == [("Patient.name[1].text", "Gerrit Jansen", "Gerrit H. Jansen")]


def test_a_client_the_graph_made_gets_minimal_valid_resources() -> None:
    client = Client("client-nieuw", "Aaltje Mulder", "Assendorp", date(1939, 12, 1))
    person = Person("client-nieuw-01", "Henk Mulder", Ring.INFORMAL, "son")
    nurse = next(m for m in onion("gerrit-jansen").members if m.person.id == "sanne-de-vries")
    need = Need("client-nieuw-38", client.id, "38", NeedStatus.ACTIVE, date(2024, 5, 1))
    fresh = Onion(
        client,
        "team-assendorp",
        members=(
            edits.new_member(
                person, client.id, relationship="son", contact_frequency=Frequency.WEEKLY
            ),
            replace(nurse, membership=replace(nurse.membership, client_id=client.id)),
        ),
        needs=(need,),
        supports=(
            SupportTie(person.id, need.id, SupportKind.PERSONAL_CARE, Frequency.DAILY, 7.0),
            SupportTie(
                "sanne-de-vries", need.id, SupportKind.NURSING, Frequency.SEVERAL_TIMES_A_WEEK, 1.5
            ),
        ),
    )
    result = export(fresh)
    kinds = sorted(k.resource_type for k in result.generated)
    assert kinds == ["CarePlan", "CareTeam", "Condition", "Patient", "RelatedPerson"]
    assert not result.changed  # the nurse's own resources stay as they are
    careteam = next(result.resources[k] for k in result.generated if k.resource_type == "CareTeam")
    assert careteam["managingOrganization"] == [{"reference": "Organization/team-assendorp"}]
    assert [p["member"]["reference"] for p in careteam["participant"]] == [
        "RelatedPerson/client-nieuw-01",
        "Practitioner/sanne-de-vries",
    ]
    again = export_onion(fresh, STORE, base_urls=(BASE_URL,))
    assert again.resources == result.resources  # the same ids each time


def test_a_client_admitted_without_anyone_gets_her_team_s_careteam() -> None:
    client = Client("client-alleen", "Aaltje Mulder", "Assendorp", date(1939, 12, 1))
    result = export(Onion(client, "team-assendorp"))
    [key] = [k for k in result.generated if k.resource_type == "CareTeam"]
    careteam = result.resources[key]
    assert careteam["subject"] == {"reference": "Patient/client-alleen"}
    assert careteam["managingOrganization"] == [{"reference": "Organization/team-assendorp"}]
    assert "participant" not in careteam
    assert result.read_back is not None and result.read_back.team_id == "team-assendorp"
    # a client no team serves has no CareTeam made for her
    alone = export(Onion(client, None))
    assert [k.resource_type for k in alone.generated] == ["Patient"]


def test_a_resource_deleted_before_is_not_made_again_under_its_id() -> None:
    client = Client("client-alleen", "Aaltje Mulder", "Assendorp", date(1939, 12, 1))
    first = export(Onion(client, "team-assendorp"))
    [made] = [k for k in first.generated if k.resource_type == "CareTeam"]
    again = export_onion(Onion(client, "team-assendorp"), STORE, retired=frozenset({made}))
    [other] = [k for k in again.generated if k.resource_type == "CareTeam"]
    assert other != made
    twice = export_onion(Onion(client, "team-assendorp"), STORE, retired=frozenset({made, other}))
    assert {k for k in twice.generated if k.resource_type == "CareTeam"}.isdisjoint({made, other})
