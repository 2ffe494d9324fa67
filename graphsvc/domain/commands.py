"""Changes to one client's network, as commands applied by pure functions.

Every surface that edits a network (GraphQL, the web page) says what it wants
as one of these; :func:`apply` gives the network as it is to be, or raises
what is wrong (the same NotFound and ValidationError the surfaces report).
Nothing here reads or writes: the service reads the network, applies the
command and commits the result in one guarded statement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from .client import Client
from .errors import NotFound, Reason, ValidationError
from .need import Need, NeedStatus
from .observation import Observation
from .onion import Member, Onion
from .person import Person
from .revert import Revert, apply_revert
from .rings import Ring
from .ties import KnowsTie, Membership, SupportTie
from .values import check_id

# A GP's role in the onion she is linked into at admission.
GENERAL_PRACTITIONER = "general practitioner"

# The most years a birth date may lie before the day of admission: anything
# older is a typing error (nobody has lived this long).
OLDEST = 130


@dataclass(frozen=True, slots=True)
class AdmitClient:
    """Take a client into care with the team that serves her, or change her
    own details (name, neighbourhood, birth date, address) or her team; her
    network stays as it is. The first command of every network.

    ``general_practitioner``: her GP, a professional of the directory, put
    in the formal ring (the service checks that the directory has her as a
    general practitioner). ``admitted_on``: the day it happens, when given;
    a birth date after it, or more than :data:`OLDEST` years before it, is
    refused."""

    client: Client
    team_id: str
    general_practitioner: Person | None = None
    admitted_on: date | None = None


@dataclass(frozen=True, slots=True)
class SaveMember:
    """Put a person in the onion, or change her place there; with
    ``supports``, the needs she helps with (her help with any other need
    stays as it was), and with ``knows``, whom of the onion she knows: all
    of it one change, so that a first visit needs one per person. Each need
    and each person she knows is named once (twice would leave one of the
    two unsaid)."""

    person: Person
    membership: Membership
    supports: tuple[SupportTie, ...] = ()
    knows: tuple[KnowsTie, ...] = ()


@dataclass(frozen=True, slots=True)
class UpdateMember:
    """Change some of a member's details (``person``) or of her place in the
    onion (``membership``): field names of Person and Membership, only those
    given."""

    person_id: str
    person: Mapping[str, object]
    membership: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class RemoveMember:
    """Take a person out, with the help she gave here and whom she knew here."""

    person_id: str


@dataclass(frozen=True, slots=True)
class SaveNeed:
    need: Need


@dataclass(frozen=True, slots=True)
class ResolveNeed:
    """A need that no longer is one: kept, with its help and ratings, as resolved."""

    need_id: str


@dataclass(frozen=True, slots=True)
class RemoveNeed:
    """A need goes with the help for it and its ratings."""

    need_id: str


@dataclass(frozen=True, slots=True)
class SaveSupport:
    tie: SupportTie


@dataclass(frozen=True, slots=True)
class RemoveSupport:
    supporter_id: str
    need_id: str


@dataclass(frozen=True, slots=True)
class SaveKnows:
    """Two people of the onion know each other, as recorded in this onion."""

    tie: KnowsTie


@dataclass(frozen=True, slots=True)
class RemoveKnows:
    person_a: str
    person_b: str


@dataclass(frozen=True, slots=True)
class SaveRating:
    observation: Observation


@dataclass(frozen=True, slots=True)
class RemoveRating:
    observation_id: str


Command = (
    AdmitClient
    | SaveMember
    | UpdateMember
    | RemoveMember
    | SaveNeed
    | ResolveNeed
    | RemoveNeed
    | SaveSupport
    | RemoveSupport
    | SaveKnows
    | RemoveKnows
    | SaveRating
    | RemoveRating
    | Revert
)


def apply(onion: Onion, command: Command) -> Onion:
    """The network after the command; the version is left as it was (the
    commit moves it)."""
    match command:
        case AdmitClient():
            after = _admit_client(onion, command)
        case SaveMember():
            after = _save_member(onion, command)
        case UpdateMember():
            after = _update_member(onion, command)
        case RemoveMember():
            after = _remove_member(onion, command)
        case SaveNeed():
            after = _save_need(onion, command)
        case ResolveNeed():
            after = _resolve_need(onion, command)
        case RemoveNeed():
            after = _remove_need(onion, command)
        case SaveSupport():
            after = _save_support(onion, command)
        case RemoveSupport():
            after = _remove_support(onion, command)
        case SaveKnows():
            after = _save_knows(onion, command)
        case RemoveKnows():
            after = _remove_knows(onion, command)
        case SaveRating():
            after = _save_rating(onion, command)
        case RemoveRating():
            after = _remove_rating(onion, command)
        case Revert():
            after = apply_revert(onion, command)
    after.check_consistent()
    return after


def same_network(a: Onion, b: Onion, *, fhir_only: bool = True) -> bool:
    """Equal content, whatever the order and the version; ``fhir_only=False``:
    ignoring what only FHIR says (help, diagnoses), for a network given as
    the graph says it (a generated population)."""
    if not fhir_only:
        a, b = a.without_fhir_only(), b.without_fhir_only()
    return replace(a.canonical(), version=0) == replace(b.canonical(), version=0)


def admission(command: AdmitClient) -> Onion:
    """The network of a client not yet in care: nobody in it yet."""
    return Onion(command.client, command.team_id)


def _admit_client(onion: Onion, command: AdmitClient) -> Onion:
    if command.client.id != onion.client.id:
        raise ValidationError("client.id", "names another client")
    check_id("teamId", command.team_id)
    born, day = command.client.birth_date, command.admitted_on
    if born is not None and day is not None:
        if born > day:
            raise ValidationError(
                "birthDate", f"{born.isoformat()} lies in the future", code=Reason.IN_THE_FUTURE
            )
        if (born.year + OLDEST, born.month, born.day) < (day.year, day.month, day.day):
            raise ValidationError(
                "birthDate",
                f"{born.isoformat()} is more than {OLDEST} years ago",
                code=Reason.TOO_LONG_AGO,
                maximum=OLDEST,
            )
    after = replace(onion, client=command.client, team_id=command.team_id)
    gp = command.general_practitioner
    if gp is None:
        return after
    if gp.ring is not Ring.FORMAL:
        raise ValidationError(
            "generalPractitionerId",
            f"{gp.name!r} is not a professional",
            code=Reason.NOT_A_PROFESSIONAL,
        )
    if any(m.person.id == gp.id for m in after.members):
        return after  # in her onion already, in the place given there
    tie = Membership(gp.id, after.client.id, Ring.FORMAL, GENERAL_PRACTITIONER, since=day)
    return _save_member(after, SaveMember(gp, tie))


def _save_member(onion: Onion, command: SaveMember) -> Onion:
    person, membership = command.person, command.membership
    if membership.person_id != person.id:
        raise ValidationError("membership.personId", "does not name this person")
    if membership.client_id != onion.client.id:
        raise ValidationError("membership.clientId", "names another client")
    existing = next((m for m in onion.members if m.person.id == person.id), None)
    if existing is None or (existing.person, existing.membership) != (person, membership):
        membership = _said_once(person, membership)
    taken = {onion.client.id, *(n.id for n in onion.needs), *(o.id for o in onion.observations)}
    if person.id in taken:
        raise ValidationError(
            "personId",
            f"{person.id!r} is no person: it names a client, need or rating",
            code=Reason.NOT_A_PERSON,
        )
    if existing is None:
        after = replace(onion, members=(*onion.members, Member(person, membership)))
    else:
        member = replace(existing, person=person, membership=membership)
        after = replace(
            onion,
            members=tuple(member if m is existing else m for m in onion.members),
        )
    needs: set[str] = set()
    for i, tie in enumerate(command.supports):
        if tie.supporter_id != person.id:
            raise ValidationError(f"supports[{i}].supporterId", "does not name this person")
        if tie.need_id in needs:
            raise ValidationError(
                f"supports[{i}].needId", f"{tie.need_id!r} is named twice", code=Reason.NAMED_TWICE
            )
        needs.add(tie.need_id)
        after = _save_support(after, SaveSupport(tie))
    known: set[frozenset[str]] = set()
    for i, knows in enumerate(command.knows):
        if person.id not in (knows.person_a, knows.person_b):
            raise ValidationError(f"knows[{i}]", "does not name this person")
        pair = frozenset((knows.person_a, knows.person_b))
        if pair in known:
            raise ValidationError(
                f"knows[{i}]", "names someone she knows twice", code=Reason.NAMED_TWICE
            )
        known.add(pair)
        after = _save_knows(after, SaveKnows(knows))
    return after


def _update_member(onion: Onion, command: UpdateMember) -> Onion:
    member = next((m for m in onion.members if m.person.id == command.person_id), None)
    if member is None:
        raise NotFound("member", command.person_id)
    fixed = {"id", "person_id", "client_id"} & {*command.person, *command.membership}
    if fixed:
        raise ValidationError(sorted(fixed)[0], "names who and whose; it cannot be changed")
    person = replace(member.person, **command.person)  # type: ignore[arg-type]
    membership = replace(member.membership, **command.membership)  # type: ignore[arg-type]
    if "relationship" in command.membership and person.ring is Ring.INFORMAL:
        person = replace(person, role=membership.relationship)
    return _save_member(onion, SaveMember(person, membership))


def _said_once(person: Person, membership: Membership) -> Membership:
    """A relative's relationship is her own (RelatedPerson.relationship, the
    person's role); a professional has none in FHIR, her place in an onion is
    the role on the tie (CareTeam.participant.role)."""
    relationship = person.role if person.ring is Ring.INFORMAL else None
    if membership.relationship == relationship:
        return membership
    return replace(membership, relationship=relationship)


def _remove_member(onion: Onion, command: RemoveMember) -> Onion:
    pid = command.person_id
    if not any(m.person.id == pid for m in onion.members):
        raise NotFound("member", pid)
    return replace(
        onion,
        members=tuple(m for m in onion.members if m.person.id != pid),
        supports=tuple(s for s in onion.supports if s.supporter_id != pid),
        knows=tuple(k for k in onion.knows if pid not in (k.person_a, k.person_b)),
    )


def id_taken(field: str, some_id: str) -> ValidationError:
    """A new need's or rating's id that something else has already: said the
    same whatever has it (nothing of whose it is)."""
    return ValidationError(
        field,
        f"{some_id!r} is taken: a person, client, team, organisation, need or rating has it",
        code=Reason.TAKEN,
    )


def _save_need(onion: Onion, command: SaveNeed) -> Onion:
    need = command.need
    if need.client_id != onion.client.id:
        raise ValidationError("need.clientId", "names another client")
    if any(n.id == need.id for n in onion.needs):
        return replace(onion, needs=tuple(need if n.id == need.id else n for n in onion.needs))
    if need.id in _ids_of(onion):  # of her, one of her people, a rating
        raise id_taken("need.id", need.id)
    return replace(onion, needs=(*onion.needs, need))


def _ids_of(onion: Onion) -> set[str]:
    """Every id this onion holds: the client's, her people's, her needs' and ratings'."""
    return {
        onion.client.id,
        *(m.person.id for m in onion.members),
        *(n.id for n in onion.needs),
        *(o.id for o in onion.observations),
    }


def _resolve_need(onion: Onion, command: ResolveNeed) -> Onion:
    need = next((n for n in onion.needs if n.id == command.need_id), None)
    if need is None:
        raise NotFound("need", command.need_id)
    return _save_need(onion, SaveNeed(replace(need, status=NeedStatus.RESOLVED)))


def _remove_need(onion: Onion, command: RemoveNeed) -> Onion:
    nid = command.need_id
    if not any(n.id == nid for n in onion.needs):
        raise NotFound("need", nid)
    return replace(
        onion,
        needs=tuple(n for n in onion.needs if n.id != nid),
        supports=tuple(s for s in onion.supports if s.need_id != nid),
        observations=tuple(o for o in onion.observations if o.need_id != nid),
    )


def _save_support(onion: Onion, command: SaveSupport) -> Onion:
    tie = command.tie
    members = {m.person.id for m in onion.members}
    needs = {n.id for n in onion.needs}
    if tie.supporter_id not in members or tie.need_id not in needs:
        raise NotFound("need or supporter in this onion", f"{tie.need_id}/{tie.supporter_id}")
    key = (tie.supporter_id, tie.need_id)
    kept = tuple(s for s in onion.supports if (s.supporter_id, s.need_id) != key)
    return replace(onion, supports=(*kept, tie))


def _remove_support(onion: Onion, command: RemoveSupport) -> Onion:
    key = (command.supporter_id, command.need_id)
    kept = tuple(s for s in onion.supports if (s.supporter_id, s.need_id) != key)
    if len(kept) == len(onion.supports):
        raise NotFound("support", f"{command.supporter_id}->{command.need_id}")
    return replace(onion, supports=kept)


def _save_knows(onion: Onion, command: SaveKnows) -> Onion:
    tie = command.tie
    members = {m.person.id for m in onion.members}
    if tie.person_a not in members or tie.person_b not in members:
        raise NotFound("member", f"{tie.person_a} or {tie.person_b}")
    pair = (tie.person_a, tie.person_b)
    kept = tuple(k for k in onion.knows if (k.person_a, k.person_b) != pair)
    return replace(onion, knows=(*kept, tie))


def _remove_knows(onion: Onion, command: RemoveKnows) -> Onion:
    pair = KnowsTie(command.person_a, command.person_b)  # in id order
    kept = tuple(
        k for k in onion.knows if (k.person_a, k.person_b) != (pair.person_a, pair.person_b)
    )
    if len(kept) == len(onion.knows):
        raise NotFound("knows", f"{pair.person_a}-{pair.person_b}")
    return replace(onion, knows=kept)


def _save_rating(onion: Onion, command: SaveRating) -> Onion:
    rating = command.observation
    if rating.client_id != onion.client.id:
        raise ValidationError("observation.clientId", "names another client")
    if rating.need_id is not None and not any(n.id == rating.need_id for n in onion.needs):
        raise NotFound("need", rating.need_id)
    kept = tuple(o for o in onion.observations if o.id != rating.id)
    if len(kept) == len(onion.observations) and rating.id in _ids_of(onion):
        raise id_taken("observation.id", rating.id)
    return replace(onion, observations=(*kept, rating))


def _remove_rating(onion: Onion, command: RemoveRating) -> Onion:
    kept = tuple(o for o in onion.observations if o.id != command.observation_id)
    if len(kept) == len(onion.observations):
        raise NotFound("observation", command.observation_id)
    return replace(onion, observations=kept)


__all__ = [
    "Command",
    "RemoveKnows",
    "RemoveMember",
    "RemoveNeed",
    "RemoveRating",
    "RemoveSupport",
    "ResolveNeed",
    "Revert",
    "SaveKnows",
    "SaveMember",
    "SaveNeed",
    "SaveRating",
    "SaveSupport",
    "UpdateMember",
    "apply",
    "id_taken",
    "same_network",
]
