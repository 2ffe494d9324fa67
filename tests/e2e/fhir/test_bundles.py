"""POST /fhir: a transaction lands whole or not at all; a batch entry by entry."""

from __future__ import annotations

import copy
from typing import Any

from ...unit.fhir import corpus
from .conftest import Fhir
from .corpus_loading import loose

TRANSACTION = corpus.FIXTURES / "Bundle-transaction-truus-veenstra.json"


def load_directory(fhir: Fhir) -> None:
    for key, resource in loose():
        if key.resource_type in {"Organization", "Practitioner", "PractitionerRole"}:
            assert fhir.put(key.reference, resource).status_code in (200, 201)


def counts(fhir: Fhir) -> dict[str, int]:
    """How many of each type the store holds (searching with a large page)."""
    return {
        kind: len(fhir.get(f"{kind}?_count=1000").json().get("entry", []))
        for kind in ("Patient", "CareTeam", "CarePlan", "Condition", "Observation", "RelatedPerson")
    }


def test_a_bad_entry_in_the_middle_writes_nothing(fhir: Fhir) -> None:
    load_directory(fhir)
    bundle = corpus.load(TRANSACTION)
    middle = len(bundle["entry"]) // 2
    broken = copy.deepcopy(bundle)
    # a reference to nothing: an error inside a transaction
    broken["entry"][middle]["resource"]["subject"] = {"reference": "Patient/does-not-exist"}
    before = counts(fhir)
    response = fhir.post("", broken)
    assert response.status_code in (400, 404, 422)
    issues = response.json()["issue"]
    assert any(f"Bundle.entry[{middle}]" in i["expression"][0] for i in issues), issues
    assert counts(fhir) == before

    # a bad value in the middle, found by the domain (a KBS rating of 7)
    ratings = [
        i for i, e in enumerate(bundle["entry"]) if e["resource"]["resourceType"] == "Observation"
    ]
    broken = copy.deepcopy(bundle)
    broken["entry"][ratings[len(ratings) // 2]]["resource"]["valueInteger"] = 7
    response = fhir.post("", broken)
    assert response.status_code == 422, response.text
    assert counts(fhir) == before

    ok = fhir.post("", bundle)
    assert ok.status_code == 200
    assert all(e["response"]["status"].startswith("201") for e in ok.json()["entry"])
    assert counts(fhir) != before


def transaction(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def batch(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "batch", "entry": entries}


def test_a_batch_takes_each_entry_on_its_own(fhir: Fhir) -> None:
    good = {
        "resource": {"resourceType": "Patient", "id": "b-1", "name": [{"family": "Goed"}]},
        "request": {"method": "PUT", "url": "Patient/b-1"},
    }
    bad = {
        "resource": {"resourceType": "Patient", "id": "b-2", "birthDate": "gisteren"},
        "request": {"method": "PUT", "url": "Patient/b-2"},
    }
    read = {"request": {"method": "GET", "url": "Patient/b-1"}}
    response = fhir.post("", batch([good, bad, read]))
    assert response.status_code == 200
    statuses = [e["response"]["status"] for e in response.json()["entry"]]
    assert statuses[0].startswith("201")
    assert statuses[1].startswith("4")
    assert response.json()["entry"][1]["response"]["outcome"]["resourceType"] == "OperationOutcome"
    assert statuses[2].startswith("200")
    assert fhir.get("Patient/b-1").status_code == 200
    assert fhir.get("Patient/b-2").status_code == 404


def test_only_transaction_and_batch_are_taken(fhir: Fhir) -> None:
    collection = {"resourceType": "Bundle", "type": "collection", "entry": []}
    assert fhir.post("", collection).status_code in (400, 422)


def test_a_read_that_fails_fails_the_transaction_before_anything_is_written(
    fhir: Fhir,
) -> None:
    from .test_rest import TEAM, care_team, patient

    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p-tx", {**patient(), "id": "p-tx"}).status_code == 201
    assert fhir.put("CareTeam/ct-tx", {**care_team("p-tx"), "id": "ct-tx"}).status_code == 201
    neighbour = {
        "resourceType": "RelatedPerson",
        "patient": {"reference": "Patient/p-tx"},
        "name": [{"family": "Via Transactie", "given": ["Buurvrouw"]}],
    }
    new = {"fullUrl": "urn:uuid:1f0c4a52-9d8e-4c1a-b6f2-3e5d7a9b0c11", "resource": neighbour}
    post = {**new, "request": {"method": "POST", "url": "RelatedPerson"}}

    def versions() -> tuple[str, int]:
        patient_version = fhir.get("Patient/p-tx").json()["meta"]["versionId"]
        return patient_version, len(fhir.get("RelatedPerson?patient=p-tx").json().get("entry", []))

    before = versions()
    missing = {"request": {"method": "GET", "url": "Patient/no-such-patient"}}
    refused = fhir.post("", transaction([post, missing]))
    assert refused.status_code == 404, refused.text
    assert versions() == before

    gone = {"request": {"method": "DELETE", "url": "CareTeam/ct-tx"}}
    read_gone = {"request": {"method": "GET", "url": "CareTeam/ct-tx"}}
    refused = fhir.post("", transaction([post, gone, read_gone]))
    assert refused.status_code in (400, 422), refused.text
    assert "Bundle.entry[2]" in refused.json()["issue"][0]["expression"][0]
    assert versions() == before
    assert fhir.get("CareTeam/ct-tx").status_code == 200

    # a read of what is there, and of what the transaction itself writes
    named = {**new, "resource": {**neighbour, "id": "rp-tx"}}
    put = {**named, "request": {"method": "PUT", "url": "RelatedPerson/rp-tx"}}
    reads = [
        {"request": {"method": "GET", "url": "Patient/p-tx"}},
        {"request": {"method": "GET", "url": "RelatedPerson/rp-tx"}},
    ]
    done = fhir.post("", transaction([put, *reads]))
    assert done.status_code == 200, done.text
    answers = [e["response"]["status"] for e in done.json()["entry"]]
    assert answers[0].startswith("201") and answers[1:] == ["200 OK", "200 OK"], answers
    assert done.json()["entry"][2]["resource"]["name"][0]["family"] == "Via Transactie"
    assert versions()[1] == 1


# -- conditional update (FHIR R4 http.html#cond-update) in a Bundle ------------

RP_SYSTEM = "urn:test"


def a_client_with_a_neighbour(fhir: Fhir, client: str = "p-cu") -> None:
    """A client of team-rest (a CareTeam naming it) and her neighbour, whose
    RelatedPerson has an identifier to be found by."""
    from .test_rest import TEAM, care_team, patient

    neighbour = {
        "resourceType": "RelatedPerson",
        "id": f"rp-{client}",
        "identifier": [{"system": RP_SYSTEM, "value": f"rp-{client}"}],
        "patient": {"reference": f"Patient/{client}"},
        "name": [{"text": "Henk de Buurman"}],
    }
    for path, body in [
        ("Organization/team-rest", TEAM),
        (f"Patient/{client}", {**patient(), "id": client}),
        (f"RelatedPerson/rp-{client}", neighbour),
        (f"CareTeam/ct-{client}", {**care_team(client), "id": f"ct-{client}"}),
    ]:
        assert fhir.put(path, body).status_code in (200, 201), path


def conditional_put(url: str, resource: dict[str, Any], **request: str) -> dict[str, Any]:
    return {"resource": resource, "request": {"method": "PUT", "url": url, **request}}


def renamed_patient(text: str, **extra: Any) -> dict[str, Any]:
    return {"resourceType": "Patient", "name": [{"text": text}], "birthDate": "1930-01-01", **extra}


def stored(fhir: Fhir, reference: str) -> dict[str, Any]:
    read = fhir.get(reference)
    assert read.status_code == 200, read.text
    body: dict[str, Any] = read.json()
    return body


def only_issue(response: Any) -> dict[str, Any]:
    (issue,) = response.json()["issue"]
    assert response.json()["resourceType"] == "OperationOutcome"
    return dict(issue)


def test_a_conditional_update_in_a_transaction_updates_its_one_match(
    make_fhir: Any,
) -> None:
    """As a nurse of the client's team: the match gets a new version with the
    new content (a read shows it), by _id and by identifier; the body may
    name the match's own id."""
    from ...conftest import nurse

    admin: Fhir = make_fhir()
    a_client_with_a_neighbour(admin)
    fhir: Fhir = make_fhir(nurse("team-rest"))
    neighbour = stored(fhir, "RelatedPerson/rp-p-cu")
    moved = {
        **{k: v for k, v in neighbour.items() if k != "meta"},
        "name": [{"text": "Henk de Buurman-CHANGED"}],
    }
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            conditional_put("Patient?_id=p-cu", renamed_patient("Dirkje Hoekstra-CHANGED")),
            conditional_put(f"RelatedPerson?identifier={RP_SYSTEM}|rp-p-cu", moved),
        ],
    }
    answer = fhir.post("", bundle)
    assert answer.status_code == 200, answer.text
    responses = [e["response"] for e in answer.json()["entry"]]
    assert [r["status"] for r in responses] == ["200 OK", "200 OK"], responses
    assert responses[0]["location"] == "Patient/p-cu/_history/2"
    assert responses[1]["location"] == "RelatedPerson/rp-p-cu/_history/2"
    assert answer.json()["entry"][0]["resource"]["name"] == [{"text": "Dirkje Hoekstra-CHANGED"}]

    patient = stored(fhir, "Patient/p-cu")
    assert patient["name"] == [{"text": "Dirkje Hoekstra-CHANGED"}]
    assert patient["birthDate"] == "1930-01-01"
    assert patient["meta"]["versionId"] == "2"
    relative = stored(fhir, "RelatedPerson/rp-p-cu")
    assert relative["name"] == [{"text": "Henk de Buurman-CHANGED"}]
    assert relative["meta"]["versionId"] == "2"
    # no other Patient was made
    assert [e["resource"]["id"] for e in admin.get("Patient").json()["entry"]] == ["p-cu"]


def test_a_conditional_update_in_a_batch_updates_its_one_match(fhir: Fhir) -> None:
    a_client_with_a_neighbour(fhir)
    answer = fhir.post(
        "",
        batch(
            [
                conditional_put("Patient?_id=p-cu", renamed_patient("In een batch")),
                conditional_put(
                    f"RelatedPerson?identifier={RP_SYSTEM}|rp-p-cu",
                    {
                        "resourceType": "RelatedPerson",
                        "patient": {"reference": "Patient/p-cu"},
                        "identifier": [{"system": RP_SYSTEM, "value": "rp-p-cu"}],
                        "name": [{"text": "Henk uit de batch"}],
                    },
                ),
            ]
        ),
    )
    assert answer.status_code == 200, answer.text
    responses = [e["response"] for e in answer.json()["entry"]]
    assert [r["status"] for r in responses] == ["200 OK", "200 OK"], responses
    assert responses[0]["location"] == "Patient/p-cu/_history/2"
    assert stored(fhir, "Patient/p-cu")["name"] == [{"text": "In een batch"}]
    relative = stored(fhir, "RelatedPerson/rp-p-cu")
    assert relative["name"] == [{"text": "Henk uit de batch"}]
    assert relative["meta"]["versionId"] == "2"

    # the same again changes nothing: no new version
    again = fhir.post(
        "", batch([conditional_put("Patient?_id=p-cu", renamed_patient("In een batch"))])
    )
    assert again.json()["entry"][0]["response"]["location"] == "Patient/p-cu/_history/2"
    assert stored(fhir, "Patient/p-cu")["meta"]["versionId"] == "2"


def test_a_conditional_update_that_matches_nothing_creates_under_a_free_id_only(
    fhir: Fhir,
) -> None:
    a_client_with_a_neighbour(fhir)
    a_client_with_a_neighbour(fhir, "p-other")
    before = stored(fhir, "Patient/p-other")

    # no id in the body: the server names the new resource
    made = fhir.post(
        "",
        {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [conditional_put("Patient?_id=p-nobody", renamed_patient("Nieuw"))],
        },
    )
    assert made.status_code == 200, made.text
    response = made.json()["entry"][0]["response"]
    assert response["status"].startswith("201"), response
    new_id = response["location"].split("/")[1]
    assert new_id not in {"p-cu", "p-other", "p-nobody"}
    assert stored(fhir, f"Patient/{new_id}")["name"] == [{"text": "Nieuw"}]

    # an id in the body that is free: created under it
    named = fhir.post(
        "",
        batch([conditional_put("Patient?_id=p-nobody", renamed_patient("Genoemd", id="p-named"))]),
    )
    response = named.json()["entry"][0]["response"]
    assert response["status"].startswith("201"), response
    assert response["location"] == "Patient/p-named/_history/1"
    assert stored(fhir, "Patient/p-named")["name"] == [{"text": "Genoemd"}]

    # an id in the body that is taken: 409, and the resource it names is as it was
    for kind in ("transaction", "batch"):
        taken = fhir.post(
            "",
            {
                "resourceType": "Bundle",
                "type": kind,
                "entry": [
                    conditional_put(
                        "Patient?_id=p-999999", renamed_patient("Overschreven", id="p-other")
                    )
                ],
            },
        )
        if kind == "transaction":
            assert taken.status_code == 409, taken.text
            issue = only_issue(taken)
        else:
            assert taken.status_code == 200, taken.text
            entry = taken.json()["entry"][0]["response"]
            assert entry["status"].startswith("409"), entry
            (issue,) = entry["outcome"]["issue"]
        assert issue["expression"] == ["Bundle.entry[0].resource.id"], issue
        assert "Patient/p-other" in issue["diagnostics"], issue
        assert stored(fhir, "Patient/p-other") == before


def test_a_conditional_update_naming_an_id_out_of_reach_answers_as_a_put_of_it(
    make_fhir: Any,
) -> None:
    """Another team's nurse learns no more from a conditional update than
    from a PUT: an id that is taken but out of her reach gets the 404 that a
    PUT of it gets, not the 409 that says it is there; nothing is written."""
    from ...conftest import nurse

    admin: Fhir = make_fhir()
    a_client_with_a_neighbour(admin)
    a_client_with_a_neighbour(admin, "p-other")
    before = stored(admin, "Patient/p-other")
    other: Fhir = make_fhir(nurse("team-elsewhere"))
    body = renamed_patient("Overschreven", id="p-other")
    plain = other.put("Patient/p-other", body)
    conditional = other.post(
        "",
        {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [conditional_put("Patient?_id=p-999999", body)],
        },
    )
    assert plain.status_code == 404, plain.text
    assert conditional.status_code == 404, conditional.text
    assert only_issue(conditional) == only_issue(plain)
    assert stored(admin, "Patient/p-other") == before


def test_a_conditional_update_with_another_id_or_several_matches_is_refused(
    fhir: Fhir,
) -> None:
    a_client_with_a_neighbour(fhir)
    before = stored(fhir, "Patient/p-cu")

    # one match, and the body names another id: 400, nothing written
    other_id = fhir.post(
        "",
        {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [conditional_put("Patient?_id=p-cu", renamed_patient("X", id="p-else"))],
        },
    )
    assert other_id.status_code == 400, other_id.text
    assert only_issue(other_id)["expression"] == ["Bundle.entry[0].resource.id"]
    in_batch = fhir.post(
        "", batch([conditional_put("Patient?_id=p-cu", renamed_patient("X", id="p-else"))])
    )
    assert in_batch.json()["entry"][0]["response"]["status"].startswith("400"), in_batch.text
    assert stored(fhir, "Patient/p-cu") == before
    assert fhir.get("Patient/p-else").status_code == 404

    # two matches: 412, nothing written
    twin = {
        "resourceType": "RelatedPerson",
        "id": "rp-twin",
        "identifier": [{"system": RP_SYSTEM, "value": "rp-p-cu"}],
        "patient": {"reference": "Patient/p-cu"},
        "name": [{"text": "Tweeling"}],
    }
    assert fhir.put("RelatedPerson/rp-twin", twin).status_code == 201
    relatives = {r: stored(fhir, r) for r in ("RelatedPerson/rp-p-cu", "RelatedPerson/rp-twin")}
    body = {**twin, "name": [{"text": "Wie van de twee?"}]}
    del body["id"]
    url = f"RelatedPerson?identifier={RP_SYSTEM}|rp-p-cu"
    several = fhir.post(
        "", {"resourceType": "Bundle", "type": "transaction", "entry": [conditional_put(url, body)]}
    )
    assert several.status_code == 412, several.text
    assert only_issue(several)["expression"] == ["Bundle.entry[0].request.url"]
    in_batch = fhir.post("", batch([conditional_put(url, body)]))
    assert in_batch.json()["entry"][0]["response"]["status"].startswith("412"), in_batch.text
    assert {r: stored(fhir, r) for r in relatives} == relatives


def test_a_conditional_update_keeps_to_if_match(fhir: Fhir) -> None:
    a_client_with_a_neighbour(fhir)
    stale = fhir.post(
        "",
        transaction(
            [conditional_put("Patient?_id=p-cu", renamed_patient("Te laat"), ifMatch='W/"7"')]
        ),
    )
    assert stale.status_code == 412, stale.text
    assert stored(fhir, "Patient/p-cu")["meta"]["versionId"] == "1"
    current = fhir.post(
        "",
        transaction(
            [conditional_put("Patient?_id=p-cu", renamed_patient("Op tijd"), ifMatch='W/"1"')]
        ),
    )
    assert current.status_code == 200, current.text
    patient = stored(fhir, "Patient/p-cu")
    assert (patient["name"], patient["meta"]["versionId"]) == ([{"text": "Op tijd"}], "2")


def test_a_conditional_create_in_a_bundle_still_leaves_what_it_finds(fhir: Fhir) -> None:
    a_client_with_a_neighbour(fhir)
    before = stored(fhir, "Patient/p-cu")
    create = {
        "resource": renamed_patient("Niet overschrijven"),
        "request": {"method": "POST", "url": "Patient", "ifNoneExist": "_id=p-cu"},
    }
    for kind in ("transaction", "batch"):
        answer = fhir.post("", {"resourceType": "Bundle", "type": kind, "entry": [create]})
        assert answer.status_code == 200, answer.text
        entry = answer.json()["entry"][0]
        assert entry["response"]["status"] == "200 OK"
        assert entry["resource"]["name"] == before["name"]
        assert stored(fhir, "Patient/p-cu") == before


def test_a_transaction_with_a_malformed_if_match_writes_nothing(fhir: Fhir) -> None:
    a_client_with_a_neighbour(fhir)
    before = stored(fhir, "Patient/p-cu")

    def sent(if_match: str) -> Any:
        put = {
            "resource": {**before, "gender": "female"},
            "request": {"method": "PUT", "url": "Patient/p-cu", "ifMatch": if_match},
        }
        return fhir.post("", {"resourceType": "Bundle", "type": "transaction", "entry": [put]})

    malformed = sent("yesterday")
    unterminated = sent('W/"1')
    assert malformed.status_code in (400, 422), malformed.text
    assert unterminated.status_code == malformed.status_code, unterminated.text
    assert only_issue(unterminated)["expression"] == ["Bundle.entry[0].request.ifMatch"]
    assert stored(fhir, "Patient/p-cu") == before
