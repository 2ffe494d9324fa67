"""The population generator and the demo neighbourhood: deterministic, valid,
varied, with the gaps nurses look for."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphsvc.analysis import GapKind, find_gaps
from graphsvc.domain import (
    KnowsTie,
    Onion,
    OrganizationKind,
    Person,
    Population,
    Ring,
    SupportKind,
)
from graphsvc.seeding import (
    REFERENCE_DATE,
    Archetype,
    dumps_population,
    generate_colleague_ties,
    generate_population,
    generate_staffing,
    iter_labelled_onions,
    iter_onions,
    iter_population,
    population_to_json,
)
from graphsvc.seeding.demo import DEMO_FILE, DEMO_SEED, DEMO_TEAM, build_demo

FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
ROOT = Path(__file__).resolve().parents[2]
ELDERLY_CARE_CODES = {
    "01", "03", "05", "06", "10", "11", "21", "24", "25", "27", "30", "35", "36", "38", "42",
}  # fmt: skip


@cache
def population() -> Population:
    return generate_population(4, 45, 10, seed=11)


@cache
def demo() -> Population:
    return build_demo()


# -- what a nurse would call a gap -------------------------------------------


def informal_count(onion: Onion) -> int:
    return sum(1 for _ in onion.ring(Ring.INFORMAL))


def unsupported_needs(onion: Onion) -> list[str]:
    supported = {s.need_id for s in onion.supports if s.active}
    return [n.code for n in onion.needs if n.active and n.id not in supported]


def single_supporter_needs(onion: Onion) -> list[str]:
    count = Counter(s.need_id for s in onion.supports if s.active)
    return [n.code for n in onion.needs if n.active and count[n.id] == 1]


def informal_hours(onion: Onion) -> dict[str, float]:
    informal = {m.person.id for m in onion.ring(Ring.INFORMAL)}
    hours: dict[str, float] = {}
    for s in onion.supports:
        if s.active and s.supporter_id in informal:
            hours[s.supporter_id] = hours.get(s.supporter_id, 0.0) + s.hours_per_week
    return hours


def overloaded(onion: Onion) -> bool:
    return any(h > 20 for h in informal_hours(onion).values())


def has_gp(onion: Onion) -> bool:
    return any(m.person.role == "general practitioner" for m in onion.ring(Ring.FORMAL))


def fragmented(onion: Onion) -> bool:
    """A professional helps with an active need and knows no nurse of the team."""
    return any(g.kind is GapKind.FRAGMENTED_FORMAL_NETWORK for g in find_gaps(onion))


def staff_ties(onion: Onion) -> set[KnowsTie]:
    informal = {m.person.id for m in onion.ring(Ring.INFORMAL)}
    return {k for k in onion.knows if k.person_a not in informal}


def colleague_ties_in(onion: Onion, colleagues: tuple[KnowsTie, ...]) -> set[KnowsTie]:
    people = {m.person.id for m in onion.members}
    return {k for k in colleagues if k.person_a in people and k.person_b in people}


def all_ids(pop: Population) -> Iterator[str]:
    yield from (t.id for t in pop.teams)
    yield from (o.id for o in pop.organizations)
    for s in pop.staff:
        yield s.person.id
        yield from s.organization_ids
    for o in pop.onions:
        yield o.client.id
        if o.team_id is not None:
            yield o.team_id
        for m in o.members:
            yield m.person.id
            yield from m.organization_ids
        yield from (n.id for n in o.needs)
        yield from (b.id for b in o.observations)


# -- determinism ---------------------------------------------------------------


def test_same_seed_same_population() -> None:
    first = generate_population(2, 12, 5, seed=3)
    again = generate_population(2, 12, 5, seed=3)
    assert first == again
    assert dumps_population(first) == dumps_population(again)
    assert generate_colleague_ties(2, 5, seed=3) == generate_colleague_ties(2, 5, seed=3)
    assert generate_colleague_ties(2, 5, seed=3) != generate_colleague_ties(2, 5, seed=4)


def test_the_demo_is_the_same_every_time() -> None:
    assert dumps_population(build_demo()) == dumps_population(demo())


def test_different_seed_different_population() -> None:
    a = population_to_json(generate_population(1, 12, 5, seed=3))
    b = population_to_json(generate_population(1, 12, 5, seed=4))
    assert a["onions"] != b["onions"]
    assert a["staff"] != b["staff"]


def test_the_global_random_state_is_left_alone() -> None:
    import random

    random.seed(99)
    expected = random.random()
    random.seed(99)
    generate_population(1, 5, 3, seed=1)
    assert random.random() == expected


def test_a_team_comes_out_the_same_whatever_else_is_drawn() -> None:
    two = generate_population(2, 10, 4, seed=5)
    three = generate_population(3, 10, 4, seed=5)
    assert three.onions[:20] == two.onions
    assert three.teams[:2] == two.teams
    two_ties = generate_colleague_ties(2, 4, seed=5)
    assert generate_colleague_ties(3, 4, seed=5)[: len(two_ties)] == two_ties


def test_streamed_chunks_are_the_population() -> None:
    whole = generate_population(3, 7, 4, seed=8)
    chunks = list(iter_population(3, 7, 4, seed=8, clients_per_chunk=5))
    assert [len(c.onions) for c in chunks] == [5, 5, 5, 5, 1]
    assert (chunks[0].teams, chunks[0].organizations, chunks[0].staff) == (
        whole.teams,
        whole.organizations,
        whole.staff,
    )
    assert all(not c.teams and not c.staff and not c.organizations for c in chunks[1:])
    assert tuple(o for c in chunks for o in c.onions) == whole.onions
    assert tuple(iter_onions(3, 7, 4, seed=8)) == whole.onions
    assert generate_staffing(3, 4, seed=8) == Population(
        whole.teams, whole.organizations, whole.staff
    )


def test_a_population_without_clients_still_has_its_staff() -> None:
    chunks = list(iter_population(2, 0, 3, seed=1))
    assert len(chunks) == 1
    assert len(chunks[0].teams) == 2 and not chunks[0].onions
    assert len(generate_population(0, 10, 3).onions) == 0


@pytest.mark.parametrize(("teams", "clients", "nurses"), [(-1, 5, 3), (1, -5, 3), (1, 5, 0)])
def test_impossible_sizes_are_refused(teams: int, clients: int, nurses: int) -> None:
    with pytest.raises(ValueError):
        generate_population(teams, clients, nurses)
    with pytest.raises(ValueError):
        next(iter_onions(teams, clients, nurses))


def test_chunks_must_hold_a_client() -> None:
    with pytest.raises(ValueError):
        next(iter_population(1, 5, 3, clients_per_chunk=0))


# -- validity --------------------------------------------------------------------


def check_population(pop: Population) -> None:
    """Every rule a generated population keeps, whatever its size and seed."""
    for onion in pop.onions:
        onion.check_consistent()
    ids = list(all_ids(pop))
    assert all(FHIR_ID.fullmatch(i) for i in ids), [i for i in ids if not FHIR_ID.fullmatch(i)]
    for name, values in (
        ("team", [t.id for t in pop.teams]),
        ("organization", [o.id for o in pop.organizations]),
        ("staff", [s.person.id for s in pop.staff]),
        ("client", [o.client.id for o in pop.onions]),
        ("need", [n.id for o in pop.onions for n in o.needs]),
        ("observation", [b.id for o in pop.onions for b in o.observations]),
        ("informal person", [m.person.id for o in pop.onions for m in o.ring(Ring.INFORMAL)]),
    ):
        assert len(values) == len(set(values)), f"{name} ids repeat"
    for onion in pop.onions:
        members = [m.person.id for m in onion.members]
        assert len(members) == len(set(members))
    # one person, one description, wherever she appears
    people: dict[str, Person] = {s.person.id: s.person for s in pop.staff}
    for onion in pop.onions:
        for m in onion.members:
            assert people.setdefault(m.person.id, m.person) == m.person
    known = {t.id for t in pop.teams} | {o.id for o in pop.organizations}
    assert {i for s in pop.staff for i in s.organization_ids} <= known
    assert {i for o in pop.onions for m in o.members for i in m.organization_ids} <= known


def test_generated_population_is_valid() -> None:
    check_population(population())


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**40),
    teams=st.integers(min_value=1, max_value=3),
    clients=st.integers(min_value=0, max_value=8),
    nurses=st.integers(min_value=1, max_value=12),
)
def test_any_seed_and_size_gives_a_valid_population(
    seed: int, teams: int, clients: int, nurses: int
) -> None:
    pop = generate_population(teams, clients, nurses, seed=seed)
    assert len(pop.teams) == teams
    assert len(pop.onions) == teams * clients
    check_population(pop)


def test_teams_and_their_neighbourhoods() -> None:
    pop = population()
    assert [t.id for t in pop.teams] == ["team-0001", "team-0002", "team-0003", "team-0004"]
    assert len({t.neighbourhood for t in pop.teams}) == 4
    for team in pop.teams:
        nurses = [s for s in pop.staff if s.organization_ids == (team.id,)]
        assert len(nurses) == 10
        assert all(s.person.ring is Ring.TEAM for s in nurses)
        kinds = {o.kind for o in pop.organizations if o.id.startswith(f"org-{team.id[5:]}-")}
        assert {
            OrganizationKind.GP_PRACTICE,
            OrganizationKind.PHARMACY,
            OrganizationKind.PHYSIOTHERAPY,
        } <= kinds
    roles = Counter(s.person.role for s in pop.staff if s.person.ring is Ring.FORMAL)
    assert roles["general practitioner"] >= 4
    assert roles["pharmacist"] >= 4
    assert roles["physiotherapist"] >= 4


def test_onions_have_the_shape_of_neighbourhood_care() -> None:
    pop = population()
    team_nurses = {
        t.id: {s.person.id for s in pop.staff if s.organization_ids == (t.id,)} for t in pop.teams
    }
    for onion in pop.onions:
        assert onion.team_id is not None
        assert onion.client.neighbourhood is not None
        nurses = [m.person.id for m in onion.ring(Ring.TEAM)]
        assert 1 <= len(nurses) <= 3
        assert set(nurses) <= team_nurses[onion.team_id]
        assert 1 <= len(onion.needs) <= 5
        assert any(n.active for n in onion.needs)
        assert {n.code for n in onion.needs} <= ELDERLY_CARE_CODES
        for m in onion.ring(Ring.INFORMAL):
            assert m.membership.relationship
            assert m.membership.closeness in (1, 2, 3)
            assert m.membership.contact_frequency is not None
            assert m.membership.since is not None
        assert onion.client.birth_date is not None
        age = (REFERENCE_DATE - onion.client.birth_date).days / 365.25
        assert 65 <= age <= 103


def test_support_is_given_by_the_right_people() -> None:
    for onion in population().onions:
        rings = {m.person.id: m.ring for m in onion.members}
        for s in onion.supports:
            ring = rings[s.supporter_id]
            if ring is Ring.INFORMAL:
                assert s.kind not in (SupportKind.NURSING, SupportKind.MEDICAL)
            if s.kind is SupportKind.NURSING:
                assert ring is Ring.TEAM
            assert s.frequency is not None
            assert 0 < s.hours_per_week <= 40
        for k in onion.knows:  # among family and friends, or a professional and a nurse
            ends = {rings[k.person_a], rings[k.person_b]}
            assert ends in ({Ring.INFORMAL}, {Ring.FORMAL, Ring.TEAM})


def test_dates_are_fixed_to_the_reference_date() -> None:
    year_before = REFERENCE_DATE - timedelta(days=365)
    for onion in population().onions:
        days = [m.membership.since for m in onion.members]
        days += [n.since for n in onion.needs] + [s.since for s in onion.supports]
        assert all(d is None or d <= REFERENCE_DATE for d in days)
        by_need = Counter(b.need_id for b in onion.observations)
        for need in onion.needs:
            assert by_need[need.id] >= 3  # Knowledge, Behavior and Status at least once
        for b in onion.observations:
            assert year_before <= b.effective <= REFERENCE_DATE
            assert 1 <= b.value <= 5


def test_members_are_seen_as_often_as_their_support_needs() -> None:
    order = ["daily", "several-times-a-week", "weekly", "monthly", "less-often"]
    for onion in population().onions:
        seen = {m.person.id: m.membership.contact_frequency for m in onion.members}
        for s in onion.supports:
            contact = seen[s.supporter_id]
            if s.active and s.frequency is not None and contact is not None:
                assert order.index(contact.value) <= order.index(s.frequency.value)


# -- variety and gaps --------------------------------------------------------------


def test_every_network_type_is_drawn() -> None:
    labelled = list(iter_labelled_onions(4, 45, 10, seed=11))
    assert tuple(lo.onion for lo in labelled) == population().onions
    types = Counter(lo.archetype for lo in labelled)
    assert set(types) == set(Archetype)
    assert all(count >= 10 for count in types.values())


def test_network_types_look_like_themselves() -> None:
    informal: dict[Archetype, list[int]] = {a: [] for a in Archetype}
    for lo in iter_labelled_onions(4, 45, 10, seed=11):
        informal[lo.archetype].append(informal_count(lo.onion))
        relationships = Counter(m.membership.relationship for m in lo.onion.ring(Ring.INFORMAL))
        if lo.archetype is Archetype.PRIVATE_RESTRICTED:
            assert informal_count(lo.onion) <= 1
        if lo.archetype is Archetype.FAMILY_DEPENDENT:
            assert relationships["daughter"] + relationships["son"] >= 1
        if lo.archetype is Archetype.WIDER_COMMUNITY_FOCUSED:
            assert relationships["friend"] >= 2
        if lo.archetype is Archetype.LOCAL_SELF_CONTAINED:
            assert relationships["neighbour"] >= 1

    def mean(xs: list[int]) -> float:
        return sum(xs) / len(xs)

    assert mean(informal[Archetype.LOCALLY_INTEGRATED]) > mean(
        informal[Archetype.LOCAL_SELF_CONTAINED]
    )
    assert mean(informal[Archetype.LOCAL_SELF_CONTAINED]) > mean(
        informal[Archetype.PRIVATE_RESTRICTED]
    )


def test_gaps_are_there_but_not_everywhere() -> None:
    onions = population().onions
    n = len(onions)
    isolated = sum(1 for o in onions if informal_count(o) <= 1)
    unsupported = sum(1 for o in onions if unsupported_needs(o))
    single = sum(1 for o in onions if single_supporter_needs(o))
    carers = sum(1 for o in onions if overloaded(o))
    without_gp = sum(1 for o in onions if not has_gp(o))
    assert 0.05 * n <= isolated <= 0.35 * n
    assert 0.05 * n <= unsupported <= 0.4 * n
    assert single >= 0.3 * n
    assert 0.02 * n <= carers <= 0.25 * n
    assert 0.01 * n <= without_gp <= 0.15 * n  # nearly always a GP, deliberately not always


def test_professionals_mostly_know_a_nurse_of_the_team() -> None:
    onions = population().onions
    n = len(onions)
    assert 0 < sum(1 for o in onions if fragmented(o)) <= n / 3
    # the team is only a name to some professionals, and a pharmacist knows fewer nurses
    colleagues = generate_colleague_ties(4, 10, seed=11)
    formal = {
        s.person.id: s.person.role for s in population().staff if s.person.ring is Ring.FORMAL
    }
    known = Counter(formal[k.person_a if k.person_a in formal else k.person_b] for k in colleagues)
    knowing = {k.person_a if k.person_a in formal else k.person_b for k in colleagues}
    assert knowing < set(formal)
    assert known["general practitioner"] > known["pharmacist"]
    assert all(k.closeness in (1, 2, 3) for k in colleagues)


def test_staff_know_each_other_alike_in_every_onion() -> None:
    """The store keeps one KNOWS edge between two people, so an onion holds
    every tie of the neighbourhood's staff whose two people are both in it,
    with the same closeness everywhere."""
    colleagues = generate_colleague_ties(4, 10, seed=11)
    assert colleagues
    for onion in population().onions:
        assert staff_ties(onion) == colleague_ties_in(onion, colleagues)
    colleagues = generate_colleague_ties(1, 10, seed=DEMO_SEED)
    for onion in demo().onions:  # the clients written by hand too
        assert staff_ties(onion) == colleague_ties_in(onion, colleagues)


def test_resolved_needs_have_ended_support() -> None:
    onions = population().onions
    resolved = [n for o in onions for n in o.needs if not n.active]
    assert resolved
    ended = {n.id for n in resolved}
    for o in onions:
        for s in o.supports:
            if s.need_id in ended:
                assert not s.active


def test_families_know_each_other() -> None:
    for onion in population().onions:
        family = [
            m.person.id
            for m in onion.ring(Ring.INFORMAL)
            if m.membership.relationship in ("partner", "daughter", "son")
        ]
        pairs = {(k.person_a, k.person_b) for k in onion.knows}
        for i, a in enumerate(family):
            for b in family[i + 1 :]:
                assert tuple(sorted((a, b))) in pairs


def test_names_are_dutch_and_families_share_them() -> None:
    onions = population().onions
    names = [o.client.name for o in onions]
    assert len(set(names)) > 0.8 * len(names)
    for onion in onions:
        surname = onion.client.name.split(" ", 1)[1]
        for m in onion.ring(Ring.INFORMAL):
            if m.membership.relationship in ("partner", "daughter", "son"):
                assert m.person.name.endswith(surname)


# -- scale -------------------------------------------------------------------------


def test_twenty_teams_stream_through() -> None:
    clients = 0
    client_ids: set[str] = set()
    teams: set[str] = set()
    for chunk in iter_population(20, 111, 10, seed=2, clients_per_chunk=500):
        clients += len(chunk.onions)
        teams.update(t.id for t in chunk.teams)
        for onion in chunk.onions:
            client_ids.add(onion.client.id)
            assert onion.team_id in teams
    assert clients == len(client_ids) == 2220
    assert len(teams) == 20


# -- the demo neighbourhood ----------------------------------------------------------


def test_demo_file_is_build_demo() -> None:
    text = (ROOT / DEMO_FILE).read_text(encoding="utf-8")
    assert json.loads(text) == population_to_json(demo())
    assert text == dumps_population(demo()), "run: python -m graphsvc.seeding.demo"
    assert text.endswith("\n")


def test_demo_is_one_team() -> None:
    pop = demo()
    check_population(pop)
    assert [t.id for t in pop.teams] == [DEMO_TEAM] == ["team-0001"]
    nurses = [s for s in pop.staff if s.person.ring is Ring.TEAM]
    assert 8 <= len(nurses) <= 12
    assert 40 <= len(pop.onions) <= 60
    assert all(o.team_id == DEMO_TEAM for o in pop.onions)


def test_demo_has_every_gap() -> None:
    onions = demo().onions
    assert any(informal_count(o) <= 1 for o in onions)
    assert any(unsupported_needs(o) for o in onions)
    assert any(single_supporter_needs(o) for o in onions)
    assert any(overloaded(o) for o in onions)
    assert any(not has_gp(o) for o in onions)
    assert sum(1 for o in onions if has_gp(o)) > 0.8 * len(onions)


def test_demo_formal_network_is_mostly_joined_up() -> None:
    onions = demo().onions
    assert 0 < sum(1 for o in onions if fragmented(o)) <= len(onions) / 3


def test_demo_has_varied_networks() -> None:
    sizes = Counter(informal_count(o) for o in demo().onions)
    assert len(sizes) >= 5
    assert max(sizes) >= 5


def test_demo_stories() -> None:
    by_id = {o.client.id: o for o in demo().onions}
    widow = by_id["client-000001"]
    assert widow.client.name == "Geertruida Bakker"
    assert informal_count(widow) == 1
    assert "06" in unsupported_needs(widow)
    henk = by_id["client-000002"]
    marieke = next(m for m in henk.members if m.person.name == "Marieke Wolters")
    assert informal_hours(henk)[marieke.person.id] == 25.0
    assert marieke.membership.role == "main carer"
    assert len({s.need_id for s in henk.supports if s.supporter_id == marieke.person.id}) == 4
    newcomer = by_id["client-000003"]
    assert newcomer.client.name == "Jan de Boer"
    assert not has_gp(newcomer)


def test_demo_clients_can_be_told_apart() -> None:
    names = [o.client.name for o in demo().onions]
    assert len(names) == len(set(names))
