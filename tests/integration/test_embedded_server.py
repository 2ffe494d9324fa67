"""The embedded FalkorDB launcher: loopback and password, restarts after a
crash, no server left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from graphsvc.store.embedded import DataDirectoryInUse, EmbeddedFalkorDB


def _gone(pid: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        # a zombie child of ours counts as gone
        stat = Path(f"/proc/{pid}/stat")
        if stat.exists() and stat.read_text().split()[2] == "Z":
            return True
        time.sleep(0.05)
    return False


def test_answers_on_loopback_behind_a_password(
    make_server: Callable[..., EmbeddedFalkorDB],
) -> None:
    server = make_server()
    assert server.alive and server.port is not None
    with pytest.raises(redis.AuthenticationError):
        redis.Redis(host="127.0.0.1", port=server.port).ping()
    assert redis.Redis(host="127.0.0.1", port=server.port, password=server.password).ping()
    conf = (server.data_dir / "redis.conf").read_text()
    assert "bind 127.0.0.1" in conf and "appendonly yes" in conf
    assert oct((server.data_dir / "password").stat().st_mode & 0o777) == "0o600"


def test_stop_leaves_no_process(make_server: Callable[..., EmbeddedFalkorDB]) -> None:
    server = make_server()
    pid = server.pid
    assert pid is not None
    server.stop()
    assert _gone(pid)
    assert not server.pidfile.exists()


def test_ensure_running_restarts_a_dead_server(
    make_server: Callable[..., EmbeddedFalkorDB],
) -> None:
    server = make_server()
    old = server.pid
    assert not server.ensure_running()  # alive: nothing to do
    os.kill(old or 0, signal.SIGKILL)
    # A multi-threaded process is reapable only once all its threads are gone.
    deadline = time.monotonic() + 10
    while server.alive and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.ensure_running()
    assert server.alive and server.pid != old and server.restarts == 1


def test_a_leftover_server_on_the_same_data_is_stopped(tmp_path: Path) -> None:
    first = EmbeddedFalkorDB(tmp_path)
    first.start()
    leftover = first.pid
    # the service crashed and its server stayed: the kernel let go of its lock
    first._release_lock()
    # a new launcher on the same directory, as after a crash of the service
    second = EmbeddedFalkorDB(tmp_path)
    second.start()
    try:
        assert leftover is not None and _gone(leftover)
        assert second.alive
    finally:
        second.stop()
        first._process = None  # already stopped by second


def test_server_dies_with_an_abruptly_killed_parent(tmp_path: Path) -> None:
    """kill -9 of the service: the kernel takes the database down with it."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from graphsvc.store.embedded import EmbeddedFalkorDB
        s = EmbeddedFalkorDB(Path({str(tmp_path)!r}))
        s.start()
        print(s.pid, flush=True)
        time.sleep(60)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    assert _gone(child), "redis-server outlived its parent"


def test_a_second_user_of_the_same_data_is_refused(tmp_path: Path) -> None:
    """A second service (or an import, or a seed) on a directory a running
    service holds is refused at once and leaves the running one alone."""
    first = EmbeddedFalkorDB(tmp_path)
    first.start()
    try:
        with pytest.raises(DataDirectoryInUse, match=f"pid {os.getpid()}"):
            EmbeddedFalkorDB(tmp_path).start()
        assert first.alive
        command = [sys.executable, "-m", "graphsvc", "seed", "--generate", "--teams", "1"]
        other = subprocess.run(
            [*command, "--data", str(tmp_path)], capture_output=True, text=True, timeout=120
        )
        assert other.returncode == 2 and "is in use by another graphsvc process" in other.stderr
        assert first.alive
    finally:
        first.stop()
    again = EmbeddedFalkorDB(tmp_path)  # once stopped, free again
    again.start()
    again.stop()
