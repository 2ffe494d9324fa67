"""The research rows of moments long past, worked out once.

A network as of a moment is rebuilt from the versions of the client's FHIR
resources stamped up to then, and every version is stamped with the time it
was written: once a moment lies further back than any write can take, no
version stamped before it can still appear, so its rows never change. A
moment is *settled* when it lies more than :data:`SETTLED_AFTER` in the past
(a write's stamp is taken just before its statement commits).

Kept per moment and client (a client with no row then is kept as None), for
the latest :data:`MOMENTS` moments (the trend calendar is 24 months); a
client no longer in the database is left out by the caller, who asks for
the clients there are."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from graphsvc.analysis import TrendRow

from .network_as_of import Moment, instant

SETTLED_AFTER = timedelta(hours=1)
MOMENTS = 48


class PastRows:
    def __init__(self) -> None:
        self._rows: dict[str, dict[str, TrendRow | None]] = {}  # by moment.at, client id

    @staticmethod
    def settled(moments: Sequence[Moment], now: datetime) -> list[Moment]:
        """Those of ``moments`` whose history can no longer change."""
        line = instant(now - SETTLED_AFTER)
        return [m for m in moments if m.at < line]

    def known(self, client_id: str, moments: Sequence[Moment]) -> bool:
        return all(client_id in self._rows.get(m.at, ()) for m in moments)

    def row(self, moment: Moment, client_id: str) -> TrendRow | None:
        return self._rows[moment.at][client_id]

    def keep(self, moment: Moment, client_id: str, row: TrendRow | None) -> None:
        if moment.at not in self._rows:
            self._rows[moment.at] = {}
            for oldest in sorted(self._rows)[: max(0, len(self._rows) - MOMENTS)]:
                del self._rows[oldest]
        self._rows.get(moment.at, {})[client_id] = row
