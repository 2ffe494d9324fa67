"""The demo neighbourhood: one team, ten nurses, 45 clients.

Generated from a fixed seed, then three clients are written by hand so that
the gaps a nurse looks for are there to be found on day one:

- client-000001, Truus Bakker, a widow on her own: only a niece far away, and
  nobody for her social contact need;
- client-000002, Henk Wolters, living with dementia: his daughter Marieke
  carries 25 hours a week across four needs;
- client-000003, Jan de Boer, just moved in near his son: no GP yet.

The professionals in those three onions know the nurses there as the
generator says they do in this neighbourhood (a KNOWS tie between two staff
is the same fact in every onion that holds both).

``python -m graphsvc.seeding.demo [PATH]`` writes the seed file (by default
``seeds/demo-neighbourhood.json``); a test checks that the file is current.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date

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

from .codec import dump_population
from .generator import generate_colleague_ties, generate_population

DEMO_SEED = 2025  # gives a balanced mix of network types, and no two clients share a name
DEMO_FILE = "seeds/demo-neighbourhood.json"
DEMO_TEAM = "team-0001"
DEMO_NURSE = "person-0001-nurse-01"  # Truus Bakker's primary nurse, a subject for demo tokens

DAILY = Frequency.DAILY
SEVERAL = Frequency.SEVERAL_TIMES_A_WEEK
WEEKLY = Frequency.WEEKLY
MONTHLY = Frequency.MONTHLY
RARELY = Frequency.LESS_OFTEN


class _Sketch:
    """One onion written by hand, with the ids the generator would give it."""

    def __init__(self, number: int, name: str, born: date, team: Team) -> None:
        self.number = number
        self.client = Client(f"client-{number:06d}", name, team.neighbourhood, born)
        self.team_id = team.id
        self.members: list[Member] = []
        self.needs: list[Need] = []
        self.supports: list[SupportTie] = []
        self.knows: list[KnowsTie] = []
        self.observations: list[Observation] = []

    def _join(
        self,
        person: Person,
        organization_ids: tuple[str, ...],
        *,
        role: str | None,
        relationship: str | None,
        frequency: Frequency,
        closeness: int | None,
        since: date,
    ) -> str:
        membership = Membership(
            person.id, self.client.id, person.ring, role, relationship, frequency, closeness, since
        )
        self.members.append(Member(person, membership, organization_ids))
        return person.id

    def informal(
        self,
        name: str,
        relationship: str,
        frequency: Frequency,
        closeness: int,
        since: date,
        role: str | None = None,
    ) -> str:
        informal = sum(1 for m in self.members if m.ring is Ring.INFORMAL)
        person_id = f"person-{self.number:06d}-{informal + 1:02d}"
        person = Person(person_id, name, Ring.INFORMAL, relationship)
        return self._join(
            person,
            (),
            role=role,
            relationship=relationship,
            frequency=frequency,
            closeness=closeness,
            since=since,
        )

    def professional(
        self,
        staff: Staff,
        role: str,
        frequency: Frequency,
        since: date,
        closeness: int | None = None,
    ) -> str:
        return self._join(
            staff.person,
            staff.organization_ids,
            role=role,
            relationship=None,
            frequency=frequency,
            closeness=closeness,
            since=since,
        )

    def need(self, code: str, since: date, status: NeedStatus = NeedStatus.ACTIVE) -> None:
        self.needs.append(Need(self._need_id(code), self.client.id, code, status, since))

    def _need_id(self, code: str) -> str:
        return f"need-{self.number:06d}-{code}"

    def support(
        self,
        supporter: str,
        code: str,
        kind: SupportKind,
        frequency: Frequency,
        hours: float,
        since: date,
        status: TieStatus = TieStatus.ACTIVE,
    ) -> None:
        need_id = self._need_id(code)
        self.supports.append(SupportTie(supporter, need_id, kind, frequency, hours, status, since))

    def know(self, a: str, b: str, closeness: int) -> None:
        self.knows.append(KnowsTie(a, b, closeness))

    def rate(self, code: str, effective: date, knowledge: int, behavior: int, status: int) -> None:
        done = sum(1 for o in self.observations if o.need_id == self._need_id(code))
        scores = zip(RatingDimension, (knowledge, behavior, status), strict=True)
        for k, (dimension, value) in enumerate(scores, start=done + 1):
            self.observations.append(
                Observation(
                    f"obs-{self.number:06d}-{code}-{k}",
                    self.client.id,
                    self._need_id(code),
                    dimension,
                    value,
                    effective,
                )
            )

    def onion(self, colleagues: Iterable[KnowsTie]) -> Onion:
        """The onion, with each of the neighbourhood's ties between staff
        (``colleagues``) whose two people are both members."""
        people = {m.person.id for m in self.members}
        knows = self.knows + [
            k for k in colleagues if k.person_a in people and k.person_b in people
        ]
        onion = Onion(
            self.client,
            self.team_id,
            0,
            tuple(self.members),
            tuple(self.needs),
            tuple(self.supports),
            tuple(knows),
            tuple(self.observations),
        )
        onion.check_consistent()
        return onion


class _Staff:
    def __init__(self, staff: tuple[Staff, ...], colleagues: tuple[KnowsTie, ...]) -> None:
        self._staff = staff
        self.colleagues = colleagues  # who among the staff knows whom

    def get(self, person_id: str) -> Staff:
        return next(s for s in self._staff if s.person.id == person_id)

    def first(self, role: str) -> Staff:
        return next(s for s in self._staff if s.person.role == role)


def _isolated_widow(team: Team, staff: _Staff) -> Onion:
    o = _Sketch(1, "Geertruida Bakker", date(1937, 3, 14), team)
    niece = o.informal("Ingrid Bakker", "niece", RARELY, 1, date(1971, 8, 2), "contact person")
    nurse = o.professional(staff.get(DEMO_NURSE), "primary nurse", DAILY,
                           date(2024, 9, 16), closeness=3)  # fmt: skip
    gp = o.professional(staff.first("general practitioner"), "general practitioner", MONTHLY,
                        date(1989, 5, 1))  # fmt: skip
    pharmacist = o.professional(staff.first("pharmacist"), "pharmacist", MONTHLY, date(2024, 9, 20))
    o.need("06", date(2024, 9, 16))
    o.need("10", date(2024, 9, 16))
    o.need("42", date(2024, 9, 16))
    o.need("35", date(2025, 1, 10))
    o.support(gp, "10", SupportKind.MEDICAL, MONTHLY, 0.1, date(2024, 10, 1))
    o.support(nurse, "42", SupportKind.NURSING, DAILY, 1.75, date(2024, 9, 16))
    o.support(pharmacist, "42", SupportKind.INFORMATIONAL, MONTHLY, 0.1, date(2024, 9, 20))
    o.support(nurse, "35", SupportKind.NURSING, WEEKLY, 0.5, date(2025, 1, 10))
    o.support(niece, "35", SupportKind.PRACTICAL, RARELY, 0.05, date(2025, 2, 1))
    o.rate("06", date(2024, 9, 23), 3, 2, 2)
    o.rate("06", date(2025, 6, 2), 3, 2, 1)  # worse: the need nobody supports
    o.rate("10", date(2024, 9, 23), 3, 2, 2)
    o.rate("42", date(2024, 9, 23), 2, 3, 3)
    o.rate("42", date(2025, 6, 2), 4, 4, 4)
    o.rate("35", date(2025, 1, 17), 3, 2, 3)
    return o.onion(staff.colleagues)


def _daughter_carries(team: Team, staff: _Staff) -> Onion:
    o = _Sketch(2, "Hendrik Wolters", date(1940, 11, 2), team)
    daughter = o.informal("Marieke Wolters", "daughter", DAILY, 3, date(1968, 4, 21), "main carer")
    son = o.informal("Peter Wolters", "son", MONTHLY, 2, date(1965, 9, 9))
    neighbour = o.informal("Wim Kuipers", "neighbour", WEEKLY, 2, date(1998, 6, 1))
    nurse = o.professional(staff.get("person-0001-nurse-02"), "primary nurse", DAILY,
                           date(2023, 2, 6), closeness=3)  # fmt: skip
    second = o.professional(staff.get("person-0001-nurse-03"), "nurse", SEVERAL,
                            date(2023, 3, 1), closeness=2)  # fmt: skip
    gp = o.professional(staff.first("general practitioner"), "general practitioner", MONTHLY,
                        date(1995, 1, 15))  # fmt: skip
    for code, since in (("21", date(2023, 2, 6)), ("35", date(2023, 9, 1)),
                        ("38", date(2024, 1, 8)), ("42", date(2023, 2, 6))):  # fmt: skip
        o.need(code, since)
    o.support(daughter, "21", SupportKind.COORDINATION, DAILY, 6.0, date(2023, 2, 6))
    o.support(daughter, "35", SupportKind.HOUSEHOLD, DAILY, 7.0, date(2023, 9, 1))
    o.support(daughter, "38", SupportKind.PERSONAL_CARE, DAILY, 7.0, date(2024, 1, 8))
    o.support(daughter, "42", SupportKind.PRACTICAL, DAILY, 5.0, date(2023, 2, 6))
    o.support(nurse, "21", SupportKind.NURSING, SEVERAL, 1.5, date(2023, 2, 6))
    o.support(nurse, "38", SupportKind.PERSONAL_CARE, DAILY, 3.5, date(2024, 1, 8))
    o.support(second, "38", SupportKind.PERSONAL_CARE, SEVERAL, 1.5, date(2024, 1, 8))
    o.support(nurse, "42", SupportKind.NURSING, DAILY, 1.75, date(2023, 2, 6))
    o.support(gp, "21", SupportKind.MEDICAL, MONTHLY, 0.15, date(2023, 2, 6))
    o.know(daughter, son, 2)
    o.know(daughter, neighbour, 2)
    o.rate("21", date(2024, 8, 12), 2, 3, 2)
    o.rate("21", date(2025, 5, 26), 2, 2, 2)
    o.rate("35", date(2024, 8, 12), 3, 3, 3)
    o.rate("38", date(2024, 8, 12), 3, 3, 2)
    o.rate("38", date(2025, 5, 26), 3, 3, 2)
    o.rate("42", date(2025, 5, 26), 3, 4, 4)
    return o.onion(staff.colleagues)


def _newcomer_without_gp(team: Team, staff: _Staff) -> Onion:
    o = _Sketch(3, "Jan de Boer", date(1944, 7, 19), team)
    partner = o.informal("Annie de Boer", "partner", DAILY, 3, date(1968, 5, 24))
    son = o.informal("Mark de Boer", "son", WEEKLY, 3, date(1971, 2, 3), "contact person")
    nurse = o.professional(staff.get("person-0001-nurse-04"), "primary nurse", DAILY,
                           date(2025, 4, 14), closeness=2)  # fmt: skip
    physio = o.professional(staff.first("physiotherapist"), "physiotherapist", WEEKLY,
                            date(2025, 5, 5))  # fmt: skip
    o.need("27", date(2025, 4, 14))
    o.need("25", date(2025, 4, 14))
    o.need("03", date(2025, 3, 1), NeedStatus.RESOLVED)
    o.support(nurse, "27", SupportKind.NURSING, DAILY, 1.75, date(2025, 4, 14))
    o.support(physio, "25", SupportKind.MEDICAL, WEEKLY, 0.5, date(2025, 5, 5))
    o.support(partner, "25", SupportKind.PRACTICAL, DAILY, 3.0, date(2025, 4, 14))
    o.support(son, "03", SupportKind.PRACTICAL, WEEKLY, 6.0, date(2025, 3, 1), TieStatus.ENDED)
    o.know(partner, son, 3)
    o.rate("27", date(2025, 4, 16), 2, 3, 2)
    o.rate("25", date(2025, 5, 5), 3, 3, 3)
    o.rate("03", date(2025, 3, 3), 4, 3, 2)
    o.rate("03", date(2025, 5, 12), 4, 4, 5)
    return o.onion(staff.colleagues)


def build_demo() -> Population:
    """The demo neighbourhood, the same every time."""
    base = generate_population(1, 45, 10, seed=DEMO_SEED)
    team = base.teams[0]
    staff = _Staff(base.staff, generate_colleague_ties(1, 10, seed=DEMO_SEED))
    written = (
        _isolated_widow(team, staff),
        _daughter_carries(team, staff),
        _newcomer_without_gp(team, staff),
    )
    onions = written + base.onions[len(written) :]
    return Population(base.teams, base.organizations, base.staff, onions)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    dump_population(build_demo(), args[0] if args else DEMO_FILE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
