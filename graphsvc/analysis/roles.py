"""Who someone is to the client, read from the free text of roles and relationships.

- A *team nurse* is a member whose ring in this onion is ``team``: the ring
  already says she belongs to the client's neighbourhood team (a FHIR import
  puts only the managing organisation's people there).
- A *general practitioner* is a member of the formal ring whose role in the
  onion, relationship or own role names one: "general practitioner", "GP",
  "huisarts", "family doctor" or "family physician", as a whole word and not
  an assistant's role ("GP assistant", "huisartsassistent" are not GPs).
- Informal relationships fall into groups (partner, kin, neighbour, friend,
  community, other) by English and Dutch words, the first group that matches
  in that order but kin last ("family friend" is a friend, "neighbour's
  daughter" a neighbour); :mod:`.typology` uses them.
"""

from __future__ import annotations

import re
from enum import StrEnum

from graphsvc.domain import Member, Ring

_GP = re.compile(r"\b(general practitioner|gp|huisarts|family (doctor|physician))\b")
_ASSISTANT = re.compile(r"assist")


def is_team_nurse(member: Member) -> bool:
    return member.ring is Ring.TEAM


def _texts(member: Member) -> tuple[str, ...]:
    found = (member.membership.role, member.membership.relationship, member.person.role)
    return tuple(t.lower() for t in found if t)


def is_gp(member: Member) -> bool:
    if member.ring is not Ring.FORMAL:
        return False
    return any(names_gp(t) for t in _texts(member))


def names_gp(role: str | None) -> bool:
    """Whether a role names a general practitioner (not an assistant)."""
    text = (role or "").lower()
    return bool(_GP.search(text)) and not _ASSISTANT.search(text)


class RelationshipGroup(StrEnum):
    PARTNER = "partner"
    KIN = "kin"
    NEIGHBOUR = "neighbour"
    FRIEND = "friend"
    COMMUNITY = "community"  # volunteers, church, clubs
    OTHER = "other"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORDS: tuple[tuple[RelationshipGroup, frozenset[str]], ...] = (
    (
        RelationshipGroup.PARTNER,
        _words(
            "partner spouse wife husband companion boyfriend girlfriend "
            "echtgenoot echtgenote levenspartner"
        ),
    ),
    (
        RelationshipGroup.NEIGHBOUR,
        _words("neighbour neighbor buur buurman buurvrouw buren"),
    ),
    (
        RelationshipGroup.FRIEND,
        _words("friend vriend vriendin kennis acquaintance"),
    ),
    (
        RelationshipGroup.COMMUNITY,
        _words(
            "volunteer vrijwilliger vrijwilligster buddy church kerk club "
            "congregation mosque moskee community"
        ),
    ),
    (
        RelationshipGroup.KIN,
        _words(
            "daughter son child children sister brother sibling niece nephew cousin "
            "aunt uncle mother father parent granddaughter grandson grandchild "
            "grandmother grandfather family relative dochter zoon kind zus zuster broer "
            "nicht neef tante oom moeder vader kleindochter kleinzoon kleinkind "
            "schoondochter schoonzoon familie"
        ),
    ),
)
_KIN_PREFIXES = ("step", "stief", "great", "half")
_TOKEN = re.compile(r"[a-z]+")


def relationship_group(member: Member) -> RelationshipGroup:
    """The group of an informal member, from her relationship (else her own role)."""
    text = member.membership.relationship or member.person.role or ""
    tokens = set(_TOKEN.findall(text.lower()))
    tokens |= {t.removeprefix(p) for t in tokens for p in _KIN_PREFIXES if t.startswith(p)}
    for group, words in _WORDS:
        if tokens & words:
            return group
    return RelationshipGroup.OTHER
