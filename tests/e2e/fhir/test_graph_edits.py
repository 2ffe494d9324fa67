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


def activities(fhir: Fhir) -> list[tuple[str, list[str]]]:
    """Each activity of the client's care plans: its status and performers."""
    bundle = fhir.get(f"Patient/{CLIENT}/$everything").json()
    return [
        (
            a["detail"].get("status", ""),
            sorted(p["reference"] for p in a["detail"].get("performer", ())),
        )
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "CarePlan"
        for a in e["resource"].get("activity", ())
        if "detail" in a
    ]


def test_an_undone_removal_gives_the_plan_back_once(fhir: Fhir, issuer_for: Any) -> None:
    """Her help stays in the plan with nobody to do it (the gap the nurse must
    fill); undoing her removal gives it back to her, not a second time beside it."""
    load_corpus(fhir)
    before, ties = activities(fhir), supporters(fhir)
    riet = [a for a in before if "RelatedPerson/riet-jansen" in a[1]]
    assert riet, before
    gql: GraphQL = issuer_for(nurse("team-assendorp"))
    removed = mutate(gql, "removeMember", {"clientId": CLIENT, "personId": "riet-jansen"})
    assert removed["__typename"] == "NetworkChange", removed
    gone = activities(fhir)
    assert not [a for a in gone if "RelatedPerson/riet-jansen" in a[1]]
    assert len(gone) == len(before)
    undone = mutate(gql, "undoLastChange", {"clientId": CLIENT})
    assert undone["__typename"] == "NetworkChange", undone
    assert supporters(fhir) == ties
    assert sorted(activities(fhir)) == sorted(before)


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


MEMBERS = """query($id: ID!) { client(id: $id) { version
  members { id displayName role relationship } } }"""


def graph_member(gql: GraphQL, person_id: str) -> dict[str, Any]:
    members = gql(MEMBERS, {"id": CLIENT})["client"]["members"]
    found: dict[str, Any] = next(m for m in members if m["id"] == person_id)
    return found


def participant(careteam: dict[str, Any], reference: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        p for p in careteam["participant"] if p["member"]["reference"] == reference
    )
    return found


def everything(fhir: Fhir, reference: str) -> dict[str, Any]:
    bundle = fhir.get(f"Patient/{CLIENT}/$everything").json()
    found: dict[str, Any] = next(
        e["resource"]
        for e in bundle["entry"]
        if f"{e['resource']['resourceType']}/{e['resource']['id']}" == reference
    )
    return found


def test_each_member_edit_is_written_where_fhir_says_it(fhir: Fhir, issuer_for: Any) -> None:
    """A relationship edit is a new version of her RelatedPerson (a write
    from the version before gets 412 and undoes nothing); a role edit is her
    place on the CareTeam and leaves her relationship; a new name shows in
    the CareTeam's reference to her."""
    load_corpus(fhir)
    gql: GraphQL = issuer_for(nurse("team-assendorp"))
    first = fhir.get("RelatedPerson/riet-jansen")
    etag, before = first.headers["ETag"], first.json()

    edit = {"clientId": CLIENT, "personId": "riet-jansen"}
    assert mutate(gql, "updateMember", {**edit, "relationship": "partner"})["changed"]
    now = fhir.get("RelatedPerson/riet-jansen")
    assert now.headers["ETag"] != etag
    assert now.json()["relationship"][0] == {"text": "partner"}
    assert everything(fhir, "RelatedPerson/riet-jansen")["relationship"][0] == {"text": "partner"}
    stale = {k: v for k, v in before.items() if k != "meta"} | {"gender": "unknown"}
    assert fhir.put("RelatedPerson/riet-jansen", stale, **{"If-Match": etag}).status_code == 412
    assert graph_member(gql, "riet-jansen")["relationship"] == "partner"

    etag = now.headers["ETag"]
    assert mutate(gql, "updateMember", {**edit, "role": "contactpersoon"})["changed"]
    riet = fhir.get("RelatedPerson/riet-jansen")
    assert riet.headers["ETag"] == etag and riet.json()["relationship"][0] == {"text": "partner"}
    careteam = fhir.get("CareTeam/careteam-gerrit-jansen").json()
    assert participant(careteam, "RelatedPerson/riet-jansen")["role"] == [
        {"text": "contactpersoon"}
    ]
    # a later FHIR write of her says the same of her relationship and role
    body = {k: v for k, v in riet.json().items() if k != "meta"} | {"gender": "female"}
    assert fhir.put("RelatedPerson/riet-jansen", body, **{"If-Match": etag}).status_code == 200
    seen = graph_member(gql, "riet-jansen")
    assert (seen["relationship"], seen["role"]) == ("partner", "contactpersoon")

    assert mutate(gql, "updateMember", {**edit, "name": "Riet Jansen-Bos"})["changed"]
    careteam = fhir.get("CareTeam/careteam-gerrit-jansen").json()
    assert participant(careteam, "RelatedPerson/riet-jansen")["member"]["display"] == (
        "Riet Jansen-Bos"
    )
    exported = everything(fhir, "CareTeam/careteam-gerrit-jansen")
    assert participant(exported, "RelatedPerson/riet-jansen")["member"]["display"] == (
        "Riet Jansen-Bos"
    )


