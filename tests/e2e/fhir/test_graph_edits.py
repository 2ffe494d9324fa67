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


def careteam_members(resource: dict[str, Any]) -> set[str]:
    return {p["member"]["reference"] for p in resource.get("participant", ())}


def test_a_graph_edit_moves_the_resources_it_changes(fhir: Fhir, issuer_for: Any) -> None:
    """One network, one truth: a neighbour added through GraphQL is in the
    CareTeam that FHIR reads return, as a new version; a system that read the
    CareTeam before and writes it back with that version gets 412, and the
    neighbour stays."""
    load_corpus(fhir)
    first = fhir.get("CareTeam/careteam-gerrit-jansen")
    etag, before = first.headers["ETag"], first.json()
    gql: GraphQL = issuer_for(nurse("team-assendorp"))
    added = mutate(
        gql,
        "addMember",
        {
            "clientId": CLIENT,
            "personId": "buurman-henk",
            "name": "Henk Mulder",
            "ring": "INFORMAL",
            "relationship": "neighbour",
        },
    )
    assert added["__typename"] == "NetworkChange"

    now = fhir.get("CareTeam/careteam-gerrit-jansen")
    assert now.headers["ETag"] != etag
    assert careteam_members(now.json()) == careteam_members(before) | {"RelatedPerson/buurman-henk"}
    henk = fhir.get("RelatedPerson/buurman-henk")
    assert henk.status_code == 200 and henk.json()["patient"]["reference"] == f"Patient/{CLIENT}"
    history = fhir.get("CareTeam/careteam-gerrit-jansen/_history").json()
    assert len(history["entry"]) == int(before["meta"]["versionId"]) + 1
    # everything the graph does not model is kept
    unmodelled = {k: v for k, v in before.items() if k not in {"meta", "participant", "text"}}
    assert {k: now.json()[k] for k in unmodelled} == unmodelled

    stale = {k: v for k, v in before.items() if k != "meta"}
    refused = fhir.put("CareTeam/careteam-gerrit-jansen", stale, **{"If-Match": etag})
    assert refused.status_code == 412
    onion = gql("query($id: ID!) { client(id: $id) { members { id } } }", {"id": CLIENT})
    assert "buurman-henk" in {m["id"] for m in onion["client"]["members"]}

    # a read of the CareTeam and $everything give one answer
    everything = fhir.get(f"Patient/{CLIENT}/$everything").json()
    (exported,) = [
        e["resource"]
        for e in everything["entry"]
        if e["resource"]["resourceType"] == "CareTeam" and e["resource"]["id"] == before["id"]
    ]
    assert careteam_members(exported) == careteam_members(now.json())


def test_a_fhir_write_moves_the_network_version(fhir: Fhir, issuer_for: Any) -> None:
    load_corpus(fhir)
    gql: GraphQL = issuer_for(nurse("team-assendorp"))
    seen = gql("query($id: ID!) { client(id: $id) { version } }", {"id": CLIENT})
    version = seen["client"]["version"]
    rating = fhir.get("Observation/obs-gerrit-38-s-2024").json()
    rating.pop("meta")
    rating["valueInteger"] = 4
    assert fhir.put("Observation/obs-gerrit-38-s-2024", rating).status_code == 200
    late = mutate(gql, "addNeed", {"clientId": CLIENT, "code": "35", "expectedVersion": version})
    assert late["__typename"] == "ConflictError" and late["currentVersion"] == version + 1
    retry = mutate(
        gql, "addNeed", {"clientId": CLIENT, "code": "35", "expectedVersion": version + 1}
    )
    assert retry["__typename"] == "NetworkChange"
