"""Runs the named queries on FalkorDB over its native protocol (never the
experimental Bolt port)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

import redis
from falkordb.asyncio import FalkorDB
from falkordb.asyncio.query_result import QueryResult
from redis.asyncio import BlockingConnectionPool

from . import falkordb_reply
from .catalog import Query, query
from .dialect import FALKORDB, UNIQUE_KEYS, normalise
from .embedded import EmbeddedFalkorDB
from .port import StoreBusy, StoreUnavailable
from .runner import Row, checked_params

GRAPH = "care_network"


class FalkorDBRunner:
    dialect = FALKORDB

    def __init__(
        self,
        *,
        host: str,
        port: int,
        password: str | None = None,
        graph: str = GRAPH,
        embedded: EmbeddedFalkorDB | None = None,
        pool_size: int = 16,
        pool_wait: float = 5.0,
    ) -> None:
        self.kind = "falkordb-embedded" if embedded else "falkordb"
        self._embedded = embedded
        self._graph_name = graph
        self._pool_wait = pool_wait
        self._where = (host, port, password)
        # When every connection is busy a statement waits for one (at most
        # pool_wait seconds), instead of failing at once.
        pool = BlockingConnectionPool(
            host=host,
            port=port,
            password=password,
            max_connections=pool_size,
            timeout=pool_wait,
            socket_connect_timeout=2,
            decode_responses=True,  # as the client's own pool would
            encoding="utf-8",
        )
        self._db = FalkorDB(connection_pool=pool)
        self._graph = self._db.select_graph(graph)

    @classmethod
    def for_embedded(
        cls,
        server: EmbeddedFalkorDB,
        graph: str = GRAPH,
        pool_size: int = 16,
        pool_wait: float = 5.0,
    ) -> FalkorDBRunner:
        if server.port is None:
            raise RuntimeError("start the embedded server first")
        return cls(
            host=server.HOST,
            port=server.port,
            password=server.password,
            graph=graph,
            embedded=server,
            pool_size=pool_size,
            pool_wait=pool_wait,
        )

    @classmethod
    def at_url(
        cls, url: str, graph: str = GRAPH, pool_size: int = 16, pool_wait: float = 5.0
    ) -> FalkorDBRunner:
        """A FalkorDB another process runs: ``redis://[:password@]host[:port]``."""
        where = urlsplit(url)
        if where.scheme != "redis" or not where.hostname:
            raise ValueError(f"not a FalkorDB URL (redis://[:password@]host[:port]): {url!r}")
        return cls(
            host=where.hostname,
            port=where.port or 6379,
            password=unquote(where.password) if where.password else None,
            graph=graph,
            pool_size=pool_size,
            pool_wait=pool_wait,
        )

    async def _run(self, query: Query, params: Mapping[str, Any], *, read_only: bool) -> list[Row]:
        values = checked_params(query, params)
        attempts = 3 if read_only else 1
        verb = "GRAPH.RO_QUERY" if read_only else "GRAPH.QUERY"
        sent = falkordb_reply.command(query.text, values)
        for attempt in range(attempts):
            try:
                reply = await self._graph.execute_command(verb, self._graph_name, *sent)
            except redis.ConnectionError as exc:
                if "No connection available" in str(exc):
                    raise StoreBusy(self._pool_wait) from exc
                if attempt + 1 == attempts:
                    raise StoreUnavailable(f"graph database unreachable: {exc}") from exc
                await asyncio.sleep(0.2 * (attempt + 1))
                continue
            except (redis.TimeoutError, ConnectionError) as exc:
                # A write is not retried: it may have been applied before the
                # connection dropped. Callers retry with expected_version.
                if attempt + 1 == attempts:
                    raise StoreUnavailable(f"graph database unreachable: {exc}") from exc
                await asyncio.sleep(0.2 * (attempt + 1))
                continue
            try:
                return falkordb_reply.rows(reply)
            except falkordb_reply.NotPlain:
                result = QueryResult(self._graph)
                await result.parse(reply)
                names = [col[1] for col in result.header]
                return [dict(zip(names, normalise(row), strict=True)) for row in result.result_set]
        raise AssertionError("unreachable")

    def another(self) -> FalkorDBRunner:
        host, port, password = self._where
        return FalkorDBRunner(
            host=host, port=port, password=password, graph=self._graph_name, pool_size=2
        )

    async def read(self, query: Query, params: Mapping[str, Any]) -> list[Row]:
        return await self._run(query, params, read_only=True)

    async def write(self, query: Query, params: Mapping[str, Any]) -> list[Row]:
        return await self._run(query, params, read_only=False)

    async def ensure_schema(self) -> None:
        conn = self._db.connection
        await self.write(query("schema_register_types"), {})
        for statement in self.dialect.schema_statements():
            try:
                await self._graph.query(statement)
            except redis.ResponseError as exc:
                if "already indexed" not in str(exc):
                    raise
        for label, key in UNIQUE_KEYS:
            try:
                # Built in the background; enforced for every write once built.
                await conn.execute_command(
                    "GRAPH.CONSTRAINT",
                    "CREATE",
                    self._graph_name,
                    "UNIQUE",
                    "NODE",
                    label,
                    "PROPERTIES",
                    "1",
                    key,
                )
            except redis.ResponseError as exc:
                if "already exists" not in str(exc):
                    raise

    async def health(self) -> dict[str, Any]:
        state: dict[str, Any] = {"kind": self.kind}
        if self._embedded is not None:
            state.update(
                pid=self._embedded.pid,
                port=self._embedded.port,
                restarts=self._embedded.restarts,
                fsync=self._embedded.fsync,
            )
        try:
            await self.read(query("ping"), {})
            state["state"] = "up"
        except (StoreUnavailable, redis.RedisError, ConnectionError) as exc:
            state["state"] = "down"
            state["error"] = str(exc)
        return state

    async def close(self) -> None:
        await self._db.connection.aclose()
