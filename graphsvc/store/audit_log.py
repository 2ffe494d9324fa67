"""The audit trail as an append-only JSON-lines file in the data directory,
each record chained to the one before by a SHA-256 hash, so that a changed,
missing or reordered record shows (``verify``). Several processes may append
to one file: each append holds an exclusive lock on it and reads the last
record's hash under that lock.

A chain cannot show records cut from its end. So each append also rewrites a
head beside the file (``audit.head.json``): how many records there are and
the last one's hash, sealed with an HMAC under the service's key. A trail
shorter than its head, or a head not sealed with the key, fails ``verify``.
(Someone holding the key, or an old head of the same trail, could still cut
the end unseen: the head narrows what file access alone can hide.)

A client's records (her network's history, her AuditEvents) are found
through an index of where each client's records lie in the file, brought up
to date from where it last stopped whenever it is asked: the trail holds a
record for every read, so reading it whole for one client would grow with
every request the service ever answered. Each process keeps its own index and
reads what other processes appended since."""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import hmac
import json
import os
import threading
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path

from graphsvc.domain.audit import AuditRecord
from graphsvc.services.audit import RequestInfo, audit_copies, current_request

GENESIS = "0" * 64  # the "record before" the first one
_TAIL = 64 * 1024  # bytes read back to find the last record
_HEAD_SIZE = 512  # the head, padded with spaces: always written whole, in place
_CHUNK = 4 * 1024 * 1024  # bytes the index reads at a time


def _digest(prev: str, body: dict[str, object]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev + "\n" + canonical).encode("utf-8")).hexdigest()


_FIELDS = tuple(f.name for f in dataclasses.fields(AuditRecord))


def _chained_fields(entry: AuditRecord, prev: str) -> dict[str, object]:
    """The fields of ``chained(entry, prev)`` as its line holds them (as
    ``dataclasses.asdict`` gives them: the fields are plain values and a
    tuple of strings, which need no deep copy)."""
    fields: dict[str, object] = {name: getattr(entry, name) for name in _FIELDS}
    fields["prev"], fields["hash"] = prev, ""
    if fields["change"] is None:
        del fields["change"]
    body = {k: v for k, v in fields.items() if k != "hash"}
    fields["hash"] = _digest(prev, body)
    return fields


def chained(entry: AuditRecord, prev: str) -> AuditRecord:
    """The record as it is written after ``prev``: its hash covers every field."""
    body = dataclasses.asdict(dataclasses.replace(entry, prev=prev, hash=""))
    del body["hash"]
    if body["change"] is None:  # records written before changes were kept
        del body["change"]
    return dataclasses.replace(entry, prev=prev, hash=_digest(prev, body))


def _of_request(entry: AuditRecord, request: RequestInfo | None) -> AuditRecord:
    """The record with the request it belongs to, unless it names one."""
    if request is None or entry.request_id is not None:
        return entry
    entry = dataclasses.replace(entry, request_id=request.request_id, source=request.source)
    if entry.role == "system" and request.end_user is not None:
        entry = dataclasses.replace(entry, on_behalf_of=request.end_user)
    return entry


def head_path(path: Path) -> Path:
    return path.with_name(path.stem + ".head.json")


def _seal(key: bytes, count: int, last: str) -> str:
    return hmac.new(key, f"{count}:{last}".encode(), hashlib.sha256).hexdigest()


