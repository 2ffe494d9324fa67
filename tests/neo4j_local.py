"""The in-repository Neo4j launcher (neo4j-local/) as a process the tests and
benchmarks start and stop: a real Neo4j 5 Community on a free loopback port,
with a data folder of its own, authentication off unless a password is given."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

LAUNCHER = Path(__file__).resolve().parents[1] / "neo4j-local"
CLASSPATH = LAUNCHER / "target" / "classpath.txt"
MAIN_CLASS = "care.graphsvc.neo4j.LocalNeo4j"
READY = "Neo4j ready at "
JAVA_OPTS = ("-Xms512m", "-Xmx2g", "-XX:+UseG1GC")


def build() -> list[str]:
    """Compile the launcher when its sources are newer than the build (Maven
    fetches Neo4j into its cache the first time) and return its classpath."""
    sources = [LAUNCHER / "pom.xml", *LAUNCHER.glob("src/**/*.java")]
    stale = not CLASSPATH.exists() or any(
        s.stat().st_mtime > CLASSPATH.stat().st_mtime for s in sources
    )
    if stale:
        subprocess.run(["mvn", "-q", "-B", "compile"], cwd=LAUNCHER, check=True)
    return [str(LAUNCHER / "target" / "classes"), CLASSPATH.read_text().strip()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalNeo4j:
    """One launcher process. ``start`` returns once Bolt accepts connections."""

    def __init__(self, data_dir: Path, port: int | None = None, password: str = "") -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.password = password  # empty: authentication off
        self._process: subprocess.Popen[str] | None = None
        self._output: list[str] = []

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def start(self, timeout: float = 300.0) -> None:
        classpath = os.pathsep.join(build())
        env = {
            **os.environ,
            "NEO4J_PORT": str(self.port),
            "NEO4J_DATA": str(self.data_dir),
            "NEO4J_PASSWORD": self.password,
        }
        self._process = subprocess.Popen(
            ["java", *JAVA_OPTS, "-cp", classpath, MAIN_CLASS],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        ready = threading.Event()
        threading.Thread(target=self._read, args=(ready,), daemon=True).start()
        deadline = time.monotonic() + timeout
        while not ready.wait(0.2):
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                tail = "".join(self._output[-40:])
                raise RuntimeError(f"Neo4j did not start on port {self.port}:\n{tail}")

    def _read(self, ready: threading.Event) -> None:
        assert self._process is not None and self._process.stdout is not None
        for line in self._process.stdout:
            self._output.append(line)
            if line.startswith(READY):
                ready.set()

    def stop(self, timeout: float = 60.0) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def running(data_dir: Path) -> Iterator[LocalNeo4j]:
    server = LocalNeo4j(data_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()
