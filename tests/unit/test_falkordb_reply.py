"""FalkorDB's compact replies read without the client library's parser: the
same rows as the library gives, for every kind of value the named queries
return."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from falkordb.asyncio.query_result import QueryResult
from redis.exceptions import ResponseError

from graphsvc.store import falkordb_reply
from graphsvc.store.dialect import normalise

STATS = ["Cached execution: 1", "Query internal execution time: 0.1 milliseconds"]
# kinds of the compact format: 1 null, 2 string, 3 integer, 4 boolean,
# 5 double, 6 array, 8 node, 10 map
ONION_LIKE = [
    [[1, "client"], [1, "members"], [1, "empty"], [1, "flags"]],
    [
        [
            [10, ["id", [2, "client-1"], "name", [2, 'Zoë "de" Vries\n'], "born", [1, None]]],
            [
                6,
                [
                    [10, ["closeness", [3, "3"], "hours", [5, "1.5"], "helps", [6, []]]],
                    [10, ["closeness", [3, "-2"], "hours", [5, "0"], "helps", [1, None]]],
                ],
            ],
            [6, []],
            [6, [[4, "true"], [4, "false"]]],
        ],
        [[1, None], [6, [[10, []]]], [1, None], [6, [[6, [[3, "7"]]]]]],
    ],
    STATS,
]


def library_rows(reply: list[Any]) -> list[dict[str, Any]]:
    result = QueryResult(None)
    asyncio.run(result.parse(reply))
    names = [column[1] for column in result.header]
    return [dict(zip(names, normalise(row), strict=True)) for row in result.result_set]


def test_rows_are_the_librarys_rows() -> None:
    rows = falkordb_reply.rows(ONION_LIKE)
    assert rows == library_rows(ONION_LIKE)
    assert rows[0]["client"] == {"id": "client-1", "name": 'Zoë "de" Vries\n', "born": None}
    assert rows[0]["members"][0] == {"closeness": 3, "hours": 1.5, "helps": []}
    assert rows[0]["flags"] == [True, False]
    assert isinstance(rows[0]["members"][1]["hours"], float)
    assert rows[1] == {"client": None, "members": [{}], "empty": None, "flags": [[7]]}


def test_a_reply_without_records_has_no_rows() -> None:
    assert falkordb_reply.rows([STATS]) == []
    assert falkordb_reply.rows([[[1, "n"]], [], STATS]) == []


@pytest.mark.parametrize(
    "reply",
    [
        [ResponseError("Invalid input")],
        [[[1, "n"]], [[[3, "1"]]], ResponseError("Division by zero")],
    ],
)
def test_an_error_in_the_reply_is_raised(reply: list[Any]) -> None:
    with pytest.raises(ResponseError):
        falkordb_reply.rows(reply)


def test_a_node_is_left_to_the_library() -> None:
    node = [8, [1, [0], [[0, 2, "x"]]]]
    with pytest.raises(falkordb_reply.NotPlain):
        falkordb_reply.rows([[[1, "n"]], [[node]], STATS])


def test_parameters_are_sent_as_the_cypher_header() -> None:
    params = {"ids": ["a", 'b"c'], "limit": 5, "none": None, "map": {"k-1": "v\\"}}
    text, compact = falkordb_reply.command("RETURN $ids", params)
    assert compact == "--compact"
    assert text == (
        'CYPHER `ids`=["a","b\\"c"] `limit`=5 `none`=null `map`={`k-1`:"v\\\\"} RETURN $ids'
    )
    assert falkordb_reply.command("RETURN 1", {}) == ["RETURN 1", "--compact"]
