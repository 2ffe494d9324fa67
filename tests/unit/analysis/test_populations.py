"""Analysis of the demo neighbourhood and of a generated population."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from graphsvc.analysis import (
    GapKind,
    Grouping,
    NetworkType,
    aggregate,
    analyse_population,
    research_row,
)
from graphsvc.seeding.codec import load_population
from graphsvc.seeding.generator import generate_population, iter_labelled_onions

DEMO = Path(__file__).resolve().parents[3] / "seeds" / "demo-neighbourhood.json"


def test_demo_neighbourhood_has_the_gaps_it_was_written_with() -> None:
    population = load_population(DEMO)
    analyses = {a.client_id: a for a in analyse_population(population.onions)}
    found = Counter(g.kind for a in analyses.values() for g in a.gaps)
    for kind in (
        GapKind.UNCOVERED_NEED,
        GapKind.SINGLE_SUPPORTER,
        GapKind.OVERLOADED_CARER,
        GapKind.ISOLATED_CLIENT,
        GapKind.NO_GP,
    ):
        assert found[kind] >= 1, kind

    def kinds(client_id: str) -> set[GapKind]:
        return {g.kind for g in analyses[client_id].gaps}

    # the three clients written by hand, each with her own gap
    assert {GapKind.UNCOVERED_NEED, GapKind.ISOLATED_CLIENT} <= kinds("client-000001")
    assert GapKind.OVERLOADED_CARER in kinds("client-000002")
    assert GapKind.NO_GP in kinds("client-000003")
    (overload,) = [g for g in analyses["client-000002"].gaps if g.kind is GapKind.OVERLOADED_CARER]
    assert overload.explanation.startswith("Marieke Wolters gives 25 hours a week to 4 needs")


def test_every_network_type_occurs_in_a_generated_population() -> None:
    population = generate_population(teams=3, seed=1)
    types = Counter(a.strength.network_type for a in analyse_population(population.onions))
    assert set(types) == set(NetworkType)


def test_network_types_mostly_agree_with_the_generator_s_ground_truth() -> None:
    """The generator draws each informal ring from a Wenger type; reading the
    type back from relationships, contact and closeness alone agrees with it
    for most clients (about 80% at this seed; contact frequency is only a
    stand-in for how near someone lives)."""
    labelled = list(iter_labelled_onions(teams=3, seed=1))
    analyses = analyse_population([lo.onion for lo in labelled])
    agree = sum(
        a.strength.network_type.value == lo.archetype.value
        for a, lo in zip(analyses, labelled, strict=True)
    )
    assert agree / len(labelled) >= 0.7


def test_research_aggregates_of_a_generated_population() -> None:
    population = generate_population(teams=3, seed=1)
    onions = population.onions
    rows = [research_row(o, a) for o, a in zip(onions, analyse_population(onions), strict=True)]
    cells = aggregate(rows, Grouping.TEAM)
    assert [c.clients for c in cells] == [45, 45, 45]
    for cell in cells:
        score = cell.metrics["score"]
        assert score.count == 45
        assert score.p25 is not None and score.median is not None and score.p75 is not None
        assert 0 <= score.p25 <= score.median <= score.p75 <= 100
