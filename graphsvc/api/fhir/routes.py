"""/fhir: what is served so far, said truthfully in the CapabilityStatement."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphsvc.runtime import Runtime

from ..auth import principal_of
from .responses import fhir, from_error, outcome

SOFTWARE_VERSION = "0.1.0"


def capability_statement(base: str) -> dict[str, object]:
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": datetime.now(UTC).date().isoformat(),
        "kind": "instance",
        "software": {"name": "graphsvc", "version": SOFTWARE_VERSION},
        "implementation": {"description": "Care-network graph service", "url": base},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "application/json"],
        "rest": [
            {
                "mode": "server",
                "security": {
                    "description": "Bearer tokens (JWT); system clients need SMART-style "
                    "scopes such as system/CareTeam.read."
                },
                "resource": [
                    {
                        "type": "Patient",
                        "operation": [
                            {
                                "name": "everything",
                                "definition": (
                                    "http://hl7.org/fhir/OperationDefinition/Patient-everything"
                                ),
                            }
                        ],
                    }
                ],
            }
        ],
    }


async def metadata(request: Request) -> Response:
    return fhir(
        capability_statement(str(request.url_for("fhir_metadata")).removesuffix("/metadata"))
    )


async def everything(request: Request) -> Response:
    try:
        principal = principal_of(request)
        runtime: Runtime = request.app.state.runtime
        client_id = request.path_params["id"]
        resources = await runtime.fhir_export.everything(principal, client_id)
    except Exception as exc:
        return from_error(exc)
    base = str(request.base_url).rstrip("/") + "/fhir"
    return fhir(
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": len(resources),
            "entry": [
                {
                    "fullUrl": f"{base}/{r['resourceType']}/{r['id']}",
                    "resource": r,
                    "search": {"mode": "match"},
                }
                for r in resources
            ],
        }
    )


async def unsupported(request: Request) -> Response:
    return outcome(404, "not-supported", f"{request.method} {request.url.path} is not served")


def routes() -> list[Route]:
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    return [
        Route("/fhir/metadata", metadata, methods=["GET"], name="fhir_metadata"),
        Route("/fhir/Patient/{id}/$everything", everything, methods=["GET"]),
        # Anything else under /fhir answers in FHIR, not with a bare 404.
        Route("/fhir", unsupported, methods=methods),
        Route("/fhir/{rest:path}", unsupported, methods=methods),
    ]
