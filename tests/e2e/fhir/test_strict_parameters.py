"""What a request says beside its body is read as strictly as the body:
``$everything``'s period must not end before it begins; a query string or
search form with a broken percent escape is a 400 naming the parameter
(``+`` and valid escapes still read as ever, a literal ``%`` is ``%25``);
``If-None-Match: *`` on a PUT creates only what is not there (412 for what
is, and nothing written), once who may write it is settled."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from ...conftest import nurse
from .conftest import Fhir
from .test_compartments import client_records, team
from .test_rest import TEAM, patient

FORM = "application/x-www-form-urlencoded"
NURSE_A = nurse("team-a", "nurse-a")
NURSE_B = nurse("team-b", "nurse-b")


def refused(response: httpx.Response, status: int, where: str) -> str:
    """The diagnostics of the refusal, once it is ``status`` and names ``where``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["resourceType"] == "OperationOutcome", body
    issues = body["issue"]
    assert [where] in [i.get("expression") for i in issues], issues
    return " ".join(i["diagnostics"] for i in issues)


@pytest.fixture
def client(fhir: Fhir) -> str:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    made = fhir.put("Patient/p-strict", {**patient(), "id": "p-strict"})
    assert made.status_code == 201, made.text
    return "p-strict"


# -- $everything ------------------------------------------------------------


def test_everything_refuses_a_period_that_ends_before_it_begins(fhir: Fhir, client: str) -> None:
    backwards = fhir.get(f"Patient/{client}/$everything?start=2025-06-01&end=2025-01-01")
    said = refused(backwards, 400, "$everything?start")
    assert "end" in said and "2025-06-01" in said and "2025-01-01" in said, said


def test_everything_reads_its_dates(fhir: Fhir, client: str) -> None:
    for query in ("start=2025-01-01&end=2025-06-01", "start=2025-06", "end=2025", ""):
        answer = fhir.get(f"Patient/{client}/$everything?{query}")
        assert answer.status_code == 200, (query, answer.text)
        assert answer.json()["resourceType"] == "Bundle"
    # within one day, and a month that holds the day: not backwards
    assert fhir.get(f"Patient/{client}/$everything?start=2025-06&end=2025-06-01").status_code == 200
    for query, where, says in (
        ("start=yesterday", "$everything?start", "must be a date"),
        ("end=2025-13-01", "$everything?end", "must be a date"),
        ("start=2025&start=2026", "$everything?start", "more than once"),
    ):
        said = refused(fhir.get(f"Patient/{client}/$everything?{query}"), 400, where)
        assert says in said, (query, said)


# -- percent escapes ----------------------------------------------------------


def test_a_broken_percent_escape_in_a_query_string_is_named(fhir: Fhir, client: str) -> None:
    said = refused(fhir.get("Patient?name=%zz"), 400, "Patient?name")
    assert "%zz" in said and "%25" in said, said
    refused(fhir.get("Patient?name=visser%2"), 400, "Patient?name")
    refused(fhir.get("Patient?na%zzme=visser"), 400, "Patient?na%zzme")
    # an escape of bytes that are not UTF-8 (Latin-1's é)
    said = refused(fhir.get("Patient?name=Ren%E9"), 400, "Patient?name")
    assert "UTF-8" in said, said
    refused(fhir.request("POST", "Patient/_search?name=%zz"), 400, "Patient?name")
    refused(fhir.get(f"Patient/{client}/_history?_count=%zz"), 400, "_history?_count")
    refused(fhir.get(f"Patient/{client}/$everything?start=%zz"), 400, "$everything?start")


def test_a_broken_percent_escape_in_a_search_form_is_named(fhir: Fhir, client: str) -> None:
    for form, where in (
        ("name=%zz", "Patient?name"),
        ("_count=10&name=visser%", "Patient?name"),
        ("name=Ren%E9", "Patient?name"),
        ("na%zzme=visser", "Patient?na%zzme"),
    ):
        answer = fhir.request("POST", "Patient/_search", form, **{"Content-Type": FORM})
        refused(answer, 400, where)


def test_plus_and_valid_escapes_still_read(fhir: Fhir, client: str) -> None:
    def found(answer: httpx.Response) -> list[str]:
        assert answer.status_code == 200, answer.text
        return [e["resource"]["id"] for e in answer.json().get("entry", ())]

    assert found(fhir.get("Patient?name=truus+visser")) == [client]
    assert found(fhir.get("Patient?name=Vi%73ser")) == [client]
    assert found(fhir.get("Patient?name=Ren%C3%A9")) == []
    form = {"Content-Type": FORM}
    assert found(fhir.request("POST", "Patient/_search", "name=truus+vi%73ser", **form)) == [client]
    # a literal % is sent as %25
    percent = {
        **patient("Procent"),
        "id": "p-percent",
        "identifier": [{"system": "urn:x", "value": "50%"}],
    }
    assert fhir.put("Patient/p-percent", percent).status_code == 201
    assert found(fhir.get("Patient?identifier=urn:x%7C50%25")) == ["p-percent"]
    by_form = fhir.request("POST", "Patient/_search", "identifier=urn%3Ax%7C50%25", **form)
    assert found(by_form) == ["p-percent"]


