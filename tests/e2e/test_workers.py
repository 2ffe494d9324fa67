"""``graphsvc serve --workers 2`` on the embedded FalkorDB: the serving
process starts the database once and both workers use it; the write guard
holds across them (nothing in a worker's memory is needed for correctness),
and Ctrl-C stops the workers and the database."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from graphsvc.config import Settings
from graphsvc.services.tokens import TokenIssuer

from .fhir_bodies import FhirBodies
from .guards_over_http import the_guards_hold
from .serve_process import graphsvc_serve
from .test_cli_serve import redis_pids_for


def children(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid and stat[0] != "Z":
                found.append(int(proc.name))
    return found


def workers_of(pid: int) -> list[int]:
    return [c for c in children(pid) if b"spawn_main" in cmdline(c)]


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


async def test_two_workers_share_the_embedded_database(
    tmp_path: Path, fhir_bodies: FhirBodies
) -> None:
    data = tmp_path / "data"
    with graphsvc_serve(data, "--workers", "2") as (base, proc):
        workers = workers_of(proc.pid)
        assert len(workers) == 2
        assert len(redis_pids_for(data)) == 1, "one database for both workers"
        issuer = TokenIssuer(Settings(data_dir=data).signing_key())
        assert await the_guards_hold(base, issuer, fhir_bodies) == "falkordb"

        proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
        assert proc.wait(timeout=30) == 0
        deadline = time.monotonic() + 10
        while redis_pids_for(data) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert redis_pids_for(data) == []
        assert not any(alive(w) for w in workers)
