"""Every reference style resolves; what cannot be resolved is an error in a
transaction and kept as it is elsewhere."""

from __future__ import annotations

import pytest

from fhir_mappings import (
    FhirValidationError,
    KeptAsIs,
    ReferenceContext,
    Resolved,
    ResourceIndex,
    ResourceKey,
    contained_key,
    resolve_reference,
)

GP = ResourceKey("Practitioner", "eva-smit")
TEAM = ResourceKey("Organization", "team-assendorp")
CARETEAM = ResourceKey("CareTeam", "ct-1")
STORE = ResourceIndex(
    {
        GP: {
            "resourceType": "Practitioner",
            "id": "eva-smit",
            "identifier": [
                {"system": "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers", "value": "900012345"},
                {"system": "http://fhir.nl/fhir/NamingSystem/agb-z", "value": "01012345"},
            ],
        },
        TEAM: {"resourceType": "Organization", "id": "team-assendorp"},
        ResourceKey("Practitioner", "twin-a"): {
            "resourceType": "Practitioner",
            "identifier": [{"system": "urn:x", "value": "same"}],
        },
        ResourceKey("Practitioner", "twin-b"): {
            "resourceType": "Practitioner",
            "identifier": [{"system": "urn:x", "value": "same"}],
        },
    }
)
CONTAINER = {
    "resourceType": "CareTeam",
    "id": "ct-1",
    "contained": [{"resourceType": "RelatedPerson", "id": "buurvrouw"}],
}
BUNDLE_URLS = {
    "urn:uuid:6a1f2c3d-8b4e-4f5a-9c6d-7e8f9a0b1c2d": ResourceKey("Patient", "truus"),
    "https://ehr.ziekenhuis-voorbeeld.nl/fhir/Patient/mohamed-bouzid": ResourceKey(
        "Patient", "mohamed-bouzid"
    ),
    "https://ehr.ziekenhuis-voorbeeld.nl/fhir/Condition/c-24": ResourceKey("Condition", "c-24"),
}
BASE = "https://graphsvc.example/fhir"


def context(**changes: object) -> ReferenceContext:
    plain = ReferenceContext(
        full_urls=BUNDLE_URLS,
        base_urls=(BASE,),
        known=frozenset(BUNDLE_URLS.values()),
        lookup=STORE,
    )
    return plain.inside(CONTAINER, CARETEAM) if not changes else ReferenceContext(**changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("reference", "key"),
    [
        ({"reference": "Practitioner/eva-smit"}, GP),
        ({"reference": "Practitioner/eva-smit/_history/3"}, GP),
        ({"reference": f"{BASE}/Practitioner/eva-smit"}, GP),
        ({"reference": f"{BASE}/Practitioner/eva-smit/_history/3"}, GP),
        (
            {"reference": "urn:uuid:6a1f2c3d-8b4e-4f5a-9c6d-7e8f9a0b1c2d"},
            ResourceKey("Patient", "truus"),
        ),
        (
            {"reference": "https://ehr.ziekenhuis-voorbeeld.nl/fhir/Patient/mohamed-bouzid"},
            ResourceKey("Patient", "mohamed-bouzid"),
        ),
        (
            {
                "reference": "Practitioner?identifier=http://fhir.nl/fhir/NamingSystem/uzi-nr-pers|900012345"
            },
            GP,
        ),
        ({"reference": "Practitioner?identifier=900012345"}, GP),
        ({"reference": "Practitioner?_id=eva-smit"}, GP),
        ({"reference": "Organization?_id=team-assendorp"}, TEAM),
        (
            {
                "type": "Practitioner",
                "identifier": {
                    "system": "http://fhir.nl/fhir/NamingSystem/agb-z",
                    "value": "01012345",
                },
            },
            GP,
        ),
        ({"reference": "#"}, CARETEAM),
    ],
)
def test_each_style_resolves(reference: dict[str, object], key: ResourceKey) -> None:
    found = resolve_reference(reference, context(), strict=True)
    assert found == Resolved(key)


