"""Properties that hold for any onion, checked on generated ones."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from graphsvc.analysis import (
    Gap,
    GapKind,
    analyse_population,
    carer_load,
    client_strength,
    find_gaps,
)
from graphsvc.domain import (
    Client,
    Frequency,
    KnowsTie,
    Member,
    Membership,
    Need,
    NeedStatus,
    Onion,
    Person,
    Ring,
    SupportKind,
    SupportTie,
    TieStatus,
)

# A fixed pool of people, so that two generated onions can share a carer.
PEOPLE = {
    **{f"inf{i}": (Ring.INFORMAL, r) for i, r in enumerate(["daughter", "son", "partner",
                                                             "neighbour", "friend"])},
    "nurse0": (Ring.TEAM, "district nurse"),
    "nurse1": (Ring.TEAM, "district nurse"),
    "gp": (Ring.FORMAL, "general practitioner"),
    "physio": (Ring.FORMAL, "physiotherapist"),
}  # fmt: skip
CODES = ["06", "21", "25", "27", "35", "38", "42"]


def member(client_id: str, pid: str, frequency: Frequency | None, closeness: int | None) -> Member:
    ring, role = PEOPLE[pid]
    relationship = role if ring is Ring.INFORMAL else None
    person = Person(pid, pid.title(), ring, role)
    membership = Membership(pid, client_id, ring, role, relationship, frequency, closeness)
    return Member(person, membership)


@st.composite
def onions(draw: st.DrawFn, client_id: str = "c-1") -> Onion:
    pids = draw(st.lists(st.sampled_from(sorted(PEOPLE)), unique=True, max_size=len(PEOPLE)))
    members = tuple(
        member(
            client_id,
            pid,
            draw(st.sampled_from([*Frequency, None])),
            draw(st.sampled_from([1, 2, 3, None])),
        )
        for pid in pids
    )
    codes = draw(st.lists(st.sampled_from(CODES), unique=True, max_size=5))
    needs = tuple(
        Need(f"{client_id}-n{code}", client_id, code, draw(st.sampled_from(list(NeedStatus))))
        for code in codes
    )
    supports: tuple[SupportTie, ...] = ()
    knows: tuple[KnowsTie, ...] = ()
    if pids and needs:
        ties = st.builds(
            SupportTie,
            st.sampled_from(pids),
            st.sampled_from([n.id for n in needs]),
            st.sampled_from(list(SupportKind)),
            st.none(),
            st.sampled_from([0.0, 0.5, 2.0, 8.0, 15.0]),
            st.sampled_from(list(TieStatus)),
        )
        supports = tuple(draw(st.lists(ties, max_size=12)))
    if len(pids) >= 2:
        pairs = st.lists(st.sampled_from(pids), min_size=2, max_size=2, unique=True)
        knows = tuple(KnowsTie(a, b) for a, b in draw(st.lists(pairs, max_size=6)))
    onion = Onion(Client(client_id, "Anna de Vries"), "team-1", 0, members, needs, supports, knows)
    onion.check_consistent()
    return onion


def uncovered(onion: Onion) -> set[str]:
    return {g.subjects[0] for g in find_gaps(onion) if g.kind is GapKind.UNCOVERED_NEED}


@settings(max_examples=300)
@given(onions(), st.data())
def test_adding_a_supporter_never_creates_an_uncovered_need(
    onion: Onion, data: st.DataObject
) -> None:
    active = [n.id for n in onion.needs if n.active]
    candidates = [m.person.id for m in onion.members]
    if not candidates or not onion.needs:
        return
    supporter = data.draw(st.sampled_from(candidates))
    need_id = data.draw(st.sampled_from([n.id for n in onion.needs]))
    hours = data.draw(st.sampled_from([0.0, 1.0, 40.0]))
    more = replace(
        onion, supports=(*onion.supports, SupportTie(supporter, need_id, hours_per_week=hours))
    )
    before, after = uncovered(onion), uncovered(more)
    assert after <= before
    if need_id in active:
        assert need_id not in after


def gap_count(gaps: tuple[Gap, ...], removed: str) -> int:
    """A client's gap count: how many of her gaps there are, of every kind,
    leaving out the gaps about the removed person herself (those naming her
    among their subjects: her overload, her being a single point of failure,
    her being a need's only supporter, a professional's missing tie to the
    team). Those go when she goes; every other gap can only stay or grow."""
    return sum(removed not in g.subjects for g in gaps)


def without(onion: Onion, pid: str) -> Onion:
    return replace(
        onion,
        members=tuple(m for m in onion.members if m.person.id != pid),
        supports=tuple(s for s in onion.supports if s.supporter_id != pid),
        knows=tuple(k for k in onion.knows if pid not in (k.person_a, k.person_b)),
    )


@settings(max_examples=300)
@given(onions("c-1"), onions("c-2"), st.data())
def test_removing_a_carer_never_lowers_anyone_s_gap_count(
    first: Onion, second: Onion, data: st.DataObject
) -> None:
    """Two clients who may share carers, with loads counted across both.
    Removing one of the first client's supporters (informal, nurse or
    professional: anyone with a support tie) from her onion leaves each
    client's gap count, as defined by :func:`gap_count`, the same or higher."""
    supporters = sorted({s.supporter_id for s in first.supports})
    if not supporters:
        return
    carer = data.draw(st.sampled_from(supporters))
    before = list(analyse_population([first, second]))
    after = list(analyse_population([without(first, carer), second]))
    for b, a in zip(before, after, strict=True):
        assert gap_count(a.gaps, carer) >= gap_count(b.gaps, carer), (b.client_id, carer)


