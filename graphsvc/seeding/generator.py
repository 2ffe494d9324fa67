"""Deterministic populations in the shape of Buurtzorg neighbourhood care.

Each team serves one neighbourhood, which also has a GP practice, a pharmacy,
a physiotherapy practice and, in about half of them, a social work team. Each
client gets an onion drawn from one of Wenger's support network types (see
:class:`Archetype`), with Omaha needs, support ties, KNOWS ties among the
informal network and Knowledge/Behavior/Status ratings dated before
:data:`REFERENCE_DATE`. A share of clients is given the gaps nurses look for:
an active need nobody supports, a need with a single supporter, an isolated
client, an overloaded carer, no GP.

Determinism and scale: each team draws from its own ``random.Random`` seeded
with (seed, team number), and its clients from another, so team 700 comes out
the same whether or not teams 1-699 were generated in the same run. That is
what makes the streaming API possible: :func:`iter_population` yields the
population in chunks (the first carries teams, organisations and staff, as
:meth:`Population.chunks` does) and holds one chunk at a time, so 100,000
clients can be written to a store without the whole population in memory.
:func:`generate_population` is the same stream gathered into one value; it is
convenient for tests and seed files and fine up to tens of thousands of clients.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from itertools import combinations, islice
from typing import NamedTuple

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
)

from .names import SURNAMES, Generation, first_names, neighbourhood_of

REFERENCE_DATE = date(2025, 6, 30)
"""Generated dates lie on or before this day, so output does not age with the clock."""


class Archetype(StrEnum):
    """Wenger's support network types of older people."""

    FAMILY_DEPENDENT = "family-dependent"
    LOCALLY_INTEGRATED = "locally-integrated"
    LOCAL_SELF_CONTAINED = "local-self-contained"
    WIDER_COMMUNITY_FOCUSED = "wider-community-focused"
    PRIVATE_RESTRICTED = "private-restricted"


class LabelledOnion(NamedTuple):
    """An onion and the network type it was drawn from: ground truth for analysis."""

    onion: Onion
    archetype: Archetype


_ARCHETYPES = tuple(Archetype)
_ARCHETYPE_WEIGHTS = (25, 30, 15, 15, 15)

DAILY = Frequency.DAILY
SEVERAL = Frequency.SEVERAL_TIMES_A_WEEK
WEEKLY = Frequency.WEEKLY
MONTHLY = Frequency.MONTHLY
RARELY = Frequency.LESS_OFTEN

