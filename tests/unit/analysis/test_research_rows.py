"""The research rows of a chunk of onions: the same as analysing each client
with every load and answer at hand, whatever the chunks, in order."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date

from graphsvc.analysis import analyse_client, carer_load, pseudonymous_id, research_row
from graphsvc.analysis.lsns6 import Lsns6Item
from graphsvc.analysis.research_rows import SweepItem, research_rows, sweep_items
from graphsvc.domain import Onion

from .sketch import anchored

SECRET = b"a research secret of 32 bytes..."
ON = date(2025, 6, 1)


def _onions() -> list[Onion]:
    onions = []
    for i in range(7):
        s = anchored(f"c-{i}", f"Client {i}")
        s.informal(f"d-{i}", "Els de Vries", "daughter")
        s.informal(f"n-{i}", "Joop", "neighbour")
        s.support(f"d-{i}", s.need("38"), 4 + i)
        if i % 2:
            s.know(f"d-{i}", f"n-{i}")
            s.support(f"n-{i}", s.need("06"), 10)
        onions.append(s.onion())
    return onions


ANSWERS = {"c-2": {Lsns6Item.FRIENDS_HELP: 5, Lsns6Item.RELATIVES_IN_TOUCH: 0}}


def test_rows_are_each_client_analysed_with_all_there_is() -> None:
    onions = _onions()
    loads = carer_load(onions)
    rows = research_rows(sweep_items(onions, loads, ANSWERS), secret=SECRET, on=ON)
    for onion, got in zip(onions, rows, strict=True):
        cid = onion.client.id
        found = analyse_client(onion, carer_loads=loads, lsns6_answers=ANSWERS.get(cid))
        row = research_row(onion, found, on=ON)
        team = None if row.team is None else pseudonymous_id(row.team, SECRET, kind="team")
        assert got.pseudonym == pseudonymous_id(cid, SECRET, kind="client")
        assert got.row == replace(row, team=team)
    assert rows[2].row.metrics["lsns6_friends"] != rows[4].row.metrics["lsns6_friends"]


def test_chunks_in_order_give_the_rows_of_the_whole() -> None:
    items = sweep_items(_onions(), carer_load(_onions()), ANSWERS)
    whole = research_rows(items, secret=SECRET, on=ON)
    for size in (1, 2, 3, 7):
        parts = [
            row
            for start in range(0, len(items), size)
            for row in research_rows(items[start : start + size], secret=SECRET, on=ON)
        ]
        assert parts == whole


def test_each_item_carries_only_her_own_loads_and_answers() -> None:
    onions = _onions()
    items = sweep_items(onions, carer_load(onions), ANSWERS)
    assert [load.person_id for load in items[1].loads] == ["d-1", "n-1"]
    assert [load.person_id for load in items[0].loads] == ["d-0"]  # the neighbour helps nobody
    assert items[2].answers == tuple(ANSWERS["c-2"].items())
    assert items[0].answers is None


def test_an_item_goes_to_another_process_and_back_whole() -> None:
    item = sweep_items(_onions(), carer_load(_onions()), ANSWERS)[2]
    assert pickle.loads(pickle.dumps(item)) == item
    assert isinstance(item, SweepItem)
