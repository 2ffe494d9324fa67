"""A nurse records the client's own LSNS-6 answers: each is an Observation
of hers, and then counts instead of the item counted in her onion."""

from __future__ import annotations

from typing import Any

from ...conftest import nurse
from ..graphql_client import GraphQL
from ..test_graphql_mutations import mutate
from .conftest import Fhir
from .corpus_loading import load_corpus

CLIENT = "gerrit-jansen"
TEAM = "team-assendorp"
LSNS6 = "https://graphsvc.example/fhir/CodeSystem/lsns6"

RECORD = """mutation($input: RecordLsns6AnswerInput!) { recordLsns6Answer(input: $input) {
  __typename
  ... on Lsns6AnswerRecorded { observationId
    client { strength { lsns6 { score items { item score source people } } } } }
  ... on Problem { message } } }"""
ITEMS = """query($id: ID!) { client(id: $id) { strength { lsns6 {
  score items { item score source people } } } } }"""


def items(lsns6: dict[str, Any]) -> dict[str, tuple[int, str]]:
    return {i["item"]: (i["score"], i["source"]) for i in lsns6["items"]}


def record(gql: GraphQL, item: str, score: int, effective: str) -> dict[str, Any]:
    answer = {"clientId": CLIENT, "item": item, "score": score, "effective": effective}
    found: dict[str, Any] = gql(RECORD, {"input": answer})["recordLsns6Answer"]
    return found


def test_her_answers_count_and_are_observations(fhir: Fhir, issuer_for: Any) -> None:
    load_corpus(fhir)
    gql: GraphQL = issuer_for(nurse(TEAM))
    before = gql(ITEMS, {"id": CLIENT})["client"]["strength"]["lsns6"]
    assert {source for _, source in items(before).values()} == {"DERIVED"}

    first = record(gql, "FRIENDS_HELP", 4, "2025-03-01")
    assert first["__typename"] == "Lsns6AnswerRecorded"
    after = first["client"]["strength"]["lsns6"]
    assert items(after)["FRIENDS_HELP"] == (4, "ANSWERED")
    assert after["score"] == before["score"] - items(before)["FRIENDS_HELP"][0] + 4
    assert next(i for i in after["items"] if i["item"] == "FRIENDS_HELP")["people"] is None

    # kept as an Observation in her record, with its own code
    stored = fhir.get(f"Observation/{first['observationId']}").json()
    assert stored["code"]["coding"] == [{"system": LSNS6, "code": "friends-help"}]
    assert (stored["valueInteger"], stored["subject"]["reference"]) == (4, f"Patient/{CLIENT}")
    found = fhir.get(f"Observation?patient=Patient/{CLIENT}&code={LSNS6}|friends-help").json()
    assert [e["resource"]["id"] for e in found["entry"]] == [first["observationId"]]

    # a later answer replaces it; an earlier one recorded later does not
    record(gql, "FRIENDS_HELP", 2, "2025-06-01")
    record(gql, "FRIENDS_HELP", 5, "2024-01-01")
    now = gql(ITEMS, {"id": CLIENT})["client"]["strength"]["lsns6"]
    assert items(now)["FRIENDS_HELP"] == (2, "ANSWERED")

    # an edit of her network keeps her answers
    added = mutate(
        gql,
        "addMember",
        {
            "clientId": CLIENT,
            "name": "Henk Mulder",
            "ring": "INFORMAL",
            "relationship": "neighbour",
        },
    )
    assert added["__typename"] == "NetworkChange"
    kept = gql(ITEMS, {"id": CLIENT})["client"]["strength"]["lsns6"]
    assert items(kept)["FRIENDS_HELP"] == (2, "ANSWERED")
    assert fhir.get(f"Observation/{first['observationId']}").status_code == 200


def test_answers_are_refused_out_of_range_and_outside_her_team(fhir: Fhir, issuer_for: Any) -> None:
    load_corpus(fhir)
    gql: GraphQL = issuer_for(nurse(TEAM))
    wrong = record(gql, "RELATIVES_HELP", 6, "2025-03-01")
    assert wrong["__typename"] == "ValidationError"
    other: GraphQL = issuer_for(nurse("team-elsewhere"))
    refused = record(other, "RELATIVES_HELP", 3, "2025-03-01")
    assert refused["__typename"] in {"ForbiddenError", "NotFoundError"}
    lsns6 = gql(ITEMS, {"id": CLIENT})["client"]["strength"]["lsns6"]
    assert {source for _, source in items(lsns6).values()} == {"DERIVED"}


VERSION = """query($id: ID!) { client(id: $id) { version history { version yours wordsEn } } }"""


def test_an_answer_moves_her_version_and_is_in_her_history(fhir: Fhir, issuer_for: Any) -> None:
    """What is shown of her network (its strength) moves with her answers, so
    its version does too: a colleague's page, which reads her again when the
    version moves, shows the new strength."""
    load_corpus(fhir)
    gql: GraphQL = issuer_for(nurse(TEAM))
    before = gql(VERSION, {"id": CLIENT})["client"]
    first = record(gql, "FRIENDS_HELP", 4, "2025-03-01")
    after = gql(VERSION, {"id": CLIENT})["client"]
    assert after["version"] == before["version"] + 1
    entry = next(h for h in after["history"] if h["version"] == after["version"])
    assert entry["yours"] and first["observationId"] in entry["wordsEn"], entry
    # and so does an answer written as FHIR, or taken back
    assert fhir.delete(f"Observation/{first['observationId']}").status_code == 204
    assert gql(VERSION, {"id": CLIENT})["client"]["version"] == after["version"] + 1
