"""Deterministic populations in the shape of Buurtzorg neighbourhood care.

Each team serves one neighbourhood, which also has a GP practice, a pharmacy,
a physiotherapy practice and, in about half of them, a social work team. Each
client gets an onion drawn from one of Wenger's support network types
(:class:`~.networks.Archetype`), with Omaha needs, support ties, KNOWS ties
in the informal ring and Knowledge/Behavior/Status ratings, all dated on or
before :data:`~.draw.REFERENCE_DATE`. A share of clients gets the gaps nurses
look for: an active need nobody supports, a need with a single supporter, an
isolated client, an overloaded carer, no GP.

Professionals and the team's nurses: most GPs, physiotherapists and social
workers of a neighbourhood know several of its nurses, a pharmacist fewer, and
a few professionals work beside the team without knowing any of its nurses
(the fragmented formal network nurses look for). Who knows whom is drawn once
per neighbourhood (:func:`generate_colleague_ties`), not per client, and
recorded in every onion that holds both (the store keeps a KNOWS tie per
onion, the one it was recorded in), with the same closeness.

Determinism and scale: each team draws from its own ``random.Random`` seeded
with (seed, team number), and its clients from another, so team 700 comes out
the same whether or not teams 1-699 were drawn in the same run. That is what
makes streaming possible: :func:`iter_population` yields the population in
chunks (the first carries teams, organisations and staff, as
:meth:`Population.chunks` does) and holds one chunk at a time, so 100,000
clients can be written to a store without the whole population in memory.
:func:`generate_population` is the same stream gathered into one value, for
tests, seed files and the command line. For scale: 900 teams of 111 clients
(99,900 clients, 9,000 nurses) take about half a minute on a two-core machine
either way; streamed they need some 40 MB, gathered about 0.6 GB. About half
of that time is the domain's own validation of every entity.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import combinations, islice
from typing import NamedTuple

from graphsvc.collector import collector_paused
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
    SupportTie,
    Team,
    TieStatus,
)

from .draw import REFERENCE_DATE, Weighted, ago, below, between, days_since, pick, years
from .names import TRADITIONS, Generation, neighbourhood_of
from .networks import (
    ARCHETYPES,
    DAILY,
    INFORMAL_GROUPS,
    MONTHLY,
    WEEKLY,
    Archetype,
    Relation,
    draw_relations,
)
from .support import NEED_COUNTS, NEEDS, WHO_HELPS, draw_load, support_kind

__all__ = [
    "REFERENCE_DATE",
    "Archetype",
    "LabelledOnion",
    "generate_colleague_ties",
    "generate_population",
    "generate_staffing",
    "iter_labelled_onions",
    "iter_onions",
    "iter_population",
]

_RATINGS = tuple(RatingDimension)
_NURSE_COUNTS = Weighted((1, 35), (2, 45), (3, 20))
_OVERLOAD_CHANCE = {Archetype.FAMILY_DEPENDENT: 0.2, Archetype.LOCALLY_INTEGRATED: 0.05}
_NEVER_RESOLVED = frozenset(("06", "21", "35", "38"))  # the needs a gap is made of


class LabelledOnion(NamedTuple):
    """An onion and the network type it was drawn from."""

    onion: Onion
    archetype: Archetype


def _professional_name(rng: random.Random, female_share: float) -> str:
    return TRADITIONS.draw(rng).full(rng, Generation.WORKING, rng.random() < female_share)


# ---------------------------------------------------------------- neighbourhoods


@dataclass(frozen=True, slots=True)
class _Professional:
    person: Person
    organization_id: str


@dataclass(frozen=True, slots=True)
class _Neighbourhood:
    team: Team
    organizations: tuple[Organization, ...]
    nurses: tuple[Person, ...]
    professionals: dict[str, tuple[_Professional, ...]]  # by group: gp, pharmacist, ...
    colleagues: dict[tuple[str, str], int]  # (professional id, nurse id) -> closeness

    def staff(self) -> Iterator[Staff]:
        for nurse in self.nurses:
            yield Staff(nurse, (self.team.id,))
        for pros in self.professionals.values():
            for pro in pros:
                yield Staff(pro.person, (pro.organization_id,))

    def colleague_ties(self) -> Iterator[KnowsTie]:
        for (pro_id, nurse_id), closeness in self.colleagues.items():
            yield KnowsTie(pro_id, nurse_id, closeness)


_PRACTICES = (
    # group, id part, kind, name, role of its people, most people
    ("gp", "gp", OrganizationKind.GP_PRACTICE, "Huisartsenpraktijk", "general practitioner", 3),
    ("pharmacist", "pharmacy", OrganizationKind.PHARMACY, "Apotheek", "pharmacist", 2),
    ("physio", "physio", OrganizationKind.PHYSIOTHERAPY, "Fysiotherapie", "physiotherapist", 2),
    ("social", "social", OrganizationKind.SOCIAL_WORK, "Sociaal wijkteam", "social worker", 2),
)


@dataclass(frozen=True, slots=True)
class _Teamwork:
    """How a professional of one group knows the team's nurses."""

    works_with_team: float  # chance she knows any nurse of the team at all
    knows_nurse: float  # then, the chance she knows a given district nurse
    closeness: Weighted[int]


