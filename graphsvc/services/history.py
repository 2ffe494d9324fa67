"""A network's history, from the audit trail: every change that went
through leaves its record with the version it made, what it did in words
and how to undo it (a :class:`~graphsvc.domain.revert.Revert` as JSON).

Pure: building the text kept with a record, reading it back, and finding
the change a nurse may undo. Who made a change is said by name only to the
teams it was made for; to anyone else as "a colleague of another team".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from graphsvc.domain import Onion, Principal, Role
from graphsvc.domain.audit import AuditRecord
from graphsvc.domain.change_words import EN, NL, describe, describe_difference
from graphsvc.domain.commands import AdmitClient, Command
from graphsvc.domain.revert import Revert, revert_from_json, revert_of, revert_to_json

OTHER_TEAM = "een medewerker van een ander team"
A_SYSTEM = "een gekoppeld systeem"
OTHER_TEAM_EN = "a colleague of another team"
A_SYSTEM_EN = "a linked system"


@dataclass(frozen=True, slots=True)
class Change:
    """One change of a network as its history shows it."""

    at: str
    subject: str
    role: str
    teams: frozenset[str]
    action: str
    version: int
    words: str
    words_en: str | None  # None in records kept before the history spoke English
    undo: str | None  # the Revert as JSON; None when there is nothing to put back
    undoes: int | None  # for an undo: the version of the change it undid


def change_text(command: Command, before: Onion, after: Onion, version: int) -> str:
    """What is kept with the audit record of a change that went through.
    Taking a client into care keeps no undo: she leaves care otherwise."""
    revert = revert_of(before, after)
    body: dict[str, object] = {
        "version": version,
        "words": describe(command, before, after, NL),
        "words_en": describe(command, before, after, EN),
    }
    admitted = isinstance(command, AdmitClient) and before.version == 0
    if not revert.empty and not admitted:
        body["undo"] = revert_to_json(revert)
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


def fhir_change_text(
    before: Onion | None, after: Onion, version: int, resources: Sequence[str]
) -> str:
    """What is kept with the record of a change that came as FHIR resources:
    what it did in words; no undo (a nurse changes it back herself if needed)."""
    body = {
        "version": version,
        "words": describe_difference(before, after, NL, resources),
        "words_en": describe_difference(before, after, EN, resources),
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


def undo_text(undone: Change, version: int) -> str:
    """What is kept with the record of an undo: it can itself not be undone
    (a nurse changes the network again instead)."""
    body = {
        "version": version,
        "words": NL.undone.format(undone.words),
        "words_en": EN.undone.format(undone.words_en or undone.words),
        "undoes": undone.version,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


def changes_of(records: Iterable[AuditRecord], client_id: str) -> list[Change]:
    """The network's changes, oldest first."""
    found: list[Change] = []
    for record in records:
        if record.client_id != client_id or record.change is None or record.outcome != "ok":
            continue
        try:
            body = json.loads(record.change)
            change = Change(
                at=record.at,
                subject=record.subject,
                role=record.role,
                teams=frozenset(t for t in (record.on_behalf_of or "").split(",") if t),
                action=record.action,
                version=int(body["version"]),
                words=str(body["words"]),
                words_en=str(body["words_en"]) if "words_en" in body else None,
                undo=body.get("undo"),
                undoes=body.get("undoes"),
            )
        except (ValueError, TypeError, KeyError):
            continue  # a record this service did not write: not part of the history
        found.append(change)
    return sorted(found, key=lambda c: (c.version, c.at))


def last_own_change(changes: Iterable[Change], principal: Principal) -> Change | None:
    """The principal's last change of the network that is not an undo and
    was not undone; None when there is none."""
    listed = list(changes)
    undone = {c.undoes for c in listed if c.undoes is not None}
    own = [
        c
        for c in listed
        if c.subject == principal.subject
        and c.role == principal.role.value
        and c.undoes is None
        and c.version not in undone
    ]
    return own[-1] if own else None


def shown_who(
    change: Change, reader: Principal, names: Mapping[str, str], *, english: bool = False
) -> str:
    """Who made a change, as the reader may see it: a colleague's name (or
    her id when the directory does not know her) when the change was made for
    one of the reader's teams; else only what kind of party it was."""
    if change.role == Role.SYSTEM.value:
        return A_SYSTEM_EN if english else A_SYSTEM
    if change.teams & reader.teams:
        return names.get(change.subject, change.subject)
    return OTHER_TEAM_EN if english else OTHER_TEAM


def parsed_undo(change: Change) -> Revert | None:
    return None if change.undo is None else revert_from_json(change.undo)
