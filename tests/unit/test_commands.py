"""Changes to a network as pure commands: what each does to the onion, and
what it refuses, without a database."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from graphsvc.domain import (
    Client,
    KnowsTie,
    Membership,
    Need,
    NeedStatus,
    NotFound,
    Observation,
    Onion,
    Person,
    Ring,
    SupportTie,
    ValidationError,
)
from graphsvc.domain.commands import (
    GENERAL_PRACTITIONER,
    AdmitClient,
    RemoveKnows,
    RemoveMember,
    RemoveNeed,
    RemoveRating,
    RemoveSupport,
    SaveKnows,
    SaveMember,
    SaveNeed,
    SaveRating,
    SaveSupport,
    admission,
    apply,
    same_network,
)

from ..integration.builders import onion

ONION = onion(0)  # client-0: p-0-0..p-0-3, need-0-0..2 each helped by two, KNOWS chain


def test_a_new_member_joins_and_an_existing_one_changes_in_place() -> None:
    buur = Person("buur", "Kees", "informal", "neighbour")
    after = apply(ONION, SaveMember(buur, Membership("buur", "client-0", "informal")))
    assert [m.person.id for m in after.members][-1] == "buur"
    assert after.version == ONION.version  # the commit moves it, not the command
    closer = Membership("p-0-0", "client-0", "informal", closeness=3)
    moved = apply(after, SaveMember(ONION.members[0].person, closer))
    assert len(moved.members) == len(after.members)
    assert moved.members[0].membership.closeness == 3


def test_removing_a_member_takes_her_help_and_ties_here() -> None:
    after = apply(ONION, RemoveMember("p-0-1"))
    assert "p-0-1" not in {m.person.id for m in after.members}
    assert all(s.supporter_id != "p-0-1" for s in after.supports)
    assert all("p-0-1" not in (k.person_a, k.person_b) for k in after.knows)
    with pytest.raises(NotFound):
        apply(after, RemoveMember("p-0-1"))


def test_a_need_goes_with_its_help_and_ratings() -> None:
    after = apply(ONION, RemoveNeed("need-0-0"))
    assert all(s.need_id != "need-0-0" for s in after.supports)
    assert all(o.need_id != "need-0-0" for o in after.observations)
    resolved = dataclasses.replace(ONION.needs[1], status=NeedStatus.RESOLVED)
    assert apply(ONION, SaveNeed(resolved)).needs[1].status is NeedStatus.RESOLVED
    with pytest.raises(ValidationError):
        apply(ONION, SaveNeed(Need("need-x", "client-9", "06")))


def test_help_needs_a_member_and_a_need_of_this_onion() -> None:
    tie = SupportTie("p-0-3", "need-0-0", hours_per_week=4)
    after = apply(ONION, SaveSupport(tie))
    assert tie in after.supports
    with pytest.raises(NotFound):
        apply(ONION, SaveSupport(SupportTie("stranger", "need-0-0")))
    with pytest.raises(NotFound):
        apply(ONION, SaveSupport(SupportTie("p-0-0", "need-of-another")))
    gone = apply(after, RemoveSupport("p-0-3", "need-0-0"))
    assert tie not in gone.supports
    with pytest.raises(NotFound):
        apply(gone, RemoveSupport("p-0-3", "need-0-0"))


def test_ratings_are_about_needs_of_this_client() -> None:
    rating = Observation("obs-new", "client-0", "need-0-1", "status", 4, "2026-06-01")
    after = apply(ONION, SaveRating(rating))
    assert rating in after.observations
    with pytest.raises(NotFound):
        apply(ONION, SaveRating(dataclasses.replace(rating, need_id="need-9")))
    assert rating not in apply(after, RemoveRating("obs-new")).observations
    with pytest.raises(NotFound):
        apply(ONION, RemoveRating("obs-new"))


@pytest.mark.parametrize("taken", ["client-0", "p-0-1", "obs-0-0"])
def test_a_new_need_may_not_take_an_id_this_onion_gives_to_another_kind(taken: str) -> None:
    """As a member's id names no need or rating, a need's id names none of
    her people, not her and no rating: said as taken, and nothing changes."""
    with pytest.raises(ValidationError) as refused:
        apply(ONION, SaveNeed(Need(taken, "client-0", "12")))
    assert refused.value.field == "need.id" and "taken" in refused.value.message
    # a need of hers is changed in place, as before
    resolved = dataclasses.replace(ONION.needs[0], status=NeedStatus.RESOLVED)
    assert apply(ONION, SaveNeed(resolved)).needs[0] == resolved


@pytest.mark.parametrize("taken", ["client-0", "p-0-1", "need-0-1"])
def test_a_new_rating_may_not_take_an_id_this_onion_gives_to_another_kind(taken: str) -> None:
    rating = Observation(taken, "client-0", "need-0-1", "status", 4, "2026-06-01")
    with pytest.raises(ValidationError) as refused:
        apply(ONION, SaveRating(rating))
    assert refused.value.field == "observation.id" and "taken" in refused.value.message
    # a rating of hers is recorded again under its own id, as before
    again = dataclasses.replace(ONION.observations[0], value=5)
    assert again in apply(ONION, SaveRating(again)).observations


def test_the_same_change_again_is_the_same_network() -> None:
    member = ONION.members[2]
    again = apply(ONION, SaveMember(member.person, member.membership))
    assert same_network(again, ONION)
    assert not same_network(apply(ONION, RemoveMember("p-0-3")), ONION)


def test_who_knows_whom_is_recorded_between_members_only() -> None:
    tie = KnowsTie("p-0-3", "p-0-0", 1)
    after = apply(ONION, SaveKnows(tie))
    assert tie in after.knows and len(after.knows) == len(ONION.knows) + 1
    closer = apply(after, SaveKnows(KnowsTie("p-0-0", "p-0-3", 3)))
    assert len(closer.knows) == len(after.knows)  # the same pair, either way round
    with pytest.raises(NotFound):
        apply(ONION, SaveKnows(KnowsTie("p-0-0", "stranger")))
    gone = apply(closer, RemoveKnows("p-0-3", "p-0-0"))
    assert all({k.person_a, k.person_b} != {"p-0-0", "p-0-3"} for k in gone.knows)
    with pytest.raises(NotFound):
        apply(gone, RemoveKnows("p-0-0", "p-0-3"))


def test_admission_takes_her_in_with_her_gp_in_the_formal_ring() -> None:
    client = Client("client-9", "Truus Bos", "Oost", "1940-02-03", "Dorpsstraat 1, Utrecht")
    gp = Person("gp-9", "Dr. Smit", "formal", "general practitioner")
    command = AdmitClient(client, "team-a", gp, datetime.date(2026, 5, 1))
    after = apply(admission(command), command)
    assert after.client.address == "Dorpsstraat 1, Utrecht"
    assert after.team_id == "team-a"
    [member] = after.members
    assert member.person == gp
    assert (member.ring, member.membership.role) == (Ring.FORMAL, GENERAL_PRACTITIONER)
    assert member.membership.since == datetime.date(2026, 5, 1)
    assert apply(after, command) == after  # admitted again: nothing changes


def test_admission_refuses_a_birth_date_after_it_and_an_informal_gp() -> None:
    day = datetime.date(2026, 5, 1)
    born_later = Client("client-9", "Truus Bos", birth_date=datetime.date(2026, 5, 2))
    with pytest.raises(ValidationError) as refused:
        apply(Onion(born_later, "team-a"), AdmitClient(born_later, "team-a", admitted_on=day))
    assert refused.value.field == "birthDate"
    born_today = Client("client-9", "Truus Bos", birth_date=day)
    assert apply(Onion(born_today, "team-a"), AdmitClient(born_today, "team-a", admitted_on=day))
    neighbour = Person("buur", "Kees", "informal", "general practitioner")
    with pytest.raises(ValidationError) as informal:
        apply(Onion(born_today, "team-a"), AdmitClient(born_today, "team-a", neighbour, day))
    assert informal.value.field == "generalPractitionerId"
    with pytest.raises(ValidationError):
        Client("client-9", "  ")  # no name


def test_admission_refuses_a_birth_date_more_than_130_years_before_it() -> None:
    day = datetime.date(2026, 5, 1)

    def admitted(born: datetime.date) -> Onion:
        client = Client("client-9", "Truus Bos", birth_date=born)
        return apply(Onion(client, "team-a"), AdmitClient(client, "team-a", admitted_on=day))

    assert admitted(datetime.date(1896, 5, 1)).client.birth_date == datetime.date(1896, 5, 1)
    for born in (datetime.date(1896, 4, 30), datetime.date(1800, 1, 1), datetime.date(1, 1, 1)):
        with pytest.raises(ValidationError) as refused:
            admitted(born)
        assert refused.value.field == "birthDate"
        assert "130 years" in str(refused.value)


def test_a_new_member_comes_with_her_help_and_whom_she_knows_in_one_change() -> None:
    buur = Person("buur", "Kees", "informal", "neighbour")
    ten_minutes = SupportTie("buur", "need-0-0", "practical", "weekly", 10 / 60)
    knows = KnowsTie("buur", "p-0-0", 2)
    command = SaveMember(buur, Membership("buur", "client-0", "informal"), (ten_minutes,), (knows,))
    after = apply(ONION, command)
    assert ten_minutes in after.supports
    assert knows in after.knows
    assert apply(after, command) == after
    # her help with other needs stays as it was when she is saved again
    more = SupportTie("buur", "need-0-1", "emotional")
    again = apply(after, dataclasses.replace(command, supports=(more,), knows=()))
    assert {ten_minutes, more} <= set(again.supports)


def test_help_and_ties_of_a_new_member_must_be_hers_and_of_this_onion() -> None:
    buur = Person("buur", "Kees", "informal", "neighbour")
    tie = Membership("buur", "client-0", "informal")
    someone_else = SupportTie("p-0-1", "need-0-0")
    with pytest.raises(ValidationError) as refused:
        apply(ONION, SaveMember(buur, tie, (someone_else,)))
    assert refused.value.field == "supports[0].supporterId"
    with pytest.raises(NotFound):
        apply(ONION, SaveMember(buur, tie, (SupportTie("buur", "need-9-9"),)))
    with pytest.raises(ValidationError):
        apply(ONION, SaveMember(buur, tie, (), (KnowsTie("p-0-1", "p-0-2"),)))
    with pytest.raises(NotFound):
        apply(ONION, SaveMember(buur, tie, (), (KnowsTie("buur", "nobody"),)))


def test_a_new_member_names_each_need_and_each_acquaintance_once() -> None:
    buur = Person("buur", "Kees", "informal", "neighbour")
    tie = Membership("buur", "client-0", "informal")
    twice = (SupportTie("buur", "need-0-0", hours_per_week=1), SupportTie("buur", "need-0-0"))
    with pytest.raises(ValidationError) as helps:
        apply(ONION, SaveMember(buur, tie, twice))
    assert helps.value.field == "supports[1].needId"
    both_ways = (KnowsTie("buur", "p-0-0", 1), KnowsTie("p-0-0", "buur", 3))
    with pytest.raises(ValidationError) as knows:
        apply(ONION, SaveMember(buur, tie, (), both_ways))
    assert knows.value.field == "knows[1]"
