"""FHIR -> graph on the corpus, against answers worked out by hand from the
resources, and the rules of the domain enforced on the way in."""

from __future__ import annotations

from datetime import date

import pytest

from fhir_mappings import FhirValidationError, GraphKind, GraphRef, Projection, ResourceKey, project
from graphsvc.domain import (
    Frequency,
    Need,
    NeedStatus,
    Observation,
    Onion,
    OrganizationKind,
    RatingDimension,
    Ring,
    SupportKind,
    SupportTie,
    Team,
    TieStatus,
)

from .corpus import BASE_URL, stored

DAILY, SEVERAL = Frequency.DAILY, Frequency.SEVERAL_TIMES_A_WEEK
WEEKLY, MONTHLY = Frequency.WEEKLY, Frequency.MONTHLY
ACTIVE, ENDED = TieStatus.ACTIVE, TieStatus.ENDED
TRUUS = "6a1f2c3d-8b4e-4f5a-9c6d-7e8f9a0b1c2d"


Row = tuple[str, Ring, str | None, str | None, Frequency | None, int | None, date | None]


@pytest.fixture(scope="module")
def projection() -> Projection:
    return project(stored(), base_urls=(BASE_URL,))


def onion_of(projection: Projection, client_id: str) -> Onion:
    found = projection.onion(client_id)
    assert found is not None
    return found


def members(projection: Projection, client_id: str) -> dict[str, Row]:
    onion = onion_of(projection, client_id)
    return {
        m.person.id: (
            m.person.name,
            m.ring,
            m.membership.role,
            m.membership.relationship,
            m.membership.contact_frequency,
            m.membership.closeness,
            m.membership.since,
        )
        for m in onion.members
    }


def test_gerrit_jansen_members(projection: Projection) -> None:
    onion = onion_of(projection, "gerrit-jansen")
    assert onion.client.name == "Gerrit Jansen"  # the usual name
    assert onion.client.birth_date == date(1941, 3, 14)
    assert onion.client.neighbourhood == "Assendorp"
    assert onion.team_id == "team-assendorp"
    assert members(projection, "gerrit-jansen") == {
        "riet-jansen": (
            "Riet Jansen",
            Ring.INFORMAL,
            "mantelzorger",
            "wife",
            DAILY,
            3,
            date(1966, 5, 20),
        ),
        "annelies-jansen": ("Annelies Jansen", Ring.INFORMAL, None, "daughter", WEEKLY, 3, None),
        "ahmed-el-amrani": (
            "Ahmed El Amrani",
            Ring.INFORMAL,
            None,
            "neighbour",
            SEVERAL,
            2,
            date(2011, 6, 1),
        ),
        "sanne-de-vries": (
            "Sanne de Vries",
            Ring.TEAM,
            "eerstverantwoordelijk verpleegkundige",
            None,
            None,
            None,
            date(2023, 9, 1),
        ),
        "joost-mulder": ("Joost Mulder", Ring.TEAM, None, None, None, None, date(2023, 9, 4)),
        "eva-smit": ("Eva Smit", Ring.FORMAL, "huisarts", None, None, None, None),
        "apotheek-diezerpoort": (
            "Apotheek Diezerpoort",
            Ring.FORMAL,
            "medicatie (baxterrol)",
            None,
            None,
            None,
            None,
        ),
        "lotte-kramer": ("Lotte Kramer", Ring.FORMAL, None, None, None, None, date(2024, 1, 15)),
    }
    sanne = next(m for m in onion.members if m.person.id == "sanne-de-vries")
    assert sanne.person.role == "wijkverpleegkundige" and sanne.person.ring is Ring.TEAM
    assert sanne.person.contact == "06-41235501"
    assert sanne.organization_ids == ("team-assendorp",)