# Who helps with which need, and how likely when they are in the onion. The
# groups: informal (partner, child, relative, neighbour, friend, volunteer),
# the team (nurse) and the formal ring (gp, pharmacist, physio, social).
_WHO_HELPS: dict[str, dict[str, float]] = {
    "01": {"child": 0.6, "relative": 0.3, "social": 0.7},
    "03": {"child": 0.5, "neighbour": 0.2, "social": 0.6, "nurse": 0.4},
    "05": {"child": 0.5, "volunteer": 0.4, "social": 0.6, "nurse": 0.7},
    "06": {
        "partner": 0.5,
        "child": 0.5,
        "relative": 0.3,
        "neighbour": 0.5,
        "friend": 0.7,
        "volunteer": 0.9,
        "social": 0.4,
        "nurse": 0.3,
    },
    "11": {"partner": 0.5, "child": 0.5, "friend": 0.5, "gp": 0.8, "social": 0.5, "nurse": 0.6},
    "21": {
        "partner": 0.8,
        "child": 0.7,
        "relative": 0.2,
        "neighbour": 0.2,
        "gp": 0.7,
        "nurse": 0.9,
    },
    "24": {"partner": 0.2, "gp": 0.4, "nurse": 1.0},
    "25": {
        "partner": 0.6,
        "child": 0.4,
        "neighbour": 0.3,
        "volunteer": 0.3,
        "physio": 0.9,
        "nurse": 0.5,
    },
    "27": {"gp": 0.6, "nurse": 1.0},
    "30": {"partner": 0.3, "gp": 0.4, "nurse": 0.9},
    "35": {"partner": 0.8, "child": 0.5, "relative": 0.2, "neighbour": 0.4, "nurse": 0.3},
    "36": {"partner": 0.4, "gp": 0.7, "nurse": 0.4},
    "38": {"partner": 0.6, "child": 0.3, "nurse": 1.0},
    "42": {"partner": 0.5, "child": 0.4, "gp": 0.8, "pharmacist": 0.9, "nurse": 0.9},
}
NEED_CODES = tuple(_WHO_HELPS)
_NEED_WEIGHTS = {
    "01": 1.0,
    "03": 1.5,
    "05": 1.5,
    "06": 4.0,
    "11": 2.0,
    "21": 5.0,
    "24": 6.0,
    "25": 6.0,
    "27": 7.0,
    "30": 3.0,
    "35": 4.0,
    "36": 2.0,
    "38": 10.0,
    "42": 9.0,
}
_INFORMAL_KIND = {
    "01": SupportKind.COORDINATION,
    "03": SupportKind.PRACTICAL,
    "05": SupportKind.COORDINATION,
    "06": SupportKind.EMOTIONAL,
    "11": SupportKind.EMOTIONAL,
    "21": SupportKind.COORDINATION,
    "24": SupportKind.PERSONAL_CARE,
    "25": SupportKind.PRACTICAL,
    "27": SupportKind.PRACTICAL,
    "30": SupportKind.PERSONAL_CARE,
    "35": SupportKind.HOUSEHOLD,
    "36": SupportKind.EMOTIONAL,
    "38": SupportKind.PERSONAL_CARE,
    "42": SupportKind.PRACTICAL,
}
_NURSE_KIND = {
    "01": SupportKind.COORDINATION,
    "03": SupportKind.COORDINATION,
    "05": SupportKind.COORDINATION,
    "06": SupportKind.COORDINATION,
    "11": SupportKind.EMOTIONAL,
    "38": SupportKind.PERSONAL_CARE,
}
_FORMAL_KIND = {
    "gp": SupportKind.MEDICAL,
    "pharmacist": SupportKind.INFORMATIONAL,
    "physio": SupportKind.MEDICAL,
    "social": SupportKind.COORDINATION,
}
_HOURS = {
    DAILY: (1.75, 7.0),
    SEVERAL: (0.75, 4.0),
    WEEKLY: (0.5, 2.0),
    MONTHLY: (0.1, 0.5),
    RARELY: (0.05, 0.15),
}
_RATING_DIMENSIONS = tuple(RatingDimension)
_INFORMAL_GROUPS = frozenset(("partner", "child", "relative", "neighbour", "friend", "volunteer"))


@cache
def _ago(days: int) -> date:
    return REFERENCE_DATE - timedelta(days=days)


def _years(n: float) -> int:
    return int(n * 365.25)


# ---------------------------------------------------------------- neighbourhoods


@dataclass(frozen=True, slots=True)
class _Professional:
    person: Person
    organization_id: str
    group: str  # a key of _WHO_HELPS' inner dicts


@dataclass(frozen=True, slots=True)
class _Neighbourhood:
    team: Team
    organizations: tuple[Organization, ...]
    nurses: tuple[Person, ...]
    professionals: tuple[_Professional, ...]

    def group(self, name: str) -> tuple[_Professional, ...]:
        return tuple(p for p in self.professionals if p.group == name)

    def staff(self) -> Iterator[Staff]:
        for nurse in self.nurses:
            yield Staff(nurse, (self.team.id,))
        for pro in self.professionals:
            yield Staff(pro.person, (pro.organization_id,))


def _name(
    rng: random.Random, generation: Generation, female: bool, surname: str | None = None
) -> str:
    return f"{rng.choice(first_names(generation, female))} {surname or rng.choice(SURNAMES)}"


