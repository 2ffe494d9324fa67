"""The rating scale's words and a need's ratings over time, through /graphql."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from graphsvc.services.tokens import TokenIssuer

from ..conftest import nurse
from ..integration.builders import TEAM, population
from .graphql_client import GraphQL

RATE = """mutation($i: RecordRatingInput!) { recordRating(input: $i) { __typename } }"""
TRENDS = """query { client(id: "client-0") { needs { id trends {
  dimension change first { value } latest { value labelNl labelEn }
  ratings { value effective labelNl } } } } }"""


def test_the_scale_in_words_and_a_trend_over_time(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    gql = GraphQL(make_http(population(1)), issuer, nurse(TEAM.id))
    scale = gql("{ ratingScale { dimension nameNl nameEn levels { value labelNl labelEn } } }")
    knowledge, behavior, status = scale["ratingScale"]
    assert (knowledge["dimension"], knowledge["nameNl"]) == ("KNOWLEDGE", "Kennis")
    assert knowledge["levels"][0] == {
        "value": 1,
        "labelNl": "geen kennis",
        "labelEn": "no knowledge",
    }
    assert knowledge["levels"][4]["labelNl"] == "uitstekende kennis"
    assert behavior["levels"][4]["labelNl"] == "consequent passend gedrag"
    assert status["levels"][0]["labelNl"] == "extreem ernstige klachten"
    assert [lv["value"] for lv in status["levels"]] == [1, 2, 3, 4, 5]

    # need-0-0 has knowledge 3 on 2026-05-01; two more and a status rating
    for value, day, dimension in (
        (4, "2026-06-01", "KNOWLEDGE"),
        (5, "2026-07-01", "KNOWLEDGE"),
        (2, "2026-06-01", "STATUS"),
    ):
        done = gql(
            RATE,
            {
                "i": {
                    "clientId": "client-0",
                    "needId": "need-0-0",
                    "dimension": dimension,
                    "value": value,
                    "effective": day,
                }
            },
        )
        assert done["recordRating"]["__typename"] == "NetworkChange"
    need = next(n for n in gql(TRENDS)["client"]["needs"] if n["id"] == "need-0-0")
    knowledge_trend, status_trend = need["trends"]
    assert knowledge_trend["dimension"] == "KNOWLEDGE"
    assert [(r["value"], r["effective"]) for r in knowledge_trend["ratings"]] == [
        (3, "2026-05-01"),
        (4, "2026-06-01"),
        (5, "2026-07-01"),
    ]
    assert knowledge_trend["ratings"][0]["labelNl"] == "basiskennis"
    assert (knowledge_trend["first"], knowledge_trend["change"]) == ({"value": 3}, 2)
    assert knowledge_trend["latest"] == {
        "value": 5,
        "labelNl": "uitstekende kennis",
        "labelEn": "superior knowledge",
    }
    assert (status_trend["dimension"], status_trend["change"]) == ("STATUS", 0)
    assert status_trend["latest"]["labelNl"] == "ernstige klachten"
