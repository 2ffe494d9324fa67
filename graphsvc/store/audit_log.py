"""The audit trail as an append-only JSON-lines file in the data directory."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from pathlib import Path

from graphsvc.domain.audit import AuditRecord


class AuditLogFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self._file = os.fdopen(fd, "a", encoding="utf-8", buffering=1)

    def record(self, entry: AuditRecord) -> None:
        line = json.dumps(dataclasses.asdict(entry), ensure_ascii=False)
        with self._lock:
            self._file.write(line + "\n")

    def close(self) -> None:
        with self._lock:
            self._file.close()

    def read(self) -> list[AuditRecord]:
        with self.path.open(encoding="utf-8") as f:
            return [AuditRecord(**json.loads(line)) for line in f if line.strip()]
