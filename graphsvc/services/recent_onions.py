"""The onions this instance read last, each at the version it was read at:
a read that finds the same version in the database (its access check reads
the version anyway) need not read the onion again. A network's content at a
version never changes, so an entry is either exactly right or not used."""

from __future__ import annotations

from collections import OrderedDict

from graphsvc.domain import Onion

SIZE = 4096  # onions kept per instance: a few teams' caseloads


class RecentOnions:
    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._onions: OrderedDict[str, Onion] = OrderedDict()

    def get(self, client_id: str, version: int) -> Onion | None:
        onion = self._onions.get(client_id)
        if onion is None or onion.version != version:
            return None
        self._onions.move_to_end(client_id)
        return onion

    def put(self, onion: Onion) -> None:
        self._onions[onion.client.id] = onion
        self._onions.move_to_end(onion.client.id)
        while len(self._onions) > self._size:
            self._onions.popitem(last=False)
