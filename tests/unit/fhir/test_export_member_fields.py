"""Every field of a member a nurse changes (UpdateMember, as GraphQL sends it)
is written to the FHIR element that says it, and reads back exactly: a
relative's relationship in her RelatedPerson, anyone's role in this onion on
the CareTeam participant (never in the person's own resource), a new name in
the displays of the references to her."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fhir_mappings import ResourceKey, export_onion, project
from graphsvc.domain import Frequency, Member, Onion, Ring
from graphsvc.domain.commands import UpdateMember, apply

from .corpus import BASE_URL, stored

STORE = stored()
GERRIT = "gerrit-jansen"
CARETEAM = ResourceKey("CareTeam", "careteam-gerrit-jansen")
RIET = "riet-jansen"  # a relative: RelatedPerson, with a role on the CareTeam
PHARMACY = "apotheek-diezerpoort"  # an organisation taking part as one
JOOST = "joost-mulder"  # a team nurse (Practitioner)


def onion() -> Onion:
    found = project(STORE, base_urls=(BASE_URL,)).onion(GERRIT)
    assert found is not None
    return found


def member(of: Onion, person_id: str) -> Member:
    return next(m for m in of.members if m.person.id == person_id)


def edited(
    person_id: str, person: dict[str, Any] | None = None, **membership: Any
) -> tuple[Onion, Onion, Any]:
    """The onion after the edit, as it reads back from its export, and the export."""
    after = apply(onion(), UpdateMember(person_id, person or {}, membership))
    result = export_onion(after, STORE, base_urls=(BASE_URL,))
    assert not result.notes, result.notes
    back = project(result.resources, base_urls=(BASE_URL,)).onion(GERRIT)
    assert back is not None
    return after, back, result


FIELDS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (RIET, {"name": "Riet Jansen-Bos"}, {}),
    (RIET, {"contact": "06-11112222"}, {}),
    (RIET, {}, {"role": "contactpersoon"}),
    (RIET, {}, {"role": None}),
    (RIET, {}, {"relationship": "partner"}),
    (RIET, {}, {"relationship": None}),
    (RIET, {}, {"contact_frequency": Frequency.WEEKLY}),
    (RIET, {}, {"closeness": 1}),
    (RIET, {}, {"since": date(1970, 1, 1)}),
    (RIET, {}, {"ring": Ring.FORMAL}),
    (JOOST, {}, {"role": "wondverpleegkundige"}),
    (JOOST, {}, {"closeness": 2}),
    (PHARMACY, {}, {"role": "alleen boodschappen"}),
    (PHARMACY, {}, {"contact_frequency": Frequency.MONTHLY}),
]


@pytest.mark.parametrize(("person_id", "person", "membership"), FIELDS)
def test_each_member_field_reads_back_as_edited(
    person_id: str, person: dict[str, Any], membership: dict[str, Any]
) -> None:
    after, back, _ = edited(person_id, person, **membership)
    assert member(back, person_id).person == member(after, person_id).person
    assert member(back, person_id).membership == member(after, person_id).membership


def test_a_relationship_is_written_to_the_relatives_own_resource() -> None:
    _, back, result = edited(RIET, relationship="partner")
    related = ResourceKey("RelatedPerson", RIET)
    assert result.changed == {related}
    assert result.resources[related]["relationship"][0] == {"text": "partner"}
    assert member(back, RIET).membership.relationship == "partner"
    assert member(back, RIET).membership.role == "mantelzorger"  # her role here, as it was


def test_a_role_goes_on_the_careteam_and_leaves_the_relationship() -> None:
    _, back, result = edited(RIET, role="contactpersoon")
    assert result.changed == {CARETEAM}
    riet = next(
        p
        for p in result.resources[CARETEAM]["participant"]
        if p["member"]["reference"] == f"RelatedPerson/{RIET}"
    )
    assert riet["role"] == [{"text": "contactpersoon"}]
    assert member(back, RIET).membership.relationship == member(onion(), RIET).person.role


def test_an_organisations_role_in_one_onion_stays_on_the_tie() -> None:
    before = member(onion(), PHARMACY).person
    _, back, result = edited(PHARMACY, role="alleen boodschappen")
    assert result.changed == {CARETEAM}
    assert member(back, PHARMACY).person == before
    assert member(back, PHARMACY).membership.role == "alleen boodschappen"


def test_a_new_name_shows_in_the_references_that_name_her() -> None:
    _, _, result = edited(RIET, {"name": "Riet Jansen-Bos"})
    assert result.changed == {ResourceKey("RelatedPerson", RIET), CARETEAM}
    (riet,) = [
        p["member"]
        for p in result.resources[CARETEAM]["participant"]
        if p["member"]["reference"] == f"RelatedPerson/{RIET}"
    ]
    assert riet["display"] == "Riet Jansen-Bos"