def test_gerrit_jansen_needs_ties_and_ratings(projection: Projection) -> None:
    onion = onion_of(projection, "gerrit-jansen")
    assert set(onion.needs) == {
        Need("condition-gerrit-38", "gerrit-jansen", "38", NeedStatus.ACTIVE, date(2023, 9, 1)),
        Need("condition-gerrit-42", "gerrit-jansen", "42", NeedStatus.ACTIVE, date(2023, 9, 1)),
        Need("condition-gerrit-25", "gerrit-jansen", "25", NeedStatus.ACTIVE, date(2024, 1, 15)),
        Need("condition-gerrit-06", "gerrit-jansen", "06", NeedStatus.RESOLVED, date(2023, 10, 2)),
    }  # heart failure is coded in SNOMED only: no need
    start = date(2023, 9, 1)
    assert set(onion.supports) == {
        # 2 x 30 min a day
        SupportTie(
            "riet-jansen",
            "condition-gerrit-38",
            SupportKind.PERSONAL_CARE,
            DAILY,
            7.0,
            ACTIVE,
            start,
        ),
        # 20 min a day, for both needs named; since from the timing's bounds
        SupportTie(
            "sanne-de-vries",
            "condition-gerrit-38",
            SupportKind.NURSING,
            DAILY,
            2.33,
            ACTIVE,
            date(2023, 9, 4),
        ),
        SupportTie(
            "sanne-de-vries",
            "condition-gerrit-42",
            SupportKind.NURSING,
            DAILY,
            2.33,
            ACTIVE,
            date(2023, 9, 4),
        ),
        # mon, wed, fri 45 min
        SupportTie(
            "joost-mulder",
            "condition-gerrit-38",
            SupportKind.PERSONAL_CARE,
            SEVERAL,
            2.25,
            ACTIVE,
            start,
        ),
        SupportTie(
            "annelies-jansen",
            "condition-gerrit-42",
            SupportKind.PRACTICAL,
            WEEKLY,
            0.5,
            ACTIVE,
            start,
        ),
        # completed: ended
        SupportTie(
            "ahmed-el-amrani",
            "condition-gerrit-06",
            SupportKind.EMOTIONAL,
            SEVERAL,
            2.0,
            ENDED,
            date(2023, 10, 9),
        ),
        # no support-kind code: a professional outside the team gives medical support
        SupportTie(
            "lotte-kramer",
            "condition-gerrit-25",
            SupportKind.MEDICAL,
            SEVERAL,
            1.0,
            ACTIVE,
            date(2024, 1, 15),
        ),
        # 15 min a month: 7 / (365.25 / 12) x 0.25 h
        SupportTie(
            "eva-smit", "condition-gerrit-42", SupportKind.MEDICAL, MONTHLY, 0.06, ACTIVE, start
        ),
        SupportTie(
            "apotheek-diezerpoort",
            "condition-gerrit-42",
            SupportKind.PRACTICAL,
            WEEKLY,
            0.0,
            ACTIVE,
            start,
        ),
    }
    assert {(o.id, o.need_id, o.dimension, o.value, o.effective) for o in onion.observations} == {
        (
            "obs-gerrit-38-k-2023",
            "condition-gerrit-38",
            RatingDimension.KNOWLEDGE,
            3,
            date(2023, 9, 5),
        ),
        (
            "obs-gerrit-38-b-2023",
            "condition-gerrit-38",
            RatingDimension.BEHAVIOR,
            3,
            date(2023, 9, 5),
        ),
        (
            "obs-gerrit-38-s-2023",
            "condition-gerrit-38",
            RatingDimension.STATUS,
            2,
            date(2023, 9, 5),
        ),
        (
            "obs-gerrit-38-s-2024",
            "condition-gerrit-38",
            RatingDimension.STATUS,
            3,
            date(2024, 3, 5),
        ),
        (
            "obs-gerrit-42-k-2023",
            "condition-gerrit-42",
            RatingDimension.KNOWLEDGE,
            2,
            date(2023, 9, 5),
        ),
    }