class AuditLogFile:
    def __init__(self, path: Path, key: bytes | None = None) -> None:
        """``key``: the service's key, to seal the head; None: no head."""
        self.path = path
        self._key = key
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        self._index = _ClientIndex()
        self._last = (-1, GENESIS)  # the file's size after this process's last record, its hash

    def record(self, entry: AuditRecord) -> None:
        self.record_many([entry])

    def record_many(self, entries: Sequence[AuditRecord]) -> None:
        """The records in order, appended in one write under one lock: the
        same lines, chained the same, as one ``record`` after another."""
        if not entries:
            return
        copies = audit_copies.get()
        if copies is not None:
            copies.extend(entries)
        request = current_request()
        entries = [_of_request(entry, request) for entry in entries]
        with self._lock:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                size = os.fstat(self._fd).st_size
                last = self._last_hash(size)
                lines = []
                for entry in entries:
                    fields = _chained_fields(entry, last)
                    lines.append(json.dumps(fields, ensure_ascii=False) + "\n")
                    last = str(fields["hash"])
                written = "".join(lines).encode("utf-8")
                os.write(self._fd, written)
                self._last = (size + len(written), last)
                if self._key is not None:
                    self._write_head(last, len(lines))
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _last_hash(self, size: int) -> str:
        """Under the lock: the hash of the last record of a file of ``size``
        bytes; the one this process wrote last unless the file has grown."""
        if self._last[0] == size:
            return self._last[1]
        if size == 0:
            return GENESIS
        start = max(0, size - _TAIL)
        tail = os.pread(self._fd, size - start, start).decode("utf-8", errors="replace")
        last = tail.rstrip("\n").rsplit("\n", 1)[-1]
        try:
            found = json.loads(last).get("hash")
        except (json.JSONDecodeError, AttributeError):
            found = None
        # a last line that is not a record breaks the chain; verify says where
        return found if isinstance(found, str) else GENESIS

    def _write_head(self, last: str, added: int = 1) -> None:
        """Under the lock: ``added`` more records than the head said (counted
        once from the file when there is no head yet). Written in place, padded to
        one fixed size, in one write: a new file and a rename for every record
        cost milliseconds on every request, and every read is a record."""
        fd = os.open(head_path(self.path), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                head = json.loads(os.pread(fd, _HEAD_SIZE, 0) or b"null")
                count = int(head["records"]) + added
            except (ValueError, KeyError, TypeError):
                count = sum(1 for line in self.path.open(encoding="utf-8") if line.strip())
            assert self._key is not None
            body = {"records": count, "last": last, "seal": _seal(self._key, count, last)}
            written = json.dumps(body).encode().ljust(_HEAD_SIZE)
            os.pwrite(fd, written, 0)
            if os.fstat(fd).st_size > _HEAD_SIZE:
                os.ftruncate(fd, _HEAD_SIZE)
        finally:
            os.close(fd)

    def close(self) -> None:
        with self._lock:
            os.close(self._fd)

    def read(self) -> list[AuditRecord]:
        return [record for _, record in records(self.path)]

    def of_client(self, client_id: str) -> list[AuditRecord]:
        """The client's records, oldest first."""
        with self._lock:
            fcntl.flock(self._fd, fcntl.LOCK_SH)  # no append half-written while indexing
            try:
                spans = self._index.spans(self._fd, client_id)
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            lines = [os.pread(self._fd, length, offset) for offset, length in spans]
        return [
            _record(line, "at byte " + str(offset))
            for line, (offset, _) in zip(lines, spans, strict=True)
        ]


class _ClientIndex:
    """Where each client's records lie in the file: (offset, length) pairs."""

    def __init__(self) -> None:
        self._upto = 0
        self._spans: dict[str, array[int]] = {}

    def spans(self, fd: int, client_id: str) -> list[tuple[int, int]]:
        self._catch_up(fd)
        found = self._spans.get(client_id)
        if found is None:
            return []
        return [(found[i], found[i + 1]) for i in range(0, len(found), 2)]

    def _catch_up(self, fd: int) -> None:
        size = os.fstat(fd).st_size
        if size < self._upto:  # the file was replaced by a shorter one
            self._upto, self._spans = 0, {}
        while self._upto < size:
            chunk = os.pread(fd, min(_CHUNK, size - self._upto), self._upto)
            end = chunk.rfind(b"\n") + 1
            if end == 0:
                if len(chunk) < _CHUNK:
                    return  # a line still being written: taken next time
                end = len(chunk)  # a line longer than a chunk: not a record
            offset = self._upto
            for line in chunk[:end].splitlines(keepends=True):
                self._add(line, offset)
                offset += len(line)
            self._upto += end

    def _add(self, line: bytes, offset: int) -> None:
        try:
            client_id = json.loads(line).get("client_id")
        except (ValueError, AttributeError):
            return  # not a record; verify says where
        if isinstance(client_id, str):
            self._spans.setdefault(client_id, array("q")).extend((offset, len(line)))


def records(path: Path) -> Iterator[tuple[int, AuditRecord]]:
    """Each record with its line number; raises ValueError on a line that is
    not one."""
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if line.strip():
                yield number, _record(line, f"line {number}")


def _record(line: str | bytes, where: str) -> AuditRecord:
    try:
        raw = json.loads(line)
        raw["resources"] = tuple(raw.get("resources", ()))
        return AuditRecord(**raw)
    except (json.JSONDecodeError, TypeError, UnicodeDecodeError) as error:
        raise ValueError(f"{where}: not an audit record ({error})") from None


def verify(path: Path, key: bytes | None = None) -> list[str]:
    """What is wrong with the chain, line by line, and with ``key`` whether
    the trail still ends where its sealed head says; empty when every record
    is as written and in its place."""
    problems: list[str] = []
    prev = GENESIS
    count = 0
    try:
        for number, record in records(path):
            count += 1
            if record.prev != prev:
                problems.append(
                    f"line {number}: does not follow the record before it "
                    "(a record was removed, inserted or moved)"
                )
            if chained(record, record.prev).hash != record.hash:
                problems.append(f"line {number}: changed after it was written")
            prev = record.hash
    except ValueError as error:
        problems.append(str(error))
    if key is not None:
        problems.extend(_head_problems(path, key, count, prev))
    return problems


def _head_problems(path: Path, key: bytes, count: int, last: str) -> list[str]:
    head = head_path(path)
    if not head.exists():
        return [] if count == 0 else [f"{head.name} is missing: the end cannot be checked"]
    try:
        sealed = json.loads(head.read_text())
        records_, last_, seal = int(sealed["records"]), str(sealed["last"]), str(sealed["seal"])
    except (OSError, ValueError, KeyError, TypeError):
        return [f"{head.name} is not a head of the trail"]
    if not hmac.compare_digest(seal, _seal(key, records_, last_)):
        return [f"{head.name} was changed: its seal does not match"]
    if count < records_:
        return [f"the trail ends after record {count} of {records_}: records were cut from its end"]
    if count == records_ and last != last_:
        return ["the last record is not the one the head names"]
    return []
