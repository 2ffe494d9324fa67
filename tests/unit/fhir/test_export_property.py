"""Property: whatever a nurse changes in an onion, the exported FHIR reads back
as exactly that onion, and every resource it rewrote or made is valid R4."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fhir_mappings import export_onion, onion_differences, parse_resource, project
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
    catalogue,
)

from . import edits
from .corpus import BASE_URL, stored

STORE = stored()
PROJECTION = project(STORE, base_urls=(BASE_URL,))
ONIONS = PROJECTION.population.onions
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
HOURS = st.floats(min_value=0, max_value=40).map(lambda h: round(h, 2))
FREQUENCIES = st.sampled_from(list(Frequency))
NAMES = st.sampled_from(
    ["Ria Smeenk", "Bart van Dijk", "Gülsen Aydin", "Sjoerd Dijkstra", "Eefje Mol"]
)


def _client(draw: st.DrawFn, onion: Onion) -> Onion:
    where = draw(st.sampled_from([None, "Assendorp", "Diezerpoort"]))
    client = Client(onion.client.id, draw(NAMES), where, draw(DATES))
    return replace(onion, client=client)


def _team(draw: st.DrawFn, onion: Onion) -> Onion:
    team = draw(st.sampled_from([None, "team-assendorp", "team-zwolle-noord"]))
    return replace(onion, team_id=team)


def _member_gone(draw: st.DrawFn, onion: Onion) -> Onion:
    return edits.without_member(onion, draw(st.sampled_from(_people(onion))))


def _membership(draw: st.DrawFn, onion: Onion) -> Onion:
    return edits.with_membership(
        onion,
        draw(st.sampled_from(_people(onion))),
        ring=draw(st.sampled_from(list(Ring))),
        role=draw(st.sampled_from([None, "mantelzorger", "casemanager"])),
        contact_frequency=draw(st.none() | FREQUENCIES),
        closeness=draw(st.sampled_from([None, 1, 2, 3])),
        since=draw(st.none() | DATES),
    )


def _person(draw: st.DrawFn, onion: Onion) -> Onion:
    old = edits.member(onion, draw(st.sampled_from(_people(onion)))).person
    contact = draw(st.sampled_from([None, "06-99887766", "x@y.example"]))
    return edits.with_person(onion, replace(old, name=draw(NAMES), contact=contact))


def _new_member(draw: st.DrawFn, onion: Onion) -> Onion:
    ring = draw(st.sampled_from(list(Ring)))
    role = draw(st.sampled_from([None, "neighbour", "friend"]))
    person = Person(f"person-new-{draw(st.integers(1, 99))}", draw(NAMES), ring, role)
    if person.id in _people(onion):
        return onion
    member = edits.new_member(
        person,
        onion.client.id,
        ("team-assendorp",) if ring is Ring.TEAM else (),
        # An informal member's relationship is her RelatedPerson's: the person's role.
        relationship=role if ring is Ring.INFORMAL else None,
        closeness=draw(st.sampled_from([None, 1, 3])),
        since=draw(st.none() | DATES),
    )
    grown = edits.with_member(onion, member)
    helps = draw(st.booleans())
    if onion.needs and helps:
        grown = edits.with_tie(
            grown, _new_tie(draw, person.id, draw(st.sampled_from(_needs(onion))))
        )
    return grown


def _tie(draw: st.DrawFn, onion: Onion) -> Onion:
    old = edits.tie(onion, *draw(st.sampled_from(_pairs(onion))))
    frequency = draw(st.none() | FREQUENCIES)
    changed = replace(
        old,
        kind=draw(st.sampled_from(list(SupportKind))),
        frequency=frequency,
        hours_per_week=draw(HOURS) if frequency else 0.0,
        status=draw(st.sampled_from(list(TieStatus))),
        since=draw(DATES),
    )
    return edits.with_tie(onion, changed)


def _tie_gone(draw: st.DrawFn, onion: Onion) -> Onion:
    return edits.without_tie(onion, *draw(st.sampled_from(_pairs(onion))))


def _another_tie(draw: st.DrawFn, onion: Onion) -> Onion:
    pair = (draw(st.sampled_from(_people(onion))), draw(st.sampled_from(_needs(onion))))
    if pair in _pairs(onion):
        return onion
    return edits.with_tie(onion, _new_tie(draw, *pair))


def _need(draw: st.DrawFn, onion: Onion) -> Onion:
    chosen = draw(st.sampled_from(_needs(onion)))
    old = next(n for n in onion.needs if n.id == chosen)
    status = draw(st.sampled_from(list(NeedStatus)))
    return edits.with_need(onion, replace(old, status=status, since=draw(st.none() | DATES)))


def _need_gone(draw: st.DrawFn, onion: Onion) -> Onion:
    return edits.without_need(onion, draw(st.sampled_from(_needs(onion))))


def _new_need(draw: st.DrawFn, onion: Onion) -> Onion:
    code = draw(st.sampled_from(sorted(catalogue())))
    need = Need(
        f"need-new-{code}", onion.client.id, code, NeedStatus.ACTIVE, draw(st.none() | DATES)
    )
    grown = edits.with_need(onion, need)
    helped = draw(st.booleans())
    if onion.members and helped:
        grown = edits.with_tie(
            grown, _new_tie(draw, draw(st.sampled_from(_people(onion))), need.id)
        )
    return grown


def _rating(draw: st.DrawFn, onion: Onion) -> Onion:
    old = draw(st.sampled_from(sorted(onion.observations, key=lambda o: o.id)))
    changed = replace(
        old,
        value=draw(st.integers(1, 5)),
        effective=draw(DATES),
        need_id=draw(st.none() | st.sampled_from(_needs(onion))),
        dimension=draw(st.sampled_from(list(RatingDimension))),
    )
    return edits.with_rating(onion, changed)


def _new_rating(draw: st.DrawFn, onion: Onion) -> Onion:
    rating = Observation(
        f"rating-new-{draw(st.integers(1, 99))}",
        onion.client.id,
        draw(st.none() | st.sampled_from(_needs(onion))),
        draw(st.sampled_from(list(RatingDimension))),
        draw(st.integers(1, 5)),
        draw(DATES),
    )
    return edits.with_rating(onion, rating)


def _rating_gone(draw: st.DrawFn, onion: Onion) -> Onion:
    return edits.without_rating(
        onion, draw(st.sampled_from(sorted(o.id for o in onion.observations)))
    )


def _new_tie(draw: st.DrawFn, supporter: str, need: str) -> SupportTie:
    kind = draw(st.sampled_from(list(SupportKind)))
    return SupportTie(
        supporter, need, kind, draw(FREQUENCIES), draw(HOURS), TieStatus.ACTIVE, draw(DATES)
    )


def _people(onion: Onion) -> list[str]:
    return sorted(m.person.id for m in onion.members)


def _needs(onion: Onion) -> list[str]:
    return sorted(n.id for n in onion.needs)


def _pairs(onion: Onion) -> list[tuple[str, str]]:
    return sorted((s.supporter_id, s.need_id) for s in onion.supports)


Edit = Callable[[st.DrawFn, Onion], Onion]


def _possible(onion: Onion) -> list[Edit]:
    """The edits that make sense for this onion as it is."""
    found: list[Edit] = [_client, _team, _new_member, _new_need]
    if onion.members:
        found += [_member_gone, _membership, _person]
    if onion.supports:
        found += [_tie, _tie_gone]
    if onion.members and onion.needs:
        found += [_another_tie]
    if onion.needs:
        found += [_need, _need_gone, _new_rating]
    if onion.observations:
        found += [_rating, _rating_gone]
    return found


@st.composite
def edited(draw: st.DrawFn) -> tuple[Onion, Onion]:
    original = draw(st.sampled_from(ONIONS))
    onion = original
    for _ in range(draw(st.integers(1, 4))):
        onion = draw(st.sampled_from(_possible(onion)))(draw, onion)
    onion.check_consistent()
    return original, onion


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_an_edited_onion_reads_back_from_its_export(pair: tuple[Onion, Onion]) -> None:
    _, onion = pair
    exported = export_onion(onion, STORE, base_urls=(BASE_URL,))
    assert not exported.notes, exported.notes
    for key in exported.changed | exported.generated:
        parse_resource(exported.resources[key])
        # a coding the export wrote names its system (a sender's may not)
        kept = _codings(STORE.get(key, {}))
        for coding in _codings(exported.resources[key]):
            assert coding in kept or "system" in coding, (key, coding)
    after = project(exported.resources, base_urls=(BASE_URL,)).onion(onion.client.id)
    assert after is not None
    assert onion_differences(onion, after) == []
    # What the export did not touch is exactly what was stored.
    for key, resource in exported.resources.items():
        if key not in exported.changed | exported.generated:
            assert resource == STORE[key]
    # Exporting the read-back onion again changes nothing more.
    again = export_onion(after, exported.resources, base_urls=(BASE_URL,))
    assert not (again.changed or again.generated or again.removed)


def _codings(value: object) -> list[object]:
    """Every Coding in a resource: the items of each ``coding`` list."""
    if isinstance(value, list):
        return [c for item in value for c in _codings(item)]
    if not isinstance(value, dict):
        return []
    found: list[object] = (
        list(value.get("coding", ())) if isinstance(value.get("coding"), list) else []
    )
    return found + [c for k, v in value.items() if k != "coding" for c in _codings(v)]
