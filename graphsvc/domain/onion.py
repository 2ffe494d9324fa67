"""The onion: one client's whole network, read or written as one unit."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from .client import Client
from .diagnosis import Diagnosis
from .errors import ValidationError
from .help import Help
from .need import Need
from .observation import Observation
from .person import Person
from .rings import Ring
from .ties import Frequency, KnowsTie, Membership, SupportTie


@dataclass(frozen=True, slots=True)
class Member:
    person: Person
    membership: Membership
    organization_ids: tuple[str, ...] = ()
    # as the client's care plans say it: read from FHIR, never edited here
    helps: tuple[Help, ...] = ()

    @property
    def ring(self) -> Ring:
        return self.membership.ring

    @property
    def in_touch(self) -> Frequency | None:
        """How often she is in touch with the client: as recorded, or as often
        as she helps (a neighbour who shops weekly is in touch weekly)."""
        seen = [self.membership.contact_frequency, *(h.frequency for h in self.helps if h.active)]
        known = [f for f in seen if f is not None]
        return min(known, key=list(Frequency).index) if known else None


@dataclass(frozen=True, slots=True)
class Onion:
    client: Client
    team_id: str | None
    version: int = 0
    members: tuple[Member, ...] = ()
    needs: tuple[Need, ...] = ()
    supports: tuple[SupportTie, ...] = ()
    knows: tuple[KnowsTie, ...] = ()
    observations: tuple[Observation, ...] = field(default=())
    # as her Conditions coded in SNOMED CT, ICPC or ICD-10 say: read from FHIR only
    diagnoses: tuple[Diagnosis, ...] = ()

    def canonical(self) -> Onion:
        """The same onion with every collection in a fixed order, so that two
        onions with the same content compare equal whatever order they came in."""
        return replace(
            self,
            members=tuple(
                sorted(
                    (
                        replace(
                            m,
                            organization_ids=tuple(sorted(set(m.organization_ids))),
                            helps=tuple(sorted(set(m.helps), key=repr)),
                        )
                        for m in self.members
                    ),
                    key=lambda m: m.person.id,
                )
            ),
            needs=tuple(sorted(self.needs, key=lambda n: n.id)),
            supports=tuple(sorted(self.supports, key=lambda s: (s.need_id, s.supporter_id))),
            knows=tuple(sorted(set(self.knows), key=lambda k: (k.person_a, k.person_b))),
            observations=tuple(sorted(self.observations, key=lambda o: (o.effective, o.id))),
            diagnoses=tuple(sorted(set(self.diagnoses), key=lambda d: d.id)),
        )

    def without_fhir_only(self) -> Onion:
        """The onion as the graph's own commands and a generated population
        say it: without what only FHIR says (each member's help, the
        client's diagnoses)."""
        members = tuple(replace(m, helps=()) for m in self.members)
        return replace(self, members=members, diagnoses=())

    def ring(self, ring: Ring) -> Iterator[Member]:
        return (m for m in self.members if m.ring is ring)

    def check_consistent(self) -> None:
        """Every tie points at someone or something inside this onion, and no
        need has the id of someone in it."""
        people = {m.person.id for m in self.members}
        needs = {n.id for n in self.needs}
        for i, m in enumerate(self.members):
            if m.membership.client_id != self.client.id or m.membership.person_id != m.person.id:
                raise ValidationError(
                    f"members[{i}]", "membership does not join this person to this client"
                )
        for i, n in enumerate(self.needs):
            if n.client_id != self.client.id:
                raise ValidationError(f"needs[{i}].clientId", "need belongs to another client")
            if n.id in people or n.id == self.client.id:
                # gaps and the page name people and needs by id alone
                raise ValidationError(
                    f"needs[{i}].id", f"{n.id!r} is the id of someone in this onion, not of a need"
                )
        for i, s in enumerate(self.supports):
            if s.supporter_id not in people:
                raise ValidationError(
                    f"supports[{i}].supporterId", f"{s.supporter_id!r} is not in the onion"
                )
            if s.need_id not in needs:
                raise ValidationError(
                    f"supports[{i}].needId", f"{s.need_id!r} is not a need of this client"
                )
        for i, k in enumerate(self.knows):
            for end in (k.person_a, k.person_b):
                if end not in people:
                    raise ValidationError(f"knows[{i}]", f"{end!r} is not in the onion")
        for i, o in enumerate(self.observations):
            if o.client_id != self.client.id:
                raise ValidationError(
                    f"observations[{i}].clientId", "rating belongs to another client"
                )
            if o.need_id is not None and o.need_id not in needs:
                raise ValidationError(
                    f"observations[{i}].needId", f"{o.need_id!r} is not a need of this client"
                )
