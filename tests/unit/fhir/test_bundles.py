"""Unpacking transaction Bundles: keys, rewritten references, all-or-nothing."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import pytest

from fhir_mappings import (
    FhirValidationError,
    ResourceIndex,
    ResourceKey,
    first_difference,
    parse_resource,
    unpack_bundle,
)

from .corpus import BASE_URL, FIXTURES, load, standalone, stored

TRUUS = FIXTURES / "Bundle-transaction-truus-veenstra.json"
BOUZID = FIXTURES / "Bundle-transaction-mohamed-bouzid.json"


def test_urn_uuid_entries_get_their_uuid_as_id_and_references_follow() -> None:
    entries = unpack_bundle(load(TRUUS), lookup=ResourceIndex(standalone()))
    keys = [e.key for e in entries]
    assert keys[0] == ResourceKey("Patient", "6a1f2c3d-8b4e-4f5a-9c6d-7e8f9a0b1c2d")
    careteam = entries[2].resource
    assert careteam is not None and careteam["id"] == "c5d6e7f8-1a2b-4c3d-9e4f-5a6b7c8d9e0f"
    assert careteam["subject"] == {"reference": "Patient/6a1f2c3d-8b4e-4f5a-9c6d-7e8f9a0b1c2d"}
    # conditional references now name the stored resources
    assert careteam["managingOrganization"] == [{"reference": "Organization/team-assendorp"}]
    assert careteam["participant"][3]["member"]["reference"] == "Practitioner/eva-smit"
    assert careteam["participant"][3]["member"]["display"] == "dr. E. Smit"
    # contained references and the contained resource's own references
    assert careteam["participant"][1]["member"] == {"reference": "#buurvrouw"}
    assert careteam["contained"][0]["patient"] == {
        "reference": "Patient/6a1f2c3d-8b4e-4f5a-9c6d-7e8f9a0b1c2d"
    }
    for entry in entries:
        assert entry.resource is not None
        parse_resource(entry.resource)
        assert "urn:uuid:" not in str(entry.resource)


def test_only_request_local_references_are_rewritten() -> None:
    original = load(TRUUS)
    entries = unpack_bundle(copy.deepcopy(original), lookup=ResourceIndex(standalone()))
    careplan_in, careplan_out = original["entry"][6]["resource"], entries[6].resource
    diff = first_difference(
        {**careplan_in, "id": "x"},
        careplan_out,
        ignore=("id", "subject", "careTeam", "addresses", "goal", "activity", "contained"),
    )
    assert diff is None
    assert careplan_out is not None
    assert careplan_out["activity"][0]["detail"]["performer"] == [{"reference": "#vrijwilliger"}]
    assert careplan_out["activity"][2]["detail"]["performer"] == [
        {"reference": "Practitioner/fatima-yilmaz"}
    ]
    assert careplan_out["activity"][3]["detail"]["performer"] == [
        {"display": "maaltijdservice Tafeltje-dek-je"}
    ]


def test_absolute_full_urls_become_this_servers_keys() -> None:
    entries = unpack_bundle(load(BOUZID), lookup=ResourceIndex(stored()), base_urls=(BASE_URL,))
    careteam = next(
        e.resource for e in entries if e.key == ResourceKey("CareTeam", "careteam-bouzid-wijk")
    )
    assert careteam is not None
    assert careteam["subject"] == {"reference": "Patient/mohamed-bouzid"}
    assert careteam["participant"][0]["member"] == {"reference": "RelatedPerson/khadija-bouzid"}
    # this server's own absolute URL is left as it was sent
    assert careteam["managingOrganization"] == [
        {"reference": f"{BASE_URL}/Organization/team-assendorp"}
    ]
    hospital = next(
        e.resource
        for e in entries
        if e.key == ResourceKey("CareTeam", "careteam-bouzid-ziekenhuis")
    )
    assert hospital is not None
    external = "https://fhir.specialisten-voorbeeld.nl/r4/Practitioner/4417"
    assert hospital["participant"][1]["member"]["reference"] == external


def test_conditional_create_matches_the_stored_resource() -> None:
    store = stored()
    entries = unpack_bundle(load(TRUUS), lookup=ResourceIndex(store))
    assert entries[0].existing
    assert entries[0].key == ResourceKey("Patient", "6a1f2c3d-8b4e-4f5a-9c6d-7e8f9a0b1c2d")


def test_the_same_bundle_unpacks_the_same_way_twice() -> None:
    lookup = ResourceIndex(standalone())
    assert unpack_bundle(load(TRUUS), lookup=lookup) == unpack_bundle(load(TRUUS), lookup=lookup)


def test_one_broken_reference_fails_the_whole_transaction() -> None:
    bundle = load(TRUUS)
    bundle["entry"][6]["resource"]["activity"][2]["detail"]["reasonReference"][0] = {
        "reference": "urn:uuid:00000000-0000-4000-8000-000000000000"
    }
    bundle["entry"][2]["resource"]["participant"][2]["member"] = {
        "reference": "Practitioner/nobody"
    }
    with pytest.raises(FhirValidationError) as caught:
        unpack_bundle(bundle, lookup=ResourceIndex(standalone()))
    assert [i.expression for i in caught.value.issues] == [
        "Bundle.entry[2].resource.participant[2].member.reference",
        "Bundle.entry[6].resource.activity[2].detail.reasonReference[0].reference",
    ]
    assert {i.code for i in caught.value.issues} == {"not-found"}


def test_in_a_batch_broken_references_are_kept() -> None:
    bundle = load(TRUUS)
    bundle["type"] = "batch"
    bundle["entry"][2]["resource"]["participant"][2]["member"] = {
        "reference": "Practitioner/nobody"
    }
    entries = unpack_bundle(bundle, lookup=ResourceIndex(standalone()))
    careteam = entries[2].resource
    assert careteam is not None
    assert careteam["participant"][2]["member"] == {"reference": "Practitioner/nobody"}
    assert entries[2].issues and entries[2].issues[0].code == "not-found"


def test_conditional_create_with_two_matches_fails() -> None:
    bundle = load(TRUUS)
    bundle["entry"][0]["request"]["ifNoneExist"] = "identifier=urn:x|same"
    store = standalone()
    for twin in ("a", "b"):
        store[ResourceKey("Patient", twin)] = {
            "resourceType": "Patient",
            "identifier": [{"system": "urn:x", "value": "same"}],
        }
    with pytest.raises(FhirValidationError) as caught:
        unpack_bundle(bundle, lookup=ResourceIndex(store))
    assert caught.value.issues[0].expression == "Bundle.entry[0].request.ifNoneExist"
    assert caught.value.issues[0].code == "multiple-matches"


def test_put_with_a_different_id_and_duplicate_entries_fail() -> None:
    bundle = load(BOUZID)
    bundle["entry"][1]["request"]["url"] = "RelatedPerson/someone-else"
    bundle["entry"][3]["fullUrl"] = bundle["entry"][4]["fullUrl"]
    with pytest.raises(FhirValidationError) as caught:
        unpack_bundle(bundle, lookup=ResourceIndex(stored()), base_urls=(BASE_URL,))
    found = {i.expression for i in caught.value.issues}
    assert "Bundle.entry[1].resource.id" in found
    assert "Bundle.entry[4].fullUrl" in found


# -- conditional update (FHIR R4 http.html#cond-update) ------------------------


def _conditional_update(
    url: str, resource: Mapping[str, object], kind: str = "transaction", **request: str
) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": kind,
        "entry": [
            {"resource": dict(resource), "request": {"method": "PUT", "url": url, **request}}
        ],
    }


def _patients(*ids: str, identifier: str = "urn:x|same") -> ResourceIndex:
    system, _, value = identifier.partition("|")
    return ResourceIndex(
        {
            ResourceKey("Patient", i): {
                "resourceType": "Patient",
                "id": i,
                "identifier": [{"system": system, "value": value}],
            }
            for i in ids
        }
    )


@pytest.mark.parametrize("own_id", [None, "p-1"])
def test_a_conditional_update_with_one_match_updates_it(own_id: str | None) -> None:
    resource: dict[str, object] = {"resourceType": "Patient", "birthDate": "1930-01-01"}
    if own_id:
        resource["id"] = own_id
    for url in ("Patient?_id=p-1", "Patient?identifier=urn:x|same"):
        (entry,) = unpack_bundle(
            _conditional_update(url, resource, ifMatch='W/"3"'), lookup=_patients("p-1")
        )
        assert entry.key == ResourceKey("Patient", "p-1")
        assert not entry.existing  # not a conditional create's "already there"
        assert entry.refusal is None and not entry.issues
        assert entry.resource is not None and entry.resource["id"] == "p-1"
        assert entry.resource["birthDate"] == "1930-01-01"
        assert entry.if_match == 'W/"3"'


def test_a_conditional_update_without_a_match_creates() -> None:
    lookup = _patients("p-1")
    unnamed = {"resourceType": "Patient", "birthDate": "1930-01-01"}
    (entry,) = unpack_bundle(_conditional_update("Patient?_id=p-9", unnamed), lookup=lookup)
    assert entry.key is not None and entry.key.id not in {"p-1", "p-9"}
    assert entry.refusal is None and not entry.existing

    named = {**unnamed, "id": "p-new"}
    (entry,) = unpack_bundle(_conditional_update("Patient?_id=p-9", named), lookup=lookup)
    assert entry.key == ResourceKey("Patient", "p-new")
    assert entry.refusal is None and not entry.existing


@pytest.mark.parametrize("kind", ["transaction", "batch"])
def test_a_conditional_update_without_a_match_may_not_take_a_stored_id(kind: str) -> None:
    taken = {"resourceType": "Patient", "id": "p-1", "birthDate": "1930-01-01"}
    (entry,) = unpack_bundle(
        _conditional_update("Patient?_id=p-9", taken, kind), lookup=_patients("p-1")
    )
    assert entry.key is None
    assert entry.refusal is not None and entry.refusal.code == "conflict"
    assert entry.refusal.expression == "Bundle.entry[0].resource.id"
    assert entry.refusal.resource == "Patient/p-1"


@pytest.mark.parametrize("kind", ["transaction", "batch"])
def test_a_conditional_update_with_several_matches_is_refused(kind: str) -> None:
    resource = {"resourceType": "Patient", "birthDate": "1930-01-01"}
    (entry,) = unpack_bundle(
        _conditional_update("Patient?identifier=urn:x|same", resource, kind),
        lookup=_patients("a", "b"),
    )
    assert entry.key is None
    assert entry.refusal is not None and entry.refusal.code == "multiple-matches"
    assert entry.refusal.expression == "Bundle.entry[0].request.url"


def test_a_conditional_update_naming_another_id_than_its_match_is_refused() -> None:
    other = {"resourceType": "Patient", "id": "p-2", "birthDate": "1930-01-01"}
    with pytest.raises(FhirValidationError) as caught:
        unpack_bundle(_conditional_update("Patient?_id=p-1", other), lookup=_patients("p-1"))
    (issue,) = caught.value.issues
    assert issue.expression == "Bundle.entry[0].resource.id"
    (entry,) = unpack_bundle(
        _conditional_update("Patient?_id=p-1", other, "batch"), lookup=_patients("p-1")
    )
    assert entry.key is None and entry.issues == (issue,)


def test_a_refused_conditional_update_refuses_the_transaction_before_references() -> None:
    """What the transaction would refuse it for (several matches) is said,
    not that another entry's reference to it does not resolve."""
    bundle = _conditional_update(
        "Patient?identifier=urn:x|same", {"resourceType": "Patient", "birthDate": "1930-01-01"}
    )
    entries = bundle["entry"]
    entries[0]["fullUrl"] = "urn:uuid:8d0e6f4a-2b1c-4d3e-9f5a-6b7c8d9e0f1a"
    entries.append(
        {
            "fullUrl": "urn:uuid:9e1f7a5b-3c2d-4e4f-8a6b-7c8d9e0f1a2b",
            "resource": {
                "resourceType": "RelatedPerson",
                "patient": {"reference": "urn:uuid:8d0e6f4a-2b1c-4d3e-9f5a-6b7c8d9e0f1a"},
            },
            "request": {"method": "POST", "url": "RelatedPerson"},
        }
    )
    unpacked = unpack_bundle(bundle, lookup=_patients("a", "b"))
    assert unpacked[0].refusal is not None
    assert unpacked[0].refusal.code == "multiple-matches"


@pytest.mark.parametrize(
    ("value", "version"),
    [('W/"3"', 3), ('"3"', 3), ("3", 3), (' W/"12" ', 12), (None, None)],
)
def test_if_match_is_read_as_an_etag_gives_it(value: str | None, version: int | None) -> None:
    from graphsvc.services.fhir_interactions import parse_if_match

    assert parse_if_match(value) == version


@pytest.mark.parametrize("value", ['W/"2', '"2', '2"', 'W/2"', "W/", 'W/"x"', "*", "yesterday"])
def test_a_malformed_if_match_is_refused_where_it_was_sent(value: str) -> None:
    from graphsvc.services.fhir_interactions import parse_if_match

    with pytest.raises(FhirValidationError) as caught:
        parse_if_match(value, "Bundle.entry[0].request.ifMatch")
    (issue,) = caught.value.issues
    assert (issue.expression, issue.code) == ("Bundle.entry[0].request.ifMatch", "value")
