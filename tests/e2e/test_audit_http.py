"""The audit trail as the HTTP surfaces fill it (NEN 7513): one record per
client whose data an answer held, on whose behalf, with the request's id and
address; writes name their client; refusals and missing tokens leave a
record too; and the chain verifies."""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.testclient import TestClient

from graphsvc.services.tokens import TokenIssuer
from graphsvc.store.audit_log import verify

from ..conftest import ADMIN, nurse
from ..hl7_validator import Hl7Validator
from .fhir_validity import assert_valid_fhir
from .test_graphql_gaps import DEMO

TEAM = DEMO.teams[0].id


def test_every_client_an_answer_held_is_recorded(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    http = make_http(DEMO)
    runtime = http.app.state.runtime  # type: ignore[attr-defined]
    trail = runtime.audit
    before = len(trail.read())
    me = {"Authorization": f"Bearer {issuer.mint(nurse(TEAM, 'nurse-7'))}"}
    found = http.get(
        "/fhir/CareTeam?_count=50", headers={**me, "X-Request-ID": "visit-2026-12-02-a"}
    )
    assert found.status_code == 200 and found.headers["X-Request-ID"] == "visit-2026-12-02-a"
    clients = {
        e["resource"]["subject"]["reference"].removeprefix("Patient/")
        for e in found.json()["entry"]
    }
    assert len(clients) > 20
    new = trail.read()[before:]
    searched = [r for r in new if r.action == "fhir.CareTeam.search"]
    assert {r.client_id for r in searched} == clients
    for record in searched:
        assert record.subject == "nurse-7" and record.on_behalf_of == TEAM
        assert record.request_id == "visit-2026-12-02-a" and record.source
        assert all(ref.startswith("CareTeam/") for ref in record.resources)

    # a write names the client whose compartment it is in
    admin = {"Authorization": f"Bearer {issuer.mint(ADMIN)}"}
    careteam = found.json()["entry"][0]["resource"]
    owner = careteam["subject"]["reference"].removeprefix("Patient/")
    careteam["note"] = [{"text": "besproken met de dochter"}]
    written = http.put(f"/fhir/CareTeam/{careteam['id']}", json=careteam, headers=admin)
    assert written.status_code == 200, written.text
    # the client is still her team's: the write kept the team it names
    assert http.get(f"/fhir/CareTeam/{careteam['id']}", headers=me).status_code == 200
    write = [r for r in trail.read() if r.action == "fhir.CareTeam.write"][-1]
    assert write.client_id == owner and write.resources == (f"CareTeam/{careteam['id']}",)
    assert write.request_id == written.headers["X-Request-ID"]

    # a $validate reads what is stored of her, and says so, writing nothing
    careteam["note"] = [{"text": "nog niet opgeslagen"}]
    checked = http.post(f"/fhir/CareTeam/{careteam['id']}/$validate", json=careteam, headers=admin)
    assert checked.status_code == 200, checked.text
    validate = [r for r in trail.read() if r.action == "fhir.CareTeam.validate"][-1]
    assert validate.client_id == owner and validate.outcome == "ok"
    assert validate.request_id == checked.headers["X-Request-ID"]
    assert not any(r.action == "fhir.CareTeam.write" for r in trail.read()[-1:])

    # a system acting for a person says so (FHIR's X-Provenance): she is recorded
    provenance = {
        "resourceType": "Provenance",
        "target": [{"reference": f"CareTeam/{careteam['id']}"}],
        "recorded": "2026-12-02T10:00:00Z",
        "agent": [{"who": {"reference": "Practitioner/eva-smit", "display": "E. Smit"}}],
    }
    careteam["note"] = [{"text": "besproken met de huisarts"}]
    on_behalf = {**admin, "X-Provenance": json.dumps(provenance)}
    again = http.put(f"/fhir/CareTeam/{careteam['id']}", json=careteam, headers=on_behalf)
    assert again.is_success, again.text
    write = [r for r in trail.read() if r.action == "fhir.CareTeam.write"][-1]
    assert write.subject == ADMIN.subject and write.on_behalf_of == "Practitioner/eva-smit"
    # a nurse names nobody but her team; a header that is not a Provenance names nobody
    nonsense = {**me, "X-Provenance": "{not json"}
    seen = http.get(f"/fhir/CareTeam/{careteam['id']}", headers=nonsense)
    assert seen.status_code == 200, seen.text
    assert trail.read()[-1].on_behalf_of == TEAM

    # a nurse of another team reading it: refused, and recorded as such
    stranger = {"Authorization": f"Bearer {issuer.mint(nurse('team-elders', 'nurse-9'))}"}
    refused = http.get(f"/fhir/CareTeam/{careteam['id']}", headers=stranger)
    assert refused.status_code == 404
    denied = trail.read()[-1]
    assert (denied.subject, denied.client_id, denied.outcome) == ("nurse-9", owner, "denied")

    # no token, or a bad one: 401 on every surface, and a record of it
    assert http.get("/fhir/CareTeam", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert http.post("/graphql", json={"query": "{ me { subject } }"}).status_code == 401
    refusals = [r for r in trail.read() if r.outcome == "unauthenticated"]
    assert [r.action for r in refusals[-2:]] == ["http.GET /fhir/CareTeam", "http.POST /graphql"]
    assert verify(trail.path) == []
    assert verify(trail.path, runtime.settings.signing_key()) == []


def test_the_clients_team_reads_her_trail_as_audit_events(
    make_http: Callable[..., TestClient], issuer: TokenIssuer, hl7_validator: Hl7Validator
) -> None:
    http = make_http(DEMO)
    me = {"Authorization": f"Bearer {issuer.mint(nurse(TEAM, 'nurse-7'))}"}
    client = DEMO.onions[0].client.id
    assert http.get(f"/fhir/Patient/{client}", headers=me).status_code == 200
    trail = http.get(f"/fhir/AuditEvent?patient={client}", headers=me)
    assert trail.status_code == 200, trail.text
    assert_valid_fhir(trail.json(), hl7_validator)
    events = [e["resource"] for e in trail.json()["entry"]]
    read = next(e for e in events if e["subtype"][0]["code"] == "fhir.Patient.read")
    assert read["action"] == "R" and read["outcome"] == "0"
    assert read["agent"][0]["who"]["identifier"]["value"] == "nurse-7"
    assert {"reference": f"Organization/{TEAM}"} in [a["who"] for a in read["agent"]]
    assert {"reference": f"Patient/{client}"} in [e["what"] for e in read["entity"]]
    # another team's nurse learns nothing, and that is recorded too
    stranger = {"Authorization": f"Bearer {issuer.mint(nurse('team-elders', 'nurse-9'))}"}
    assert http.get(f"/fhir/AuditEvent?patient={client}", headers=stranger).status_code == 404
    assert http.get("/fhir/AuditEvent", headers=me).status_code == 400
    runtime = http.app.state.runtime  # type: ignore[attr-defined]
    last = [r for r in runtime.audit.read() if r.subject == "nurse-9"][-1]
    assert (last.subject, last.action, last.outcome) == (
        "nurse-9",
        "fhir.AuditEvent.search",
        "denied",
    )


def test_the_trail_comes_in_pages_newest_first(
    make_http: Callable[..., TestClient], issuer: TokenIssuer, hl7_validator: Hl7Validator
) -> None:
    http = make_http(DEMO)
    me = {"Authorization": f"Bearer {issuer.mint(nurse(TEAM, 'nurse-7'))}"}
    client = DEMO.onions[0].client.id
    for _ in range(4):
        assert http.get(f"/fhir/Patient/{client}", headers=me).status_code == 200
    whole = http.get(f"/fhir/AuditEvent?patient={client}", headers=me).json()
    everything = [e["resource"]["id"] for e in whole["entry"]]
    assert whole["total"] == len(everything) >= 4
    paged: list[str] = []
    url: str | None = f"/fhir/AuditEvent?patient={client}&_count=2"
    while url is not None:
        page = http.get(url.removeprefix("http://testserver"), headers=me)
        assert page.status_code == 200, page.text
        assert_valid_fhir(page.json(), hl7_validator)
        assert len(page.json().get("entry", ())) <= 2
        paged += [e["resource"]["id"] for e in page.json().get("entry", ())]
        url = next((x["url"] for x in page.json()["link"] if x["relation"] == "next"), None)
    # each page's own read joins the trail at its head, so a page may repeat
    # the last of the one before; none of what was there is missed
    assert set(everything) <= set(paged)
    for wrong in ("_count=0", "_count=many", "_offset=-1", "_sort=date", "patient=a&patient=b"):
        refused = http.get(f"/fhir/AuditEvent?patient={client}&{wrong}", headers=me)
        assert refused.status_code == 400, (wrong, refused.text)
        assert refused.json()["resourceType"] == "OperationOutcome"
