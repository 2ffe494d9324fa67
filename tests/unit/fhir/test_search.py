"""FHIR search, the pure part: the terms indexed for each resource of the
corpus, searches read into groups, and a fake of the store's matching rule
(every group has a string among the tokens; date ranges overlap the bounds)
that ties the two together."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fhir_mappings import (
    INCLUDES,
    REVINCLUDES,
    SEARCH_PARAMETERS,
    FhirValidationError,
    Include,
    IndexTerms,
    ResourceKey,
    SearchParameter,
    SearchQuery,
    include_targets,
    index_terms,
    parse_search,
    revinclude_groups,
)
from fhir_mappings.search import MAX_COUNT, SEARCHABLE_TYPES
from fhir_mappings.search.dates import EARLIEST, LATEST

from .corpus import BASE_URL, stored

CORPUS = stored()
BASES = (BASE_URL,)
TERMS = {key: index_terms(resource, base_urls=BASES) for key, resource in CORPUS.items()}
TRUUS = "6a1f2c3d-8b4e-4f5a-9c6d-7e8f9a0b1c2d"
TRUUS_TEAM = "c5d6e7f8-1a2b-4c3d-9e4f-5a6b7c8d9e0f"
TRUUS_PLAN = "a4b5c6d7-e8f9-4a0b-9c1d-3e4f5a6b7c8d"
TRUUS_GOAL = "d7e8f9a0-b1c2-4d3e-8f4a-6b7c8d9e0f1a"
WILMA = "0b7c1e2f-3a4d-4b5c-8d6e-9f0a1b2c3d4e"
OMAHA = "https://graphsvc.example/fhir/CodeSystem/omaha-rating"
OMS = "http://terminology.hl7.org/CodeSystem/oms"
BSN = "http://fhir.nl/fhir/NamingSystem/bsn"
AGB = "http://fhir.nl/fhir/NamingSystem/agb-z"
GERRIT_OBSERVATIONS = {
    "obs-gerrit-38-b-2023",
    "obs-gerrit-38-k-2023",
    "obs-gerrit-38-s-2023",
    "obs-gerrit-38-s-2024",
    "obs-gerrit-42-k-2023",
}


# -- a fake of the store ------------------------------------------------------


def matches(terms: IndexTerms, query: SearchQuery) -> bool:
    """The storage rule: ``all(g IN $groups WHERE any(t IN g WHERE t IN r.tokens))``
    and the date bounds (a resource without a date fails any bound)."""
    tokens = set(terms.tokens)
    if not all(any(t in tokens for t in group) for group in query.groups):
        return False
    if query.date_from is not None and (terms.date_end is None or terms.date_end < query.date_from):
        return False
    return query.date_to is None or (
        terms.date_start is not None and terms.date_start <= query.date_to
    )


def run(query: SearchQuery, terms: Mapping[ResourceKey, IndexTerms] = TERMS) -> set[str]:
    return {
        key.id
        for key, indexed in terms.items()
        if key.resource_type == query.resource_type and matches(indexed, query)
    }


def found(resource_type: str, *params: tuple[str, str]) -> set[str]:
    return run(parse_search(resource_type, list(params)))


def found_in(resources: list[dict[str, Any]], *params: tuple[str, str]) -> set[str]:
    terms = {ResourceKey(r["resourceType"], r["id"]): index_terms(r) for r in resources}
    return run(parse_search(resources[0]["resourceType"], list(params)), terms)


def of_type(resource_type: str) -> set[str]:
    return {key.id for key in CORPUS if key.resource_type == resource_type}


def person(ident: str, **name: Any) -> dict[str, Any]:
    return {"resourceType": "Patient", "id": ident, "name": [name]}


# -- the table ----------------------------------------------------------------


def test_the_parameters_of_each_type() -> None:
    # the onion's types and the Location; every other type: tests/unit/fhir/test_resource_types.py
    names = {
        kind: {p.name for p in params} - {"_lastUpdated"}
        for kind, params in SEARCH_PARAMETERS.items()
        if kind in SEARCHABLE_TYPES
    }
    assert all(params[-1].name == "_lastUpdated" for params in SEARCH_PARAMETERS.values())
    subject = {"_id", "patient", "subject"}
    assert names == {
        "CareTeam": subject | {"participant", "status"},
        "CarePlan": subject | {"status", "care-team"},
        "Observation": subject | {"code", "focus", "date"},
        "Patient": {"_id", "identifier", "name"},
        "RelatedPerson": {"_id", "patient", "identifier", "name"},
        "Practitioner": {"_id", "identifier", "name"},
        "PractitionerRole": {"_id", "practitioner", "organization", "identifier"},
        "Organization": {"_id", "identifier", "name"},
        "Condition": subject | {"code"},
        "Goal": subject,
        "Location": {"_id", "identifier", "name", "organization"},
    }
    for params in SEARCH_PARAMETERS.values():
        for param in params:
            assert param.documentation and "\n" not in param.documentation
            assert param.type in ("reference", "token", "string", "date")
            assert bool(param.targets) == (param.type == "reference")


def test_includes_and_revincludes_are_the_reference_parameters() -> None:
    assert INCLUDES["CareTeam"] == ("CareTeam:participant", "CareTeam:patient", "CareTeam:subject")
    assert INCLUDES["PractitionerRole"] == (
        "PractitionerRole:organization",
        "PractitionerRole:practitioner",
    )
    assert INCLUDES["Patient"] == ()
    assert "Observation:focus" in REVINCLUDES["Goal"]
    assert "CarePlan:care-team" in REVINCLUDES["CareTeam"]
    assert "CareTeam:participant" in REVINCLUDES["RelatedPerson"]
    assert "Condition:patient" in REVINCLUDES["Patient"]
    assert "Observation:patient" not in REVINCLUDES["Organization"]
    for kind in SEARCHABLE_TYPES:
        for value in INCLUDES[kind]:
            assert parse_search(kind, [("_include", value)]).includes[0].text == value
        for value in REVINCLUDES[kind]:
            assert parse_search(kind, [("_revinclude", value)]).revincludes[0].text == value


# -- indexing -----------------------------------------------------------------


def test_tokens_of_a_care_team() -> None:
    terms = TERMS[ResourceKey("CareTeam", "careteam-johanna-de-boer")]
    assert terms.tokens == (
        "_id|careteam-johanna-de-boer",
        "participant|Practitioner/pieter-bos",
        "participant|PractitionerRole/fatima-yilmaz-assendorp",
        "participant|RelatedPerson/kees-de-boer",
        "patient|Patient/johanna-de-boer",
        "status|active",
        "subject|Patient/johanna-de-boer",
    )
    assert (terms.date_start, terms.date_end, terms.client_id) == (None, None, "johanna-de-boer")


def test_tokens_of_codes_identifiers_and_names() -> None:
    condition = TERMS[ResourceKey("Condition", "condition-gerrit-hartfalen")].tokens
    assert {
        "code|http://snomed.info/sct|84114007",
        "code|http://snomed.info/sct|",
        "code|84114007",
    } <= set(condition)
    patient = set(TERMS[ResourceKey("Patient", "johanna-de-boer")].tokens)
    assert {f"identifier|{BSN}|999911156", f"identifier|{BSN}|", "identifier|999911156"} <= patient
    names = {t for t in patient if t.startswith("name|")}
    words = ("de", "boer", "koster", "johanna", "jo")
    assert names == {f"name|{w[:n]}" for w in words for n in range(1, len(w) + 1)}


def test_a_code_without_a_system_and_escaped_bars() -> None:
    resource = {
        "resourceType": "Condition",
        "id": "c",
        "code": {"coding": [{"code": "x"}, {"system": "urn:a|b", "code": "p\\q|r"}]},
    }
    tokens = set(index_terms(resource).tokens)
    assert {"code||x", "code|x", "code|urn:a\\|b|p\\\\q\\|r", "code|urn:a\\|b|"} <= tokens
    assert found_in([resource], ("code", "|x")) == {"c"}
    assert found_in([resource], ("code", "urn:a\\|b|p\\\\q\\|r")) == {"c"}
    assert found_in([resource], ("code", "p\\\\q\\|r")) == {"c"}
    assert found_in([resource], ("code", "urn:a\\|b|")) == {"c"}
    assert found_in([resource], ("code", "urn:a|")) == set()


def test_every_resource_has_its_id_and_only_known_types_have_more() -> None:
    for key, terms in TERMS.items():
        assert f"_id|{key.id}" in terms.tokens
        assert list(terms.tokens) == sorted(set(terms.tokens))
    assert index_terms({"resourceType": "Device", "id": "d", "status": "active"}).tokens == (
        "_id|d",
    )


@pytest.mark.parametrize(
    ("key", "client"),
    [
        (ResourceKey("Patient", "gerrit-jansen"), "gerrit-jansen"),
        (ResourceKey("RelatedPerson", "kees-de-boer"), "johanna-de-boer"),
        (ResourceKey("CareTeam", TRUUS_TEAM), TRUUS),
        (ResourceKey("CarePlan", "careplan-bouzid"), "mohamed-bouzid"),
        (ResourceKey("Observation", "obs-gerrit-42-k-2023"), "gerrit-jansen"),
        (ResourceKey("Condition", "condition-johanna-21"), "johanna-de-boer"),
        (ResourceKey("Goal", TRUUS_GOAL), TRUUS),
        (ResourceKey("Practitioner", "eva-smit"), None),
        (ResourceKey("PractitionerRole", "eva-smit-huisarts"), None),
        (ResourceKey("Organization", "team-assendorp"), None),
    ],
)
def test_the_client_whose_compartment_holds_a_resource(key: ResourceKey, client: str) -> None:
    assert TERMS[key].client_id == client


def test_a_subject_that_is_no_patient_makes_no_client() -> None:
    goal = {
        "resourceType": "Goal",
        "id": "g",
        "subject": {"reference": "Organization/team-assendorp"},
    }
    terms = index_terms(goal)
    assert terms.client_id is None
    assert "subject|Organization/team-assendorp" in terms.tokens
    assert not any(t.startswith("patient|") for t in terms.tokens)
    assert found_in([goal], ("subject", "Organization/team-assendorp")) == {"g"}
    assert found_in([goal], ("patient", "team-assendorp")) == set()


def test_references_that_are_not_local() -> None:
    team = {
        "resourceType": "CareTeam",
        "id": "t",
        "contained": [{"resourceType": "RelatedPerson", "id": "buur"}],
        "participant": [
            {"member": {"reference": "#buur"}},
            {"member": {"reference": "https://elders.example/fhir/Practitioner/p1"}},
            {"member": {"reference": f"{BASE_URL}/RelatedPerson/r1"}},
            {"member": {"reference": "Practitioner/p2/_history/4"}},
            {"member": {"display": "only a name"}},
        ],
    }
    assert index_terms(team).tokens == ("_id|t", "participant|Practitioner/p2")
    assert index_terms(team, base_urls=BASES).tokens == (
        "_id|t",
        "participant|Practitioner/p2",
        "participant|RelatedPerson/r1",
    )


@pytest.mark.parametrize(
    ("effective", "start", "end"),
    [
        ({"effectiveDateTime": "2024"}, "2024-01-01T00:00:00Z", "2024-12-31T23:59:59Z"),
        ({"effectiveDateTime": "2024-02"}, "2024-02-01T00:00:00Z", "2024-02-29T23:59:59Z"),
        ({"effectiveDateTime": "2023-02"}, "2023-02-01T00:00:00Z", "2023-02-28T23:59:59Z"),
        ({"effectiveDateTime": "2024-03-05"}, "2024-03-05T00:00:00Z", "2024-03-05T23:59:59Z"),
        (
            {"effectiveDateTime": "2024-03-05T10:15:00+01:00"},
            "2024-03-05T09:15:00Z",
            "2024-03-05T09:15:00Z",
        ),
        (
            {"effectiveDateTime": "2024-12-31T23:30:00-01:30"},
            "2025-01-01T01:00:00Z",
            "2025-01-01T01:00:00Z",
        ),
        (
            {"effectiveInstant": "2024-03-05T10:15:00.250Z"},
            "2024-03-05T10:15:00Z",
            "2024-03-05T10:15:00Z",
        ),
        (
            {"effectivePeriod": {"start": "2024-04", "end": "2024-05-02T10:30:00+02:00"}},
            "2024-04-01T00:00:00Z",
            "2024-05-02T08:30:00Z",
        ),
        ({"effectivePeriod": {"start": "2024-04-02"}}, "2024-04-02T00:00:00Z", LATEST),
        ({"effectivePeriod": {"end": "2024-04-02"}}, EARLIEST, "2024-04-02T23:59:59Z"),
        ({"effectivePeriod": {}}, None, None),
        ({"effectiveTiming": {"event": ["2024-01-01"]}}, None, None),
        ({}, None, None),
    ],
)
def test_the_date_of_an_observation(
    effective: dict[str, Any], start: str | None, end: str | None
) -> None:
    terms = index_terms({"resourceType": "Observation", "id": "o", **effective})
    assert (terms.date_start, terms.date_end) == (start, end)


def test_only_observations_have_a_date() -> None:
    for key, terms in TERMS.items():
        dated = terms.date_start is not None and terms.date_end is not None
        assert dated == (key.resource_type == "Observation"), key
    plan = {"resourceType": "CarePlan", "id": "p", "period": {"start": "2024"}}
    assert index_terms(plan).date_start is None


# -- every parameter of every type, on the corpus -----------------------------


CORPUS_SEARCHES: list[tuple[str, list[tuple[str, str]], set[str]]] = [
    ("CareTeam", [("_id", "careteam-gerrit-jansen")], {"careteam-gerrit-jansen"}),
    ("CareTeam", [("participant", "RelatedPerson/kees-de-boer")], {"careteam-johanna-de-boer"}),
    ("CareTeam", [("participant", "pieter-bos")], {"careteam-johanna-de-boer"}),
    ("CareTeam", [("participant", "gerrit-jansen")], {"careteam-gerrit-jansen"}),
    (
        "CareTeam",
        [("participant", "PractitionerRole/sanne-de-vries-assendorp")],
        {"careteam-bouzid-wijk", "careteam-gerrit-jansen"},
    ),
    (
        "CareTeam",
        [("participant:PractitionerRole", "sanne-de-vries-assendorp")],
        {"careteam-bouzid-wijk", "careteam-gerrit-jansen"},
    ),
    ("CareTeam", [("participant:Practitioner", "sanne-de-vries-assendorp")], set()),
    (
        "CareTeam",
        [("participant", "https://anywhere.example/fhir/Practitioner/ingrid-visser")],
        {"careteam-bouzid-ziekenhuis"},
    ),
    ("CareTeam", [("participant", "Practitioner/4417")], set()),  # on another server
    ("CareTeam", [("participant", "Practitioner/eva-smit")], {TRUUS_TEAM}),
    (
        "CareTeam",
        [("patient", "mohamed-bouzid")],
        {"careteam-bouzid-wijk", "careteam-bouzid-ziekenhuis"},
    ),
    ("CareTeam", [("subject", "Patient/gerrit-jansen")], {"careteam-gerrit-jansen"}),
    ("CareTeam", [("subject:Patient", TRUUS)], {TRUUS_TEAM}),
    ("CareTeam", [("status", "active")], of_type("CareTeam")),
    ("CareTeam", [("status", "inactive")], set()),
    ("CarePlan", [("_id", TRUUS_PLAN)], {TRUUS_PLAN}),
    (
        "CarePlan",
        [("care-team", "CareTeam/careteam-gerrit-jansen")],
        {"careplan-gerrit-jansen"},
    ),
    ("CarePlan", [("care-team", TRUUS_TEAM)], {TRUUS_PLAN}),
    ("CarePlan", [("patient", "johanna-de-boer")], {"careplan-johanna-de-boer"}),
    ("CarePlan", [("subject", "Patient/mohamed-bouzid")], {"careplan-bouzid"}),
    ("CarePlan", [("status", "active")], of_type("CarePlan")),
    ("CarePlan", [("status", "http://hl7.org/fhir/request-status|active")], of_type("CarePlan")),
    ("CarePlan", [("status", "completed")], set()),
    ("Observation", [("_id", "obs-johanna-21-s")], {"obs-johanna-21-s"}),
    (
        "Observation",
        [("code", f"{OMAHA}|status")],
        {
            "b5c6d7e8-f9a0-4b1c-8d2e-4f5a6b7c8d9e",
            "obs-bouzid-24-s",
            "obs-gerrit-38-s-2023",
            "obs-gerrit-38-s-2024",
            "obs-johanna-21-s",
        },
    ),
    ("Observation", [("code", "http://loinc.org|85354-9")], {"obs-johanna-bloeddruk"}),
    ("Observation", [("code", "85354-9")], {"obs-johanna-bloeddruk"}),
    ("Observation", [("code", "|85354-9")], set()),
    ("Observation", [("code", "http://loinc.org|")], {"obs-johanna-bloeddruk"}),
    ("Observation", [("code", "http://loinc.org|8480-6")], set()),  # a component's code
    (
        "Observation",
        [("focus", "Condition/condition-gerrit-38")],
        GERRIT_OBSERVATIONS - {"obs-gerrit-42-k-2023"},
    ),
    ("Observation", [("focus", "condition-gerrit-42")], {"obs-gerrit-42-k-2023"}),
    ("Observation", [("patient", "gerrit-jansen")], GERRIT_OBSERVATIONS),
    ("Observation", [("subject", "Patient/gerrit-jansen")], GERRIT_OBSERVATIONS),
    ("Patient", [("_id", "gerrit-jansen,mohamed-bouzid")], {"gerrit-jansen", "mohamed-bouzid"}),
    ("Patient", [("identifier", f"{BSN}|999911120")], {"gerrit-jansen"}),
    ("Patient", [("identifier", "Z1123581")], {"mohamed-bouzid"}),
    ("Patient", [("identifier", f"{BSN}|Z1123581")], set()),
    ("Patient", [("identifier", f"{BSN}|")], of_type("Patient")),
    ("Patient", [("name", "truus")], {TRUUS}),
    ("Patient", [("name", "Geer")], {TRUUS}),
    ("Patient", [("name", "koster")], {"johanna-de-boer"}),
    ("Patient", [("name", "oer")], set()),
    (
        "RelatedPerson",
        [("patient", "gerrit-jansen")],
        {"ahmed-el-amrani", "annelies-jansen", "riet-jansen"},
    ),
    ("RelatedPerson", [("patient", f"Patient/{TRUUS}")], {WILMA}),
    ("RelatedPerson", [("identifier", "12345")], set()),
    ("RelatedPerson", [("name", "El Amrani")], {"ahmed-el-amrani"}),
    ("RelatedPerson", [("name", "de")], {WILMA, "kees-de-boer"}),
    ("RelatedPerson", [("_id", "riet-jansen")], {"riet-jansen"}),
    (
        "Practitioner",
        [("identifier", "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers|900012345")],
        {"eva-smit"},
    ),
    ("Practitioner", [("identifier", "01012345")], {"eva-smit"}),
    ("Practitioner", [("name", "dr")], {"eva-smit"}),
    ("Practitioner", [("name", "de vries")], {"sanne-de-vries"}),
    ("Practitioner", [("_id", "pieter-bos")], {"pieter-bos"}),
    ("PractitionerRole", [("practitioner", "Practitioner/eva-smit")], {"eva-smit-huisarts"}),
    (
        "PractitionerRole",
        [("organization", "team-assendorp")],
        {"fatima-yilmaz-assendorp", "joost-mulder-assendorp", "sanne-de-vries-assendorp"},
    ),
    ("PractitionerRole", [("identifier", "x")], set()),
    ("PractitionerRole", [("_id", "lotte-kramer-fysio")], {"lotte-kramer-fysio"}),
    ("Organization", [("identifier", f"{AGB}|75751234")], {"team-assendorp"}),
    ("Organization", [("name", "buurtzorg")], {"team-assendorp", "team-zwolle-noord"}),
    (
        "Organization",
        [("name", "zwolle")],
        {"fysio-zwolle-zuid", "humanitas-zwolle", "team-assendorp", "team-zwolle-noord"},
    ),
    ("Organization", [("name", "zwolle noord")], {"team-zwolle-noord"}),
    ("Organization", [("name", "fysioz")], {"fysio-zwolle-zuid"}),  # its alias FysioZuid
    ("Organization", [("_id", "humanitas-zwolle")], {"humanitas-zwolle"}),
    ("Location", [("name", "praktijk assendorp")], {"huisartsen-assendorp"}),
    ("Location", [("identifier", "01059999")], {"huisartsen-assendorp"}),
    ("Location", [("organization", "huisartsen-assendorp")], {"huisartsen-assendorp"}),
    ("Location", [("organization", "team-assendorp")], set()),
    ("Location", [("_id", "huisartsen-assendorp")], {"huisartsen-assendorp"}),
    ("Condition", [("code", f"{OMS}|42")], {"condition-bouzid-42", "condition-gerrit-42"}),
    ("Condition", [("code", "http://snomed.info/sct|84114007")], {"condition-gerrit-hartfalen"}),
    (
        "Condition",
        [("patient", "johanna-de-boer")],
        {"condition-johanna-21", "condition-johanna-22"},
    ),
    (
        "Condition",
        [("subject", "Patient/johanna-de-boer")],
        {"condition-johanna-21", "condition-johanna-22"},
    ),
    ("Condition", [("_id", "condition-gerrit-06")], {"condition-gerrit-06"}),
    ("Goal", [("patient", "mohamed-bouzid")], {"goal-bouzid-wond"}),
    ("Goal", [("subject", f"Patient/{TRUUS}")], {TRUUS_GOAL}),
    ("Goal", [("subject", "Organization/team-assendorp")], set()),
    ("Goal", [("_id", "goal-gerrit-zelf-wassen")], {"goal-gerrit-zelf-wassen"}),
    ("Goal", [], of_type("Goal")),
]


@pytest.mark.parametrize(("resource_type", "params", "expected"), CORPUS_SEARCHES)
def test_each_parameter_on_the_corpus(
    resource_type: str, params: list[tuple[str, str]], expected: set[str]
) -> None:
    assert found(resource_type, *params) == expected


def test_every_parameter_of_every_type_is_exercised() -> None:
    used = {
        (kind, name.partition(":")[0]) for kind, params, _ in CORPUS_SEARCHES for name, _ in params
    }
    dated = {("Observation", "date")}  # exercised by the date tests below
    every = {
        (kind, p.name)
        for kind, params in SEARCH_PARAMETERS.items()
        if kind in SEARCHABLE_TYPES
        for p in params
        if p.name != "_lastUpdated"  # on every type alike: tests/e2e/fhir/test_any_type.py
    }
    assert every - dated <= used


# -- OR and AND ---------------------------------------------------------------


def test_commas_are_alternatives() -> None:
    assert found("Condition", ("code", f"{OMS}|42,{OMS}|21")) == {
        "condition-bouzid-42",
        "condition-gerrit-42",
        "condition-johanna-21",
    }
    assert found("Goal", ("patient", "gerrit-jansen,Patient/johanna-de-boer")) == {
        "goal-gerrit-zelf-wassen",
        "goal-johanna-thuis-wonen",
    }
    assert found("Patient", ("name", "jansen,bouzid")) == {"gerrit-jansen", "mohamed-bouzid"}


def test_repeated_parameters_all_hold() -> None:
    assert found("Condition", ("code", f"{OMS}|42"), ("patient", "gerrit-jansen")) == {
        "condition-gerrit-42"
    }
    assert found("Observation", ("patient", "gerrit-jansen"), ("code", f"{OMAHA}|status")) == {
        "obs-gerrit-38-s-2023",
        "obs-gerrit-38-s-2024",
    }
    both = [("participant", "RelatedPerson/riet-jansen"), ("participant", "joost-mulder")]
    assert found("CareTeam", *both) == {"careteam-gerrit-jansen"}
    assert found("CareTeam", *both, ("participant", "RelatedPerson/kees-de-boer")) == set()


def test_or_and_and_together() -> None:
    query = parse_search(
        "Observation",
        [
            ("code", f"{OMAHA}|knowledge,{OMAHA}|behavior"),
            ("patient", "mohamed-bouzid,gerrit-jansen"),
        ],
    )
    assert run(query) == {
        "obs-bouzid-42-b",
        "obs-bouzid-42-k",
        "obs-gerrit-38-b-2023",
        "obs-gerrit-38-k-2023",
        "obs-gerrit-42-k-2023",
    }
    assert len(query.groups) == 2


def test_a_bare_id_is_an_alternative_per_target_type() -> None:
    query = parse_search("CareTeam", [("participant", "p1")])
    assert query.groups == (
        (
            "participant|CareTeam/p1",
            "participant|Organization/p1",
            "participant|Patient/p1",
            "participant|Practitioner/p1",
            "participant|PractitionerRole/p1",
            "participant|RelatedPerson/p1",
        ),
    )
    assert parse_search("Condition", [("patient", "p1")]).groups == (("patient|Patient/p1",),)
    assert parse_search(
        "Condition", [("subject", "https://x.example/r4/Patient/p1/_history/2")]
    ) == (parse_search("Condition", [("subject", "p1")]))


# -- names ----------------------------------------------------------------------


JOSE = person("jose", family="García Márquez", given=["José"])
BOER = person("boer", family="Boer", given=["Kees"])
DE_BOER = person("de-boer", family="de Boer", given=["Kees"])
NAMES = [JOSE, BOER, DE_BOER]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jose", {"jose"}),
        ("JOSÉ", {"jose"}),
        ("jos", {"jose"}),
        ("garcia", {"jose"}),
        ("Marq", {"jose"}),
        ("arcia", set()),
        ("josé garcía", {"jose"}),
        ("kees", {"boer", "de-boer"}),
        ("boer", {"boer", "de-boer"}),
        ("de", {"de-boer"}),
        ("de boer", {"de-boer"}),
        ("de kees", {"de-boer"}),
        ("de jose", set()),
        ("de,jose", {"de-boer", "jose"}),
        ("de boer,jose", {"de-boer", "jose"}),
        ("deboer", set()),
    ],
)
def test_names_match_the_start_of_words_ignoring_case_and_accents(
    value: str, expected: set[str]
) -> None:
    assert found_in(NAMES, ("name", value)) == expected


def test_folded_letters_and_every_name_part() -> None:
    resources = [
        person("soren", given=["Søren"], family="Ødegård"),
        person("strasse", family="Straße"),
        person("lodz", text="Łukasz Dąbrowski"),
        person("titles", family="Smit", prefix=["Dr."], suffix=["PhD"]),
        person("long", family="x" * 60),
    ]
    assert found_in(resources, ("name", "soren")) == {"soren"}
    assert found_in(resources, ("name", "ODEGARD")) == {"soren"}
    assert found_in(resources, ("name", "strasse")) == {"strasse"}
    assert found_in(resources, ("name", "lukasz dabrow")) == {"lodz"}
    assert found_in(resources, ("name", "dr")) == {"titles"}
    assert found_in(resources, ("name", "phd")) == {"titles"}
    assert found_in(resources, ("name", "x" * 60)) == {"long"}
    assert found_in(resources, ("name", "x" * 40 + "y")) == {"long"}  # only 40 count
    tokens = index_terms(resources[-1]).tokens
    assert max(len(t) for t in tokens) == len("name|") + 40


def test_a_name_search_is_one_group_per_word() -> None:
    query = parse_search("Patient", [("name", "Anna-Maria  de Jong")])
    assert query.groups == (("name|anna",), ("name|de",), ("name|jong",), ("name|maria",))
    assert query.criteria == (("name", "anna de jong maria"),)


# -- dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ([("date", "2024-04-02")], {"obs-bouzid-24-s", "obs-bouzid-42-b", "obs-bouzid-42-k"}),
        ([("date", "eq2023")], GERRIT_OBSERVATIONS - {"obs-gerrit-38-s-2024"}),
        ([("date", "2024-03")], {"obs-gerrit-38-s-2024"}),
        ([("date", "ge2024-03-01"), ("date", "le2024-03-31")], {"obs-gerrit-38-s-2024"}),
        ([("date", "gt2024-02-29"), ("date", "lt2024-04")], {"obs-gerrit-38-s-2024"}),
        ([("date", "lt2024")], GERRIT_OBSERVATIONS - {"obs-gerrit-38-s-2024"}),
        ([("date", "le2023-12-31T23:59:59Z")], GERRIT_OBSERVATIONS - {"obs-gerrit-38-s-2024"}),
        (
            [("date", "gt2024-02-12")],
            {"obs-bouzid-24-s", "obs-bouzid-42-b", "obs-bouzid-42-k", "obs-gerrit-38-s-2024"},
        ),
        # 09:40+01:00 is 08:40Z; the other Observation that day has no time.
        ([("date", "2024-01-08T08:40Z")], {"obs-johanna-bloeddruk", "obs-johanna-21-s"}),
        ([("date", "2024-01-08T09:40:00+01:00")], {"obs-johanna-bloeddruk", "obs-johanna-21-s"}),
        ([("date", "ge2024-01-08T08:41Z"), ("date", "le2024-01-08")], {"obs-johanna-21-s"}),
        ([("date", "le2024-01-08T08:39:59Z"), ("date", "ge2024-01-08")], {"obs-johanna-21-s"}),
        (
            [("date", "gt2024-01-08T09:39:59+01:00"), ("date", "lt2024-01-09")],
            {"obs-johanna-bloeddruk", "obs-johanna-21-s"},
        ),
        # an effectivePeriod from 08:00Z to 08:30Z on 2024-04-02
        ([("date", "2024-04-02T08:15:00Z"), ("code", f"{OMAHA}|status")], {"obs-bouzid-24-s"}),
        ([("date", "ge2024-04-02T08:30:01Z"), ("code", f"{OMAHA}|status")], set()),
        (  # the period starts at 08:00:00Z; the day-long ones before it
            [("date", "lt2024-04-02T10:00+02:00"), ("date", "ge2024-04")],
            {"obs-bouzid-42-b", "obs-bouzid-42-k"},
        ),
        (
            [("date", "le2024-04-02T10:00+02:00"), ("date", "ge2024-04")],
            {"obs-bouzid-24-s", "obs-bouzid-42-b", "obs-bouzid-42-k"},
        ),
        (
            [("date", "le2024-04-02T10:00+02:00"), ("date", "ge2024-04-02T08:00:01Z")],
            {"obs-bouzid-24-s", "obs-bouzid-42-b", "obs-bouzid-42-k"},
        ),
        ([("date", "ge2025"), ("date", "le2023")], set()),
    ],
)
def test_dates(params: list[tuple[str, str]], expected: set[str]) -> None:
    assert found("Observation", *params) == expected


def test_date_bounds() -> None:
    def bounds(*values: str) -> tuple[str | None, str | None]:
        query = parse_search("Observation", [("date", v) for v in values])
        return query.date_from, query.date_to

    assert bounds("2024-03") == ("2024-03-01T00:00:00Z", "2024-03-31T23:59:59Z")
    assert bounds("ge2024-03") == ("2024-03-01T00:00:00Z", None)
    assert bounds("gt2024-03") == ("2024-04-01T00:00:00Z", None)
    assert bounds("le2024-03") == (None, "2024-03-31T23:59:59Z")
    assert bounds("lt2024-03") == (None, "2024-02-29T23:59:59Z")
    assert bounds("2024-03-05T10:15+01:00") == ("2024-03-05T09:15:00Z", "2024-03-05T09:15:59Z")
    assert bounds("ge2024", "ge2024-06", "le2025", "le2024-09-01") == (
        "2024-06-01T00:00:00Z",
        "2024-09-01T23:59:59Z",
    )


def test_an_observation_without_a_date_fails_any_date_bound() -> None:
    undated = {"resourceType": "Observation", "id": "u", "status": "final"}
    dated = {"resourceType": "Observation", "id": "d", "effectiveDateTime": "2020"}
    assert found_in([undated, dated], ("date", "ge1900")) == {"d"}
    assert found_in([undated, dated], ("date", "le3000")) == {"d"}
    assert found_in([undated, dated]) == {"u", "d"}


# -- errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("resource_type", "params", "expression"),
    [
        ("Patient", [("birthdate", "1944")], "Patient?birthdate"),
        ("Goal", [("date", "2024")], "Goal?date"),
        ("Patient", [("_sort", "name")], "Patient?_sort"),
        ("Patient", [("name:exact", "Jo")], "Patient?name:exact"),
        ("Patient", [("name:", "Jo")], "Patient?name:"),
        ("Condition", [("code:text", "x")], "Condition?code:text"),
        ("CareTeam", [("status:not", "active")], "CareTeam?status:not"),
        ("CareTeam", [("participant:identifier", "x|y")], "CareTeam?participant:identifier"),
        ("CareTeam", [("participant:Goal", "x")], "CareTeam?participant:Goal"),
        ("CareTeam", [("_id:missing", "true")], "CareTeam?_id:missing"),
        ("Observation", [("date:missing", "true")], "Observation?date:missing"),
        ("Observation", [("date", "2024-13")], "Observation?date"),
        ("Observation", [("date", "2024-02-30")], "Observation?date"),
        ("Observation", [("date", "24-01-01")], "Observation?date"),
        ("Observation", [("date", "2024-01-01T25:00Z")], "Observation?date"),
        ("Observation", [("date", "2024-01-01T10:00+15:00")], "Observation?date"),
        ("Observation", [("date", "ne2024")], "Observation?date"),
        ("Observation", [("date", "ap2024")], "Observation?date"),
        ("Observation", [("date", "xx2024")], "Observation?date"),
        ("Observation", [("date", "ge")], "Observation?date"),
        ("Observation", [("date", "2024,2025")], "Observation?date"),
        ("Observation", [("date", "gt9999")], "Observation?date"),
        ("Observation", [("date", "lt0001-01-01")], "Observation?date"),
        ("Patient", [("_count", "0")], "Patient?_count"),
        ("Patient", [("_count", "-5")], "Patient?_count"),
        ("Patient", [("_count", "ten")], "Patient?_count"),
        ("Patient", [("_count", "1.5")], "Patient?_count"),
        ("Patient", [("_count", "5"), ("_count", "6")], "Patient?_count"),
        ("Patient", [("_count:x", "5")], "Patient?_count:x"),
        ("Patient", [("_after", "a"), ("_after", "b")], "Patient?_after"),
        ("Patient", [("_include", "*")], "Patient?_include"),
        ("CareTeam", [("_include", "CareTeam:*")], "CareTeam?_include"),
        ("CareTeam", [("_include", "Observation:patient")], "CareTeam?_include"),
        ("CareTeam", [("_include", "CareTeam:status")], "CareTeam?_include"),
        ("CareTeam", [("_include", "CareTeam")], "CareTeam?_include"),
        ("CareTeam", [("_include", "CareTeam:participant:Goal")], "CareTeam?_include"),
        ("CareTeam", [("_include", "CareTeam:participant:RelatedPerson:x")], "CareTeam?_include"),
        ("CareTeam", [("_include:iterate", "CareTeam:participant")], "CareTeam?_include:iterate"),
        ("Patient", [("_revinclude", "Observation:performer")], "Patient?_revinclude"),
        ("Organization", [("_revinclude", "Observation:patient")], "Organization?_revinclude"),
        ("Patient", [("_revinclude", "CareTeam:participant:RelatedPerson")], "Patient?_revinclude"),
        ("Patient", [("_revinclude", "Device:owner")], "Patient?_revinclude"),
        ("Patient", [("name", "")], "Patient?name"),
        ("Patient", [("_after", "")], "Patient?_after"),
        ("Patient", [("identifier", "a,,b")], "Patient?identifier"),
        ("Patient", [("identifier", "a,")], "Patient?identifier"),
        ("Condition", [("patient", "Practitioner/x")], "Condition?patient"),
        ("Condition", [("patient", "not a reference")], "Condition?patient"),
        ("Condition", [("patient", "#contained")], "Condition?patient"),
        ("Patient", [("_id", "bad id")], "Patient?_id"),
        ("Patient", [("_id", "x" * 65)], "Patient?_id"),
        ("Patient", [("_id", ",".join(["a"] * 101))], "Patient?_id"),
        ("Condition", [("code", "a|b|c")], "Condition?code"),
        ("Condition", [("code", "|")], "Condition?code"),
        ("CareTeam", [("status", "urn:x|")], "CareTeam?status"),
        ("Patient", [("name", "!!! ---")], "Patient?name"),
        ("Patient", [("name", "a b c d e f g h i,j k l m n o p q")], "Patient?name"),
        ("Patient", [("name", "Jo\x00")], "Patient?name"),
        ("Patient", [("identifier", "\ud800")], "Patient?identifier"),
    ],
)
def test_what_cannot_be_searched(
    resource_type: str, params: list[tuple[str, str]], expression: str
) -> None:
    with pytest.raises(FhirValidationError) as raised:
        parse_search(resource_type, params)
    assert [issue.expression for issue in raised.value.issues] == [expression]
    issue = raised.value.issues[0]
    assert issue.message and issue.severity == "error"
    assert issue.code in ("value", "not-supported", "too-costly")


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(FhirValidationError) as raised:
        parse_search("Patient", [("birthdate", "1944"), ("name:exact", "Jo"), ("_count", "x")])
    assert [i.expression for i in raised.value.issues] == [
        "Patient?birthdate",
        "Patient?name:exact",
        "Patient?_count",
    ]
    assert raised.value.issues[0].code == "not-supported"
    assert "identifier" in raised.value.issues[0].message  # says what is accepted


def test_messages_say_what_is_accepted() -> None:
    def message(resource_type: str, *params: tuple[str, str]) -> str:
        with pytest.raises(FhirValidationError) as raised:
            parse_search(resource_type, list(params))
        return raised.value.issues[0].message

    assert "ge, gt, le or lt" in message("Observation", ("date", "ne2024"))
    assert "YYYY-MM-DD" in message("Observation", ("date", "yesterday"))
    assert "at least 1 (a page holds at most 1000)" in message("Patient", ("_count", "0"))
    assert "CareTeam:participant" in message("CareTeam", ("_include", "*"))
    assert "Observation:focus" in message("Goal", ("_revinclude", "Goal:patient"))
    assert "Type/id" in message("Goal", ("patient", "a b"))


def test_a_type_that_cannot_be_searched() -> None:
    with pytest.raises(FhirValidationError) as raised:
        parse_search("Bundle", [])
    assert raised.value.issues[0].expression == "Bundle"


# -- paging and result parameters -------------------------------------------------


@pytest.mark.parametrize(
    ("value", "count"),
    [("10", 10), ("1", 1), ("0010", 10), ("1000", 1000), ("1001", 1000), ("9" * 30, 1000)],
)
def test_count_is_clamped_to_a_thousand(value: str, count: int) -> None:
    assert parse_search("Patient", [("_count", value)]).count == count


def test_defaults_and_ignored_parameters() -> None:
    plain = parse_search("Patient", [])
    assert (plain.count, plain.after, plain.groups) == (50, None, ())
    assert parse_search("Patient", [("_format", "json"), ("_pretty", "true")]) == plain
    assert parse_search("Patient", [("_format", "")]) == plain
    assert parse_search("Patient", [("_after", "p-17")]).after == "p-17"
    assert MAX_COUNT == 1000


# -- includes ---------------------------------------------------------------------


def test_include_targets() -> None:
    johanna = CORPUS[ResourceKey("CareTeam", "careteam-johanna-de-boer")]
    participant = Include("CareTeam", "participant")
    assert include_targets(johanna, participant) == [
        "RelatedPerson/kees-de-boer",
        "PractitionerRole/fatima-yilmaz-assendorp",
        "Practitioner/pieter-bos",
    ]
    informal = Include("CareTeam", "participant", "RelatedPerson")
    assert include_targets(johanna, informal) == ["RelatedPerson/kees-de-boer"]
    truus = CORPUS[ResourceKey("CareTeam", TRUUS_TEAM)]  # one member is contained
    assert include_targets(truus, participant) == [
        f"RelatedPerson/{WILMA}",
        "Practitioner/fatima-yilmaz",
        "Practitioner/eva-smit",
    ]
    hospital = CORPUS[ResourceKey("CareTeam", "careteam-bouzid-ziekenhuis")]
    assert include_targets(hospital, participant) == ["Practitioner/ingrid-visser"]
    assert include_targets(johanna, Include("CareTeam", "patient")) == ["Patient/johanna-de-boer"]
    assert include_targets(johanna, Include("CarePlan", "patient")) == []  # another source
    assert include_targets(johanna, Include("CareTeam", "status")) == []
    plan = CORPUS[ResourceKey("CarePlan", "careplan-gerrit-jansen")]
    assert include_targets(plan, Include("CarePlan", "care-team")) == [
        "CareTeam/careteam-gerrit-jansen"
    ]
    rating = CORPUS[ResourceKey("Observation", "obs-gerrit-42-k-2023")]
    assert include_targets(rating, Include("Observation", "focus")) == [
        "Condition/condition-gerrit-42"
    ]
    assert include_targets(rating, Include("Observation", "focus", "Goal")) == []
    role = CORPUS[ResourceKey("PractitionerRole", "eva-smit-huisarts")]
    assert include_targets(role, Include("PractitionerRole", "organization")) == [
        "Organization/huisartsen-assendorp"
    ]
    kees = CORPUS[ResourceKey("RelatedPerson", "kees-de-boer")]
    assert include_targets(kees, Include("RelatedPerson", "patient")) == ["Patient/johanna-de-boer"]


def test_include_targets_of_absolute_references_to_this_server() -> None:
    team: dict[str, Any] = {
        "resourceType": "CareTeam",
        "id": "t",
        "participant": [
            {"member": {"reference": f"{BASE_URL}/RelatedPerson/r1"}},
            {"member": {"reference": "RelatedPerson/r1"}},
        ],
    }
    participant = Include("CareTeam", "participant")
    assert include_targets(team, participant) == ["RelatedPerson/r1"]
    assert include_targets(team, participant, base_urls=BASES) == ["RelatedPerson/r1"]
    del team["participant"][1]
    assert include_targets(team, participant) == []


def test_includes_are_read_from_the_search() -> None:
    query = parse_search(
        "CareTeam",
        [
            ("_include", "CareTeam:subject"),
            ("_include", "CareTeam:participant:RelatedPerson"),
            ("_include", "CareTeam:subject"),
            ("_revinclude", "CarePlan:care-team"),
            ("_revinclude", "CareTeam:participant:CareTeam"),
        ],
    )
    assert query.includes == (
        Include("CareTeam", "participant", "RelatedPerson"),
        Include("CareTeam", "subject"),
    )
    assert query.revincludes == (
        Include("CarePlan", "care-team"),
        Include("CareTeam", "participant", "CareTeam"),
    )


def test_revinclude_groups_find_what_refers_to_the_page() -> None:
    conditions = found("Condition", ("patient", "gerrit-jansen"))
    keys = [f"Condition/{ident}" for ident in sorted(conditions)]
    focus = Include("Observation", "focus")
    groups = revinclude_groups(focus, keys)
    assert len(groups) == 1 and len(groups[0]) == len(keys)
    assert run(SearchQuery("Observation", groups)) == GERRIT_OBSERVATIONS
    assert revinclude_groups(focus, ["Condition/b", "Condition/a", "Condition/b"]) == (
        ("focus|Condition/a", "focus|Condition/b"),
    )


def test_revinclude_groups_with_a_target_type_and_with_no_keys() -> None:
    informal = Include("CareTeam", "participant", "RelatedPerson")
    keys = ["RelatedPerson/kees-de-boer", "Practitioner/joost-mulder"]
    groups = revinclude_groups(informal, keys)
    assert groups == (("participant|RelatedPerson/kees-de-boer",),)
    assert run(SearchQuery("CareTeam", groups)) == {"careteam-johanna-de-boer"}
    nothing = revinclude_groups(informal, [])
    assert nothing == ((),)
    assert run(SearchQuery("CareTeam", nothing)) == set()


# -- links --------------------------------------------------------------------------


ROUND_TRIPS = [
    ("Patient", []),
    ("CareTeam", [("status", "active"), ("patient", "Patient/p1")]),
    ("CareTeam", [("participant", "p1,RelatedPerson/r2"), ("participant:RelatedPerson", "r3")]),
    ("Condition", [("code", f"{OMS}|42,|x,y,urn:a\\|b|c\\,d"), ("code", "http://loinc.org|")]),
    ("Patient", [("name", "José de Boer,Jo"), ("name", "Straße"), ("_count", "5000")]),
    ("Observation", [("date", "2024-03"), ("date", "gt2024-03-05T10:15+01:00")]),
    ("Observation", [("date", "lt2024"), ("focus", "Condition/c1"), ("_count", "7")]),
    (
        "CareTeam",
        [
            ("_include", "CareTeam:participant:RelatedPerson"),
            ("_revinclude", "CarePlan:care-team"),
            ("_id", "b,a"),
            ("_after", "t-9"),
            ("_format", "json"),
        ],
    ),
]


@pytest.mark.parametrize(("resource_type", "params"), ROUND_TRIPS)
def test_as_query_reads_back_as_the_same_search(
    resource_type: str, params: list[tuple[str, str]]
) -> None:
    query = parse_search(resource_type, params)
    again = parse_search(
        resource_type, parse_qsl(query.as_query(query.after), keep_blank_values=True)
    )
    assert again == query
    following = parse_search(resource_type, parse_qsl(query.as_query("next-1")))
    assert following == dataclasses.replace(query, after="next-1")
    assert query.as_query(query.after) == again.as_query(again.after)


def test_as_query_is_canonical() -> None:
    first = parse_search("CareTeam", [("status", "active"), ("patient", "p1")])
    second = parse_search("CareTeam", [("subject:Patient", "x"), ("subject", "x")])
    assert first.as_query() == "patient=Patient/p1&status=active&_count=50"
    assert second.as_query("x1") == "subject=Patient/x&_count=50&_after=x1"
    dated = parse_search("Observation", [("date", "2024-03"), ("_count", "20")])
    assert dated.as_query() == ("date=ge2024-03-01T00:00:00Z&date=le2024-03-31T23:59:59Z&_count=20")


# -- properties ---------------------------------------------------------------------


NAMES_USED = [p.name for params in SEARCH_PARAMETERS.values() for p in params]
PARAM_NAMES = st.one_of(
    st.sampled_from(
        [*NAMES_USED, "_count", "_after", "_include", "_revinclude", "_format", "_sort"]
    ),
    st.builds(
        lambda n, m: f"{n}:{m}",
        st.sampled_from(NAMES_USED),
        st.sampled_from(["exact", "Patient", "RelatedPerson", "", "missing", "iterate"]),
    ),
    st.text(max_size=12),
)
FRAGMENTS = st.sampled_from(
    [
        "Patient/p1", "p1", "https://x.example/fhir/RelatedPerson/r-1", "#c", "|", ",", "\\",
        "\\,", "\\|", "ge", "gt", "lt", "ne", "2024", "2024-02-29", "-03", "T10:00", ":00",
        "+01:00", "Z", "+14:00", "9999", "0001", "CareTeam:participant", ":RelatedPerson",
        "Observation:focus", "*", "José", "ß", " ", "0", "1000", "99999", "\x00", "\ud800",
        "Ǆ", "ﬁ", "İ",
    ]
)  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=4)), max_size=6).map("".join),
)
TYPES = st.one_of(st.sampled_from(SEARCHABLE_TYPES), st.text(max_size=10))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TYPES, st.lists(st.tuples(PARAM_NAMES, VALUES), max_size=6))
def test_any_search_reads_or_fails_with_issues_and_links_read_back(
    resource_type: str, params: list[tuple[str, str]]
) -> None:
    try:
        query = parse_search(resource_type, params)
    except FhirValidationError as error:
        assert error.issues
        if resource_type in SEARCHABLE_TYPES:
            assert all(i.expression.startswith(f"{resource_type}?") for i in error.issues)
        return
    text = query.as_query(query.after)
    assert parse_search(resource_type, parse_qsl(text, keep_blank_values=True)) == query


def _joined(alternative: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(alternative, min_size=1, max_size=3).map(",".join)


IDS = st.from_regex(r"[A-Za-z0-9\-.]{1,8}", fullmatch=True)
DATES = st.builds(
    lambda prefix, year, rest, zone: f"{prefix}{year:04d}{rest}{zone if 'T' in rest else ''}",
    st.sampled_from(["", "eq", "ge", "gt", "le", "lt", "ne"]),
    st.integers(0, 9999),
    st.sampled_from(["", "-02", "-02-29", "-12-31", "-01-01T00:00", "-06-15T23:59:59.5", "-13"]),
    st.sampled_from(["", "Z", "+14:00", "-09:30", "+15:00"]),
)
VALUE_OF: dict[str, st.SearchStrategy[str]] = {
    "reference": _joined(
        st.one_of(
            IDS,
            st.builds("{}/{}".format, st.sampled_from(SEARCHABLE_TYPES), IDS),
            st.builds("https://x.example/fhir/RelatedPerson/{}".format, IDS),
        )
    ),
    "token": _joined(
        st.builds(
            "{}{}{}".format,
            st.sampled_from(["", "urn:a", "http://loinc.org", "s\\|x"]),
            st.sampled_from(["", "|", "\\|"]),
            st.text(min_size=0, max_size=6),
        )
    ),
    "string": st.text(max_size=20),
    "date": DATES,
}
RESULT_VALUES = {
    "_count": st.integers(0, 5000).map(str),
    "_after": IDS,
    "_include": st.sampled_from([v for vs in INCLUDES.values() for v in vs] + ["*"]),
    "_revinclude": st.sampled_from([v for vs in REVINCLUDES.values() for v in vs]),
}


@st.composite
def searches(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    """Searches that are mostly right: real parameters with values of their kind."""
    kind = draw(st.sampled_from(SEARCHABLE_TYPES))
    params: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(0, 5))):
        choices: list[SearchParameter | str] = [*SEARCH_PARAMETERS[kind], *RESULT_VALUES]
        param = draw(st.sampled_from(choices))
        if isinstance(param, str):
            value = draw(RESULT_VALUES[param])
            params.append((param, value))
            continue
        name = param.name
        typed: bool = draw(st.booleans())
        if param.targets and typed:
            name += ":" + draw(st.sampled_from(param.targets))
        params.append((name, draw(IDS if param.name == "_id" else VALUE_OF[param.type])))
    return kind, params


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(searches())
def test_searches_that_read_give_links_that_read_back(
    search: tuple[str, list[tuple[str, str]]],
) -> None:
    resource_type, params = search
    try:
        query = parse_search(resource_type, params)
    except FhirValidationError as error:
        assert all(i.expression.startswith(f"{resource_type}?") for i in error.issues)
        return
    text = query.as_query(query.after)
    assert parse_search(resource_type, parse_qsl(text, keep_blank_values=True)) == query
    assert query.as_query(query.after) == text


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_a_name_is_found_by_itself_and_by_the_start_of_each_word(text: str) -> None:
    resource = person("p", family=text)
    try:
        parse_search("Patient", [("name", text)])
    except FhirValidationError:
        assume(False)
    assert found_in([resource], ("name", text.replace("\\", "\\\\").replace(",", "\\,"))) == {"p"}
    terms = set(index_terms(resource).tokens)
    for word in parse_search("Patient", [("name", text.replace(",", " "))]).groups:
        assert word[0] in terms