# GPs and district nurses meet over shared clients and in the practice's
# multidisciplinary meetings; a pharmacist is mostly a voice on the phone. A
# certified care worker is known less often than a district nurse.
_TEAMWORK = {
    "gp": _Teamwork(0.94, 0.85, Weighted((1, 3), (2, 6), (3, 1))),
    "pharmacist": _Teamwork(0.75, 0.5, Weighted((1, 6), (2, 4))),
    "physio": _Teamwork(0.85, 0.65, Weighted((1, 4), (2, 5), (3, 1))),
    "social": _Teamwork(0.9, 0.7, Weighted((1, 3), (2, 6), (3, 1))),
}
_CARE_WORKER_FACTOR = 0.7


def _colleagues(
    rng: random.Random,
    nurses: tuple[Person, ...],
    professionals: dict[str, tuple[_Professional, ...]],
) -> dict[tuple[str, str], int]:
    """Which professionals know which nurses of the team, and how closely."""
    found = {}
    for group, pros in professionals.items():
        teamwork = _TEAMWORK[group]
        for pro in pros:
            if rng.random() >= teamwork.works_with_team:
                continue  # works beside the team, not with it
            for nurse in nurses:
                chance = teamwork.knows_nurse
                if nurse.role != "district nurse":
                    chance *= _CARE_WORKER_FACTOR
                if rng.random() < chance:
                    found[pro.person.id, nurse.id] = teamwork.closeness.draw(rng)
    return found


def _neighbourhood(seed: int, index: int, nurses_per_team: int) -> _Neighbourhood:
    rng = random.Random(f"graphsvc-population/{seed}/team/{index}")
    number = f"{index + 1:04d}"
    hood, town = neighbourhood_of(index)
    team = Team(f"team-{number}", f"Team {town} {hood}", f"{hood}, {town}")
    nurses = tuple(
        Person(
            f"person-{number}-nurse-{n + 1:02d}",
            _professional_name(rng, 0.88),
            Ring.TEAM,
            "district nurse" if rng.random() < 0.7 else "certified care worker",
        )
        for n in range(nurses_per_team)
    )
    organizations = []
    professionals = {}
    for group, slug, kind, label, role, most in _PRACTICES:
        if group == "social" and rng.random() < 0.5:
            continue
        org = Organization(f"org-{number}-{slug}", f"{label} {hood} {town}", kind)
        organizations.append(org)
        professionals[group] = tuple(
            _Professional(
                Person(
                    f"person-{number}-{group}-{k + 1}",
                    _professional_name(rng, 0.6),
                    Ring.FORMAL,
                    role,
                ),
                org.id,
            )
            for k in range(between(rng, 1, most))
        )
    colleagues = _colleagues(rng, nurses, professionals)  # drawn last: the rest stays as it was
    return _Neighbourhood(team, tuple(organizations), nurses, professionals, colleagues)


# ---------------------------------------------------------------- one client

