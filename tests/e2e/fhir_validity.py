"""The three validators every FHIR body of the end-to-end tests passes:
fhir.resources (the R4B models the service itself uses), HL7's R4 JSON schema
(fhir_schema.py) and HL7's own R4 validator (tests/hl7_validator.py). Each
catches mistakes the others let through: the models check types and
cardinality, the schema the exact JSON shape, HL7's validator the invariants,
the required bindings and the references inside a Bundle."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B import get_fhir_model_class

from ..hl7_validator import Hl7Issue, Hl7Validator
from .fhir_schema import assert_schema_valid

# What HL7's validator may say, besides errors (which always fail a test) and
# information (which never does). Every other warning fails too. Each message
# id here is something the validator cannot check offline, or advice the
# service does not follow on purpose:
TOLERATED_WARNINGS = {
    # A coding in a code system the validator does not hold (SNOMED CT, ICPC,
    # the Omaha System, LOINC, the project's own https://graphsvc.example/fhir/
    # systems): it cannot be looked up without a terminology server.
    "Terminology_PassThrough_TX_Message": "code system not available offline",
    # A coding, in a code system the validator does not hold, of an element
    # whose value set R4 binds as extensible (AuditEvent.subtype, say): it
    # says itself that it cannot judge whether a code of the value set would
    # have suited. The project's own code systems are used where none does.
    "Terminology_TX_NoValid_13": "extensible binding, code system not available offline",
    # A profile in meta.profile that is not on the validator's classpath
    # (Nictiz nl-core): the service keeps what the sender said; the base R4
    # rules are still checked.
    "Validation_VAL_Profile_Unknown": "profile not available offline",
    # "All observations should have a performer": a best-practice advice. The
    # service hands out Observations as their senders wrote them, and its own
    # network-strength score is computed, performed by no one.
    "All_observations_should_have_a_performer": "best practice, not a rule of R4",
    # A string of whitespace only, or one that starts or ends with it: R4's
    # string type allows both in JSON (its regex is [ \r\n\t\S]+), and the
    # service hands back what a sender wrote, exactly.
    "Type_Specific_Checks_DT_Primitive_WS": "allowed by R4, kept as sent",
    "Type_Specific_Checks_DT_String_WS": "allowed by R4, kept as sent",
    # dom-6, "a resource should have narrative": a best-practice advice of
    # DomainResource. The service sends data, not documents; narrative is
    # optional in R4 and the service generates none.
    "http://hl7.org/fhir/StructureDefinition/DomainResource#dom-6": "no narrative, by design",
}


# The same, for warnings the validator gives without a message id: known by
# how their message begins.
TOLERATED_WARNING_TEXTS = {
    # A Coding with a code and no system: R4 allows it (Coding.system is
    # 0..1) and advises against it; the service hands back what a sender
    # wrote, exactly, as for the whitespace warnings above. What the service
    # writes itself always names its system.
    "Coding has no system.": "allowed by R4, kept as sent",
}


def hl7_problems(issues: list[Hl7Issue]) -> list[Hl7Issue]:
    """The issues that fail a test: errors, and warnings not tolerated above."""
    return [
        i
        for i in issues
        if i.severity in ("fatal", "error") or (i.severity == "warning" and not _tolerated(i))
    ]


def _tolerated(issue: Hl7Issue) -> bool:
    if issue.message_id:
        return issue.message_id in TOLERATED_WARNINGS
    return issue.message.startswith(tuple(TOLERATED_WARNING_TEXTS))


def assert_hl7_valid(resource: dict[str, Any], hl7: Hl7Validator) -> None:
    problems = hl7_problems(hl7.validate(resource))
    assert not problems, f"{resource.get('resourceType')}/{resource.get('id')}: " + "; ".join(
        str(p) for p in problems[:5]
    )


def _models_and_schema(resource: dict[str, Any]) -> None:
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    assert_schema_valid(resource)
    if resource["resourceType"] == "Bundle":
        for entry in resource.get("entry", ()):
            for inner in (entry.get("resource"), entry.get("response", {}).get("outcome")):
                if inner is not None:
                    _models_and_schema(inner)


def assert_valid_fhir(resource: dict[str, Any], hl7: Hl7Validator) -> None:
    """All three validators, on a resource and every resource inside it (HL7's
    validator walks a Bundle's entries itself)."""
    _models_and_schema(resource)
    assert_hl7_valid(resource, hl7)
