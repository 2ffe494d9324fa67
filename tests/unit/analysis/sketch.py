"""Hand-built onions for known-answer tests: a client, her rings, needs and ties."""

from __future__ import annotations

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

WEEKLY = Frequency.WEEKLY


class Sketch:
    def __init__(self, client_id: str = "c-1", name: str = "Anna de Vries") -> None:
        self.client = Client(client_id, name, "Bloemenbuurt")
        self.team_id: str | None = "team-1"
        self.members: list[Member] = []
        self.needs: list[Need] = []
        self.supports: list[SupportTie] = []
        self.knows: list[KnowsTie] = []

    def member(
        self,
        pid: str,
        name: str,
        ring: Ring,
        *,
        role: str | None = None,
        relationship: str | None = None,
        frequency: Frequency | None = WEEKLY,
        closeness: int | None = None,
    ) -> str:
        person = Person(pid, name, ring, relationship or role)
        membership = Membership(pid, self.client.id, ring, role, relationship, frequency, closeness)
        self.members.append(Member(person, membership))
        return pid

    def informal(
        self,
        pid: str,
        name: str,
        relationship: str = "daughter",
        frequency: Frequency | None = WEEKLY,
        closeness: int | None = 3,
    ) -> str:
        return self.member(
            pid,
            name,
            Ring.INFORMAL,
            relationship=relationship,
            frequency=frequency,
            closeness=closeness,
        )

    def nurse(self, pid: str, name: str, role: str = "nurse") -> str:
        return self.member(pid, name, Ring.TEAM, role=role)

    def professional(self, pid: str, name: str, role: str = "general practitioner") -> str:
        return self.member(pid, name, Ring.FORMAL, role=role, frequency=Frequency.MONTHLY)

    def need(self, code: str, status: NeedStatus = NeedStatus.ACTIVE) -> str:
        need_id = f"{self.client.id}-n{code}"
        self.needs.append(Need(need_id, self.client.id, code, status))
        return need_id

    def support(
        self,
        pid: str,
        need_id: str,
        hours: float = 1.0,
        *,
        kind: SupportKind = SupportKind.PRACTICAL,
        status: TieStatus = TieStatus.ACTIVE,
    ) -> None:
        self.supports.append(SupportTie(pid, need_id, kind, WEEKLY, hours, status))

    def know(self, a: str, b: str, closeness: int | None = 2) -> None:
        self.knows.append(KnowsTie(a, b, closeness))

    def onion(self) -> Onion:
        onion = Onion(
            self.client,
            self.team_id,
            0,
            tuple(self.members),
            tuple(self.needs),
            tuple(self.supports),
            tuple(self.knows),
        )
        onion.check_consistent()
        return onion


def anchored(client_id: str = "c-1", name: str = "Anna de Vries") -> Sketch:
    """A client with a team nurse and a GP who knows her, so that only the
    gaps a test builds are found (plus ISOLATED_CLIENT without informal members)."""
    s = Sketch(client_id, name)
    s.nurse("nurse", "Kim Dijkstra", "primary nurse")
    s.professional("gp", "Roel Smits")
    s.know("nurse", "gp")
    return s
