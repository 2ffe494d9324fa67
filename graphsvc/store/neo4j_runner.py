"""Runs the named queries on Neo4j 5 through the official async driver.

Each statement runs in a managed transaction (``execute_read`` /
``execute_write``), which the driver retries on transient errors such as
deadlocks; a statement is one unit of work, so a retry repeats all of it.
A read runs in a session opened for reading, so that through ``neo4j://``
(the routing driver) a cluster serves it from a follower or read replica, and
the database refuses it should it try to write.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
)
from neo4j.exceptions import (
    ConnectionAcquisitionTimeoutError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from .catalog import Query, query
from .dialect import NEO4J, normalise
from .port import StoreBusy, StoreUnavailable
from .runner import Row, checked_params

HEALTH_TIMEOUT = 5.0  # seconds


class Neo4jRunner:
    dialect = NEO4J
    kind = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str = "neo4j",
        pool_size: int = 100,
        pool_wait: float = 5.0,
    ) -> None:
        # No password means a database without authentication (the local one
        # on loopback); production always gives user and password.
        auth = (user, password) if password else None
        # Notices that an index exists already or that a label is not there
        # yet (an empty database) are noise, not warnings.
        self._driver: AsyncDriver = AsyncGraphDatabase.driver(
            uri,
            auth=auth,
            notifications_min_severity="WARNING",
            notifications_disabled_classifications=["UNRECOGNIZED"],
            # When every connection is busy a statement waits for one (at
            # most pool_wait seconds), instead of failing at once.
            max_connection_pool_size=pool_size,
            connection_acquisition_timeout=pool_wait,
        )
        self._pool_wait = pool_wait
        self._database = database
        self._auth = (user, password)
        self.uri = uri

    def another(self) -> Neo4jRunner:
        user, password = self._auth
        return Neo4jRunner(self.uri, user, password, self._database, pool_size=2)

    async def _run(
        self, query: Query, params: Mapping[str, Any], *, write: bool, once: bool = False
    ) -> list[Row]:
        """``once``: a single try in an auto-commit transaction, without the
        driver's retries (for health checks, which must answer quickly)."""
        values = checked_params(query, params)

        async def work(tx: AsyncManagedTransaction) -> list[Row]:
            result = await tx.run(query.text, values)
            return [normalise(record.data()) async for record in result]

        try:
            mode = WRITE_ACCESS if write else READ_ACCESS
            async with self._driver.session(
                database=self._database, default_access_mode=mode
            ) as session:
                if once:
                    result = await session.run(query.text, values)
                    return [normalise(record.data()) async for record in result]
                if write:
                    return await session.execute_write(work)
                return await session.execute_read(work)
        except ConnectionAcquisitionTimeoutError as exc:
            raise StoreBusy(self._pool_wait) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(f"Neo4j unreachable: {exc}") from exc

    async def read(self, query: Query, params: Mapping[str, Any]) -> list[Row]:
        return await self._run(query, params, write=False)

    async def write(self, query: Query, params: Mapping[str, Any]) -> list[Row]:
        return await self._run(query, params, write=True)

    async def ensure_schema(self) -> None:
        async with self._driver.session(database=self._database) as session:
            for statement in self.dialect.schema_statements():
                result = await session.run(statement)
                await result.consume()

    async def health(self) -> dict[str, Any]:
        state: dict[str, Any] = {
            "kind": self.kind,
            "uri": _without_credentials(self.uri),
            "database": self._database,
        }
        try:
            # One try with a deadline: a health check must answer quickly,
            # not wait through the retries that protect real work.
            async with asyncio.timeout(HEALTH_TIMEOUT):
                await self._run(query("ping"), {}, write=False, once=True)
                info = await self._driver.get_server_info()
            state.update(
                state="up", server=info.agent, protocol=".".join(map(str, info.protocol_version))
            )
        except (StoreUnavailable, Neo4jError, DriverError, OSError, TimeoutError) as exc:
            state["state"] = "down"
            state["error"] = str(exc) or type(exc).__name__
        return state

    async def close(self) -> None:
        await self._driver.close()


def _without_credentials(uri: str) -> str:
    parts = urlsplit(uri)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))