@given(onions("c-1"), onions("c-2"))
def test_carer_load_adds_up_over_clients(first: Onion, second: Onion) -> None:
    both = carer_load([first, second])
    one, two = carer_load([first]), carer_load([second])
    assert set(both) == set(one) | set(two)
    for pid, load in both.items():
        parts = [x[pid] for x in (one, two) if pid in x]
        assert load.hours_per_week == sum(p.hours_per_week for p in parts)
        assert load.needs == sum(p.needs for p in parts)


def with_more_support(onion: Onion, data: st.DataObject) -> Onion:
    """The onion with one more thing that supports her: a person, a support
    tie, more contact or more closeness."""
    absent = sorted(set(PEOPLE) - {m.person.id for m in onion.members})
    ways = ["member"] if absent else []
    if onion.members:
        ways += ["contact", "closeness"]
        if onion.needs:
            ways.append("tie")
    way = data.draw(st.sampled_from(ways)) if ways else None
    cid = onion.client.id
    if way == "member":
        pid = data.draw(st.sampled_from(absent))
        frequency = data.draw(st.sampled_from([*Frequency, None]))
        new = member(cid, pid, frequency, data.draw(st.sampled_from([1, 2, 3, None])))
        return replace(onion, members=(*onion.members, new))
    if way == "tie":
        tie = SupportTie(
            data.draw(st.sampled_from([m.person.id for m in onion.members])),
            data.draw(st.sampled_from([n.id for n in onion.needs])),
            data.draw(st.sampled_from(list(SupportKind))),
            data.draw(st.sampled_from([*Frequency, None])),
            data.draw(st.sampled_from([0.0, 1.0, 40.0])),
        )
        return replace(onion, supports=(*onion.supports, tie))
    if way in ("contact", "closeness"):
        i = data.draw(st.integers(0, len(onion.members) - 1))
        m = onion.members[i]
        ms = m.membership
        if way == "contact":  # as often or more often (Frequency lists most often first)
            ranks = list(Frequency)
            now = ms.contact_frequency
            last = len(ranks) - 1 if now is None else ranks.index(now)
            more = replace(ms, contact_frequency=ranks[data.draw(st.integers(0, last))])
        else:  # closer; unrecorded closeness already counts as close enough for help
            more = replace(ms, closeness=data.draw(st.integers(ms.closeness or 2, 3)))
        members = list(onion.members)
        members[i] = replace(m, membership=more)
        return replace(onion, members=tuple(members))
    return onion


@settings(max_examples=400)
@given(onions(), st.data())
def test_adding_support_never_lowers_the_score_or_the_lsns6(
    onion: Onion, data: st.DataObject
) -> None:
    more = with_more_support(onion, data)
    more.check_consistent()
    before, after = client_strength(onion), client_strength(more)
    assert after.score >= before.score
    assert after.lsns6.score >= before.lsns6.score
    assert 0.0 <= after.score <= 100.0


@settings(max_examples=200)
@given(onions())
def test_nobody_in_the_network_is_the_bottom_of_every_scale(onion: Onion) -> None:
    alone = replace(onion, members=(), supports=(), knows=())
    st_ = client_strength(alone)
    assert st_.score == 0.0
    assert st_.lsns6.score == 0
    assert (st_.network_size, st_.density, st_.effective_size) == (0, 0.0, 0.0)
    other = client_strength(onion)
    assert other.score >= st_.score and other.lsns6.score >= st_.lsns6.score
    assert other.effective_size >= st_.effective_size