def _neighbourhood(seed: int, index: int, nurses_per_team: int) -> _Neighbourhood:
    rng = random.Random(f"graphsvc-population/{seed}/team/{index}")
    number = f"{index + 1:04d}"
    hood, town = neighbourhood_of(index)
    team = Team(f"team-{number}", f"Team {town} {hood}", f"{hood}, {town}")
    nurses = tuple(
        Person(
            f"person-{number}-nurse-{n + 1:02d}",
            _name(rng, Generation.WORKING, rng.random() < 0.88),
            Ring.TEAM,
            "district nurse" if rng.random() < 0.7 else "certified care worker",
        )
        for n in range(nurses_per_team)
    )
    practices = [
        (
            "gp",
            OrganizationKind.GP_PRACTICE,
            f"Huisartsenpraktijk {hood} {town}",
            "general practitioner",
            rng.randint(1, 3),
        ),
        (
            "pharmacist",
            OrganizationKind.PHARMACY,
            f"Apotheek {hood} {town}",
            "pharmacist",
            rng.randint(1, 2),
        ),
        (
            "physio",
            OrganizationKind.PHYSIOTHERAPY,
            f"Fysiotherapie {hood} {town}",
            "physiotherapist",
            rng.randint(1, 2),
        ),
    ]
    if rng.random() < 0.5:
        practices.append(
            (
                "social",
                OrganizationKind.SOCIAL_WORK,
                f"Sociaal wijkteam {hood} {town}",
                "social worker",
                rng.randint(1, 2),
            )
        )
    organizations = []
    professionals = []
    for group, kind, org_name, role, count in practices:
        org = Organization(f"org-{number}-{group}", org_name, kind)
        organizations.append(org)
        for k in range(count):
            person = Person(
                f"person-{number}-{group}-{k + 1}",
                _name(rng, Generation.WORKING, rng.random() < 0.6),
                Ring.FORMAL,
                role,
            )
            professionals.append(_Professional(person, org.id, group))
    return _Neighbourhood(team, tuple(organizations), nurses, tuple(professionals))


# ---------------------------------------------------------------- one client


@dataclass(slots=True)
class _Relation:
    """An informal member before she becomes a Person and a Membership."""

    relationship: str
    group: str
    generation: Generation
    female: bool
    near: bool
    frequency: Frequency
    closeness: int
    since_days: int
    family: bool
    surname: str | None = None


