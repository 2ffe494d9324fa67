"""A FHIR DELETE changes the client's network in the same guarded commit as
the resource: what the resource stood for leaves the graph, the network's
other resources stop naming it, and no later edit brings it back. A Patient
goes only with her whole network."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from graphsvc.domain import Principal

from ...conftest import ADMIN, nurse
from ..graphql_client import GraphQL
from ..test_graphql_mutations import mutate
from .conftest import Fhir
from .corpus_loading import load_corpus
from .test_rest import TEAM, patient

CLIENT = "p-del"
ONION = """query($id: ID!) { client(id: $id) {
  version team { id } members { id } needs { code } } }"""

NEIGHBOUR = {
    "resourceType": "RelatedPerson",
    "id": "rp-del",
    "patient": {"reference": f"Patient/{CLIENT}"},
    "relationship": [
        {
            "coding": [
                {"system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode", "code": "NBOR"}
            ]
        }
    ],
    "name": [{"text": "Henk de Buurman"}],
}
GP = {"resourceType": "Practitioner", "id": "gp-del", "name": [{"text": "Dr. Bakker"}]}
CARE_TEAM = {
    "resourceType": "CareTeam",
    "id": "ct-del",
    "status": "active",
    "subject": {"reference": f"Patient/{CLIENT}"},
    "managingOrganization": [{"reference": "Organization/team-rest"}],
    "participant": [
        {"member": {"reference": "RelatedPerson/rp-del"}},
        {"member": {"reference": "Practitioner/gp-del"}},
    ],
}


def a_network(fhir: Fhir) -> None:
    for path, body in [
        ("Organization/team-rest", TEAM),
        ("Practitioner/gp-del", GP),
        (f"Patient/{CLIENT}", {**patient(), "id": CLIENT}),
        ("RelatedPerson/rp-del", NEIGHBOUR),
        ("CareTeam/ct-del", CARE_TEAM),
    ]:
        assert fhir.put(path, body).status_code == 201, path


def onion(gql: GraphQL) -> Any:
    return gql(ONION, {"id": CLIENT})["client"]


def methods(fhir: Fhir, path: str) -> list[str]:
    history = fhir.get(f"{path}/_history").json()
    return [e["request"]["method"] for e in history["entry"]]


def participants(fhir: Fhir) -> list[str]:
    found = fhir.get("CareTeam/ct-del").json()
    return [p["member"]["reference"] for p in found.get("participant", ())]


def test_a_deleted_related_person_leaves_the_network_and_stays_gone(
    fhir: Fhir, issuer_for: Any
) -> None:
    a_network(fhir)
    gql: GraphQL = issuer_for(nurse("team-rest"))
    before = onion(gql)
    assert {m["id"] for m in before["members"]} == {"rp-del", "gp-del"}
    etag = fhir.get("CareTeam/ct-del").headers["ETag"]

    deleted = fhir.delete("RelatedPerson/rp-del")
    assert deleted.status_code == 204 and deleted.headers["ETag"] == 'W/"2"'
    assert fhir.get("RelatedPerson/rp-del").status_code == 410
    after = onion(gql)
    assert after["version"] == before["version"] + 1
    assert {m["id"] for m in after["members"]} == {"gp-del"}
    # her CareTeam no longer names her, as a new version
    assert fhir.get("CareTeam/ct-del").headers["ETag"] != etag
    assert participants(fhir) == ["Practitioner/gp-del"]
    everything = fhir.get(f"Patient/{CLIENT}/$everything").json()
    assert "RelatedPerson/rp-del" not in {
        f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in everything["entry"]
    }

    # an unrelated edit in the graph does not bring her back
    added = mutate(gql, "addNeed", {"clientId": CLIENT, "code": "02"})
    assert added["__typename"] == "NetworkChange", added
    assert fhir.get("RelatedPerson/rp-del").status_code == 410
    assert methods(fhir, "RelatedPerson/rp-del") == ["DELETE", "PUT"]
    assert participants(fhir) == ["Practitioner/gp-del"]
    assert {m["id"] for m in onion(gql)["members"]} == {"gp-del"}
    # deleting her again changes nothing
    assert fhir.delete("RelatedPerson/rp-del").status_code == 204
    assert onion(gql)["version"] == after["version"] + 1


def test_a_deleted_careteam_takes_out_the_team_and_those_it_named(
    fhir: Fhir, make_fhir: Callable[[Principal], Fhir], issuer_for: Any
) -> None:
    a_network(fhir)
    gql: GraphQL = issuer_for(nurse("team-rest"))
    version = onion(gql)["version"]
    # her team's nurse may not leave her without a team
    ours = make_fhir(nurse("team-rest"))
    refused = ours.delete("CareTeam/ct-del")
    assert refused.status_code == 403
    assert "would have no team" in refused.json()["issue"][0]["diagnostics"]
    assert onion(gql)["version"] == version

    assert fhir.delete("CareTeam/ct-del").status_code == 204
    system: GraphQL = issuer_for(ADMIN)
    after = onion(system)
    assert after["version"] == version + 1
    assert after["team"] is None
    # the neighbour's own RelatedPerson keeps her in the network; the GP leaves
    assert {m["id"] for m in after["members"]} == {"rp-del"}
    assert onion(gql) is None  # no longer her team's client

    added = mutate(system, "addNeed", {"clientId": CLIENT, "code": "02"})
    assert added["__typename"] == "NetworkChange", added
    assert fhir.get("CareTeam/ct-del").status_code == 410
    assert methods(fhir, "CareTeam/ct-del") == ["DELETE", "PUT"]
    teams = fhir.get(f"CareTeam?patient=Patient/{CLIENT}").json()
    assert "entry" not in teams
    assert onion(system)["team"] is None


def test_a_patient_goes_only_with_her_whole_network(fhir: Fhir, issuer_for: Any) -> None:
    a_network(fhir)
    system: GraphQL = issuer_for(ADMIN)
    before = onion(system)

    checked = fhir.post(f"Patient/{CLIENT}/$validate?mode=delete", None)
    assert checked.status_code == 200
    [error] = [i for i in checked.json()["issue"] if i["severity"] == "error"]
    assert error["code"] == "conflict" and "RelatedPerson/rp-del" in error["diagnostics"]
    refused = fhir.delete(f"Patient/{CLIENT}")
    assert refused.status_code == 409
    said = refused.json()["issue"][0]
    assert said["code"] == "conflict"
    assert "CareTeam/ct-del" in said["diagnostics"]
    assert "RelatedPerson/rp-del" in said["diagnostics"]
    assert fhir.get(f"Patient/{CLIENT}").status_code == 200
    assert onion(system) == before

    ended = fhir.post(
        "",
        {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [
                {"request": {"method": "DELETE", "url": path}}
                for path in [f"Patient/{CLIENT}", "CareTeam/ct-del", "RelatedPerson/rp-del"]
            ],
        },
    )
    assert ended.status_code == 200, ended.text
    for path in [f"Patient/{CLIENT}", "CareTeam/ct-del", "RelatedPerson/rp-del"]:
        assert fhir.get(path).status_code == 410, path
    assert onion(system) is None
    assert fhir.get("Practitioner/gp-del").status_code == 200  # the directory's
    gone = mutate(system, "addNeed", {"clientId": CLIENT, "code": "02"})
    assert gone["__typename"] == "NotFoundError", gone
    assert methods(fhir, f"Patient/{CLIENT}") == ["DELETE", "PUT"]
    assert "entry" not in fhir.get(f"CareTeam?patient=Patient/{CLIENT}").json()


def test_a_careteam_made_by_an_admission_and_deleted_is_not_made_again(
    fhir: Fhir, issuer_for: Any
) -> None:
    """The CareTeam the graph made for a client has an id of its own; once
    deleted, a later edit that needs a CareTeam makes one under another id."""
    fhir.put("Organization/team-rest", TEAM)
    fhir.put("Practitioner/gp-del", GP)
    ours: GraphQL = issuer_for(nurse("team-rest"))
    admitted = ours(
        """mutation($i: AdmitClientInput!) { admitClient(input: $i) {
             __typename ... on NetworkChange { client { id } } } }""",
        {"i": {"name": "Truus Bos", "teamId": "team-rest"}},
    )["admitClient"]
    client_id = admitted["client"]["id"]
    [made] = fhir.get(f"CareTeam?patient=Patient/{client_id}").json()["entry"]
    made_id = made["resource"]["id"]

    assert fhir.delete(f"CareTeam/{made_id}").status_code == 204
    system: GraphQL = issuer_for(ADMIN)
    linked = mutate(
        system,
        "addMember",
        {"clientId": client_id, "personId": "gp-del", "name": "Dr. Bakker", "ring": "FORMAL"},
    )
    assert linked["__typename"] == "NetworkChange", linked
    assert fhir.get(f"CareTeam/{made_id}").status_code == 410
    assert methods(fhir, f"CareTeam/{made_id}") == ["DELETE", "PUT"]
    [now] = fhir.get(f"CareTeam?patient=Patient/{client_id}").json()["entry"]
    assert now["resource"]["id"] != made_id
    assert [p["member"]["reference"] for p in now["resource"]["participant"]] == [
        "Practitioner/gp-del"
    ]


def test_a_deleted_condition_takes_its_need_and_what_names_it_out(
    fhir: Fhir, issuer_for: Any
) -> None:
    """Gerrit's need 38 (a Condition) with the help for it in his CarePlan
    and its ratings: deleted, the need leaves the graph and his care plan and
    ratings no longer name it (a Goal, which the graph does not model, keeps
    what it said)."""
    load_corpus(fhir)
    gql: GraphQL = issuer_for(nurse("team-assendorp"))
    query = 'query { client(id: "gerrit-jansen") { version needs { id } } }'
    before = gql(query)["client"]
    assert "condition-gerrit-38" in {n["id"] for n in before["needs"]}

    assert fhir.delete("Condition/condition-gerrit-38").status_code == 204
    after = gql(query)["client"]
    assert after["version"] == before["version"] + 1
    assert {n["id"] for n in after["needs"]} == {n["id"] for n in before["needs"]} - {
        "condition-gerrit-38"
    }
    everything = fhir.get("Patient/gerrit-jansen/$everything").json()
    naming = {
        e["resource"]["resourceType"]
        for e in everything["entry"]
        if "Condition/condition-gerrit-38" in json.dumps(e["resource"])
    }
    assert naming == {"Goal"}
    added = mutate(gql, "addNeed", {"clientId": "gerrit-jansen", "code": "02"})
    assert added["__typename"] == "NetworkChange", added
    assert fhir.get("Condition/condition-gerrit-38").status_code == 410


def test_a_deleted_professional_leaves_the_networks_that_named_her(
    fhir: Fhir, issuer_for: Any
) -> None:
    a_network(fhir)
    gql: GraphQL = issuer_for(nurse("team-rest"))
    version = onion(gql)["version"]
    assert fhir.delete("Practitioner/gp-del").status_code == 204
    after = onion(gql)
    assert after["version"] == version + 1
    assert {m["id"] for m in after["members"]} == {"rp-del"}
    assert participants(fhir) == ["RelatedPerson/rp-del"]
    assert mutate(gql, "addNeed", {"clientId": CLIENT, "code": "02"})["changed"]
    assert fhir.get("Practitioner/gp-del").status_code == 410


def test_a_delete_keeps_to_if_match(fhir: Fhir, issuer_for: Any) -> None:
    """DELETE with If-Match deletes only the version it names: a stale or
    malformed one (an unterminated ``W/"1``) is refused and nothing changes,
    in the store or in the network; the current one deletes."""
    a_network(fhir)
    gql: GraphQL = issuer_for(nurse("team-rest"))
    before = onion(gql)
    stored = fhir.get("RelatedPerson/rp-del")
    assert stored.headers["ETag"] == 'W/"1"'

    stale = fhir.delete("RelatedPerson/rp-del", **{"If-Match": 'W/"42"'})
    assert stale.status_code == 412, stale.text
    assert stale.json()["resourceType"] == "OperationOutcome"
    malformed = fhir.delete("RelatedPerson/rp-del", **{"If-Match": "yesterday"})
    assert malformed.status_code in (400, 422), malformed.text
    unterminated = fhir.delete("RelatedPerson/rp-del", **{"If-Match": 'W/"1'})
    assert unterminated.status_code == malformed.status_code, unterminated.text
    assert unterminated.json()["issue"][0]["expression"] == ["If-Match"]
    kept = fhir.get("RelatedPerson/rp-del")
    assert kept.status_code == 200 and kept.json() == stored.json()
    assert methods(fhir, "RelatedPerson/rp-del") == ["PUT"]
    assert onion(gql) == before

    deleted = fhir.delete("RelatedPerson/rp-del", **{"If-Match": 'W/"1"'})
    assert deleted.status_code == 204, deleted.text
    assert deleted.headers["ETag"] == 'W/"2"'
    assert fhir.get("RelatedPerson/rp-del").status_code == 410
    assert {m["id"] for m in onion(gql)["members"]} == {"gp-del"}
    assert methods(fhir, "RelatedPerson/rp-del") == ["DELETE", "PUT"]


def test_an_update_with_an_unterminated_if_match_is_refused(fhir: Fhir) -> None:
    a_network(fhir)
    stored = fhir.get("RelatedPerson/rp-del").json()
    changed = {**stored, "name": [{"text": "Henk de Buurman-CHANGED"}]}
    malformed = fhir.put("RelatedPerson/rp-del", changed, **{"If-Match": "yesterday"})
    unterminated = fhir.put("RelatedPerson/rp-del", changed, **{"If-Match": 'W/"1'})
    assert malformed.status_code in (400, 422), malformed.text
    assert unterminated.status_code == malformed.status_code, unterminated.text
    assert unterminated.json()["issue"][0]["expression"] == ["If-Match"]
    assert fhir.get("RelatedPerson/rp-del").json() == stored


def test_a_delete_with_if_match_out_of_reach_answers_as_if_there_were_nothing(
    fhir: Fhir, make_fhir: Callable[[Principal], Fhir]
) -> None:
    """If-Match does not tell another team's nurse that a resource is there
    (nor its version): stale or not, her delete gets the 404 of a delete of
    nothing, and nothing is deleted."""
    a_network(fhir)
    other = make_fhir(nurse("team-elsewhere"))
    answers = {
        (name, tag): (answer.status_code, answer.json()["issue"][0]["diagnostics"])
        for name in ("rp-del", "rp-none")
        for tag in ('W/"42"', 'W/"1"', None)
        for answer in [other.delete(f"RelatedPerson/{name}", **({"If-Match": tag} if tag else {}))]
    }
    said = {key: (status, text.replace(key[0], "X")) for key, (status, text) in answers.items()}
    assert len(set(said.values())) == 1, answers
    assert next(iter(said.values()))[0] == 404
    assert fhir.get("RelatedPerson/rp-del").json()["meta"]["versionId"] == "1"
