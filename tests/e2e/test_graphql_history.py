"""A network's history and undo through /graphql: who changed what, in
words; a nurse undoes her own last change as a new change, never someone
else's and never over a change made since."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from starlette.testclient import TestClient

from graphsvc.domain import Person, Staff
from graphsvc.services.tokens import TokenIssuer

from ..conftest import nurse
from ..integration.builders import OTHER_TEAM, TEAM, population
from .graphql_client import GraphQL

RESULT = """__typename ... on NetworkChange { version changed }
  ... on ConflictError { message currentVersion } ... on NotFoundError { message }"""
ADD = f"mutation($i: AddMemberInput!) {{ addMember(input: $i) {{ {RESULT} }} }}"
UNDO = f"mutation($i: UndoInput!) {{ undoLastChange(input: $i) {{ {RESULT} }} }}"
HISTORY = """query { client(id: "client-0") { version members { id }
  history { at who yours words version whoEn wordsEn } } }"""


def test_history_in_words_and_undo_of_her_own_last_change(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    seeded = population(1)
    anja = Staff(Person("nurse-1", "Anja de Wit", "team", "district nurse"), (TEAM.id,))
    http = make_http(dataclasses.replace(seeded, staff=(*seeded.staff, anja)))
    gql = GraphQL(http, issuer, nurse(TEAM.id, "nurse-1"))
    colleague = GraphQL(http, issuer, nurse(TEAM.id, "nurse-2"))

    def add(who: GraphQL, person: str, name: str, **more: Any) -> dict[str, Any]:
        member = {"clientId": "client-0", "personId": person, "name": name, "ring": "INFORMAL"}
        result: dict[str, Any] = who(ADD, {"i": {**member, **more}})["addMember"]
        return result

    def undo(who: GraphQL, **more: Any) -> dict[str, Any]:
        result: dict[str, Any] = who(UNDO, {"i": {"clientId": "client-0", **more}})[
            "undoLastChange"
        ]
        return result

    def history() -> dict[str, Any]:
        found: dict[str, Any] = gql(HISTORY)["client"]
        return found

    assert undo(gql)["__typename"] == "NotFoundError"  # nothing of hers yet
    kees = add(gql, "buur-1", "Kees", helpsWith=[{"needId": "need-0-0", "minutesPerWeek": 30}])
    assert kees["__typename"] == "NetworkChange"
    [entry] = history()["history"]
    assert entry["who"] == "Anja de Wit" and entry["yours"]
    assert entry["words"] == "Kees toegevoegd (informeel), helpt bij Inkomen"
    assert (entry["whoEn"], entry["wordsEn"]) == (
        "Anja de Wit",
        "Kees added (informal), helps with Income",
    )
    assert entry["version"] == kees["version"]

    # a colleague changed it since: no undo over her change
    piet = add(colleague, "buur-2", "Piet")
    refused = undo(gql)
    assert refused["__typename"] == "ConflictError"
    assert refused["currentVersion"] == piet["version"]
    newest = history()["history"][0]
    assert (newest["who"], newest["yours"], newest["words"]) == (
        "nurse-2",  # a colleague the directory does not know: her id, to her team
        False,
        "Piet toegevoegd (informeel)",
    )

    # her own last change, nobody after her: undone as a new change
    marie = add(gql, "buur-3", "Marie")
    stale = undo(gql, expectedVersion=marie["version"] - 1)
    assert stale["__typename"] == "ConflictError"
    undone = undo(gql, expectedVersion=marie["version"])
    assert (undone["__typename"], undone["version"]) == ("NetworkChange", marie["version"] + 1)
    now = history()
    assert {m["id"] for m in now["members"]} >= {"buur-1", "buur-2"}
    assert "buur-3" not in {m["id"] for m in now["members"]}
    assert now["history"][0]["words"] == "Ongedaan gemaakt: Marie toegevoegd (informeel)"
    assert now["history"][0]["wordsEn"] == "Undone: Marie added (informal)"
    assert [h["version"] for h in now["history"]] == sorted(
        (h["version"] for h in now["history"]), reverse=True
    )
    assert len(now["history"]) == 4  # nothing rewritten: four changes
    # and that undo cannot be undone again over her older change
    assert undo(gql)["__typename"] == "ConflictError"

    # another team's nurse may not read it at all (names of changes made for
    # another team are not shown either: tests/unit/test_undo.py)
    other = GraphQL(http, issuer, nurse(OTHER_TEAM.id, "nurse-9"))
    assert other.raw(HISTORY)["data"]["client"] is None
