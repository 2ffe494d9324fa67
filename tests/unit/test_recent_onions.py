"""The onions an instance read last: used only at the version asked for."""

from __future__ import annotations

import dataclasses

from graphsvc.domain import Client, Onion
from graphsvc.services.recent_onions import RecentOnions


def _onion(client_id: str, version: int) -> Onion:
    return Onion(Client(client_id, "Anna"), "team-a", version=version)


def test_an_onion_is_given_only_at_its_version_and_the_oldest_go_first() -> None:
    recent = RecentOnions(size=2)
    one = _onion("c-1", 3)
    recent.put(one)
    assert recent.get("c-1", 3) is one
    assert recent.get("c-1", 4) is None and recent.get("c-2", 3) is None
    recent.put(_onion("c-2", 1))
    recent.get("c-1", 3)  # used last: kept
    recent.put(_onion("c-3", 1))
    assert recent.get("c-2", 1) is None and recent.get("c-1", 3) is one
    newer = dataclasses.replace(one, version=4)
    recent.put(newer)
    assert recent.get("c-1", 3) is None and recent.get("c-1", 4) is newer
