"""Search over the corpus through the API: each parameter the issue lists,
paging with next links, _include and _revinclude, and the access rules on
what is found and what is included."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graphsvc.app import create_app
from graphsvc.services.tokens import TokenIssuer

from ...conftest import (
    ADMIN,
    RESEARCHER,
    nurse,
    settings_for,
    system,
)
from ...databases import DATABASES
from ...hl7_validator import Hl7Validator
from .conftest import PUBLIC_BASE, Fhir
from .corpus_loading import load_corpus

BSN = "http://fhir.nl/fhir/NamingSystem/bsn"
OMS = "http://terminology.hl7.org/CodeSystem/oms"
RATING = "https://graphsvc.example/fhir/CodeSystem/omaha-rating"


@pytest.fixture(scope="module", params=DATABASES)
def served(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    hl7_validator: Hl7Validator,
) -> Iterator[tuple[TestClient, TokenIssuer, Hl7Validator]]:
    """The corpus loaded once per database for the whole module."""
    data = tmp_path_factory.mktemp("search")
    settings = settings_for(request, request.param, data, fhir_base_urls=(PUBLIC_BASE,))
    with TestClient(create_app(settings)) as http:
        issuer = TokenIssuer(settings.signing_key())
        load_corpus(Fhir(http, issuer.mint(ADMIN), hl7_validator))
        yield http, issuer, hl7_validator


@pytest.fixture
def admin(served: tuple[TestClient, TokenIssuer, Hl7Validator]) -> Fhir:
    http, issuer, hl7 = served
    return Fhir(http, issuer.mint(ADMIN), hl7)


def ids(bundle: dict[str, Any], mode: str = "match") -> set[str]:
    return {
        f"{e['resource']['resourceType']}/{e['resource']['id']}"
        for e in bundle.get("entry", ())
        if e["search"]["mode"] == mode
    }


def found(fhir: Fhir, query: str) -> set[str]:
    response = fhir.get(query)
    assert response.status_code == 200, response.text
    return ids(response.json())


def test_each_listed_parameter(admin: Fhir) -> None:
    assert found(admin, "CareTeam?patient=Patient/mohamed-bouzid&status=active") == {
        "CareTeam/careteam-bouzid-wijk",
        "CareTeam/careteam-bouzid-ziekenhuis",
    }
    assert found(admin, "CareTeam?patient=mohamed-bouzid&status=inactive") == set()
    assert found(admin, "CarePlan?patient=gerrit-jansen&status=active") == {
        "CarePlan/careplan-gerrit-jansen"
    }
    assert found(admin, f"Observation?patient=gerrit-jansen&code={RATING}|status") == {
        "Observation/obs-gerrit-38-s-2023",
        "Observation/obs-gerrit-38-s-2024",
    }
    assert found(admin, "Observation?patient=gerrit-jansen&date=ge2024-01-01") == {
        "Observation/obs-gerrit-38-s-2024"
    }
    assert found(
        admin, "Observation?patient=gerrit-jansen&date=ge2023-09-01&date=le2023-09-30"
    ) == {
        "Observation/obs-gerrit-38-b-2023",
        "Observation/obs-gerrit-38-k-2023",
        "Observation/obs-gerrit-38-s-2023",
        "Observation/obs-gerrit-42-k-2023",
    }
    assert found(admin, "Observation?focus=Condition/condition-gerrit-42") == {
        "Observation/obs-gerrit-42-k-2023"
    }
    assert found(admin, f"Patient?identifier={BSN}|999911144") == {"Patient/mohamed-bouzid"}
    assert found(admin, "Patient?name=bouz") == {"Patient/mohamed-bouzid"}
    assert found(admin, "RelatedPerson?patient=johanna-de-boer") == {"RelatedPerson/kees-de-boer"}
    assert found(
        admin,
        "PractitionerRole?practitioner=Practitioner/eva-smit&organization=huisartsen-assendorp",
    ) == {"PractitionerRole/eva-smit-huisarts"}
    assert found(admin, f"Condition?patient=johanna-de-boer&code={OMS}|22") == {
        "Condition/condition-johanna-22"
    }


def test_pages_follow_next_links(admin: Fhir) -> None:
    seen: list[str] = []
    url = "Observation?_count=4"
    pages = 0
    while url:
        bundle = admin.get(url).json()
        pages += 1
        seen += sorted(ids(bundle))
        nxt = [link["url"] for link in bundle["link"] if link["relation"] == "next"]
        url = nxt[0].split("/fhir/", 1)[1] if nxt else ""
    everything = found(admin, "Observation?_count=1000")
    assert len(everything) == 12 and pages == 3
    assert sorted(seen) == sorted(everything) and len(seen) == len(set(seen))


def test_include_and_revinclude(admin: Fhir) -> None:
    bundle = admin.get("CareTeam?patient=gerrit-jansen&_include=CareTeam:participant").json()
    assert ids(bundle) == {"CareTeam/careteam-gerrit-jansen"}
    included = ids(bundle, "include")
    assert "RelatedPerson/annelies-jansen" in included
    assert any(k.startswith("Practitioner") for k in included)

    plans = admin.get("CarePlan?patient=gerrit-jansen&_include=CarePlan:care-team").json()
    assert ids(plans, "include") == {"CareTeam/careteam-gerrit-jansen"}

    ratings = admin.get("Observation?patient=johanna-de-boer&_include=Observation:focus").json()
    assert ids(ratings, "include") == {"Condition/condition-johanna-21"}

    rev = admin.get("Condition?patient=gerrit-jansen&code=38&_revinclude=Observation:focus").json()
    assert ids(rev) == {"Condition/condition-gerrit-38"}
    assert ids(rev, "include") == {
        "Observation/obs-gerrit-38-b-2023",
        "Observation/obs-gerrit-38-k-2023",
        "Observation/obs-gerrit-38-s-2023",
        "Observation/obs-gerrit-38-s-2024",
    }


def test_bad_searches_are_refused_with_the_parameter_named(admin: Fhir) -> None:
    for query in ("CareTeam?colour=red", "Observation?date=yesterday", "Patient?_count=many"):
        response = admin.get(query)
        assert response.status_code in (400, 422), query
        assert response.json()["issue"][0]["expression"], query


def test_access_rules_hold_for_matches_and_includes(
    served: tuple[TestClient, TokenIssuer, Hl7Validator],
) -> None:
    http, issuer, hl7 = served
    # every corpus client is served by the Assendorp team
    admin = Fhir(http, issuer.mint(ADMIN), hl7)
    everyone = found(admin, "Patient?_count=100")
    mine = Fhir(http, issuer.mint(nurse("team-assendorp")), hl7)
    assert found(mine, "Patient?_count=100") == everyone
    # a nurse of another team: no client, not even through an include
    other = Fhir(http, issuer.mint(nurse("team-zwolle-noord")), hl7)
    assert found(other, "Patient?_count=100") == set()
    for patient in everyone:
        assert other.get(patient).status_code == 404
    roles = other.get("PractitionerRole?_revinclude=CareTeam:participant&_count=100").json()
    assert ids(roles) and not {k for k in ids(roles, "include") if k.startswith("CareTeam/")}
    teams = mine.get("PractitionerRole?_revinclude=CareTeam:participant&_count=100").json()
    assert {k for k in ids(teams, "include") if k.startswith("CareTeam/")}
    # a system limited to CareTeam reads sees no Observations, also not included
    careteams_only = Fhir(http, issuer.mint(system("system/CareTeam.read")), hl7)
    assert careteams_only.get("Observation").status_code == 403
    bundle = careteams_only.get("CareTeam?_revinclude=Observation:patient").json()
    assert not ids(bundle, "include") & found(
        Fhir(http, issuer.mint(ADMIN), hl7), "Observation?_count=1000"
    )
    researcher = Fhir(http, issuer.mint(RESEARCHER), hl7)
    assert researcher.get("Patient").status_code == 403
    assert researcher.get("Patient/gerrit-jansen").status_code == 403
    # nor may the other team's nurse write there
    careteam = admin.get("CareTeam/careteam-gerrit-jansen").json()
    assert other.put("CareTeam/careteam-gerrit-jansen", careteam).status_code == 404
    assert other.delete("Observation/obs-gerrit-42-k-2023").status_code == 404
    assert admin.get("Observation/obs-gerrit-42-k-2023").status_code == 200
    # her own team's nurse may (the same content: nothing changes)
    assert mine.put("CareTeam/careteam-gerrit-jansen", careteam).status_code == 200