_FREQUENCIES = tuple(Frequency)  # most often first
_FREQUENCY_RANK = {f: i for i, f in enumerate(_FREQUENCIES)}


@dataclass(frozen=True, slots=True)
class _Joining:
    """A member whose contact frequency waits for her support ties."""

    person: Person
    organization_ids: tuple[str, ...]
    role: str | None
    relationship: str | None
    frequency: Frequency | None
    closeness: int | None
    since: date | None


class _OnionBuilder:
    """Draws one client's onion. The order of the draws is part of the output:
    change it and every seed gives a different population."""

    def __init__(self, rng: random.Random, hood: _Neighbourhood, number: int) -> None:
        self.rng = rng
        self.hood = hood
        self.number = number
        self.client_id = f"client-{number:06d}"
        self.members: list[_Joining] = []
        self.groups: dict[str, str] = {}  # person id -> group, in member order
        self.near: set[str] = set()
        self.needs: list[Need] = []
        self.supports: list[SupportTie] = []
        self.knows: list[KnowsTie] = []
        self.observations: list[Observation] = []

    def build(self) -> LabelledOnion:
        rng = self.rng
        archetype = ARCHETYPES.draw(rng)
        names = TRADITIONS.draw(rng)
        female = rng.random() < 0.64
        surname = pick(rng, names.surnames)
        age_days = years(rng.triangular(66, 101, 86)) + below(rng, 365)
        client = Client(
            self.client_id,
            names.full(rng, Generation.ELDER, female, surname),
            self.hood.team.neighbourhood,
            ago(age_days),
        )
        care_days = between(rng, 30, years(5))
        relations = draw_relations(rng, archetype, names, female, surname, age_days)
        carer = self._add_informal(archetype, relations)
        self._draw_needs(archetype, care_days, overload=carer is not None)
        self._add_nurses(care_days)
        self._add_formal(care_days)
        self._draw_supports(archetype, carer)
        self._draw_knows(relations)
        self._add_colleague_ties()
        self._draw_observations()
        onion = Onion(
            client,
            self.hood.team.id,
            0,
            self._finish_members(),
            tuple(self.needs),
            tuple(self.supports),
            tuple(self.knows),
            tuple(self.observations),
        )
        return LabelledOnion(onion, archetype)

    # -- members

    def _add_member(
        self,
        person: Person,
        group: str,
        organization_ids: tuple[str, ...] = (),
        *,
        role: str | None = None,
        relationship: str | None = None,
        frequency: Frequency | None = None,
        closeness: int | None = None,
        since: date | None = None,
    ) -> None:
        self.members.append(
            _Joining(person, organization_ids, role, relationship, frequency, closeness, since)
        )
        self.groups[person.id] = group

    def _finish_members(self) -> tuple[Member, ...]:
        """Members, seen at least as often as their busiest support tie needs."""
        busiest: dict[str, int] = {}
        for tie in self.supports:
            if tie.active and tie.frequency is not None:
                rank = _FREQUENCY_RANK[tie.frequency]
                busiest[tie.supporter_id] = min(rank, busiest.get(tie.supporter_id, rank))
        members = []
        for j in self.members:
            frequency = j.frequency
            needed = busiest.get(j.person.id)
            if needed is not None and (frequency is None or needed < _FREQUENCY_RANK[frequency]):
                frequency = _FREQUENCIES[needed]
            membership = Membership(
                j.person.id,
                self.client_id,
                j.person.ring,
                j.role,
                j.relationship,
                frequency,
                j.closeness,
                j.since,
            )
            members.append(Member(j.person, membership, j.organization_ids))
        return tuple(members)

    def _add_informal(self, archetype: Archetype, relations: list[Relation]) -> str | None:
        """Adds the informal ring; returns the main carer if she is overloaded."""
        carer_at = None
        if self.rng.random() < _OVERLOAD_CHANCE.get(archetype, 0.0):
            # the partner, else a daughter nearby, else a son nearby
            candidates = [
                (r.group != "partner", not r.female, i)
                for i, r in enumerate(relations)
                if r.group == "partner" or (r.group == "child" and r.near)
            ]
            carer_at = min(candidates)[2] if candidates else None
        contact_at = carer_at
        if contact_at is None:
            contact_at = next((i for i, r in enumerate(relations) if r.family), None)
        carer = None
        for i, r in enumerate(relations):
            person = Person(
                f"person-{self.number:06d}-{i + 1:02d}",
                r.names.full(self.rng, r.generation, r.female, r.surname),
                Ring.INFORMAL,
                r.relationship,
            )
            role = "main carer" if i == carer_at else "contact person" if i == contact_at else None
            self._add_member(
                person,
                r.group,
                role=role,
                relationship=r.relationship,
                frequency=r.frequency,
                closeness=r.closeness,
                since=ago(r.since_days),
            )
            if r.near:
                self.near.add(person.id)
            if i == carer_at:
                carer = person.id
        return carer

    def _add_nurses(self, care_days: int) -> None:
        rng = self.rng
        nurses = self.hood.nurses
        count = min(_NURSE_COUNTS.draw(rng), len(nurses))
        for i, nurse in enumerate(rng.sample(nurses, count)):
            primary = i == 0
            self._add_member(
                nurse,
                "nurse",
                (self.hood.team.id,),
                role="primary nurse" if primary else "nurse",
                frequency=WEEKLY,  # raised to what her support ties need
                closeness=between(rng, 2, 3),
                since=ago(care_days - (0 if primary else below(rng, 60))),
            )

    def _add_formal(self, care_days: int) -> None:
        rng = self.rng
        codes = {n.code for n in self.needs}
        wanted = (
            ("gp", 0.94),
            ("pharmacist", 0.5 if "42" in codes else 0.08),
            ("physio", 0.7 if "25" in codes else 0.05),
            ("social", 0.45 if codes & {"01", "03", "05", "06", "11"} else 0.0),
        )
        for group, chance in wanted:
            pros = self.hood.professionals.get(group)
            if not pros or rng.random() >= chance:
                continue
            pro = pick(rng, pros)
            since = years(2 + 28 * rng.random()) if group == "gp" else between(rng, 7, care_days)
            self._add_member(
                pro.person,
                group,
                (pro.organization_id,),
                role=pro.person.role,
                frequency=MONTHLY if group in ("gp", "social") else WEEKLY,
                since=ago(since),
            )

    # -- needs and support

    def _draw_needs(self, archetype: Archetype, care_days: int, *, overload: bool) -> None:
        rng = self.rng
        count = NEED_COUNTS.draw(rng)
        codes: set[str] = set()
        isolated = archetype is Archetype.PRIVATE_RESTRICTED
        if isolated and rng.random() < 0.7:
            codes.add("06")
        if overload:  # the care that wears a carer out
            codes.update(("38", pick(rng, ("21", "35"))))
        while len(codes) < count:
            codes.add(NEEDS.draw(rng))
        keep_active = _NEVER_RESOLVED if overload or isolated else frozenset()
        for code in sorted(codes):
            resolved = code not in keep_active and rng.random() < 0.15
            self.needs.append(
                Need(
                    f"need-{self.number:06d}-{code}",
                    self.client_id,
                    code,
                    NeedStatus.RESOLVED if resolved else NeedStatus.ACTIVE,
                    ago(below(rng, care_days)),
                )
            )
        if not any(n.active for n in self.needs):
            n = self.needs[0]
            self.needs[0] = Need(n.id, n.client_id, n.code, NeedStatus.ACTIVE, n.since)

    def _draw_supports(self, archetype: Archetype, carer: str | None) -> None:
        rng = self.rng
        active = [n for n in self.needs if n.active]
        unsupported = None
        if rng.random() < (0.5 if archetype is Archetype.PRIVATE_RESTRICTED else 0.08):
            social = [n for n in active if n.code == "06"]
            unsupported = (social or [pick(rng, active)])[0].id
        if carer is not None:
            group = self.groups[carer]
            self._overload(
                carer, [n for n in active if n.id != unsupported and group in WHO_HELPS[n.code]]
            )
        primary = next(pid for pid, group in self.groups.items() if group == "nurse")
        for need in self.needs:
            if need.id == unsupported:
                continue
            helpers = WHO_HELPS[need.code]
            status = TieStatus.ACTIVE if need.active else TieStatus.ENDED
            chosen = 0
            for pid, group in self.groups.items():
                chance = helpers.get(group, 0.0)
                if group == "nurse" and pid != primary:
                    chance *= 0.4
                elif group in INFORMAL_GROUPS and pid not in self.near:
                    chance *= 0.3
                if pid == carer or rng.random() >= chance:
                    continue
                self._support(pid, group, need, status)
                chosen += 1
            if chosen == 0 and "nurse" in helpers:
                self._support(primary, "nurse", need, status)

    def _support(self, pid: str, group: str, need: Need, status: TieStatus) -> None:
        rng = self.rng
        kind = support_kind(group, need.code)
        frequency, hours = draw_load(rng, group, kind, near=pid in self.near)
        if status is TieStatus.ACTIVE and group in ("neighbour", "friend") and rng.random() < 0.05:
            status = TieStatus.ENDED  # moved away, fell ill, fell out
        since = ago(below(rng, days_since(need.since) + 1))
        self.supports.append(SupportTie(pid, need.id, kind, frequency, hours, status, since))

    def _overload(self, carer: str, needs: list[Need]) -> None:
        """Ties for the main carer that add up to more than 20 hours a week."""
        if not needs:
            return
        rng = self.rng
        group = self.groups[carer]
        shares = [1.0 + 2.0 * rng.random() for _ in needs]
        scale = (21.0 + 15.0 * rng.random()) / sum(shares)
        for need, share in zip(needs, shares, strict=True):
            hours = max(1.0, math.ceil(share * scale * 4) / 4)  # up, to stay above 20
            self.supports.append(
                SupportTie(
                    carer,
                    need.id,
                    support_kind(group, need.code),
                    DAILY,
                    hours,
                    TieStatus.ACTIVE,
                    ago(below(rng, days_since(need.since) + 1)),
                )
            )

    # -- knows and ratings

    def _draw_knows(self, relations: list[Relation]) -> None:
        rng = self.rng
        ids = [m.person.id for m in self.members[: len(relations)]]
        for (i, a), (j, b) in combinations(enumerate(relations), 2):
            groups = {a.group, b.group}
            if a.family and b.family:
                closeness, chance = 3 if groups == {"partner", "child"} else between(rng, 2, 3), 1.0
            elif len(groups) == 1 and a.group in ("neighbour", "friend"):
                closeness, chance = between(rng, 1, 2), 0.5 if a.group == "neighbour" else 0.4
            elif groups == {"partner", "friend"}:
                closeness, chance = 2, 0.6
            elif "neighbour" in groups and (a.family or b.family) and a.near and b.near:
                closeness, chance = 1, 0.3
            else:
                continue
            if rng.random() < chance:
                self.knows.append(KnowsTie(ids[i], ids[j], closeness))

    def _add_colleague_ties(self) -> None:
        """The neighbourhood's professional-nurse ties between members of
        this onion: no draws, the neighbourhood drew them."""
        colleagues = self.hood.colleagues
        nurses = [pid for pid, group in self.groups.items() if group == "nurse"]
        for pid, group in self.groups.items():
            if group not in _TEAMWORK:
                continue
            for nurse in nurses:
                closeness = colleagues.get((pid, nurse))
                if closeness is not None:
                    self.knows.append(KnowsTie(pid, nurse, closeness))

    def _draw_observations(self) -> None:
        """A rating moment in the last year, sometimes a second; each rates K, B and S."""
        rng = self.rng
        random_ = rng.random
        prefix = f"obs-{self.number:06d}-"
        for need in self.needs:
            window = min(365, days_since(need.since) + 1)
            first = int(random_() * window)
            moments = (first, int(random_() * first)) if first and random_() < 0.3 else (first,)
            last = len(moments) - 1
            scores = [2 + int(random_() * 3), 2 + int(random_() * 3), 1 + int(random_() * 3)]
            k = 0
            for step, days in enumerate(moments):
                effective = ago(days)
                for d, dimension in enumerate(_RATINGS):
                    if step:
                        scores[d] += random_() < 0.5  # a little better since last time
                    if step == last and not need.active:
                        scores[d] = max(scores[d] + 1, 4)  # resolved: the last rating shows it
                    k += 1
                    self.observations.append(
                        Observation(
                            f"{prefix}{need.code}-{k}",
                            self.client_id,
                            need.id,
                            dimension,
                            min(5, scores[d]),
                            effective,
                        )
                    )