def test_mohamed_bouzid_from_a_hospitals_transaction(projection: Projection) -> None:
    onion = onion_of(projection, "mohamed-bouzid")
    assert onion.team_id == "team-assendorp"  # the hospital manages only its own CareTeam
    assert members(projection, "mohamed-bouzid") == {
        "khadija-bouzid": (
            "Khadija Bouzid-El Idrissi",
            Ring.INFORMAL,
            None,
            "wife",
            None,
            None,
            None,
        ),
        "youssef-bouzid": (
            "Youssef Bouzid",
            Ring.INFORMAL,
            "zoon, regelt medicijnen",
            "son",
            None,
            None,
            None,
        ),
        "sanne-de-vries": ("Sanne de Vries", Ring.TEAM, None, None, None, None, None),
        "marloes-hendriks": (
            "Marloes Hendriks",
            Ring.TEAM,
            "invaller wondzorg",
            None,
            None,
            None,
            date(2024, 4, 2),
        ),
        "ingrid-visser": ("Ingrid Visser", Ring.FORMAL, None, None, None, None, None),
    }  # the internist on another server cannot be a person here
    start = date(2024, 4, 2)
    assert set(onion.supports) == {
        SupportTie(
            "khadija-bouzid",
            "condition-bouzid-35",
            SupportKind.HOUSEHOLD,
            DAILY,
            21.0,
            ACTIVE,
            start,
        ),
        SupportTie(
            "youssef-bouzid",
            "condition-bouzid-42",
            SupportKind.PRACTICAL,
            SEVERAL,
            0.75,
            ACTIVE,
            start,
        ),
        SupportTie(
            "marloes-hendriks",
            "condition-bouzid-24",
            SupportKind.NURSING,
            DAILY,
            3.5,
            ACTIVE,
            start,
        ),
        SupportTie(
            "sanne-de-vries", "condition-bouzid-42", SupportKind.NURSING, DAILY, 3.5, ACTIVE, start
        ),
        SupportTie(
            "ingrid-visser",
            "condition-bouzid-24",
            SupportKind.MEDICAL,
            MONTHLY,
            0.23,
            ACTIVE,
            start,
        ),
        SupportTie(
            "ingrid-visser",
            "condition-bouzid-42",
            SupportKind.MEDICAL,
            MONTHLY,
            0.23,
            ACTIVE,
            start,
        ),
    }
    ratings = {o.id: o for o in onion.observations}
    # effectivePeriod.start gives the date
    assert ratings["obs-bouzid-24-s"] == Observation(
        "obs-bouzid-24-s", "mohamed-bouzid", "condition-bouzid-24", RatingDimension.STATUS, 2, start
    )


def test_truus_veenstra_with_contained_and_implied_members(projection: Projection) -> None:
    onion = onion_of(projection, TRUUS)
    assert onion.client.name == "Truus Veenstra"
    people = members(projection, TRUUS)
    volunteer = "a4b5c6d7-e8f9-4a0b-9c1d-3e4f5a6b7c8d.vrijwilliger"  # contained in the CarePlan
    neighbour = "c5d6e7f8-1a2b-4c3d-9e4f-5a6b7c8d9e0f.buurvrouw"  # contained in the CareTeam
    assert people[volunteer] == (
        "Henk Postma",
        Ring.INFORMAL,
        None,
        "vrijwilliger (Humanitas)",
        None,
        None,
        None,
    )
    assert people[neighbour] == ("Jannie Bakker", Ring.INFORMAL, None, "buurvrouw", None, 1, None)
    assert people["eva-smit"][1] is Ring.FORMAL  # found by a conditional reference
    assert people["fatima-yilmaz"][1] is Ring.TEAM  # on behalf of the team, found by identifier
    ties = {(t.supporter_id, t.need_id): (t.frequency, t.hours_per_week) for t in onion.supports}
    social = "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a"
    assert ties[(volunteer, social)] == (WEEKLY, 2.0)
    assert ties[("0b7c1e2f-3a4d-4b5c-8d6e-9f0a1b2c3d4e", social)] == (MONTHLY, 0.23)
    assert len(ties) == 4  # the meal service is named only by display: no tie


def test_johanna_de_boer_logical_references_and_a_contained_need(projection: Projection) -> None:
    onion = onion_of(projection, "johanna-de-boer")
    assert onion.client.name == "Johanna de Boer-Koster"
    assert {m.person.id for m in onion.members} == {
        "kees-de-boer",
        "fatima-yilmaz",
        "eva-smit",
        "pieter-bos",
    }
    hydration = "careplan-johanna-de-boer.hydratie"
    assert (
        Need(hydration, "johanna-de-boer", "28", NeedStatus.ACTIVE, date(2023, 7, 1)) in onion.needs
    )
    ties = {(t.supporter_id, t.need_id): t for t in onion.supports}
    assert ties[("fatima-yilmaz", hydration)].hours_per_week == 1.0
    assert ties[("pieter-bos", "condition-johanna-21")].frequency is None  # "zo nodig"
    # Kees helps with this need in two activities: 3 h coordination and 1 h shopping a week
    assert ties[("kees-de-boer", "condition-johanna-21")] == SupportTie(
        "kees-de-boer",
        "condition-johanna-21",
        SupportKind.COORDINATION,
        WEEKLY,
        4.0,
        ACTIVE,
        date(2022, 5, 1),
    )
    # the blood pressure is no Omaha rating
    assert [o.id for o in onion.observations] == ["obs-johanna-21-s"]
    kees = next(m for m in onion.members if m.person.id == "kees-de-boer")
    assert kees.person.contact == "06-24681357"  # rank 1 comes first


