"""Projections of the same resources, made once.

Projecting is pure, and an export projects the same resources again and
again: an edit lays the network over its stored resources (projected to see
what they say) and reads its result back (projected again), and the next
edit of that network starts from exactly those resources. (A trend needs no
memo: it skips a month in which a client's versions did not change.) The
memo is keyed by the resources' content (without ``meta``, which the
projection never reads), so only equal resources ever share one."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence

import orjson

from ..jsontypes import JsonObject
from ..keys import ResourceKey
from .result import Projection

KEPT = 256  # projections kept, the least recently used forgotten first
LARGEST = 400  # more resources than this (an import's whole view) are not kept


class ProjectionMemo:
    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._found: OrderedDict[bytes, Projection] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0

    def get(
        self,
        resources: Mapping[ResourceKey, JsonObject],
        base_urls: Sequence[str],
        make: Callable[[], Projection],
    ) -> Projection:
        key = _digest(resources, base_urls) if len(resources) <= LARGEST else None
        if key is None:  # too many to keep, or not plain JSON
            return make()
        with self._lock:
            found = self._found.get(key)
            if found is not None:
                self._found.move_to_end(key)
                self.hits += 1
                return found
        made = make()
        with self._lock:
            self._found[key] = made
            while len(self._found) > self._kept:
                self._found.popitem(last=False)
        return made

    def clear(self) -> None:
        with self._lock:
            self._found.clear()
            self.hits = 0


def _digest(resources: Mapping[ResourceKey, JsonObject], base_urls: Sequence[str]) -> bytes | None:
    content = [
        (key.resource_type, key.id, {k: v for k, v in resource.items() if k != "meta"})
        for key, resource in sorted(resources.items(), key=lambda item: item[0].reference)
    ]
    try:
        # a tenth of the standard library's sorted dump: an edit takes two keys
        text = orjson.dumps([list(base_urls), content], option=orjson.OPT_SORT_KEYS)
    except TypeError:  # a value JSON does not have (orjson.JSONEncodeError): not worth a key
        return None
    return hashlib.blake2b(text, digest_size=32).digest()
