"""FHIR's $validate on a resource type or instance: what the request asks
(the resource, sent alone or as the ``resource`` of a Parameters, and the
mode) and the OperationOutcome it answers with.

As the operation's definition says, the answer is 200 whether or not the
resource is valid, its errors in the OperationOutcome; a 4xx means that the
validation itself could not be made (an unreadable body, a mode or profile
not served, no access)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fhir_mappings import FhirValidationError, Issue, JsonObject, operation_outcome
from graphsvc.services.fhir_interactions import ValidationMode

_MODES: dict[bool, tuple[ValidationMode, ...]] = {
    False: ("create",),  # [base]/Type/$validate
    True: ("update", "delete"),  # [base]/Type/id/$validate
}


@dataclass(frozen=True, slots=True)
class ValidateRequest:
    resource: object  # as sent; None for a delete
    mode: ValidationMode


def validate_request(body: object, mode_param: str | None, instance: bool) -> ValidateRequest:
    """Raises FhirValidationError (``structure``: a 400) when the request
    cannot be validated as it stands."""
    resource, mode = body, mode_param
    if isinstance(body, dict) and body.get("resourceType") == "Parameters":
        resource, body_mode = _parameters(body)
        mode = body_mode or mode
    allowed = _MODES[instance]
    chosen = mode or allowed[0]
    if chosen not in allowed:
        where = "the resource type" if not instance else "a resource"
        message = f"{chosen!r} is not a mode of $validate on {where}: {', '.join(allowed)}"
        raise FhirValidationError([Issue("mode", message, "structure")])
    checked: ValidationMode = next(m for m in allowed if m == chosen)
    if resource is None and checked != "delete":
        raise FhirValidationError([Issue("resource", "send the resource to validate", "structure")])
    return ValidateRequest(resource, checked)


def _parameters(body: JsonObject) -> tuple[object, str | None]:
    resource: object = None
    mode: str | None = None
    parameters = body.get("parameter", [])
    for index, parameter in enumerate(parameters if isinstance(parameters, list) else ()):
        name = parameter.get("name") if isinstance(parameter, dict) else None
        where = f"Parameters.parameter[{index}]"
        if name == "resource" and isinstance(parameter, dict):
            resource = parameter.get("resource")
        elif name == "mode" and isinstance(parameter, dict):
            mode = str(parameter.get("valueCode", ""))
        elif name == "profile":
            message = "validation against a named profile is not served"
            raise FhirValidationError([Issue(where, message, "structure")])
        else:
            message = f"{name!r} is not a parameter of $validate (resource, mode)"
            raise FhirValidationError([Issue(where, message, "structure")])
    return resource, mode


def validation_outcome(
    resource_type: str, mode: ValidationMode, warnings: Sequence[Issue]
) -> JsonObject:
    """No errors: the warnings, and a line saying the write would be taken."""
    accepted = Issue(
        resource_type,
        f"no errors: the server would accept this {mode}",
        "informational",
        "information",
    )
    return operation_outcome([*warnings, accepted])
