"""A conditional search by a sender who may not see everything: the matches
she may see are found however many others come first (fhir_lookup._matches
pages on; it read one page of 50 and missed the rest)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from graphsvc.services.fhir_lookup import PAGE, _matches
from graphsvc.services.fhir_read import Reach
from graphsvc.store.resource_store import StoredResource


class PagedStore:
    """The one search a conditional lookup makes, over resources in id order."""

    def __init__(self, ids: Sequence[str]) -> None:
        self.found = [StoredResource("Location", i, 1, "2026-01-01", {}, False) for i in ids]
        self.pages = 0

    async def search(
        self,
        resource_type: str,
        *,
        groups: Sequence[Sequence[str]] = (),
        limit: int = 50,
        after_id: str | None = None,
        **_: Any,
    ) -> list[StoredResource]:
        self.pages += 1
        later = [r for r in self.found if after_id is None or r.id > after_id]
        return later[:limit]


def _visible(*ids: str) -> Reach:
    return Reach(None, lambda stored: stored.id in ids)


def _found(store: PagedStore, reach: Reach) -> list[str]:
    hits = asyncio.run(_matches(store, "Location", [["name|x"]], reach))  # type: ignore[arg-type]
    return [h.id for h in hits]


def test_a_match_she_may_see_behind_many_she_may_not_is_found() -> None:
    store = PagedStore([f"loc-{i:04d}" for i in range(3 * PAGE + 7)])
    assert _found(store, _visible("loc-0150")) == ["loc-0150"]
    assert store.pages == 4  # read to the end: there is no second one


def test_two_she_may_see_are_enough_to_stop() -> None:
    store = PagedStore([f"loc-{i:04d}" for i in range(3 * PAGE)])
    assert _found(store, _visible("loc-0001", "loc-0060", "loc-0120")) == ["loc-0001", "loc-0060"]
    assert store.pages == 2


def test_none_she_may_see_is_none() -> None:
    store = PagedStore([f"loc-{i:04d}" for i in range(PAGE)])
    assert _found(store, _visible()) == []