def test_teams_organisations_and_staff(projection: Projection) -> None:
    population = projection.population
    assert population.teams == (
        Team("team-assendorp", "Buurtzorg Zwolle Assendorp", "Assendorp"),
        Team("team-zwolle-noord", "Buurtzorg Zwolle Noord", "Holtenbroek"),
    )
    kinds = {o.id: o.kind for o in population.organizations}
    assert kinds == {
        "apotheek-diezerpoort": OrganizationKind.PHARMACY,
        "fysio-zwolle-zuid": OrganizationKind.PHYSIOTHERAPY,
        "huisartsen-assendorp": OrganizationKind.GP_PRACTICE,
        "humanitas-zwolle": OrganizationKind.THIRD_SECTOR,
        "ziekenhuis-sallandse-poort": OrganizationKind.HOSPITAL,
    }
    staff = {s.person.id: (s.person.ring, s.organization_ids) for s in population.staff}
    assert staff["sanne-de-vries"] == (Ring.TEAM, ("team-assendorp",))
    assert staff["marloes-hendriks"] == (Ring.TEAM, ("team-zwolle-noord",))
    assert staff["eva-smit"] == (Ring.FORMAL, ("huisartsen-assendorp",))
    assert len(staff) == 8


def test_where_each_object_came_from(projection: Projection) -> None:
    ref = projection.fhir_reference
    assert ref(GraphRef(GraphKind.CLIENT, "gerrit-jansen")) == "Patient/gerrit-jansen"
    assert ref(GraphRef(GraphKind.PERSON, "riet-jansen")) == "RelatedPerson/riet-jansen"
    assert ref(GraphRef(GraphKind.PERSON, "sanne-de-vries")) == "Practitioner/sanne-de-vries"
    assert ref(GraphRef(GraphKind.NEED, "condition-gerrit-38")) == "Condition/condition-gerrit-38"
    assert ref(GraphRef(GraphKind.TEAM, "team-assendorp")) == "Organization/team-assendorp"
    volunteer = GraphRef(GraphKind.PERSON, "a4b5c6d7-e8f9-4a0b-9c1d-3e4f5a6b7c8d.vrijwilliger")
    assert ref(volunteer) == "CarePlan/a4b5c6d7-e8f9-4a0b-9c1d-3e4f5a6b7c8d#vrijwilliger"
    hydration = projection.origin(GraphRef(GraphKind.NEED, "careplan-johanna-de-boer.hydratie"))
    assert hydration is not None and hydration.path == "CarePlan.contained[0]"
    membership = projection.origins[GraphRef(GraphKind.MEMBERSHIP, "riet-jansen", "gerrit-jansen")]
    assert [o.path for o in membership] == ["CareTeam.participant[0]"]
    tie = projection.origins[GraphRef(GraphKind.SUPPORT, "sanne-de-vries", "condition-gerrit-42")]
    assert [(o.resource.id, o.path) for o in tie] == [
        ("careplan-gerrit-jansen", "CarePlan.activity[1]")
    ]


def test_what_was_not_projected_is_noted(projection: Projection) -> None:
    notes = {(n.resource, n.expression, n.message) for n in projection.notes}
    assert (
        "CareTeam/careteam-bouzid-ziekenhuis",
        "CareTeam.participant[1].member",
        "names a resource on another server",
    ) in notes
    assert (
        "CarePlan/careplan-gerrit-jansen",
        "CarePlan.addresses[4]",
        "is no Omaha-coded need of this client; no tie projected",
    ) in notes
    assert all(n.severity == "warning" for n in projection.notes)


def test_projection_is_the_same_whatever_order_resources_come_in() -> None:
    store = stored()
    forward = project(store, base_urls=(BASE_URL,))
    backward = project(dict(reversed(list(store.items()))), base_urls=(BASE_URL,))
    assert forward.population == backward.population
    assert forward.origins == backward.origins


def broken(path: tuple[object, ...], value: object, key: ResourceKey) -> FhirValidationError:
    store = stored()
    target: object = store[key]
    for step in path[:-1]:
        target = target[step]  # type: ignore[index]
    target[path[-1]] = value  # type: ignore[index]
    with pytest.raises(FhirValidationError) as caught:
        project(store, base_urls=(BASE_URL,))
    return caught.value


