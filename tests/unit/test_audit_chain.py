"""The audit trail file: each record chained to the one before, so that a
changed, missing or reordered record shows; several processes append to one
file without breaking the chain."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
from pathlib import Path

from graphsvc.config import Settings
from graphsvc.domain import Principal, Role
from graphsvc.domain.audit import AuditRecord
from graphsvc.store.audit_log import AuditLogFile, verify

NURSE = Principal(Role.NURSE, "nurse-1", frozenset({"team-a"}))


def write(path: Path, count: int, tag: str = "x", key: bytes | None = None) -> None:
    trail = AuditLogFile(path, key)
    for i in range(count):
        trail.record(AuditRecord.of(NURSE, "onion.read", f"client-{tag}-{i}", "ok"))
    trail.close()


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_a_written_trail_verifies_and_says_on_whose_behalf(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    write(path, 5)
    assert verify(path) == []
    first = json.loads(lines(path)[0])
    assert first["on_behalf_of"] == "team-a" and first["prev"] == "0" * 64
    assert json.loads(lines(path)[1])["prev"] == first["hash"]
    write(path, 2, "later")  # reopened: the chain goes on
    assert verify(path) == [] and len(lines(path)) == 7


def test_a_changed_record_shows(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    write(path, 4)
    records = lines(path)
    records[2] = records[2].replace("client-x-2", "client-x-9")
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    assert verify(path) == ["line 3: changed after it was written"]


def test_a_removed_or_moved_record_shows(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    write(path, 4)
    records = lines(path)
    path.write_text("\n".join(records[:1] + records[2:]) + "\n", encoding="utf-8")
    assert [p.split(":")[0] for p in verify(path)] == ["line 2"]
    path.write_text("\n".join([records[1], records[0], *records[2:]]) + "\n", encoding="utf-8")
    assert verify(path)
    path.write_text("\n".join([*records[:2], "not json", *records[2:]]) + "\n", encoding="utf-8")
    assert "line 3: not an audit record" in verify(path)[0]


def test_processes_appending_at_once_keep_one_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=write, args=(path, 200, str(n))) for n in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0] * 4
    assert len(lines(path)) == 800 and verify(path) == []


def test_the_command_verifies_and_shows(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    path = data / "audit.jsonl"
    write(path, 3, key=Settings(data_dir=data).signing_key())  # as the service writes it

    def graphsvc(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "graphsvc", "audit", *args, "--data", str(data)]
        return subprocess.run(command, capture_output=True, text=True, timeout=60)

    assert graphsvc("verify").returncode == 0
    shown = graphsvc("show", "--client", "client-x-1")
    assert shown.returncode == 0
    assert [json.loads(line)["client_id"] for line in shown.stdout.splitlines()] == ["client-x-1"]
    path.write_text(path.read_text().replace("onion.read", "onion.rea", 1), encoding="utf-8")
    broken = graphsvc("verify")
    assert broken.returncode == 1 and "line 1: changed after it was written" in broken.stderr
    # the trail carries a sealed head: cutting its end shows
    path.unlink()
    path.with_name("audit.head.json").unlink()
    write(path, 3, key=Settings(data_dir=data).signing_key())
    assert graphsvc("verify").returncode == 0
    path.write_text("\n".join(lines(path)[:2]) + "\n", encoding="utf-8")
    cut = graphsvc("verify")
    assert cut.returncode == 1 and "records were cut from its end" in cut.stderr


def test_records_cut_from_the_end_show_against_the_sealed_head(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    key = b"the service's key"
    trail = AuditLogFile(path, key)
    for i in range(4):
        trail.record(AuditRecord.of(NURSE, "onion.read", f"client-{i}", "ok"))
    trail.close()
    assert verify(path, key) == []
    kept = lines(path)
    path.write_text("\n".join(kept[:2]) + "\n", encoding="utf-8")  # the last two cut
    assert verify(path) == []  # the chain alone cannot see it
    assert verify(path, key) == [
        "the trail ends after record 2 of 4: records were cut from its end"
    ]
    head = path.with_name("audit.head.json")
    forged = json.loads(head.read_text())
    forged.update(records=2, last=json.loads(kept[1])["hash"])
    head.write_text(json.dumps(forged))
    assert verify(path, key) == ["audit.head.json was changed: its seal does not match"]
    head.unlink()
    assert verify(path, key) == ["audit.head.json is missing: the end cannot be checked"]


def test_a_trail_begun_without_a_head_gets_one_that_counts_every_record(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    write(path, 3)  # written before there were heads
    trail = AuditLogFile(path, b"k")
    trail.record(AuditRecord.of(NURSE, "onion.read", "client-9", "ok"))
    trail.close()
    assert json.loads(path.with_name("audit.head.json").read_text())["records"] == 4
    assert verify(path, b"k") == []


def test_the_head_is_written_in_place_at_one_size(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    head = path.with_name("audit.head.json")
    head.write_text(json.dumps({"records": 0, "last": "", "seal": ""}) + " " * 2000)  # longer
    write(path, 0)
    trail = AuditLogFile(path, b"k")
    for i in range(3):
        trail.record(AuditRecord.of(NURSE, "onion.read", f"client-{i}", "ok"))
        assert head.stat().st_size == 512
    trail.close()
    assert json.loads(head.read_text())["records"] == 3
    assert verify(path, b"k") == []


def test_a_clients_records_are_found_by_index_as_other_processes_append(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    reader = AuditLogFile(path)
    assert reader.of_client("client-a-1") == []
    write(path, 3, "a")  # another writer, as another process would be
    found = reader.of_client("client-a-1")
    assert [(r.client_id, r.action) for r in found] == [("client-a-1", "onion.read")]
    reader.record(AuditRecord.of(NURSE, "network.change", "client-a-1", "ok"))
    write(path, 2, "b")
    assert [r.action for r in reader.of_client("client-a-1")] == ["onion.read", "network.change"]
    assert reader.of_client("client-b-1")[0].client_id == "client-b-1"
    everything = reader.read()
    assert [r for r in everything if r.client_id == "client-a-1"] == reader.of_client("client-a-1")


def test_the_index_waits_for_a_half_written_line_and_passes_over_a_broken_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "audit.jsonl"
    write(path, 1, "a")
    reader = AuditLogFile(path)
    whole = lines(path)[0]
    with path.open("a", encoding="utf-8") as f:
        f.write("not a record\n" + whole.replace("client-a-0", "client-c-0")[:40])
    assert [r.client_id for r in reader.of_client("client-a-0")] == ["client-a-0"]
    assert reader.of_client("client-c-0") == []  # its line is not finished
    with path.open("a", encoding="utf-8") as f:
        f.write(whole.replace("client-a-0", "client-c-0")[40:] + "\n")
    assert [r.client_id for r in reader.of_client("client-c-0")] == ["client-c-0"]


def test_records_appended_together_are_the_records_one_by_one(tmp_path: Path) -> None:
    entries = [AuditRecord.of(NURSE, "fhir.Observation.write", f"c-{i}", "ok") for i in range(4)]
    entries.append(AuditRecord.of(NURSE, "fhir.Organization.write", None, "ok: unchanged"))
    key = b"k" * 32
    one_by_one, together = tmp_path / "one" / "audit.jsonl", tmp_path / "all" / "audit.jsonl"
    trail = AuditLogFile(one_by_one, key)
    for entry in entries:
        trail.record(entry)
    trail.close()
    trail = AuditLogFile(together, key)
    trail.record(entries[0])
    trail.record_many(entries[1:])
    trail.record_many([])
    trail.close()
    assert lines(together) == lines(one_by_one)
    assert verify(together, key) == []
    assert json.loads(together.with_name("audit.head.json").read_text())["records"] == 5