class _OnionBuilder:
    """Draws one client's onion; the order of draws is part of the output."""

    def __init__(self, rng: random.Random, hood: _Neighbourhood, number: int) -> None:
        self.rng = rng
        self.hood = hood
        self.number = number
        self.client_id = f"client-{number:06d}"
        self.members: list[Member] = []
        self.groups: dict[str, str] = {}  # person id -> group
        self.near: set[str] = set()
        self.needs: list[Need] = []
        self.supports: list[SupportTie] = []
        self.knows: list[KnowsTie] = []
        self.observations: list[Observation] = []

    def build(self) -> LabelledOnion:
        rng = self.rng
        archetype = rng.choices(_ARCHETYPES, _ARCHETYPE_WEIGHTS)[0]
        female = rng.random() < 0.64
        surname = rng.choice(SURNAMES)
        age_days = _years(rng.triangular(66, 101, 86)) + rng.randrange(365)
        client = Client(
            self.client_id,
            _name(rng, Generation.ELDER, female, surname),
            self.hood.team.neighbourhood,
            _ago(age_days),
        )
        care_days = rng.randint(30, _years(5))
        relations = _relations(rng, archetype, female, surname, age_days)
        carer_at = self._main_carer(archetype, relations)
        contact_at = carer_at
        if contact_at is None:
            contact_at = next((i for i, r in enumerate(relations) if r.family), None)
        informal = [
            self._add_informal(
                r, "main carer" if i == carer_at else "contact person" if i == contact_at else None
            )
            for i, r in enumerate(relations)
        ]
        carer = None if carer_at is None else informal[carer_at]
        self._draw_needs(archetype, care_days, heavy=carer is not None)
        self._add_nurses(care_days)
        self._add_formal(care_days)
        self._draw_supports(archetype, carer)
        self._draw_knows(relations, informal)
        self._draw_observations()
        onion = Onion(
            client,
            self.hood.team.id,
            0,
            tuple(self.members),
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
        contact_frequency: Frequency | None = None,
        closeness: int | None = None,
        since: date | None = None,
    ) -> None:
        membership = Membership(
            person.id,
            self.client_id,
            person.ring,
            role,
            relationship,
            contact_frequency,
            closeness,
            since,
        )
        self.members.append(Member(person, membership, organization_ids))
        self.groups[person.id] = group

    def _add_informal(self, r: _Relation, role: str | None) -> str:
        person = Person(
            f"person-{self.number:06d}-{len(self.members) + 1:02d}",
            _name(self.rng, r.generation, r.female, r.surname),
            Ring.INFORMAL,
            r.relationship,
        )
        self._add_member(
            person,
            r.group,
            role=role,
            relationship=r.relationship,
            contact_frequency=r.frequency,
            closeness=r.closeness,
            since=_ago(max(0, r.since_days)),
        )
        if r.near:
            self.near.add(person.id)
        return person.id

    def _main_carer(self, archetype: Archetype, relations: list[_Relation]) -> int | None:
        """The partner or a child nearby who carries far more than is good for her."""
        chance = {Archetype.FAMILY_DEPENDENT: 0.3, Archetype.LOCALLY_INTEGRATED: 0.1}
        if self.rng.random() >= chance.get(archetype, 0.0):
            return None
        close = [
            (r.group != "partner", not r.female, i)
            for i, r in enumerate(relations)
            if r.group == "partner" or (r.group == "child" and r.near)
        ]
        return min(close)[2] if close else None

    def _add_nurses(self, care_days: int) -> None:
        count = self.rng.choices((1, 2, 3), (35, 45, 20))[0]
        nurses = self.rng.sample(self.hood.nurses, min(count, len(self.hood.nurses)))
        for i, nurse in enumerate(nurses):
            self._add_member(
                nurse,
                "nurse",
                (self.hood.team.id,),
                role="primary nurse" if i == 0 else "nurse",
                contact_frequency=WEEKLY if i else DAILY,
                closeness=self.rng.randint(2, 3),
                since=_ago(max(0, care_days - self.rng.randint(0, 60) * (i > 0))),
            )

    def _add_formal(self, care_days: int) -> None:
        rng = self.rng
        codes = {n.code for n in self.needs}
        wanted = [
            ("gp", 0.94),
            ("pharmacist", 0.5 if "42" in codes else 0.08),
            ("physio", 0.7 if "25" in codes else 0.05),
            ("social", 0.45 if codes & {"01", "03", "05", "06", "11"} else 0.0),
        ]
        for group, chance in wanted:
            pros = self.hood.group(group)
            if not pros or rng.random() >= chance:
                continue
            pro = rng.choice(pros)
            since = _years(rng.uniform(2, 30)) if group == "gp" else rng.randint(7, care_days + 30)
            self._add_member(
                pro.person,
                group,
                (pro.organization_id,),
                role=pro.person.role,
                contact_frequency=MONTHLY if group in ("gp", "social") else WEEKLY,
                since=_ago(since),
            )

    # -- needs and support

    def _draw_needs(self, archetype: Archetype, care_days: int, *, heavy: bool) -> None:
        rng = self.rng
        count = rng.choices((1, 2, 3, 4, 5), (15, 30, 30, 15, 10))[0]
        codes: set[str] = set()
        if archetype is Archetype.PRIVATE_RESTRICTED and rng.random() < 0.7:
            codes.add("06")
        if heavy:
            codes.update(("38", rng.choice(("21", "35"))))
        pool = [c for c in NEED_CODES if c not in codes]
        while len(codes) < count and pool:
            code = rng.choices(pool, [_NEED_WEIGHTS[c] for c in pool])[0]
            codes.add(code)
            pool.remove(code)
        forced = (
            {"06", "21", "35", "38"}
            if heavy or archetype is Archetype.PRIVATE_RESTRICTED
            else set()
        )
        for code in sorted(codes):
            resolved = code not in forced and rng.random() < 0.15
            self.needs.append(
                Need(
                    f"need-{self.number:06d}-{code}",
                    self.client_id,
                    code,
                    NeedStatus.RESOLVED if resolved else NeedStatus.ACTIVE,
                    _ago(rng.randint(0, care_days)),
                )
            )
        if not any(n.active for n in self.needs):
            first = self.needs[0]
            self.needs[0] = Need(
                first.id, first.client_id, first.code, NeedStatus.ACTIVE, first.since
            )

    def _draw_supports(self, archetype: Archetype, carer: str | None) -> None:
        rng = self.rng
        active = [n for n in self.needs if n.active]
        unsupported = None
        if rng.random() < (0.5 if archetype is Archetype.PRIVATE_RESTRICTED else 0.08):
            social = [n for n in active if n.code == "06"]
            unsupported = (social or [rng.choice(active)])[0].id
        if carer is not None:
            group = self.groups[carer]
            self._overload(
                carer, [n for n in active if n.id != unsupported and group in _WHO_HELPS[n.code]]
            )
        primary = next(pid for pid, group in self.groups.items() if group == "nurse")
        for need in self.needs:
            if need.id == unsupported:
                continue
            helpers = _WHO_HELPS[need.code]
            status = TieStatus.ACTIVE if need.active else TieStatus.ENDED
            chosen = 0
            for pid, group in self.groups.items():
                chance = helpers.get(group, 0.0)
                if group == "nurse" and pid != primary:
                    chance *= 0.4
                elif group in _INFORMAL_GROUPS and pid not in self.near:
                    chance *= 0.3
                if pid == carer or rng.random() >= chance:
                    continue
                self._support(pid, group, need, status)
                chosen += 1
            if chosen == 0 and "nurse" in helpers:
                self._support(primary, "nurse", need, status)

    def _support(self, pid: str, group: str, need: Need, status: TieStatus) -> None:
        rng = self.rng
        if group == "nurse":
            kind = _NURSE_KIND.get(need.code, SupportKind.NURSING)
        elif group in _FORMAL_KIND:
            kind = _FORMAL_KIND[group]
        else:
            kind = _INFORMAL_KIND[need.code]
        frequency = _frequency(rng, group, kind, pid in self.near)
        low, high = _HOURS[frequency]
        if group == "nurse" and kind is SupportKind.PERSONAL_CARE:
            low, high = 3.5, 7.0
        if status is TieStatus.ACTIVE and group in ("neighbour", "friend") and rng.random() < 0.05:
            status = TieStatus.ENDED  # moved away, fell ill, fell out
        since = need.since or REFERENCE_DATE
        self.supports.append(
            SupportTie(
                pid,
                need.id,
                kind,
                frequency,
                _round_hours(rng.uniform(low, high)),
                status,
                _ago(rng.randint(0, (REFERENCE_DATE - since).days)),
            )
        )

    def _overload(self, carer: str, needs: list[Need]) -> None:
        """Ties for the main carer that add up to more than 20 hours a week."""
        if not needs:
            return
        rng = self.rng
        total = rng.uniform(21.0, 36.0)
        shares = [rng.uniform(1.0, 3.0) for _ in needs]
        scale = total / sum(shares)
        for need, share in zip(needs, shares, strict=True):
            since = need.since or REFERENCE_DATE
            self.supports.append(
                SupportTie(
                    carer,
                    need.id,
                    _INFORMAL_KIND[need.code],
                    DAILY,
                    _round_hours(max(share * scale, 1.0), up=True),
                    TieStatus.ACTIVE,
                    _ago(rng.randint(0, (REFERENCE_DATE - since).days)),
                )
            )

    # -- knows and ratings

    def _draw_knows(self, relations: list[_Relation], ids: list[str]) -> None:
        rng = self.rng
        for (i, a), (j, b) in combinations(enumerate(relations), 2):
            if a.family and b.family:
                close = 3 if "partner" in (a.group, b.group) else rng.randint(2, 3)
                chance = 1.0
            elif a.group == b.group and a.group in ("neighbour", "friend"):
                close, chance = rng.randint(1, 2), 0.5 if a.group == "neighbour" else 0.4
            elif {a.group, b.group} == {"partner", "friend"}:
                close, chance = 2, 0.6
            elif "neighbour" in (a.group, b.group) and (a.family or b.family) and a.near and b.near:
                close, chance = 1, 0.3
            else:
                continue
            if rng.random() < chance:
                self.knows.append(KnowsTie(ids[i], ids[j], close))

    def _draw_observations(self) -> None:
        rng = self.rng
        for need in self.needs:
            since = need.since or REFERENCE_DATE
            window = min(364, (REFERENCE_DATE - since).days)
            count = min(window + 1, rng.choice((1, 2)))
            moments = sorted(rng.sample(range(window + 1), count), reverse=True)  # oldest first
            base = (rng.randint(2, 4), rng.randint(2, 4), rng.randint(1, 3))
            k = 0
            for step, days in enumerate(moments):
                for dim, start in zip(_RATING_DIMENSIONS, base, strict=True):
                    value = start + (rng.randint(0, 1) if step else 0)
                    if not need.active and step == count - 1:
                        value += rng.randint(1, 2)  # resolved: the last rating shows it
                    k += 1
                    self.observations.append(
                        Observation(
                            f"obs-{self.number:06d}-{need.code}-{k}",
                            self.client_id,
                            need.id,
                            dim,
                            min(5, value),
                            _ago(days),
                        )
                    )