# ---------------------------------------------------------------- public API


def _check_sizes(teams: int, clients_per_team: int, nurses_per_team: int) -> None:
    if teams < 0 or clients_per_team < 0:
        raise ValueError("teams and clients_per_team must not be negative")
    if nurses_per_team < 1:
        raise ValueError("a team needs at least one nurse")


def generate_staffing(teams: int, nurses_per_team: int = 10, seed: int = 0) -> Population:
    """The teams, organisations and staff of a population, without clients."""
    _check_sizes(teams, 0, nurses_per_team)
    hoods = [_neighbourhood(seed, t, nurses_per_team) for t in range(teams)]
    return Population(
        teams=tuple(h.team for h in hoods),
        organizations=tuple(o for h in hoods for o in h.organizations),
        staff=tuple(s for h in hoods for s in h.staff()),
    )


def generate_colleague_ties(
    teams: int, nurses_per_team: int = 10, seed: int = 0
) -> tuple[KnowsTie, ...]:
    """Every KNOWS tie between a professional and a nurse of her neighbourhood's
    team. A generated onion holds each of them whose two people are both its
    members; an onion written by hand beside a generated population should too."""
    _check_sizes(teams, 0, nurses_per_team)
    return tuple(
        tie
        for t in range(teams)
        for tie in _neighbourhood(seed, t, nurses_per_team).colleague_ties()
    )


