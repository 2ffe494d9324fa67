"""``graphsvc serve``: one process, or several worker processes on one port.

Workers share nothing but the database and the data directory (the signing
key, the audit trail and the used assertions are files every process locks
before it writes). With Neo4j each worker connects to it; with the embedded
FalkorDB this process starts the database once, keeps it running, and the
workers connect to it as to any FalkorDB."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import socket
import threading
from urllib.parse import quote

import uvicorn
from uvicorn.supervisors import Multiprocess

from .app import create_app
from .config import Settings
from .store.embedded import EmbeddedFalkorDB
from .store.falkordb_runner import FalkorDBRunner

log = logging.getLogger(__name__)

SUPERVISE_EVERY = 1.0  # seconds between checks that the embedded database lives


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def serve(settings: Settings, workers: int) -> None:
    if workers <= 1:
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
        return
    database: EmbeddedFalkorDB | None = None
    if settings.neo4j_uri is None and settings.falkordb_url is None:
        database = EmbeddedFalkorDB(settings.data_dir, fsync=settings.fsync)
        database.start()
    try:
        if database is not None:
            settings = _shared(settings, database)
            # the schema once, before the workers all try to make it at once
            asyncio.run(_ensure_schema(settings))
        os.environ.update(_environment(settings, workers))
        config = uvicorn.Config(
            "graphsvc.app:create_app",
            factory=True,
            workers=workers,
            host=settings.host,
            port=settings.port,
            log_level="info",
        )
        with _supervised(database), _tcp(config.bind_socket()) as listening:
            Multiprocess(config, sockets=[listening]).run()
    except KeyboardInterrupt:
        pass
    finally:
        if database is not None:
            database.stop()


def _tcp(bound: socket.socket) -> socket.socket:
    """The workers' listening socket, saying it is TCP. uvicorn binds it with
    protocol 0, and asyncio turns Nagle's algorithm off only for connections
    accepted from a socket that says IPPROTO_TCP: without it, every answer
    after the first on a kept-alive connection waited for the client's
    delayed ACK, about 40 ms."""
    if bound.family in (socket.AF_INET, socket.AF_INET6) and bound.proto == 0:
        return socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, bound.detach())
    return bound


def _shared(settings: Settings, database: EmbeddedFalkorDB) -> Settings:
    assert database.port is not None
    url = f"redis://:{quote(database.password, safe='')}@{database.HOST}:{database.port}"
    return dataclasses.replace(settings, falkordb_url=url)


async def _ensure_schema(settings: Settings) -> None:
    assert settings.falkordb_url is not None
    runner = FalkorDBRunner.at_url(settings.falkordb_url, graph=settings.graph, pool_size=1)
    try:
        await runner.ensure_schema()
    finally:
        await runner.close()


def _environment(settings: Settings, workers: int) -> dict[str, str]:
    """What the workers read their settings from: the environment this
    process was given, with what its command line changed. Each worker's
    research sweep gets its share of the cores, not all of them."""
    analysis_workers = settings.analysis_workers or max(1, default_workers() // workers)
    env = {
        "GRAPHSVC_ANALYSIS_WORKERS": str(analysis_workers),
        "GRAPHSVC_DATA": str(settings.data_dir.resolve()),
        "GRAPHSVC_HOST": settings.host,
        "GRAPHSVC_PORT": str(settings.port),
        "GRAPHSVC_DEV": "1" if settings.dev else "",
    }
    if settings.falkordb_url is not None:
        env["GRAPHSVC_FALKORDB_URL"] = settings.falkordb_url
    return env


class _supervised:
    """While serving: start the embedded database again if it dies (it keeps
    its port, so the workers' connections find it again)."""

    def __init__(self, database: EmbeddedFalkorDB | None) -> None:
        self._database = database
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> None:
        if self._database is not None:
            self._thread.start()

    def __exit__(self, *_: object) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def _watch(self) -> None:
        assert self._database is not None
        while not self._done.wait(SUPERVISE_EVERY):
            try:
                self._database.ensure_running()
            except Exception:  # keep watching; /healthz reports the state
                log.exception("could not restart the embedded database")
