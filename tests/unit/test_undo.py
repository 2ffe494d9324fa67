"""Undo as a change of its own: what each change takes back, its words, and
which change a nurse may undo (pure: no database, no audit file)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from graphsvc.domain import Client, KnowsTie, Membership, Need, Observation, Person, SupportTie
from graphsvc.domain.audit import AuditRecord
from graphsvc.domain.change_words import EN, NL, describe
from graphsvc.domain.commands import (
    AdmitClient,
    Command,
    RemoveKnows,
    RemoveMember,
    RemoveNeed,
    ResolveNeed,
    SaveMember,
    SaveNeed,
    SaveRating,
    SaveSupport,
    UpdateMember,
    admission,
    apply,
    same_network,
)
from graphsvc.domain.revert import Revert, revert_from_json, revert_of, revert_to_json
from graphsvc.services.history import (
    OTHER_TEAM,
    change_text,
    changes_of,
    last_own_change,
    parsed_undo,
    shown_who,
    undo_text,
)
from graphsvc.store.audit_log import AuditLogFile, verify

from ..conftest import nurse
from ..integration.builders import onion

ONION = onion(0)
KEES = Person("buur", "Kees", "informal", "neighbour")

CHANGES: list[Command] = [
    SaveMember(
        KEES,
        Membership("buur", "client-0", "informal"),
        (SupportTie("buur", "need-0-0", hours_per_week=10 / 60),),
        (KnowsTie("buur", "p-0-0", 2),),
    ),
    UpdateMember("p-0-1", {"name": "Anna"}, {"closeness": 3}),
    RemoveMember("p-0-1"),
    SaveNeed(Need("need-new", "client-0", "35")),
    ResolveNeed("need-0-1"),
    RemoveNeed("need-0-2"),
    SaveSupport(SupportTie("p-0-3", "need-0-0", "emotional", "weekly", 2)),
    RemoveKnows("p-0-0", "p-0-1"),
    SaveRating(Observation("obs-new", "client-0", "need-0-0", "status", 2, "2026-06-01")),
]


@pytest.mark.parametrize("command", CHANGES, ids=lambda c: type(c).__name__)
def test_undoing_a_change_gives_the_network_as_it_was(command: Command) -> None:
    after = apply(ONION, command)
    revert = revert_of(ONION, after)
    assert not revert.empty
    back = apply(after, revert)
    assert same_network(back, ONION)
    # kept as text with the audit record, and read back the same
    assert revert_from_json(revert_to_json(revert)) == revert
    assert same_network(apply(after, revert_from_json(revert_to_json(revert))), ONION)


def test_a_change_in_words() -> None:
    words = describe(CHANGES[0], ONION, apply(ONION, CHANGES[0]))
    assert words == "Kees toegevoegd (informeel), helpt bij Inkomen, kent Person 0.0"
    assert describe(CHANGES[2], ONION, apply(ONION, CHANGES[2])) == "Person 0.1 verwijderd"
    assert describe(CHANGES[3], ONION, apply(ONION, CHANGES[3])) == "Probleem Voeding toegevoegd"
    rated = describe(CHANGES[-1], ONION, apply(ONION, CHANGES[-1]))
    assert rated == "Status van Inkomen: 2 (ernstige klachten)"


def test_a_change_in_english_words() -> None:
    words = describe(CHANGES[0], ONION, apply(ONION, CHANGES[0]), EN)
    assert words == "Kees added (informal), helps with Income, knows Person 0.0"
    assert describe(CHANGES[2], ONION, apply(ONION, CHANGES[2]), EN) == "Person 0.1 removed"
    assert describe(CHANGES[3], ONION, apply(ONION, CHANGES[3]), EN) == "Problem Nutrition added"
    for command in CHANGES:  # every change has its words in both languages
        dutch = describe(command, ONION, apply(ONION, command), NL)
        english = describe(command, ONION, apply(ONION, command), EN)
        assert dutch and english and dutch != english


def record(subject: str, change: str | None, version: int, team: str = "team-a") -> AuditRecord:
    return AuditRecord(
        at=f"2026-06-01T10:00:{version:02d}.000+00:00",
        subject=subject,
        role="nurse",
        action="member.save",
        client_id="client-0",
        outcome="ok",
        on_behalf_of=team,
        change=change,
    )


def test_the_history_and_which_change_a_nurse_may_undo() -> None:
    after = apply(ONION, CHANGES[0])
    mine = change_text(CHANGES[0], ONION, after, 1)
    theirs = change_text(CHANGES[3], after, apply(after, CHANGES[3]), 2)
    records = [
        record("nurse-1", mine, 1),
        record("nurse-9", theirs, 2, team="team-b"),
        record("nurse-1", None, 3),  # a read, not a change
        dataclasses.replace(record("nurse-1", mine, 4), client_id="client-1"),
    ]
    changes = changes_of(records, "client-0")
    assert [(c.subject, c.version) for c in changes] == [("nurse-1", 1), ("nurse-9", 2)]
    assert changes[0].words.startswith("Kees toegevoegd")
    reader = nurse("team-a", "nurse-1")
    assert shown_who(changes[0], reader, {"nurse-1": "Anja de Wit"}) == "Anja de Wit"
    assert shown_who(changes[1], reader, {"nurse-9": "Els"}) == OTHER_TEAM
    own = last_own_change(changes, reader)
    assert own is not None and own.version == 1
    assert last_own_change(changes, nurse("team-a", "nurse-2")) is None
    # once undone it is no longer hers to undo
    undone = record("nurse-1", undo_text(own, 3), 3)
    assert json.loads(undone.change or "")["undoes"] == 1
    assert last_own_change(changes_of([*records, undone], "client-0"), reader) is None


def test_a_text_that_holds_no_revert_is_refused() -> None:
    from graphsvc.domain import ValidationError

    with pytest.raises(ValidationError):
        revert_from_json("{not json")
    assert revert_from_json("{}") == Revert()


def test_a_change_kept_with_its_record_is_chained_like_the_rest(tmp_path: Path) -> None:
    log = AuditLogFile(tmp_path / "audit.jsonl", b"k" * 32)
    text = change_text(CHANGES[0], ONION, apply(ONION, CHANGES[0]), 1)
    log.record(record("nurse-1", None, 1))
    log.record(record("nurse-1", text, 2))
    written = log.read()
    log.close()
    assert [r.change for r in written] == [None, text]
    assert verify(tmp_path / "audit.jsonl", b"k" * 32) == []
    first_line = (tmp_path / "audit.jsonl").read_text().splitlines()[0]
    assert "change" not in json.loads(first_line)  # as records were written before
    lines = (tmp_path / "audit.jsonl").read_text().splitlines()
    tampered = json.loads(lines[1])
    tampered["change"] = tampered["change"].replace("Kees", "Piet")
    (tmp_path / "audit.jsonl").write_text(lines[0] + "\n" + json.dumps(tampered) + "\n")
    assert any("changed after it was written" in p for p in verify(tmp_path / "audit.jsonl"))


def test_taking_a_client_into_care_keeps_no_undo() -> None:
    command = AdmitClient(Client("client-9", "Truus Bos"), "team-a")
    before = admission(command)
    text = change_text(command, before, apply(before, command), 1)
    assert json.loads(text) == {
        "version": 1,
        "words": "Truus Bos in zorg genomen",
        "words_en": "Truus Bos taken into care",
    }
    [change] = changes_of(
        [dataclasses.replace(record("nurse-1", text, 1), client_id="client-9")], "client-9"
    )
    assert parsed_undo(change) is None