def iter_labelled_onions(
    teams: int, clients_per_team: int = 45, nurses_per_team: int = 10, seed: int = 0
) -> Iterator[LabelledOnion]:
    """Every client's onion, team by team, with the network type it was drawn
    from: ground truth for typology analysis."""
    _check_sizes(teams, clients_per_team, nurses_per_team)
    for t in range(teams):
        hood = _neighbourhood(seed, t, nurses_per_team)
        rng = random.Random(f"graphsvc-population/{seed}/clients/{t}")
        for c in range(clients_per_team):
            yield _OnionBuilder(rng, hood, t * clients_per_team + c + 1).build()


def iter_onions(
    teams: int, clients_per_team: int = 45, nurses_per_team: int = 10, seed: int = 0
) -> Iterator[Onion]:
    """Every client's onion, team by team, drawn as it is taken."""
    labelled = iter_labelled_onions(teams, clients_per_team, nurses_per_team, seed)
    return (lo.onion for lo in labelled)


def iter_population(
    teams: int,
    clients_per_team: int = 45,
    nurses_per_team: int = 10,
    seed: int = 0,
    *,
    clients_per_chunk: int = 1000,
) -> Iterator[Population]:
    """:func:`generate_population` in chunks of clients, drawn as they are taken."""
    if clients_per_chunk < 1:
        raise ValueError("clients_per_chunk must be at least 1")
    head = generate_staffing(teams, nurses_per_team, seed)
    onions = iter_onions(teams, clients_per_team, nurses_per_team, seed)
    chunk = tuple(islice(onions, clients_per_chunk))
    yield Population(head.teams, head.organizations, head.staff, chunk)
    while chunk := tuple(islice(onions, clients_per_chunk)):
        yield Population(onions=chunk)


def generate_population(
    teams: int, clients_per_team: int = 45, nurses_per_team: int = 10, seed: int = 0
) -> Population:
    """A whole population in one value; the same arguments give the same population."""
    head = generate_staffing(teams, nurses_per_team, seed)
    # millions of frozen, acyclic objects that all stay alive
    with collector_paused():
        onions = tuple(iter_onions(teams, clients_per_team, nurses_per_team, seed))
    return Population(head.teams, head.organizations, head.staff, onions)
