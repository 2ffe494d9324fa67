"""Edits a nurse makes to an onion in the web page, as plain functions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from graphsvc.domain import (
    Member,
    Membership,
    Need,
    NeedStatus,
    Observation,
    Onion,
    Person,
    SupportTie,
)


def without_member(onion: Onion, person_id: str) -> Onion:
    return replace(
        onion,
        members=tuple(m for m in onion.members if m.person.id != person_id),
        supports=tuple(s for s in onion.supports if s.supporter_id != person_id),
        knows=tuple(k for k in onion.knows if person_id not in (k.person_a, k.person_b)),
    )


def with_member(onion: Onion, member: Member) -> Onion:
    others = tuple(m for m in onion.members if m.person.id != member.person.id)
    return replace(onion, members=(*others, member))


def with_membership(onion: Onion, person_id: str, **changes: Any) -> Onion:
    return replace(
        onion,
        members=tuple(
            replace(m, membership=replace(m.membership, **changes))
            if m.person.id == person_id
            else m
            for m in onion.members
        ),
    )


def with_person(onion: Onion, person: Person) -> Onion:
    return replace(
        onion,
        members=tuple(
            replace(m, person=person) if m.person.id == person.id else m for m in onion.members
        ),
    )


def with_tie(onion: Onion, tie: SupportTie) -> Onion:
    others = tuple(
        s for s in onion.supports if (s.supporter_id, s.need_id) != (tie.supporter_id, tie.need_id)
    )
    return replace(onion, supports=(*others, tie))


def tie(onion: Onion, supporter_id: str, need_id: str) -> SupportTie:
    return next(s for s in onion.supports if (s.supporter_id, s.need_id) == (supporter_id, need_id))


def without_tie(onion: Onion, supporter_id: str, need_id: str) -> Onion:
    return replace(
        onion,
        supports=tuple(
            s for s in onion.supports if (s.supporter_id, s.need_id) != (supporter_id, need_id)
        ),
    )


def with_need(onion: Onion, need: Need) -> Onion:
    others = tuple(n for n in onion.needs if n.id != need.id)
    return replace(onion, needs=(*others, need))


def resolved(onion: Onion, need_id: str) -> Onion:
    need = next(n for n in onion.needs if n.id == need_id)
    return with_need(onion, replace(need, status=NeedStatus.RESOLVED))


def without_need(onion: Onion, need_id: str) -> Onion:
    return replace(
        onion,
        needs=tuple(n for n in onion.needs if n.id != need_id),
        supports=tuple(s for s in onion.supports if s.need_id != need_id),
        observations=tuple(o for o in onion.observations if o.need_id != need_id),
    )


def with_rating(onion: Onion, rating: Observation) -> Onion:
    others = tuple(o for o in onion.observations if o.id != rating.id)
    return replace(onion, observations=(*others, rating))


def without_rating(onion: Onion, rating_id: str) -> Onion:
    return replace(onion, observations=tuple(o for o in onion.observations if o.id != rating_id))


def member(onion: Onion, person_id: str) -> Member:
    return next(m for m in onion.members if m.person.id == person_id)


def new_member(
    person: Person, client_id: str, organization_ids: tuple[str, ...] = (), **membership: object
) -> Member:
    ties = Membership(person.id, client_id, person.ring, **membership)  # type: ignore[arg-type]
    return Member(person, ties, organization_ids)