def _frequency(rng: random.Random, group: str, kind: SupportKind, near: bool) -> Frequency:
    if group == "nurse":
        if kind is SupportKind.PERSONAL_CARE:
            return DAILY
        if kind is SupportKind.NURSING:
            return rng.choices((DAILY, SEVERAL, WEEKLY), (45, 40, 15))[0]
        return rng.choice((WEEKLY, MONTHLY))
    options: tuple[tuple[Frequency, ...], tuple[int, ...]] = {
        "gp": ((MONTHLY, RARELY), (6, 4)),
        "pharmacist": ((MONTHLY, RARELY), (7, 3)),
        "physio": ((SEVERAL, WEEKLY), (4, 6)),
        "social": ((WEEKLY, MONTHLY), (3, 7)),
        "partner": ((DAILY, SEVERAL), (7, 3)),
        "child": ((SEVERAL, WEEKLY), (5, 5)) if near else ((WEEKLY, MONTHLY), (3, 7)),
        "relative": ((WEEKLY, MONTHLY), (4, 6)),
        "neighbour": ((SEVERAL, WEEKLY), (3, 7)),
        "friend": ((WEEKLY, MONTHLY), (6, 4)),
        "volunteer": ((WEEKLY,), (1,)),
    }[group]
    return rng.choices(options[0], options[1])[0]


