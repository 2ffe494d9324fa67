"""Which GraphQL requests are reads whose answers are kept, under what key,
and how many are kept (api/graphql/answers.py)."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from graphsvc.api.graphql.answers import (
    Answer,
    ReadAnswers,
    answer_of,
    is_read,
    read_key,
    replay_audit,
)
from graphsvc.domain import Principal, Role
from graphsvc.services.audit import AuditRecord

DAY = datetime.date(2026, 12, 2)
NURSE = Principal(Role.NURSE, "nurse-1", frozenset({"team-a"}))
JSON = [(b"content-type", b"application/json"), (b"content-length", b"2")]


@pytest.mark.parametrize(
    "query",
    [
        '{ client(id: "c") { name gaps { kind } strength { score } } }',
        "query Onion($id: ID!) { client(id: $id) { name } me { subject } }",
        '{ team(id: "t") { caseload gaps { team { kind } } } }',
        '{ clients(first: 5) { nodes { id } } directory(search: "huisarts") { id } }',
        "{ omahaProblems { code } ratingScale { dimension } omahaDomains { code } }",
    ],
)
def test_reads_of_the_graph_are_kept(query: str) -> None:
    assert is_read({"query": query})


@pytest.mark.parametrize(
    "query",
    [
        "mutation { addMember(input: {}) { __typename } }",
        "subscription { ticks }",
        "{ research { clients } }",
        '{ researchTrend(from: "2026-01", to: "2026-02") { month } }',
        '{ client(id: "c") { history { at } } }',
        '{ client(id: "c") { strengthHistory(from: "2026-01-01", to: "2026-02-01") { at } } }',
        '{ client(id: "c") { ...F } } fragment F on Client { history { at } }',
        "{ ...Q } fragment Q on Query { me { subject } }",
        "{ __schema { types { name } } }",
        "{ client(id: ",
        "query A { me { subject } } query B { me { role } }",
    ],
)
def test_anything_else_is_not(query: str) -> None:
    assert not is_read({"query": query})


def test_the_operation_named_decides() -> None:
    document = "query A { me { subject } } mutation B { removeMember(input: {}) { __typename } }"
    assert is_read({"query": document, "operationName": "A"})
    assert not is_read({"query": document, "operationName": "B"})
    assert not is_read({"query": document, "operationName": "C"})
    assert not is_read({"query": 42})
    assert not is_read({"query": "{ me { subject } }" + " " * 20_000})


def test_the_key_holds_all_that_access_and_the_answer_rest_on() -> None:
    request = {"query": "{ me { subject } }", "variables": {"b": 1, "a": [2]}}
    key = read_key(NURSE, request, "v:1", DAY)
    same = read_key(NURSE, {**request, "variables": {"a": [2], "b": 1}}, "v:1", DAY)
    assert key == same and hash(key) == hash(same)
    others = [
        read_key(Principal(Role.NURSE, "nurse-2", frozenset({"team-a"})), request, "v:1", DAY),
        read_key(Principal(Role.NURSE, "nurse-1", frozenset({"team-b"})), request, "v:1", DAY),
        read_key(Principal(Role.COACH, "nurse-1", frozenset({"team-a"})), request, "v:1", DAY),
        read_key(
            Principal(Role.NURSE, "nurse-1", frozenset({"team-a"}), frozenset({"x"})),
            request,
            "v:1",
            DAY,
        ),
        read_key(NURSE, {**request, "variables": {"a": [3], "b": 1}}, "v:1", DAY),
        read_key(NURSE, {**request, "operationName": "Q"}, "v:1", DAY),
        read_key(NURSE, request, "v:2", DAY),
        read_key(NURSE, request, "v:1", DAY + datetime.timedelta(days=1)),
    ]
    assert len({key, *others}) == len(others) + 1


def test_only_a_whole_200_without_errors_is_kept() -> None:
    assert answer_of(200, JSON, b'{"data":{"me":null}}', []) is not None
    assert answer_of(200, JSON, b'{"data":null,"errors":[{"message":"x"}]}', []) is None
    assert answer_of(200, JSON, b'{"data":{"a":1},"errors":[]}', []) is None
    assert answer_of(400, JSON, b'{"data":{"a":1}}', []) is None
    assert answer_of(200, [(b"content-type", b"text/html")], b"<html>", []) is None
    assert answer_of(200, JSON, b"not json", []) is None
    # a name that holds the word is data, not errors
    assert answer_of(200, JSON, b'{"data":{"name":"errors"}}', []) is not None


def answer(size: int) -> Answer:
    return Answer(200, tuple(JSON), b"x" * size, ())


def test_the_least_recently_used_go_first_past_the_entries() -> None:
    kept = ReadAnswers(max_entries=2)
    keys = [read_key(NURSE, {"query": f"{{ me {{ subject }} }} # {i}"}, "v", DAY) for i in range(3)]
    kept.put(keys[0], answer(10))
    kept.put(keys[1], answer(10))
    assert kept.get(keys[0]) is not None  # now the most recent
    kept.put(keys[2], answer(10))
    assert kept.get(keys[1]) is None and kept.get(keys[0]) is not None
    assert len(kept) == 2 and (kept.hits, kept.misses) == (2, 1)


def test_the_least_recently_used_go_first_past_the_bytes() -> None:
    keys = [read_key(NURSE, {"query": f"{{ me {{ subject }} }} # {i}"}, "v", DAY) for i in range(4)]
    one = keys[0].size() + answer(1000).size()
    kept = ReadAnswers(max_bytes=3 * one)
    for key in keys:
        kept.put(key, answer(1000))
    assert len(kept) == 3 and kept.get(keys[0]) is None
    assert kept.bytes == 3 * one
    kept.put(keys[1], answer(1000))  # the same key again: counted once
    assert kept.bytes == 3 * one
    kept.put(keys[0], answer(10 * one))  # larger than all: not kept
    assert kept.get(keys[0]) is None and len(kept) == 3


def test_a_hit_leaves_the_records_of_its_run_stamped_now() -> None:
    record = AuditRecord.of(NURSE, "onion.read", "client-1", "ok")
    old = dataclasses.replace(record, at="2000-01-01T00:00:00.000+00:00")
    kept = Answer(200, tuple(JSON), b"{}", (old,))
    written: list[AuditRecord] = []
    replay_audit(written.extend, kept)
    (again,) = written
    assert (again.action, again.client_id, again.subject, again.outcome) == (
        "onion.read",
        "client-1",
        "nurse-1",
        "ok",
    )
    assert again.at > old.at and again.request_id is None  # the trail adds the request