# -- If-None-Match on PUT -----------------------------------------------------


def test_if_none_match_star_creates_only_what_is_not_there(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    star = {"If-None-Match": "*"}
    first = {**patient(), "id": "p-once"}
    made = fhir.put("Patient/p-once", first, **star)
    assert made.status_code == 201, made.text
    assert made.json()["meta"]["versionId"] == "1"

    other = {**first, "gender": "female"}
    said = refused(fhir.put("Patient/p-once", other, **star), 412, "If-None-Match")
    assert "Patient/p-once" in said, said
    refused(fhir.put("Patient/p-once", first, **star), 412, "If-None-Match")  # the same, too
    stored = fhir.get("Patient/p-once").json()
    assert stored["meta"]["versionId"] == "1" and "gender" not in stored
    assert len(fhir.get("Patient/p-once/_history").json()["entry"]) == 1

    # without the header, a PUT updates it as ever
    assert fhir.put("Patient/p-once", other).json()["meta"]["versionId"] == "2"
    # deleted, it is not there: the PUT makes it again
    assert fhir.delete("Patient/p-once").status_code == 204
    again = fhir.put("Patient/p-once", first, **star)
    assert again.status_code == 201, again.text
    assert again.json()["meta"]["versionId"] == "4"


def test_if_none_match_other_than_star_is_refused(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    body = {**patient(), "id": "p-tags"}
    for value in ('W/"1"', '"1", "2"', "W/*", ""):
        answer = fhir.put("Patient/p-tags", body, **{"If-None-Match": value})
        said = refused(answer, 400, "If-None-Match")
        assert '"*"' in said, (value, said)
    assert fhir.get("Patient/p-tags").status_code == 404


def test_if_none_match_tells_a_nurse_nothing_of_another_teams_client(
    fhir: Fhir, make_fhir: Callable[..., Fhir]
) -> None:
    for team_id in ("team-a", "team-b"):
        assert fhir.put(f"Organization/{team_id}", team(team_id)).status_code == 201
    for resource in client_records("anna", "Visser", "team-a"):
        path = f"{resource['resourceType']}/{resource['id']}"
        assert fhir.put(path, resource).status_code == 201
    nurse_a, nurse_b = make_fhir(NURSE_A), make_fhir(NURSE_B)
    anna: dict[str, Any] = fhir.get("Patient/anna").json()
    anna.pop("meta")
    changed = {**anna, "gender": "female"}
    star = {"If-None-Match": "*"}

    plain = nurse_b.put("Patient/anna", changed)
    assert plain.status_code in (403, 404), plain.text
    conditional = nurse_b.put("Patient/anna", changed, **star)
    assert conditional.status_code == plain.status_code, conditional.text
    assert conditional.json() == plain.json()

    refused(nurse_a.put("Patient/anna", changed, **star), 412, "If-None-Match")
    stored = fhir.get("Patient/anna").json()
    assert stored["meta"]["versionId"] == "1" and "gender" not in stored


def test_if_none_match_in_a_bundle_entry_is_kept_to(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    first = {**patient(), "id": "p-entry"}
    assert fhir.put("Patient/p-entry", first).status_code == 201

    def bundle(kind: str, method: str = "PUT") -> dict[str, Any]:
        changed = {**first, "gender": "female"}
        request = {"method": method, "url": "Patient/p-entry", "ifNoneMatch": "*"}
        return {
            "resourceType": "Bundle",
            "type": kind,
            "entry": [{"resource": changed, "request": request}],
        }

    refused(fhir.post("", bundle("transaction")), 412, "If-None-Match")
    batch = fhir.post("", bundle("batch"))
    assert batch.status_code == 200, batch.text
    assert batch.json()["entry"][0]["response"]["status"].startswith("412"), batch.text
    refused(
        fhir.post("", bundle("transaction", "POST")), 422, "Bundle.entry[0].request.ifNoneMatch"
    )
    stored = fhir.get("Patient/p-entry").json()
    assert stored["meta"]["versionId"] == "1" and "gender" not in stored
    # where there is none, the entry makes it
    new = bundle("transaction")
    new["entry"][0]["resource"] = {**first, "id": "p-entry-2"}
    new["entry"][0]["request"]["url"] = "Patient/p-entry-2"
    made = fhir.post("", new)
    assert made.status_code == 200, made.text
    assert fhir.get("Patient/p-entry-2").status_code == 200
