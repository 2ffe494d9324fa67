"""Changes of one client's network from this process take turns.

Only for fairness and speed: when many requests change one network at once,
each would otherwise read and plan, lose the race in the guarded statement to
one of the others, and start again, so that the work grows with the square of
their number and a slow one can lose for long. Taking turns per client, only
writers in other processes (other workers, other instances) still race, and
the guard in the statement decides between those as it always does; nothing
that is correct depends on these turns."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator


class Turns:
    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._waiting: dict[str, int] = {}

    @contextlib.asynccontextmanager
    async def of(self, key: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # nobody else holds or waits: forget the key
                del self._waiting[key]
                del self._locks[key]
