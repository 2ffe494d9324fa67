"""The CapabilityStatement at /fhir/metadata: what is served, said from the
same tables the routes and the search use, so that it cannot drift."""

from __future__ import annotations

from datetime import UTC, datetime

from fhir_mappings.resource_types import UNDERSTOOD_PROFILES
from fhir_mappings.search import INCLUDES, REVINCLUDES, SEARCH_PARAMETERS
from graphsvc.services.fhir_read import SERVED_TYPES

SOFTWARE_VERSION = "0.1.0"
_EVERYTHING = {
    "name": "everything",
    "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything",
}
_VALIDATE = {
    "name": "validate",
    "definition": "http://hl7.org/fhir/OperationDefinition/Resource-validate",
}
_INTERACTIONS = ["read", "vread", "update", "delete", "history-instance", "create", "search-type"]


def _resource(resource_type: str) -> dict[str, object]:
    entry: dict[str, object] = {
        "type": resource_type,
        "interaction": [{"code": code} for code in _INTERACTIONS],
        "versioning": "versioned-update",
        "readHistory": True,
        "updateCreate": True,
        "conditionalCreate": True,
        "conditionalUpdate": False,
        "conditionalDelete": "not-supported",
        "referencePolicy": ["literal", "logical", "local"],
        "searchInclude": list(INCLUDES.get(resource_type, ())),
        "searchRevInclude": list(REVINCLUDES.get(resource_type, ())),
        "searchParam": [
            {"name": p.name, "type": p.type, "documentation": p.documentation}
            for p in SEARCH_PARAMETERS.get(resource_type, ())
        ],
    }
    profiles = UNDERSTOOD_PROFILES.get(resource_type)
    if profiles:
        entry["supportedProfile"] = list(profiles)
    operations = [_VALIDATE]
    if resource_type == "Patient":
        operations.insert(0, _EVERYTHING)
    entry["operation"] = operations
    return entry


def capability_statement(base: str) -> dict[str, object]:
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": datetime.now(UTC).date().isoformat(),
        "kind": "instance",
        "software": {"name": "graphsvc", "version": SOFTWARE_VERSION},
        "implementation": {"description": "Care-network graph service", "url": base},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "application/json", "application/fhir+xml", "xml"],
        "rest": [
            {
                "mode": "server",
                "security": {
                    "description": "Bearer tokens (JWT). System clients need SMART-style "
                    "scopes per resource type, such as system/CareTeam.read or "
                    "system/*.write; nurses read and write their teams' clients."
                },
                "resource": [_resource(t) for t in sorted(SERVED_TYPES)],
                "interaction": [{"code": "transaction"}, {"code": "batch"}],
            }
        ],
    }