DIRECTORY = "query($s: String!) { directory(search: $s) { id name role isOrganization } }"


def test_no_onion_changes_a_directory_entry(fhir: Fhir, issuer_for: Any) -> None:
    """An organisation's role in one onion is on the tie; addMember with the id
    of an organisation, a team, a client or a need is refused and makes no
    directory entry; a professional linked with a role of her own here keeps
    the directory's."""
    load_corpus(fhir)
    ours: GraphQL = issuer_for(nurse("team-assendorp"))
    theirs: GraphQL = issuer_for(nurse("team-zwolle-noord"))
    pharmacy = fhir.get("Organization/apotheek-diezerpoort")
    listed = theirs(DIRECTORY, {"s": "Diezerpoort"})["directory"]

    edit = {"clientId": CLIENT, "personId": "apotheek-diezerpoort", "role": "alleen baxterrol"}
    assert mutate(ours, "updateMember", edit)["changed"]
    assert graph_member(ours, "apotheek-diezerpoort")["role"] == "alleen baxterrol"
    assert theirs(DIRECTORY, {"s": "Diezerpoort"})["directory"] == listed
    assert fhir.get("Organization/apotheek-diezerpoort").headers["ETag"] == pharmacy.headers["ETag"]
    careteam = fhir.get("CareTeam/careteam-gerrit-jansen").json()
    assert participant(careteam, "Organization/apotheek-diezerpoort")["role"] == [
        {"text": "alleen baxterrol"}
    ]

    for taken in ("huisartsen-assendorp", "team-zwolle-noord", "johanna-de-boer", CLIENT):
        added = mutate(
            ours,
            "addMember",
            {
                "clientId": CLIENT,
                "personId": taken,
                "name": "Apotheek (nieuw nummer)",
                "contact": "0900-1234567",
                "ring": "FORMAL",
            },
        )
        assert added["__typename"] == "ValidationError" and added["field"] == "personId", added
        assert fhir.get(f"Practitioner/{taken}").status_code == 404
    need = {"clientId": CLIENT, "personId": "condition-gerrit-38", "name": "X", "ring": "FORMAL"}
    added = mutate(ours, "addMember", need)
    assert added["__typename"] == "ValidationError" and added["field"] == "personId", added
    assert theirs(DIRECTORY, {"s": "nieuw nummer"})["directory"] == []

    pieter = theirs(DIRECTORY, {"s": "Pieter Bos"})["directory"]
    linked = mutate(
        ours,
        "addMember",
        {
            "clientId": CLIENT,
            "personId": "pieter-bos",
            "name": pieter[0]["name"],
            "ring": "FORMAL",
            "role": "baxterrol op maandag",
        },
    )
    assert linked["__typename"] == "NetworkChange", linked
    assert graph_member(ours, "pieter-bos")["role"] == "baxterrol op maandag"
    assert theirs(DIRECTORY, {"s": "Pieter Bos"})["directory"] == pieter


def test_a_write_of_what_the_network_does_not_hold_keeps_its_version(
    fhir: Fhir, issuer_for: Any
) -> None:
    """A note about Gerrit (no rating, no need) leaves his network as it was:
    his version stays, and his history says nothing (it said his pharmacy
    changed: the graph and the projection read an organisation in his onion
    apart, as working for itself or not)."""
    load_corpus(fhir)
    gql: GraphQL = issuer_for(nurse("team-assendorp"))
    query = "query($id: ID!) { client(id: $id) { version history { version } } }"
    before = gql(query, {"id": CLIENT})["client"]
    note = {
        "resourceType": "Observation",
        "id": "note-gerrit-1",
        "status": "final",
        "code": {"text": "notitie"},
        "subject": {"reference": f"Patient/{CLIENT}"},
        "effectiveDateTime": "2025-03-05",
        "valueString": "gaat goed",
    }
    assert fhir.put("Observation/note-gerrit-1", note).status_code == 201
    assert gql(query, {"id": CLIENT})["client"] == before
