"""FHIR as Dutch systems write it (Nictiz nl-core): the profiles, tags and
security labels a resource claims are kept; a code outside a required value
set is refused with where and what is allowed, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Fhir
from .test_rest import TEAM, care_team, patient

NL_CORE = "http://nictiz.nl/fhir/StructureDefinition/nl-core-Patient"
META = {
    "profile": [NL_CORE],
    "tag": [{"system": "http://example.org/bron", "code": "huisarts"}],
    "security": [
        {"system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": "N"}
    ],
}


def test_profiles_tags_and_security_labels_are_kept(fhir: Fhir) -> None:
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    sent = {**patient(), "id": "p-nl", "meta": {**META, "versionId": "77"}}
    assert fhir.put("Patient/p-nl", sent).status_code == 201
    got = fhir.get("Patient/p-nl").json()
    assert got["meta"]["profile"] == [NL_CORE]
    assert got["meta"]["tag"] == META["tag"] and got["meta"]["security"] == META["security"]
    assert got["meta"]["versionId"] == "1"  # the version is the service's own
    # sent again as read: nothing changes
    assert fhir.put("Patient/p-nl", got).json()["meta"]["versionId"] == "1"
    # the profile dropped: a new version without it
    plain = {k: v for k, v in got.items() if k != "meta"}
    updated = fhir.put("Patient/p-nl", plain).json()
    assert updated["meta"]["versionId"] == "2" and "profile" not in updated["meta"]
    assert fhir.get("Patient/p-nl/_history/1").json()["meta"]["profile"] == [NL_CORE]


@pytest.mark.parametrize(
    ("path", "resource", "where"),
    [
        ("Patient/p-bad", {**patient(), "id": "p-bad", "gender": "bogus"}, "Patient.gender"),
        (
            "Patient/p-bad",
            {**patient(), "id": "p-bad", "telecom": [{"system": "telefoon", "value": "06"}]},
            "Patient.telecom[0].system",
        ),
        (
            "CareTeam/ct-bad",
            {**care_team("p-rest"), "id": "ct-bad", "status": "bogus"},
            "CareTeam.status",
        ),
        (
            "Condition/c-bad",
            {
                "resourceType": "Condition",
                "id": "c-bad",
                "subject": {"reference": "Patient/p-rest"},
                "code": {"text": "valt"},
                "clinicalStatus": {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                            "code": "actief",
                        }
                    ]
                },
            },
            "Condition.clinicalStatus.coding[0].code",
        ),
    ],
)
def test_a_code_outside_its_required_value_set_is_refused(
    fhir: Fhir, path: str, resource: dict[str, Any], where: str
) -> None:
    answer = fhir.put(path, resource)
    assert answer.status_code == 422, answer.text
    (issue,) = answer.json()["issue"]
    assert issue["code"] == "code-invalid" and issue["expression"] == [where]
    assert "is not one of" in issue["diagnostics"]
    assert fhir.get(path).status_code == 404  # nothing written


def test_a_location_in_a_transaction_is_kept_and_found(fhir: Fhir) -> None:
    """A HealthcareProvider's Location (nl-core) travels with its Organization:
    stored as sent, found by name and organisation, not part of any onion."""
    location = {
        "resourceType": "Location",
        "meta": {
            "profile": ["http://nictiz.nl/fhir/StructureDefinition/nl-core-HealthcareProvider"]
        },
        "name": "Huisartsenpraktijk De Linde, Zorgpad 3",
        "status": "active",
        "managingOrganization": {"reference": "urn:uuid:8f6c1b2e-0a3b-4c1e-9d1f-5a6b7c8d9e01"},
    }
    practice = {"resourceType": "Organization", "name": "Huisartsenpraktijk De Linde"}
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": "urn:uuid:8f6c1b2e-0a3b-4c1e-9d1f-5a6b7c8d9e01",
                "resource": practice,
                "request": {"method": "POST", "url": "Organization"},
            },
            {
                "fullUrl": "urn:uuid:8f6c1b2e-0a3b-4c1e-9d1f-5a6b7c8d9e02",
                "resource": location,
                "request": {"method": "POST", "url": "Location"},
            },
        ],
    }
    answer = fhir.post("", bundle)
    assert answer.status_code == 200, answer.text
    where = answer.json()["entry"][1]["response"]["location"]
    organization = answer.json()["entry"][0]["response"]["location"].split("/_history")[0]
    stored = fhir.get(where.split("/_history")[0]).json()
    assert stored["managingOrganization"]["reference"] == organization
    assert stored["meta"]["profile"] == location["meta"]["profile"]
    found = fhir.get("Location?name=linde").json()
    assert [e["resource"]["id"] for e in found.get("entry", [])] == [stored["id"]]
    bad = fhir.post(
        "",
        {**bundle, "entry": [{**bundle["entry"][1], "resource": {**location, "status": "open"}}]},
    )
    assert bad.status_code == 422 and bad.json()["issue"][0]["code"] == "code-invalid"


MEMBERS = """query($id: ID!) { client(id: $id) { members { id displayName ring relationship } } }"""


def test_a_contact_person_is_in_her_network_without_a_careteam(fhir: Fhir, issuer_for: Any) -> None:
    """nl-core ContactPerson: a husband registered as contact person of the
    client, in no CareTeam, is in her informal ring; taken out of the network
    in the graph, his RelatedPerson says he no longer is active."""
    from ...conftest import nurse

    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p-nl", {**patient(), "id": "p-nl"}).status_code == 201
    assert fhir.put("CareTeam/ct-nl", {**care_team("p-nl"), "id": "ct-nl"}).status_code == 201
    husband = {
        "resourceType": "RelatedPerson",
        "id": "rp-nl-husband",
        "meta": {"profile": ["http://nictiz.nl/fhir/StructureDefinition/nl-core-ContactPerson"]},
        "patient": {"reference": "Patient/p-nl"},
        "relationship": [
            {
                "coding": [
                    {
                        "system": "urn:oid:2.16.840.1.113883.2.4.3.11.22.472",
                        "code": "01",
                        "display": "Eerste relatie/contactpersoon",
                    }
                ]
            },
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
                        "code": "HUSB",
                        "display": "husband",
                    }
                ]
            },
        ],
        "name": [{"family": "Visser", "given": ["Henk"]}],
    }
    assert fhir.put("RelatedPerson/rp-nl-husband", husband).status_code == 201
    gql = issuer_for(nurse("team-rest"))
    members = gql(MEMBERS, {"id": "p-nl"})["client"]["members"]
    assert [(m["id"], m["ring"]) for m in members] == [("rp-nl-husband", "INFORMAL")]
    removed = gql(
        """mutation($c: ID!) { removeMember(input: {clientId: $c, personId: "rp-nl-husband"}) {
             ... on NetworkChange { version } } }""",
        {"c": "p-nl"},
    )
    assert removed["removeMember"]["version"]
    assert gql(MEMBERS, {"id": "p-nl"})["client"]["members"] == []
    kept = fhir.get("RelatedPerson/rp-nl-husband").json()
    assert kept["active"] is False and kept["relationship"] == husband["relationship"]


ROLE = "urn:oid:2.16.840.1.113883.2.4.3.11.22.472"
ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"


def test_a_contact_persons_relationship_is_her_family_tie_not_her_role(
    fhir: Fhir, issuer_for: Any
) -> None:
    """nl-core puts the contact person's role (first contact) before how she
    is related: the onion reads the relationship, and a nurse's edit of it
    keeps the role that Dutch systems read (it read and replaced the role)."""
    from ...conftest import nurse

    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p-nl", {**patient(), "id": "p-nl"}).status_code == 201
    assert fhir.put("CareTeam/ct-nl", {**care_team("p-nl"), "id": "ct-nl"}).status_code == 201
    first_contact = {
        "coding": [{"system": ROLE, "code": "01", "display": "Eerste relatie/contactpersoon"}]
    }
    daughter = {
        "resourceType": "RelatedPerson",
        "id": "rp-nl-daughter",
        "patient": {"reference": "Patient/p-nl"},
        "relationship": [
            first_contact,
            {"coding": [{"system": ROLE_CODE, "code": "DAU", "display": "daughter"}]},
        ],
        "name": [{"family": "Visser", "given": ["Anja"]}],
    }
    assert fhir.put("RelatedPerson/rp-nl-daughter", daughter).status_code == 201
    gql = issuer_for(nurse("team-rest"))
    members = gql(MEMBERS, {"id": "p-nl"})["client"]["members"]
    assert [(m["id"], m["relationship"]) for m in members] == [("rp-nl-daughter", "daughter")]
    changed = gql(
        """mutation($c: ID!) { updateMember(input: {clientId: $c, personId: "rp-nl-daughter",
             relationship: "dochter (mantelzorger)"}) { ... on NetworkChange { version } } }""",
        {"c": "p-nl"},
    )
    assert changed["updateMember"]["version"]
    stored = fhir.get("RelatedPerson/rp-nl-daughter").json()
    assert stored["relationship"] == [first_contact, {"text": "dochter (mantelzorger)"}]
    members = gql(MEMBERS, {"id": "p-nl"})["client"]["members"]
    assert [m["relationship"] for m in members] == ["dochter (mantelzorger)"]


def test_a_careteam_without_subject_is_about_its_patient_participant(
    fhir: Fhir, issuer_for: Any
) -> None:
    from ...conftest import nurse

    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p-nl", {**patient(), "id": "p-nl"}).status_code == 201
    neighbour = {
        "resourceType": "RelatedPerson",
        "id": "rp-nl-buur",
        "patient": {"reference": "Patient/p-nl"},
        "name": [{"text": "Buurvrouw Els"}],
    }
    careteam = {
        **care_team("p-nl", "RelatedPerson/rp-nl-buur"),
        "id": "ct-nl-2",
    }
    del careteam["subject"]
    careteam["participant"].append({"member": {"reference": "Patient/p-nl"}})
    answer = fhir.post(
        "",
        {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [
                {
                    "resource": neighbour,
                    "request": {"method": "PUT", "url": "RelatedPerson/rp-nl-buur"},
                },
                {"resource": careteam, "request": {"method": "PUT", "url": "CareTeam/ct-nl-2"}},
            ],
        },
    )
    assert answer.status_code == 200, answer.text
    members = issuer_for(nurse("team-rest"))(MEMBERS, {"id": "p-nl"})["client"]["members"]
    assert [m["id"] for m in members] == ["rp-nl-buur"]


def _omaha_condition(condition_id: str, patient_id: str, code: str) -> dict[str, Any]:
    return {
        "resourceType": "Condition",
        "id": condition_id,
        "subject": {"reference": f"Patient/{patient_id}"},
        "code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/oms", "code": code}]},
    }


def _relative(person_id: str, patient_id: str, name: str, relation: str) -> dict[str, Any]:
    return {
        "resourceType": "RelatedPerson",
        "id": person_id,
        "patient": {"reference": f"Patient/{patient_id}"},
        "relationship": [{"text": relation}],
        "name": [{"text": name}],
    }


HELP_FROM_OTHERS = "http://nictiz.nl/fhir/StructureDefinition/zib-HelpFromOthers"
HELPS = """query($id: ID!) { client(id: $id) {
  version
  members { id fhirReference ring
    helps { activity frequencyText timesPerWeek hoursPerWeek status need { code } } }
  strength { closeContacts } } }"""


def _help_plans() -> list[dict[str, Any]]:
    shopping = {
        "code": {"text": "Boodschappen doen"},
        "status": "in-progress",
        "scheduledString": "2x per week",
        "performer": [{"reference": "RelatedPerson/rp-help-daughter"}],
    }
    household = {
        "description": "Huishoudelijke hulp",
        "status": "in-progress",
        "scheduledTiming": {
            "repeat": {
                "frequency": 1,
                "period": 1,
                "periodUnit": "wk",
                "duration": 3,
                "durationUnit": "h",
            }
        },
        "performer": [{"reference": "Organization/org-thuishulp"}],
    }
    visiting = {
        "code": {"text": "Even langs"},
        "status": "in-progress",
        "scheduledString": "dagelijks",
        "performer": [{"reference": "RelatedPerson/rp-help-neighbour"}],
    }
    unread = {
        "code": {"text": "Klusjes"},
        "status": "in-progress",
        "scheduledString": "als het uitkomt",
        "performer": [{"reference": "RelatedPerson/rp-help-neighbour"}],
    }
    subject = {"reference": "Patient/p-help"}
    common = {"resourceType": "CarePlan", "status": "active", "intent": "plan", "subject": subject}
    return [
        {
            **common,
            "id": "cp-help-1",
            "meta": {"profile": [HELP_FROM_OTHERS]},
            "addresses": [{"reference": "Condition/c-help-income"}],
            "activity": [{"detail": household}, {"detail": shopping}],
        },
        {**common, "id": "cp-help-2", "activity": [{"detail": visiting}, {"detail": unread}]},
    ]


def test_help_from_others_is_read_from_each_activity_with_a_performer(
    fhir: Fhir, issuer_for: Any
) -> None:
    """nl-core HelpFromOthers: who helps with what, how often and for which
    need, written as Dutch care plans write it — with no reasonReference, a
    schedule in words, an organisation performing — and help counts as contact."""
    from ...conftest import nurse

    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p-help", {**patient(), "id": "p-help"}).status_code == 201
    assert fhir.put("CareTeam/ct-help", {**care_team("p-help"), "id": "ct-help"}).status_code == 201
    condition = _omaha_condition("c-help-income", "p-help", "06")
    assert fhir.put("Condition/c-help-income", condition).status_code == 201
    for person_id, name, relation in [
        ("rp-help-daughter", "Anja Visser", "dochter"),
        ("rp-help-neighbour", "Buurman Kees", "buurman"),
    ]:
        resource = _relative(person_id, "p-help", name, relation)
        assert fhir.put(f"RelatedPerson/{person_id}", resource).status_code == 201
    service = {"resourceType": "Organization", "id": "org-thuishulp", "name": "Thuishulp Zwolle"}
    assert fhir.put("Organization/org-thuishulp", service).status_code == 201
    for plan in _help_plans():
        assert fhir.put(f"CarePlan/{plan['id']}", plan).status_code == 201, plan["id"]

    gql = issuer_for(nurse("team-rest"))
    client = gql(HELPS, {"id": "p-help"})["client"]
    members = {m["id"]: m for m in client["members"]}
    assert members["org-thuishulp"]["fhirReference"] == "Organization/org-thuishulp"
    assert members["org-thuishulp"]["ring"] == "FORMAL"
    assert members["org-thuishulp"]["helps"] == [
        {
            "activity": "Huishoudelijke hulp",
            "frequencyText": "wekelijks",
            "timesPerWeek": 1.0,
            "hoursPerWeek": 3.0,
            "status": "ACTIVE",
            "need": {"code": "06"},  # the need the plan addresses
        }
    ]
    assert members["rp-help-daughter"]["helps"] == [
        {
            "activity": "Boodschappen doen",
            "frequencyText": "2x per week",
            "timesPerWeek": 2.0,
            "hoursPerWeek": None,
            "status": "ACTIVE",
            "need": {"code": "06"},
        }
    ]
    neighbour = sorted(members["rp-help-neighbour"]["helps"], key=lambda h: h["activity"])
    assert [(h["activity"], h["timesPerWeek"], h["need"]) for h in neighbour] == [
        ("Even langs", 7.0, None),
        ("Klusjes", None, None),  # kept as written, how often unknown
    ]
    assert neighbour[1]["frequencyText"] == "als het uitkomt"
    # daughter and neighbour are in touch through the help they give
    assert client["strength"]["closeContacts"] == 2

    # an edit in the graph leaves the help as the care plans say it
    changed = gql(
        """mutation($c: ID!, $v: Int!) { updateMember(input: {clientId: $c,
             personId: "rp-help-daughter", closeness: 3, expectedVersion: $v}) {
             ... on NetworkChange { version } } }""",
        {"c": "p-help", "v": client["version"]},
    )
    assert changed["updateMember"]["version"] == client["version"] + 1
    again = {m["id"]: m for m in gql(HELPS, {"id": "p-help"})["client"]["members"]}
    assert {k: v["helps"] for k, v in again.items()} == {k: v["helps"] for k, v in members.items()}
    stored = fhir.get("CarePlan/cp-help-2").json()
    assert stored["activity"][1]["detail"]["scheduledString"] == "als het uitkomt"
    # taken out of the network, she performs no more: her activities lose her
    gone = gql(
        """mutation($c: ID!) { removeMember(input: {clientId: $c, personId: "rp-help-neighbour"}) {
             __typename ... on NetworkChange { version } ... on Problem { message } } }""",
        {"c": "p-help"},
    )
    assert gone["removeMember"]["__typename"] == "NetworkChange", gone
    left = {m["id"] for m in gql(HELPS, {"id": "p-help"})["client"]["members"]}
    assert left == {"org-thuishulp", "rp-help-daughter"}
    plan = fhir.get("CarePlan/cp-help-2").json()
    assert all("performer" not in a["detail"] for a in plan["activity"]), plan


DIAGNOSES = """query($id: ID!) { client(id: $id) { version
  diagnoses { id display classification code system status since fhirReference }
  needs { code } } }"""


def test_snomed_and_icpc_problems_are_diagnoses_not_needs(fhir: Fhir, issuer_for: Any) -> None:
    """nl-core Problem: a Condition coded in SNOMED CT or ICPC is one of the
    client's diagnoses, shown as such; only Omaha problems are needs. A graph
    edit keeps them as they are."""
    from ...conftest import nurse

    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    assert fhir.put("Patient/p-dx", {**patient(), "id": "p-dx"}).status_code == 201
    assert fhir.put("CareTeam/ct-dx", {**care_team("p-dx"), "id": "ct-dx"}).status_code == 201
    snomed = {
        "resourceType": "Condition",
        "id": "c-dx-hartfalen",
        "meta": {"profile": ["http://nictiz.nl/fhir/StructureDefinition/nl-core-Problem"]},
        "clinicalStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": "active",
                }
            ]
        },
        "code": {
            "coding": [
                {"system": "http://hl7.org/fhir/sid/icpc-1-nl", "code": "K77"},
                {"system": "http://snomed.info/sct", "code": "84114007", "display": "hartfalen"},
            ]
        },
        "subject": {"reference": "Patient/p-dx"},
        "onsetDateTime": "2021-05-04",
    }
    icpc = {
        "resourceType": "Condition",
        "id": "c-dx-diabetes",
        "code": {
            "coding": [{"system": "http://hl7.org/fhir/sid/icpc-1-nl", "code": "T90"}],
            "text": "Diabetes mellitus type 2",
        },
        "subject": {"reference": "Patient/p-dx"},
    }
    for condition in (snomed, icpc, _omaha_condition("c-dx-omaha", "p-dx", "38")):
        answer = fhir.put(f"Condition/{condition['id']}", condition)
        assert answer.status_code == 201, answer.text
    gql = issuer_for(nurse("team-rest"))
    client = gql(DIAGNOSES, {"id": "p-dx"})["client"]
    assert client["needs"] == [{"code": "38"}]
    assert client["diagnoses"] == [
        {
            "id": "c-dx-diabetes",
            "display": "Diabetes mellitus type 2",
            "classification": "ICPC",
            "code": "T90",
            "system": "http://hl7.org/fhir/sid/icpc-1-nl",
            "status": "ACTIVE",
            "since": None,
            "fhirReference": "Condition/c-dx-diabetes",
        },
        {
            "id": "c-dx-hartfalen",
            "display": "hartfalen",  # SNOMED CT preferred over ICPC
            "classification": "SNOMED_CT",
            "code": "84114007",
            "system": "http://snomed.info/sct",
            "status": "ACTIVE",
            "since": "2021-05-04",
            "fhirReference": "Condition/c-dx-hartfalen",
        },
    ]
    resolved = gql(
        """mutation($c: ID!) { resolveNeed(input: {clientId: $c, needId: "c-dx-omaha"}) {
             ... on NetworkChange { version } } }""",
        {"c": "p-dx"},
    )
    assert resolved["resolveNeed"]["version"] == client["version"] + 1
    assert gql(DIAGNOSES, {"id": "p-dx"})["client"]["diagnoses"] == client["diagnoses"]
    assert fhir.get("Condition/c-dx-hartfalen").json()["meta"]["versionId"] == "1"
    # resolved by the GP: the diagnosis follows
    snomed["clinicalStatus"]["coding"][0]["code"] = "resolved"
    assert fhir.put("Condition/c-dx-hartfalen", snomed).status_code == 200
    after = gql(DIAGNOSES, {"id": "p-dx"})["client"]["diagnoses"]
    assert [d["status"] for d in after] == ["ACTIVE", "RESOLVED"]


def test_a_careteam_about_no_one_is_kept_with_a_warning(fhir: Fhir) -> None:
    """A CareTeam with neither subject nor one Patient participant is stored
    but read into no onion; the answer says so as a warning (the outcome of a
    transaction entry, or the body with Prefer: return=OperationOutcome)."""
    assert fhir.put("Organization/team-rest", TEAM).status_code == 201
    careteam = {
        "resourceType": "CareTeam",
        "id": "ct-nobody",
        "status": "active",
        "name": "Wijkteam Assendorp",
        "managingOrganization": [{"reference": "Organization/team-rest"}],
    }
    answer = fhir.put("CareTeam/ct-nobody", careteam, Prefer="return=OperationOutcome")
    assert answer.status_code == 201, answer.text
    (issue,) = answer.json()["issue"]
    assert issue["severity"] == "warning" and issue["expression"] == ["CareTeam.subject"]
    assert "not projected" in issue["diagnostics"]
    assert fhir.get("CareTeam/ct-nobody").json()["name"] == "Wijkteam Assendorp"
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "resource": {**careteam, "id": "ct-nobody-2"},
                "request": {"method": "PUT", "url": "CareTeam/ct-nobody-2"},
            }
        ],
    }
    answer = fhir.post("", bundle)
    assert answer.status_code == 200, answer.text
    outcome = answer.json()["entry"][0]["response"]["outcome"]
    assert outcome["issue"][0]["severity"] == "warning"
    assert outcome["issue"][0]["expression"] == ["CareTeam.subject"]
