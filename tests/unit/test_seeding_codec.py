"""The population seed format: exact round trips, and every malformed value
refused with a ValidationError that names its path."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphsvc.domain import (
    Client,
    Frequency,
    KnowsTie,
    Member,
    Membership,
    Need,
    NeedStatus,
    Observation,
    Onion,
    Organization,
    OrganizationKind,
    Person,
    Population,
    RatingDimension,
    Ring,
    Staff,
    SupportKind,
    SupportTie,
    Team,
    TieStatus,
    ValidationError,
)
from graphsvc.seeding import (
    FORMAT,
    dump_population,
    dumps_population,
    generate_population,
    load_population,
    loads_population,
    population_from_json,
    population_to_json,
)

NURSE = Person("person-t1-nurse-1", "Lotte Visser", Ring.TEAM, "district nurse")
GP = Person("person-gp-1", "Koen Bos", Ring.FORMAL, "general practitioner")


def _onion(number: int) -> Onion:
    client_id = f"client-{number}"
    partner = Person(f"person-{number}-1", "Henk de Vries", Ring.INFORMAL, "partner")
    neighbour = Person(f"person-{number}-2", "Ria Smit", Ring.INFORMAL)
    need = Need(f"need-{number}-38", client_id, "38", NeedStatus.ACTIVE, date(2024, 3, 1))
    resolved = Need(f"need-{number}-24", client_id, "24", NeedStatus.RESOLVED)
    return Onion(
        client=Client(client_id, "Truus de Vries", "Lombok, Utrecht", date(1938, 2, 11)),
        team_id="team-1",
        version=3,
        members=(
            Member(
                partner,
                Membership(
                    partner.id,
                    client_id,
                    Ring.INFORMAL,
                    "main carer",
                    "partner",
                    Frequency.DAILY,
                    3,
                    date(1961, 6, 2),
                ),
            ),
            Member(neighbour, Membership(neighbour.id, client_id, Ring.INFORMAL)),
            Member(
                NURSE,
                Membership(NURSE.id, client_id, Ring.TEAM, "primary nurse", None, Frequency.DAILY),
                ("team-1",),
            ),
            Member(GP, Membership(GP.id, client_id, Ring.FORMAL), ("org-gp",)),
        ),
        needs=(need, resolved),
        supports=(
            SupportTie(partner.id, need.id, SupportKind.PERSONAL_CARE, Frequency.DAILY, 12.5),
            SupportTie(NURSE.id, need.id, SupportKind.NURSING, None, 3.0, since=date(2024, 3, 2)),
            SupportTie(GP.id, resolved.id, SupportKind.MEDICAL, status=TieStatus.ENDED),
        ),
        knows=(KnowsTie(neighbour.id, partner.id, 2), KnowsTie(NURSE.id, GP.id)),
        observations=(
            Observation(
                f"obs-{number}-1", client_id, need.id, RatingDimension.STATUS, 2, date(2025, 1, 5)
            ),
            Observation(
                f"obs-{number}-2", client_id, None, RatingDimension.KNOWLEDGE, 4, date(2025, 1, 5)
            ),
        ),
    )


def _population() -> Population:
    return Population(
        teams=(Team("team-1", "Team Lombok", "Lombok, Utrecht"), Team("team-2", "Team Zuilen")),
        organizations=(Organization("org-gp", "Huisartsen Lombok", OrganizationKind.GP_PRACTICE),),
        staff=(Staff(NURSE, ("team-1",)), Staff(GP, ("org-gp",))),
        onions=(_onion(1), _onion(2)),
    )


def _document() -> dict[str, Any]:
    return population_to_json(_population())


# -- writing and round trips -------------------------------------------------


def test_round_trip_is_exact() -> None:
    pop = _population()
    assert population_from_json(population_to_json(pop)) == pop


def test_round_trip_survives_json_text(tmp_path: Path) -> None:
    pop = _population()
    assert loads_population(dumps_population(pop)) == pop
    assert loads_population(dumps_population(pop, indent=None)) == pop
    path = tmp_path / "population.json"
    dump_population(pop, path)
    assert load_population(path) == pop
    assert path.read_text(encoding="utf-8").endswith("}\n")


def test_empty_population_round_trips() -> None:
    assert population_from_json(population_to_json(Population())) == Population()


def test_document_shape() -> None:
    doc = _document()
    assert doc["format"] == FORMAT == "graphsvc-population/1"
    onion = doc["onions"][0]
    assert onion["client"] == {
        "id": "client-1",
        "name": "Truus de Vries",
        "neighbourhood": "Lombok, Utrecht",
        "birthDate": "1938-02-11",
    }
    assert onion["teamId"] == "team-1"
    assert onion["members"][0] == {
        "person": {
            "id": "person-1-1",
            "name": "Henk de Vries",
            "ring": "informal",
            "role": "partner",
        },
        "ring": "informal",
        "role": "main carer",
        "relationship": "partner",
        "contactFrequency": "daily",
        "closeness": 3,
        "since": "1961-06-02",
        "organizationIds": [],
    }
    assert onion["supports"][0] == {
        "supporterId": "person-1-1",
        "needId": "need-1-38",
        "kind": "personal-care",
        "frequency": "daily",
        "hoursPerWeek": 12.5,
        "status": "active",
    }
    # the client is implied inside an onion
    assert "clientId" not in onion["needs"][0]
    assert "clientId" not in onion["observations"][0]
    assert onion["knows"][1] == {"personA": "person-gp-1", "personB": "person-t1-nurse-1"}
    assert "needId" not in onion["observations"][1]


def test_document_is_plain_json() -> None:
    doc = _document()
    assert json.loads(json.dumps(doc)) == doc


def test_text_is_readable_and_keeps_key_order() -> None:
    text = dumps_population(_population())
    assert text.startswith('{\n "format": "graphsvc-population/1",\n "teams": [')
    assert "Truus de Vries" in text


def test_non_ascii_names_survive() -> None:
    pop = _population()
    client = Client("client-9", "Ayşe Öztürk")
    onion = Onion(client, None)
    pop = Population(pop.teams, pop.organizations, pop.staff, (*pop.onions, onion))
    text = dumps_population(pop)
    assert "Ayşe Öztürk" in text
    assert loads_population(text) == pop


def test_writing_an_inconsistent_onion_names_it() -> None:
    onion = _onion(1)
    stray = SupportTie("person-nobody", onion.needs[0].id)
    bad = Onion(onion.client, onion.team_id, members=onion.members, needs=onion.needs,
                supports=(*onion.supports, stray))  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        population_to_json(Population(onions=(_onion(2), bad)))
    assert caught.value.field == "onions[1].supports[3].supporterId"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    teams=st.integers(min_value=0, max_value=2),
    clients=st.integers(min_value=0, max_value=6),
    nurses=st.integers(min_value=1, max_value=4),
)
def test_generated_populations_round_trip(seed: int, teams: int, clients: int, nurses: int) -> None:
    pop = generate_population(teams, clients, nurses, seed=seed)
    assert population_from_json(population_to_json(pop)) == pop
    assert loads_population(dumps_population(pop)) == pop


# -- reading malformed documents ---------------------------------------------


def _set(doc: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    *parents, last = path
    target: Any = doc
    for step in parents:
        target = target[step]
    target[last] = value


def _drop(doc: dict[str, Any], path: tuple[str | int, ...]) -> None:
    *parents, last = path
    target: Any = doc
    for step in parents:
        target = target[step]
    del target[last]


DROP = object()

MALFORMED: list[tuple[tuple[str | int, ...], object, str]] = [
    (("format",), "graphsvc-population/2", "format"),
    (("format",), 1, "format"),
    (("format",), DROP, "format"),
    (("teams",), DROP, "teams"),
    (("onions",), {"client-1": {}}, "onions"),
    (("onions", 1), "client-2", "onions[1]"),
    (("onions", 0, "client"), None, "onions[0].client"),
    (("onions", 0, "client", "id"), DROP, "onions[0].client.id"),
    (("onions", 0, "client", "id"), "client 1", "onions[0].client.id"),
    (("onions", 0, "client", "name"), "  ", "onions[0].client.name"),
    (("onions", 0, "client", "birthDate"), "1938-02-30", "onions[0].client.birthDate"),
    (("onions", 0, "client", "birthDate"), 19380211, "onions[0].client.birthDate"),
    (("onions", 1, "teamId"), "team/1", "onions[1].teamId"),
    (("onions", 0, "version"), -1, "onions[0].version"),
    (("onions", 0, "version"), "3", "onions[0].version"),
    (("onions", 0, "members", 0, "person", "ring"), "inner", "onions[0].members[0].person.ring"),
    (("onions", 0, "members", 0, "person", "name"), "", "onions[0].members[0].person.name"),
    (("onions", 0, "members", 0, "ring"), None, "onions[0].members[0].ring"),
    (("onions", 0, "members", 0, "closeness"), 7, "onions[0].members[0].closeness"),
    (("onions", 0, "members", 0, "closeness"), True, "onions[0].members[0].closeness"),
    (("onions", 0, "members", 0, "contactFrequency"), "hourly",
     "onions[0].members[0].contactFrequency"),
    (("onions", 0, "members", 2, "organizationIds"), "team-1",
     "onions[0].members[2].organizationIds"),
    (("onions", 0, "members", 2, "organizationIds", 0), "team 1",
     "onions[0].members[2].organizationIds[0]"),
    (("onions", 0, "members", 1, "person", "id"), "person-1-1", "onions[0].members[1].person.id"),
    (("onions", 1, "needs", 0, "code"), "99", "onions[1].needs[0].code"),
    (("onions", 1, "needs", 0, "code"), 38, "onions[1].needs[0].code"),
    (("onions", 1, "needs", 0, "status"), "open", "onions[1].needs[0].status"),
    (("onions", 1, "needs", 0, "severity"), "high", "onions[1].needs[0].severity"),
    (("onions", 1, "needs", 1, "id"), "need-2-38", "onions[1].needs[1].id"),
    (("onions", 0, "supports", 0, "hoursPerWeek"), "12.5", "onions[0].supports[0].hoursPerWeek"),
    (("onions", 0, "supports", 0, "hoursPerWeek"), 200, "onions[0].supports[0].hoursPerWeek"),
    (("onions", 0, "supports", 0, "kind"), "magic", "onions[0].supports[0].kind"),
    (("onions", 0, "supports", 0, "status"), DROP, "onions[0].supports[0].status"),
    (("onions", 0, "supports", 1, "supporterId"), "person-nobody",
     "onions[0].supports[1].supporterId"),
    (("onions", 0, "supports", 1, "needId"), "need-2-38", "onions[0].supports[1].needId"),
    (("onions", 0, "knows", 0, "personB"), "person-1-1", "onions[0].knows[0].personB"),
    (("onions", 0, "knows", 0, "personA"), "person-elsewhere", "onions[0].knows[0]"),
    (("onions", 0, "observations", 0, "value"), 6, "onions[0].observations[0].value"),
    (("onions", 0, "observations", 0, "value"), 2.0, "onions[0].observations[0].value"),
    (("onions", 0, "observations", 0, "effective"), DROP, "onions[0].observations[0].effective"),
    (("onions", 0, "observations", 0, "effective"), "2025-1-5",
     "onions[0].observations[0].effective"),
    (("onions", 0, "observations", 0, "needId"), "need-9", "onions[0].observations[0].needId"),
    (("onions", 0, "observations", 1, "dimension"), "mood",
     "onions[0].observations[1].dimension"),
    (("onions", 1, "observations", 0, "id"), "obs-1-1", "onions[1].observations[0].id"),
    (("onions", 1, "client", "id"), "client-1", "onions[1].client.id"),
    (("teams", 1, "id"), "team-1", "teams[1].id"),
    (("teams", 0, "id"), "team 1", "teams[0].id"),
    (("organizations", 0, "kind"), "bakery", "organizations[0].kind"),
    (("staff", 0, "person"), DROP, "staff[0].person"),
    (("staff", 1, "organizationIds", 0), 7, "staff[1].organizationIds[0]"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "value", "field"), MALFORMED)
def test_malformed_value_is_named_by_its_path(
    path: tuple[str | int, ...], value: object, field: str
) -> None:
    doc = _document()
    if value is DROP:
        _drop(doc, path)
    else:
        _set(doc, path, value)
    with pytest.raises(ValidationError) as caught:
        population_from_json(doc)
    assert caught.value.field == field


@pytest.mark.parametrize("data", [None, [], "graphsvc-population/1", 3])
def test_a_document_must_be_an_object(data: object) -> None:
    with pytest.raises(ValidationError) as caught:
        population_from_json(data)
    assert caught.value.field == "$"


def test_text_that_is_not_json_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        loads_population('{"format": "graphsvc-population/1",')
    assert caught.value.field == "$"
    assert "line 1" in caught.value.message


def test_ids_of_needs_are_unique_across_onions() -> None:
    doc = _document()
    twin = copy.deepcopy(doc["onions"][0])
    twin["client"]["id"] = "client-3"
    doc["onions"].append(twin)
    with pytest.raises(ValidationError) as caught:
        population_from_json(doc)
    assert caught.value.field == "onions[2].needs[0].id"


def test_the_same_professional_may_be_in_many_onions() -> None:
    pop = population_from_json(_document())
    assert {m.person for o in pop.onions for m in o.members if m.ring is not Ring.INFORMAL} == {
        NURSE,
        GP,
    }


def test_optional_keys_may_be_null_or_absent() -> None:
    doc = _document()
    doc["onions"][0]["client"]["neighbourhood"] = None
    del doc["onions"][0]["client"]["birthDate"]
    doc["onions"][0]["members"][0]["closeness"] = None
    pop = population_from_json(doc)
    client = pop.onions[0].client
    assert (client.neighbourhood, client.birth_date) == (None, None)
    assert pop.onions[0].members[0].membership.closeness is None


def test_reading_does_not_change_the_document() -> None:
    doc = _document()
    before = copy.deepcopy(doc)
    population_from_json(doc)
    assert doc == before


def _leaves(value: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(value, dict):
        found = [path] if path else []
        for key, item in value.items():
            found += _leaves(item, (*path, key))
        return found
    if isinstance(value, list):
        found = [path]
        for i, item in enumerate(value):
            found += _leaves(item, (*path, i))
        return found
    return [path]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(where=st.integers(min_value=0), value=JSON_VALUES, drop=st.booleans())
def test_any_damage_is_a_validation_error(where: int, value: object, drop: bool) -> None:
    """Whatever is put anywhere, reading either succeeds or says where it failed."""
    doc = _document()
    paths = _leaves(doc)
    path = paths[where % len(paths)]
    if drop:
        _drop(doc, path)
    else:
        _set(doc, path, value)
    try:
        population_from_json(doc)
    except ValidationError as e:
        assert e.field
        if e.field != "$":
            first = str(path[0])
            assert e.field.startswith(first)
