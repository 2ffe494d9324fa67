"""Ring inference for every kind of CareTeam participant, and the explicit override."""

from __future__ import annotations

import pytest

from fhir_mappings import ResourceKey, explicit_ring, infer_ring, project
from graphsvc.domain import Ring

from .corpus import BASE_URL, stored

TEAM = ResourceKey("Organization", "team-assendorp")
OTHER_TEAM = ResourceKey("Organization", "team-zwolle-noord")
GP_PRACTICE = ResourceKey("Organization", "huisartsen-assendorp")
RING = "https://graphsvc.example/fhir/CodeSystem/onion-ring"


@pytest.mark.parametrize(
    ("member_type", "organizations", "explicit", "ring"),
    [
        ("RelatedPerson", [], None, Ring.INFORMAL),
        ("RelatedPerson", [TEAM], None, Ring.INFORMAL),  # a volunteer on behalf of someone
        ("Patient", [], None, Ring.INFORMAL),  # a spouse who is a client herself
        ("Practitioner", [TEAM], None, Ring.TEAM),
        ("PractitionerRole", [TEAM], None, Ring.TEAM),
        ("Organization", [TEAM], None, Ring.TEAM),
        ("Practitioner", [OTHER_TEAM], None, Ring.FORMAL),  # another team's nurse
        ("Practitioner", [GP_PRACTICE], None, Ring.FORMAL),
        ("PractitionerRole", [GP_PRACTICE, TEAM], None, Ring.TEAM),
        ("Practitioner", [], None, Ring.FORMAL),
        ("Organization", [GP_PRACTICE], None, Ring.FORMAL),
        ("Practitioner", [OTHER_TEAM], Ring.TEAM, Ring.TEAM),  # explicit override
        ("Practitioner", [TEAM], Ring.FORMAL, Ring.FORMAL),
        ("RelatedPerson", [], Ring.FORMAL, Ring.FORMAL),
        ("CareTeam", [TEAM], None, None),
        ("Group", [], Ring.TEAM, None),
        ("Device", [], None, None),
    ],
)
def test_inference(
    member_type: str, organizations: list[ResourceKey], explicit: Ring | None, ring: Ring | None
) -> None:
    assert infer_ring(member_type, organizations, [TEAM], explicit) is ring


def test_no_managing_organization_makes_every_professional_formal() -> None:
    assert infer_ring("Practitioner", [TEAM], []) is Ring.FORMAL


def test_explicit_ring_is_read_from_the_projects_code_system_only() -> None:
    coded = [{"text": "invaller"}, {"coding": [{"system": RING, "code": "team"}]}]
    assert explicit_ring(coded) is Ring.TEAM
    assert explicit_ring([{"coding": [{"system": "http://other.example", "code": "team"}]}]) is None
    assert explicit_ring([{"coding": [{"system": RING, "code": "family"}]}]) is None
    assert explicit_ring([]) is None


def rings_in_corpus() -> dict[tuple[str, str], Ring]:
    projection = project(stored(), base_urls=(BASE_URL,))
    return {
        (onion.client.id, member.person.id): member.ring
        for onion in projection.population.onions
        for member in onion.members
    }


@pytest.mark.parametrize(
    ("client", "person", "ring"),
    [
        ("gerrit-jansen", "riet-jansen", Ring.INFORMAL),  # RelatedPerson
        ("gerrit-jansen", "sanne-de-vries", Ring.TEAM),  # PractitionerRole at the team
        ("gerrit-jansen", "joost-mulder", Ring.TEAM),  # Practitioner on behalf of the team
        ("gerrit-jansen", "eva-smit", Ring.FORMAL),  # PractitionerRole at the GP practice
        ("gerrit-jansen", "apotheek-diezerpoort", Ring.FORMAL),  # an Organization
        ("gerrit-jansen", "lotte-kramer", Ring.FORMAL),  # Practitioner with a role elsewhere
        ("mohamed-bouzid", "marloes-hendriks", Ring.TEAM),  # another team's nurse, coded team
        ("mohamed-bouzid", "ingrid-visser", Ring.FORMAL),  # the hospital manages its CareTeam
        ("johanna-de-boer", "eva-smit", Ring.FORMAL),  # referred to by identifier only
        ("johanna-de-boer", "pieter-bos", Ring.FORMAL),
        ("johanna-de-boer", "fatima-yilmaz", Ring.TEAM),
    ],
)
def test_rings_read_from_the_corpus(client: str, person: str, ring: Ring) -> None:
    assert rings_in_corpus()[(client, person)] is ring


def test_override_is_what_makes_the_other_teams_nurse_team() -> None:
    store = stored()
    careteam = store[ResourceKey("CareTeam", "careteam-bouzid-wijk")]
    del careteam["participant"][3]["role"][0]["coding"]
    projection = project(store, base_urls=(BASE_URL,))
    onion = projection.onion("mohamed-bouzid")
    assert onion is not None
    marloes = next(m for m in onion.members if m.person.id == "marloes-hendriks")
    assert marloes.ring is Ring.FORMAL
    assert marloes.person.ring is Ring.TEAM  # still a team nurse, of another team
