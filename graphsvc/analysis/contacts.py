"""Close informal contacts: the measure behind isolation, in the spirit of LSNS-6.

The Lubben Social Network Scale (LSNS-6) asks, for relatives and for friends,
how many one sees or hears from at least once a month, can talk to about
private matters, and could call on for help; a total under 12 of 30 (about
two people on each question) marks social isolation. An onion records whom a
client is in touch with, how often and how close, not the answers to those
questions, so the rule here reads them as one: a *close contact* is an
informal member (ring 1 in this onion) whose recorded contact frequency is at
least monthly and whose closeness, when recorded, is at least "sort of close"
(2 of 3). A client with fewer than two close contacts is isolated (both
numbers are :class:`~.thresholds.Thresholds`). An unrecorded frequency does
not count as contact; an unrecorded closeness does not rule a member out.
"""

from __future__ import annotations

from graphsvc.domain import Frequency, Member, Onion, Ring

from .thresholds import DEFAULT_THRESHOLDS, Thresholds

_RANK = {f: i for i, f in enumerate(Frequency)}  # most often first


def at_least(frequency: Frequency | None, threshold: Frequency) -> bool:
    """True when ``frequency`` is as often as ``threshold`` or more often."""
    return frequency is not None and _RANK[frequency] <= _RANK[threshold]


def is_close_contact(member: Member, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> bool:
    m = member.membership
    return (
        m.ring is Ring.INFORMAL
        and at_least(member.in_touch, thresholds.contact_at_least)
        and (m.closeness is None or m.closeness >= thresholds.contact_min_closeness)
    )


def close_contacts(onion: Onion, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> tuple[Member, ...]:
    return tuple(m for m in onion.members if is_close_contact(m, thresholds))
