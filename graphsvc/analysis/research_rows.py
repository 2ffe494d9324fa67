"""The research rows of a chunk of onions: what the research sweep runs on
each core. Pure and self-contained (onions, the loads of their informal
carers and their own LSNS-6 answers in; pseudonymous rows out), so a chunk
gives the same rows in any process, and the rows of chunks put back in order
are the rows of the whole, one client after another."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from graphsvc.domain import Onion

from .aggregate import ResearchRow, research_row
from .analyse import analyse_client
from .load import CarerLoad
from .lsns6 import Lsns6Item
from .pseudonyms import pseudonymous_id
from .thresholds import DEFAULT_THRESHOLDS, Thresholds


@dataclass(frozen=True, slots=True)
class SweepItem:
    """One client of the sweep: her onion, the loads of those of her members
    whose loads were read (the others have none) and her own LSNS-6 answers
    (None: she gave none)."""

    onion: Onion
    loads: tuple[CarerLoad, ...] = ()
    answers: tuple[tuple[Lsns6Item, int], ...] | None = None


def sweep_items(
    onions: Iterable[Onion],
    loads: Mapping[str, CarerLoad],
    answers: Mapping[str, Mapping[Lsns6Item, int]],
) -> list[SweepItem]:
    """Each onion with only the loads and answers that are hers."""
    items = []
    for onion in onions:
        mine = {m.person.id for m in onion.members}
        found = answers.get(onion.client.id)
        items.append(
            SweepItem(
                onion,
                tuple(loads[pid] for pid in sorted(mine) if pid in loads),
                None if found is None else tuple(found.items()),
            )
        )
    return items


@dataclass(frozen=True, slots=True)
class PseudonymousRow:
    pseudonym: str  # the client's
    row: ResearchRow  # its team by pseudonym


def research_rows(
    items: Sequence[SweepItem],
    *,
    secret: bytes,
    on: date,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> list[PseudonymousRow]:
    """Each client's gaps and strength as a research row, ages on ``on``,
    client and team by pseudonym; in the order given."""
    rows = []
    for item in items:
        onion = item.onion
        found = analyse_client(
            onion,
            carer_loads={load.person_id: load for load in item.loads},
            thresholds=thresholds,
            lsns6_answers=None if item.answers is None else dict(item.answers),
        )
        row = research_row(onion, found, on=on)
        team = None if row.team is None else pseudonymous_id(row.team, secret, kind="team")
        rows.append(
            PseudonymousRow(
                pseudonymous_id(onion.client.id, secret, kind="client"), replace(row, team=team)
            )
        )
    return rows
