"""Edits made in the graph (GraphQL, as the web page makes them) over
resources imported as FHIR: they show in the exported CarePlan, and a later
FHIR write about something else does not undo them."""

from __future__ import annotations

from typing import Any

from ...conftest import (
    nurse,
)
from ..graphql_client import GraphQL
from ..test_graphql_mutations import mutate
from .conftest import Fhir
from .corpus_loading import load_corpus

CLIENT = "gerrit-jansen"


def supporters(fhir: Fhir) -> set[str]:
    bundle = fhir.get(f"Patient/{CLIENT}/$everything").json()
    found = set()
    for entry in bundle["entry"]:
        plan = entry["resource"]
        if plan["resourceType"] != "CarePlan":
            continue
        for activity in plan.get("activity", ()):
            detail = activity.get("detail", {})
            for performer in detail.get("performer", ()):
                for reason in detail.get("reasonReference", ()):
                    found.add(f"{performer['reference']}->{reason['reference']}")
    return found


def test_a_supporter_removed_in_the_graph_stays_removed(fhir: Fhir, issuer_for: Any) -> None:
    load_corpus(fhir)
    tie = "RelatedPerson/riet-jansen->Condition/condition-gerrit-38"
    assert tie in supporters(fhir)
    gql: GraphQL = issuer_for(nurse("team-assendorp"))
    result = mutate(
        gql,
        "unlinkSupporter",
        {"clientId": CLIENT, "needId": "condition-gerrit-38", "supporterId": "riet-jansen"},
    )
    assert result["__typename"] == "NetworkChange"
    assert tie not in supporters(fhir)

    # another system records a new KBS rating for Gerrit
    rating = fhir.get("Observation/obs-gerrit-38-s-2024").json()
    rating.pop("meta")
    rating["id"] = "obs-gerrit-38-s-2025"
    rating["effectiveDateTime"] = "2025-03-05T10:15:00+01:00"
    assert fhir.put("Observation/obs-gerrit-38-s-2025", rating).status_code == 201
    assert tie not in supporters(fhir)
    ratings = [
        e["resource"]["id"]
        for e in fhir.get(f"Patient/{CLIENT}/$everything").json()["entry"]
        if e["resource"]["resourceType"] == "Observation"
    ]
    assert "obs-gerrit-38-s-2025" in ratings