def _round_hours(hours: float, *, up: bool = False) -> float:
    """Quarter hours, as nurses write them; a few minutes a week for the rarer ties."""
    if hours < 0.5 and not up:
        return round(hours, 2)
    return (math.ceil(hours * 4) if up else round(hours * 4)) / 4


# ---------------------------------------------------------------- informal networks


def _relations(
    rng: random.Random, archetype: Archetype, female: bool, surname: str, age_days: int
) -> list[_Relation]:
    """The informal ring of one client, drawn by network type."""
    out: list[_Relation] = []
    years_old = age_days / 365.25

    def add(
        relationship: str,
        group: str,
        *,
        near: bool,
        frequency: Frequency,
        closeness: int,
        since_days: int,
        family: bool = False,
        generation: Generation = Generation.MIDDLE,
        is_female: bool | None = None,
        same_name: bool = False,
    ) -> None:
        out.append(
            _Relation(
                relationship,
                group,
                generation,
                rng.random() < 0.5 if is_female is None else is_female,
                near,
                frequency,
                closeness,
                since_days,
                family,
                surname if same_name else None,
            )
        )

    def partner() -> None:
        add(
            "partner",
            "partner",
            near=True,
            frequency=DAILY,
            closeness=3,
            since_days=age_days - _years(rng.uniform(20, 30)),
            family=True,
            generation=Generation.ELDER,
            is_female=not female if rng.random() < 0.97 else female,
            same_name=True,
        )

    def children(count: int, near_chance: float) -> None:
        for _ in range(count):
            daughter = rng.random() < 0.55
            near = rng.random() < near_chance
            frequency = (
                rng.choice((DAILY, SEVERAL, WEEKLY))
                if near
                else rng.choice((MONTHLY, RARELY, WEEKLY))
            )
            add(
                "daughter" if daughter else "son",
                "child",
                near=near,
                frequency=frequency,
                closeness=rng.choices((1, 2, 3), (1, 3, 6) if near else (2, 4, 4))[0],
                since_days=age_days - _years(rng.uniform(22, min(42.0, years_old - 40))),
                family=True,
                is_female=daughter,
                same_name=True,
            )

    def relative(near_chance: float) -> None:
        kind = rng.choice(
            (
                "sister",
                "brother",
                "niece",
                "nephew",
                "granddaughter",
                "grandson",
                "daughter-in-law",
                "son-in-law",
            )
        )
        elder = kind in ("sister", "brother")
        near = rng.random() < near_chance
        add(
            kind,
            "relative",
            near=near,
            frequency=rng.choice((WEEKLY, MONTHLY, RARELY)),
            closeness=rng.randint(1, 3),
            since_days=age_days - _years(rng.uniform(0, 8))
            if elder
            else _years(rng.uniform(10, 40)),
            family=True,
            generation=Generation.ELDER if elder else Generation.MIDDLE,
            is_female=kind in ("sister", "niece", "granddaughter", "daughter-in-law"),
            same_name=kind in ("brother", "grandson") and rng.random() < 0.6,
        )

    def neighbours(count: int) -> None:
        for _ in range(count):
            add(
                "neighbour",
                "neighbour",
                near=True,
                frequency=rng.choice((SEVERAL, WEEKLY, WEEKLY)),
                closeness=rng.choices((1, 2, 3), (4, 4, 2))[0],
                since_days=_years(rng.uniform(1, 30)),
                generation=rng.choice((Generation.ELDER, Generation.MIDDLE)),
            )

    def friends(count: int, near_chance: float) -> None:
        for _ in range(count):
            add(
                "friend",
                "friend",
                near=rng.random() < near_chance,
                frequency=rng.choice((WEEKLY, WEEKLY, MONTHLY)),
                closeness=rng.choices((1, 2, 3), (1, 4, 5))[0],
                since_days=_years(rng.uniform(3, 50)),
                generation=Generation.ELDER,
                is_female=female if rng.random() < 0.75 else not female,
            )

    def volunteer() -> None:
        add(
            "volunteer",
            "volunteer",
            near=True,
            frequency=WEEKLY,
            closeness=rng.randint(1, 2),
            since_days=rng.randint(60, _years(3)),
        )

    chance = rng.random
    if archetype is Archetype.FAMILY_DEPENDENT:
        if chance() < 0.45:
            partner()
        children(rng.randint(1, 3), 0.7)
        if not any(r.near for r in out if r.group == "child"):
            out[-1].near, out[-1].frequency = True, SEVERAL
        if chance() < 0.35:
            relative(0.5)
        if chance() < 0.25:
            neighbours(1)
    elif archetype is Archetype.LOCALLY_INTEGRATED:
        if chance() < 0.45:
            partner()
        children(rng.randint(1, 2), 0.6)
        neighbours(rng.randint(1, 2))
        friends(rng.randint(1, 2), 0.9)
        if chance() < 0.25:
            relative(0.5)
        if chance() < 0.2:
            volunteer()
    elif archetype is Archetype.LOCAL_SELF_CONTAINED:
        if chance() < 0.3:
            partner()
        if chance() < 0.6:
            children(1, 0.1)
        neighbours(rng.randint(1, 2))
        if chance() < 0.4:
            friends(1, 0.8)
        if chance() < 0.3:
            relative(0.2)
    elif archetype is Archetype.WIDER_COMMUNITY_FOCUSED:
        if chance() < 0.3:
            partner()
        if chance() < 0.6:
            children(1, 0.1)
        friends(rng.randint(2, 3), 0.5)
        if chance() < 0.5:
            volunteer()
    else:
        roll = chance()
        if roll < 0.3:
            partner()
        elif roll < 0.6:
            rng.choice((lambda: relative(0.1), lambda: neighbours(1)))()
        for r in out:
            r.frequency = rng.choice((MONTHLY, RARELY)) if r.group != "partner" else DAILY
    return out