@pytest.mark.parametrize(
    ("key", "path", "value", "expression", "words"),
    [
        (
            ResourceKey("Condition", "condition-gerrit-42"),
            ("code", "coding", 0, "code"),
            "43",
            "Condition.code.coding[0].code",
            "not an Omaha System problem",
        ),
        (
            ResourceKey("Observation", "obs-gerrit-38-s-2024"),
            ("valueInteger",),
            7,
            "Observation.valueInteger",
            "between 1 and 5",
        ),
        (
            ResourceKey("CareTeam", "careteam-gerrit-jansen"),
            ("participant", 0, "extension", 0, "valueInteger"),
            5,
            "CareTeam.participant[0]",
            "between 1 and 3",
        ),
        (
            ResourceKey("CareTeam", "careteam-gerrit-jansen"),
            ("participant", 0, "extension", 1, "valueCode"),
            "sometimes",
            "CareTeam.participant[0]",
            "not one of",
        ),
        (
            ResourceKey("CarePlan", "careplan-gerrit-jansen"),
            ("activity", 0, "detail", "scheduledTiming", "repeat", "duration"),
            800,
            "CarePlan.activity[0].detail.scheduledTiming",
            "168 hours",
        ),
        (
            ResourceKey("RelatedPerson", "riet-jansen"),
            ("name", 0, "given", 0),
            "R" * 600,
            "RelatedPerson",
            "longer than 500",
        ),
    ],
)
def test_domain_rules_are_enforced_with_the_element_path(
    key: ResourceKey, path: tuple[object, ...], value: object, expression: str, words: str
) -> None:
    error = broken(path, value, key)
    assert any(
        i.expression == expression and words in i.message and i.resource == key.reference
        for i in error.issues
    ), error.issues


def test_a_rating_needs_a_value_and_a_date() -> None:
    key = ResourceKey("Observation", "obs-gerrit-38-s-2024")
    store = stored()
    rating = store[key]
    del rating["valueInteger"]
    del rating["effectiveDateTime"]
    rating["valueString"] = "matig"
    with pytest.raises(FhirValidationError) as caught:
        project(store)
    assert [i.expression for i in caught.value.issues] == ["Observation.value[x]"]
    rating["valueInteger"] = 3
    del rating["valueString"]
    with pytest.raises(FhirValidationError) as caught:
        project(store)
    assert [i.expression for i in caught.value.issues] == ["Observation.effective[x]"]


def test_two_resources_cannot_be_the_same_person() -> None:
    store = stored()
    clash = {**store[ResourceKey("Practitioner", "joost-mulder")], "id": "riet-jansen"}
    store[ResourceKey("Practitioner", "riet-jansen")] = clash
    careteam = store[ResourceKey("CareTeam", "careteam-gerrit-jansen")]
    careteam["participant"][4]["member"]["reference"] = "Practitioner/riet-jansen"
    with pytest.raises(FhirValidationError) as caught:
        project(store)
    assert "person ids must be unique" in caught.value.issues[0].message


def test_a_resource_stored_under_the_wrong_type_is_refused() -> None:
    store = stored()
    store[ResourceKey("Practitioner", "x")] = store[ResourceKey("Patient", "gerrit-jansen")]
    with pytest.raises(FhirValidationError) as caught:
        project(store)
    assert caught.value.issues[0].code == "conflict"


def test_references_to_the_wrong_kind_of_resource_are_not_followed() -> None:
    store = stored()
    role = store[ResourceKey("PractitionerRole", "sanne-de-vries-assendorp")]
    role["practitioner"] = {"reference": "PractitionerRole/sanne-de-vries-assendorp"}
    role["organization"] = {"reference": "Patient/gerrit-jansen"}
    careteam = store[ResourceKey("CareTeam", "careteam-gerrit-jansen")]
    careteam["managingOrganization"] = [{"reference": "Patient/gerrit-jansen"}]
    careteam["participant"][4]["onBehalfOf"] = {"reference": "RelatedPerson/riet-jansen"}
    onion = onion_of(project(store), "gerrit-jansen")
    assert onion.team_id is None
    people = {m.person.id: m for m in onion.members}
    assert "sanne-de-vries-assendorp" in people  # the role stands for itself now
    assert people["joost-mulder"].organization_ids == ("team-assendorp",)
    assert people["joost-mulder"].ring is Ring.FORMAL  # no team manages this CareTeam
