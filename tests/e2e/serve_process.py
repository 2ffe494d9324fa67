"""``graphsvc serve`` started as a user starts it, in a process of its own,
on a free port, with the demo imported through the FHIR path first."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from ..neo4j_local import free_port
from .test_cli_serve import DEMO_FHIR, ROOT, wait_for_port


@contextlib.contextmanager
def graphsvc_serve(
    data: Path, *options: str, env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """The base URL and the process; Ctrl-C (SIGINT) at the end, unless the
    test sent it itself."""
    port = free_port()
    command = [sys.executable, "-m", "graphsvc", "serve", "--data", str(data)]
    command += ["--port", str(port), "--seed-if-empty", str(DEMO_FHIR), *options]
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_port(proc, port, 300)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
