"""Gaps in the shape of the network: isolation, no team nurse, no GP, and
professionals who work beside the team without knowing any of its nurses."""

from __future__ import annotations

from graphsvc.domain import Onion, Ring

from .contacts import close_contacts
from .coverage import Coverage
from .gap import Gap, GapKind, Severity
from .naming import Naming, often
from .roles import is_gp, is_team_nurse
from .thresholds import DEFAULT_THRESHOLDS, Thresholds


def isolation_gaps(onion: Onion, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[Gap]:
    """ISOLATED_CLIENT under ``isolation_min_contacts`` close contacts (see
    :mod:`.contacts`); HIGH with none at all. Subjects: the close contacts."""
    close = close_contacts(onion, thresholds)
    if len(close) >= thresholds.isolation_min_contacts:
        return []
    names = Naming(onion)
    ids = tuple(sorted(m.person.id for m in close))
    how = f"in touch at least {often(thresholds.contact_at_least)} and not distant"
    if not close:
        said = f"Nobody among family, friends or neighbours keeps close contact with {names.client}"
    else:
        keeps = "keeps" if len(ids) == 1 else "keep"
        said = f"Only {names.people(ids)} {keeps} close contact with {names.client}"
    explanation = f"{said} ({how})."
    severity = Severity.MEDIUM if close else Severity.HIGH
    return [Gap(GapKind.ISOLATED_CLIENT, severity, explanation, ids)]


def team_contact_gaps(onion: Onion) -> list[Gap]:
    if any(is_team_nurse(m) for m in onion.members):
        return []
    names = Naming(onion)
    return [
        Gap(
            GapKind.NO_TEAM_CONTACT,
            Severity.HIGH,
            f"No nurse of the team is in the network of {names.client}.",
        )
    ]


def gp_gaps(onion: Onion) -> list[Gap]:
    if any(is_gp(m) for m in onion.members):
        return []
    names = Naming(onion)
    return [
        Gap(
            GapKind.NO_GP,
            Severity.MEDIUM,
            f"{names.client} has no general practitioner in the network.",
        )
    ]


def fragmentation_gaps(onion: Onion, cover: Coverage) -> list[Gap]:
    """FRAGMENTED_FORMAL_NETWORK for each professional (formal ring) who
    supports an active need and has no KNOWS tie to any team nurse of the
    onion; with no team nurse at all, that is every such professional.
    Subjects: the professional, then the needs she supports."""
    nurses = {m.person.id for m in onion.members if is_team_nurse(m)}
    knows_nurse: set[str] = set()
    for tie in onion.knows:
        if tie.person_a in nurses:
            knows_nurse.add(tie.person_b)
        if tie.person_b in nurses:
            knows_nurse.add(tie.person_a)
    names = Naming(onion)
    gaps = []
    for member in sorted(onion.members, key=lambda m: m.person.id):
        pid = member.person.id
        need_ids = cover.needs_of.get(pid, ())
        if member.ring is not Ring.FORMAL or not need_ids or pid in knows_nurse:
            continue
        role = member.membership.role or member.person.role
        who = f"{member.person.name} ({role})" if role else member.person.name
        gaps.append(
            Gap(
                GapKind.FRAGMENTED_FORMAL_NETWORK,
                Severity.LOW,
                f"{who} helps {names.client} with {names.needs(need_ids)} "
                "but knows no nurse of the team.",
                (pid, *need_ids),
            )
        )
    return gaps