def test_contained_reference_gets_a_server_wide_key() -> None:
    found = resolve_reference({"reference": "#buurvrouw"}, context(), strict=True)
    assert isinstance(found, Resolved)
    assert found.key == ResourceKey("RelatedPerson", "ct-1.buurvrouw")
    assert found.container == CARETEAM and found.local_id == "buurvrouw"
    assert found.key == contained_key(CARETEAM, "RelatedPerson", "buurvrouw")


def test_contained_key_of_a_long_id_is_a_stable_digest() -> None:
    container = ResourceKey("CarePlan", "x" * 64)
    key = contained_key(container, "Condition", "hydratie")
    assert key == contained_key(container, "Condition", "hydratie")
    assert key.id.startswith("contained-") and len(key.id) <= 64
    assert key != contained_key(container, "Condition", "other")


def test_a_relative_reference_in_a_bundle_reads_against_its_entrys_server() -> None:
    entry = ReferenceContext(
        full_urls=BUNDLE_URLS,
        entry_full_url="https://ehr.ziekenhuis-voorbeeld.nl/fhir/CarePlan/cp",
        lookup=STORE,
    )
    assert resolve_reference({"reference": "Condition/c-24"}, entry, strict=True) == Resolved(
        ResourceKey("Condition", "c-24")
    )


@pytest.mark.parametrize(
    ("reference", "why"),
    [
        ({"reference": "Practitioner/nobody"}, "does not exist"),
        ({"reference": "urn:uuid:00000000-0000-4000-8000-000000000000"}, "not the fullUrl"),
        ({"reference": "#elsewhere"}, "no contained resource"),
        ({"reference": "Practitioner?identifier=urn:x|nothing"}, "no Practitioner matches"),
        ({"reference": "Practitioner?identifier=urn:x|same"}, "more than one"),
        ({"reference": "Practitioner?name=Smit"}, "only by identifier or _id"),
        ({"reference": "Practitioner?identifier=a&&&="}, "cannot be read"),
        ({"reference": "not a reference"}, "not a reference this server understands"),
        ({"reference": "Patient/with space"}, "not a reference this server understands"),
        ({"display": "maaltijdservice"}, "no reference and no identifier"),
        ({"identifier": {"value": "900012345"}}, "needs its type"),
        ({"reference": ""}, "non-empty"),
        ({"reference": 12}, "non-empty"),
        ("Practitioner/eva-smit", "is not a Reference"),
    ],
)
def test_unresolvable_is_an_error_in_a_transaction_and_kept_elsewhere(
    reference: object, why: str
) -> None:
    with pytest.raises(FhirValidationError) as caught:
        resolve_reference(
            reference, context(), strict=True, expression="CareTeam.participant[0].member"
        )
    assert caught.value.issues[0].expression == "CareTeam.participant[0].member"
    assert why in caught.value.issues[0].message
    kept = resolve_reference(reference, context())
    assert isinstance(kept, KeptAsIs) and why in kept.reason and not kept.external


def test_ambiguous_is_reported_as_multiple_matches() -> None:
    with pytest.raises(FhirValidationError) as caught:
        resolve_reference(
            {"reference": "Practitioner?identifier=urn:x|same"}, context(), strict=True
        )
    assert caught.value.issues[0].code == "multiple-matches"


def test_another_servers_resource_is_kept_even_in_a_transaction() -> None:
    reference = {"reference": "https://fhir.specialisten-voorbeeld.nl/r4/Practitioner/4417"}
    kept = resolve_reference(reference, context(), strict=True)
    assert isinstance(kept, KeptAsIs) and kept.external


def test_without_anything_to_check_against_a_relative_reference_is_taken_at_its_word() -> None:
    bare = ReferenceContext()
    assert resolve_reference({"reference": "Patient/x"}, bare) == Resolved(
        ResourceKey("Patient", "x")
    )
    assert isinstance(resolve_reference({"reference": "Patient?identifier=a|b"}, bare), KeptAsIs)
    assert isinstance(resolve_reference({"reference": "#x"}, bare), KeptAsIs)
