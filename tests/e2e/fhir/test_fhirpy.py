"""Another system's view: fhirpy (a FHIR client from PyPI) over real HTTP to
the service under uvicorn: create, read, search, update with versions,
delete, and a transaction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fhirpy import SyncFHIRClient
from fhirpy.base.exceptions import BaseFHIRError, OperationOutcome, ResourceNotFound

from graphsvc.config import Settings

from ...conftest import ADMIN
from ...unit.fhir import corpus
from ..fhir_bodies import FhirBodies
from ..web.served_app import serve
from .corpus_loading import loose
from .test_bundles import TRANSACTION


@pytest.fixture
def server(tmp_path: Path, fhir_bodies: FhirBodies) -> Iterator[tuple[str, str]]:
    """The app under uvicorn on a free port: its FHIR base URL and a token.
    Every FHIR body it answers is checked by the three validators."""
    app = serve(Settings(data_dir=tmp_path / "data"), fhir_bodies)
    yield f"{app.base_url}/fhir", app.issuer.mint(ADMIN)
    app.stop()


def client(server: tuple[str, str], **headers: str) -> SyncFHIRClient:
    base, token = server
    return SyncFHIRClient(base, authorization=f"Bearer {token}", extra_headers=headers or None)


def test_a_system_works_with_the_service_through_fhirpy(server: tuple[str, str]) -> None:
    fhir = client(server)
    patient = fhir.resource(
        "Patient",
        identifier=[{"system": "http://fhir.nl/fhir/NamingSystem/bsn", "value": "999990017"}],
        name=[{"family": "Dijkstra", "given": ["Geesje"]}],
        birthDate="1934-07-30",
    )
    patient.save()
    assert patient.id and patient["meta"]["versionId"] == "1"

    read = fhir.reference("Patient", patient.id).to_resource()
    assert read["name"][0]["family"] == "Dijkstra"
    found = fhir.resources("Patient").search(name="dijk").fetch_all()
    assert [p.id for p in found] == [patient.id]
    by_identifier = (
        fhir.resources("Patient")
        .search(identifier="http://fhir.nl/fhir/NamingSystem/bsn|999990017")
        .get()
    )
    assert by_identifier.id == patient.id

    read["name"] = [{"family": "Dijkstra-Bos", "given": ["Geesje"]}]
    read.save()
    assert read["meta"]["versionId"] == "2"
    # another system still holding version 1 may not overwrite version 2
    stale = client(server, **{"If-Match": 'W/"1"'})
    old = stale.resource("Patient", id=patient.id, name=[{"family": "Oud"}])
    # (fhirpy names every 412 MultipleResourcesFound, after conditional updates)
    with pytest.raises(BaseFHIRError, match="is at version 2, not 1"):
        old.save()
    assert (
        fhir.reference("Patient", patient.id).to_resource()["name"][0]["family"] == "Dijkstra-Bos"
    )

    read.delete()
    with pytest.raises((ResourceNotFound, OperationOutcome)):
        fhir.reference("Patient", patient.id).to_resource()


def test_a_transaction_through_fhirpy(server: tuple[str, str]) -> None:
    fhir = client(server)
    for key, resource in loose():
        if key.resource_type in {"Organization", "Practitioner", "PractitionerRole"}:
            fhir.resource(key.resource_type, **resource).save()
    answer = fhir.execute("", method="post", data=corpus.load(TRANSACTION))
    assert answer["type"] == "transaction-response"
    assert all(e["response"]["status"].startswith("201") for e in answer["entry"])
    careteams = (
        fhir.resources("CareTeam")
        .search(status="active")
        .include("CareTeam", "participant")
        .fetch_raw()
    )
    kinds = {e["resource"]["resourceType"] for e in careteams["entry"]}
    assert {"CareTeam", "RelatedPerson"} <= kinds