# ---------------------------------------------------------------- public API


def _check_sizes(teams: int, clients_per_team: int, nurses_per_team: int) -> None:
    if teams < 0 or clients_per_team < 0:
        raise ValueError("teams and clients_per_team must not be negative")
    if nurses_per_team < 1:
        raise ValueError("a team needs at least one nurse")


def _neighbourhoods(seed: int, teams: int, nurses_per_team: int) -> Iterator[_Neighbourhood]:
    return (_neighbourhood(seed, t, nurses_per_team) for t in range(teams))


def generate_staffing(teams: int, nurses_per_team: int = 10, seed: int = 0) -> Population:
    """Teams, organisations and staff of the population, without clients."""
    _check_sizes(teams, 0, nurses_per_team)
    hoods = list(_neighbourhoods(seed, teams, nurses_per_team))
    return Population(
        teams=tuple(h.team for h in hoods),
        organizations=tuple(o for h in hoods for o in h.organizations),
        staff=tuple(s for h in hoods for s in h.staff()),
    )


def iter_labelled_onions(
    teams: int, clients_per_team: int = 45, nurses_per_team: int = 10, seed: int = 0
) -> Iterator[LabelledOnion]:
    """Every client's onion, team by team, with the network type it was drawn from."""
    _check_sizes(teams, clients_per_team, nurses_per_team)
    for t, hood in enumerate(_neighbourhoods(seed, teams, nurses_per_team)):
        rng = random.Random(f"graphsvc-population/{seed}/clients/{t}")
        for c in range(clients_per_team):
            yield _OnionBuilder(rng, hood, t * clients_per_team + c + 1).build()


def iter_onions(
    teams: int, clients_per_team: int = 45, nurses_per_team: int = 10, seed: int = 0
) -> Iterator[Onion]:
    """Every client's onion, team by team, one at a time."""
    return (lo.onion for lo in iter_labelled_onions(teams, clients_per_team, nurses_per_team, seed))


def iter_population(
    teams: int,
    clients_per_team: int = 45,
    nurses_per_team: int = 10,
    seed: int = 0,
    *,
    clients_per_chunk: int = 1000,
) -> Iterator[Population]:
    """The population of :func:`generate_population` in chunks, generated as they are taken."""
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
    """A whole population in one value; the same seed gives the same population."""
    head = generate_staffing(teams, nurses_per_team, seed)
    onions = tuple(iter_onions(teams, clients_per_team, nurses_per_team, seed))
    return Population(head.teams, head.organizations, head.staff, onions)
