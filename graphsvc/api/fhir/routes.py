"""/fhir: the RESTful API (read, vread, create, update, delete, history,
search, transaction and batch, Patient/$everything, $validate). Handlers are
thin: they read the request, call a service and render FHIR."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from fhir_mappings import FhirValidationError, Issue, JsonObject, operation_outcome
from fhir_mappings.search import parse_search
from fhir_mappings.search.audit import parse_audit_query
from fhir_mappings.search.everything import check_everything_parameters
from fhir_mappings.search.history import parse_history
from fhir_mappings.search.urlencoded import parse_pairs
from graphsvc.domain import Principal, ValidationError
from graphsvc.runtime import Runtime
from graphsvc.services.fhir_deletes import NetworkNotEmpty
from graphsvc.services.fhir_interactions import parse_if_none_match
from graphsvc.services.fhir_read import check_type
from graphsvc.services.fhir_write import ChangeResult, Outcome

from ..auth import principal_of
from .bodies import form_params, json_body, resource_body
from .capability import capability_statement
from .rendering import (
    audit_trail,
    bundle_response,
    history_bundle,
    matches,
    searchset,
    written,
)
from .responses import fhir, from_error, outcome, status_of
from .validation import validate_request, validation_outcome

Handler = Callable[[Request], Awaitable[Response]]


def base_of(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/fhir"


def bases_of(request: Request) -> tuple[str, ...]:
    """The base URLs under which references name this server's resources."""
    return (base_of(request), *_runtime(request).settings.fhir_base_urls)


def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def handled(work: Callable[[Request, Principal, Runtime], Awaitable[Response]]) -> Handler:
    """Authenticate, run, and answer every failure as an OperationOutcome."""

    async def handler(request: Request) -> Response:
        try:
            return await work(request, principal_of(request), _runtime(request))
        except Exception as exc:
            return from_error(exc)

    return handler


async def metadata(request: Request) -> Response:
    return fhir(capability_statement(base_of(request)))


@handled
async def read(request: Request, principal: Principal, runtime: Runtime) -> Response:
    p = request.path_params
    resource = await runtime.fhir_reads.read(principal, p["type"], p["id"])
    return fhir(resource, headers=_version_headers(resource))


@handled
async def vread(request: Request, principal: Principal, runtime: Runtime) -> Response:
    p = request.path_params
    version = _version_param(p["vid"])
    resource = await runtime.fhir_reads.vread(principal, p["type"], p["id"], version)
    return fhir(resource, headers=_version_headers(resource))


@handled
async def history(request: Request, principal: Principal, runtime: Runtime) -> Response:
    p = request.path_params
    try:
        query = parse_history(_query(request, "_history?"))
    except FhirValidationError as error:  # a history that cannot be given: 400, as a search
        return fhir(operation_outcome(error.issues), 400)
    page = await runtime.fhir_reads.history_page(principal, p["type"], p["id"], query)
    return fhir(history_bundle(base_of(request), f"{p['type']}/{p['id']}", query, page))


@handled
async def audit_events(request: Request, principal: Principal, runtime: Runtime) -> Response:
    """The client's audit trail (``patient`` names her), as AuditEvents."""
    try:
        query = parse_audit_query(_query(request, "AuditEvent?"))
    except FhirValidationError as error:  # a trail that cannot be given: 400, as a search
        return fhir(operation_outcome(error.issues), 400)
    events = await runtime.audit_events.of_client(principal, query.patient)
    return fhir(audit_trail(base_of(request), query, events))


@handled
async def search(request: Request, principal: Principal, runtime: Runtime) -> Response:
    resource_type = request.path_params["type"]
    where = f"{resource_type}?"
    form = await form_params(request, where) if request.method == "POST" else []
    check_type(resource_type)
    try:
        params = _query(request, where) + form
        query = parse_search(resource_type, params)
    except FhirValidationError as error:  # a search that cannot be made: 400, says FHIR
        return fhir(operation_outcome(error.issues), 400)
    page = await runtime.fhir_reads.search(principal, query, bases_of(request))
    return fhir(searchset(base_of(request), query, page))


@handled
async def create(request: Request, principal: Principal, runtime: Runtime) -> Response:
    body = await resource_body(request)
    result = await runtime.fhir_interactions.create(
        principal,
        request.path_params["type"],
        body,
        if_none_exist=request.headers.get("if-none-exist"),
        base_urls=bases_of(request),
    )
    return _written(request, result)


@handled
async def update(request: Request, principal: Principal, runtime: Runtime) -> Response:
    try:
        only_if_absent = parse_if_none_match(request.headers.get("if-none-match"))
    except FhirValidationError as error:  # a precondition not served: the request's fault
        return fhir(operation_outcome(error.issues), 400)
    body = await resource_body(request)
    p = request.path_params
    result = await runtime.fhir_interactions.update(
        principal,
        p["type"],
        p["id"],
        body,
        if_match=request.headers.get("if-match"),
        only_if_absent=only_if_absent,
        base_urls=bases_of(request),
    )
    return _written(request, result)


@handled
async def delete(request: Request, principal: Principal, runtime: Runtime) -> Response:
    p = request.path_params
    result = await runtime.fhir_interactions.delete(
        principal, p["type"], p["id"], if_match=request.headers.get("if-match")
    )
    headers = {"ETag": f'W/"{result.version_id}"'} if result.outcome is Outcome.DELETED else {}
    return Response(status_code=204, headers=headers)


@handled
async def bundle(request: Request, principal: Principal, runtime: Runtime) -> Response:
    body = await json_body(request)
    kind = body.get("type") if isinstance(body, dict) else None
    if not isinstance(body, dict) or body.get("resourceType") != "Bundle":
        where = "resourceType" if isinstance(body, dict) else ""
        raise FhirValidationError(
            [
                Issue(
                    where,
                    "the body of POST /fhir must be a Bundle (transaction or batch)",
                    "structure",
                )
            ]
        )
    if kind not in ("transaction", "batch"):  # a tuple: the type may be any JSON
        raise FhirValidationError(
            [Issue("Bundle.type", "must be transaction or batch to be processed", "value")]
        )
    interactions = runtime.fhir_interactions
    base = base_of(request)
    if kind == "transaction":
        results = await interactions.transaction(principal, body, bases_of(request))
    else:
        results = await interactions.batch(principal, body, bases_of(request))
    return fhir(bundle_response(base, f"{kind}-response", results))


@handled
async def validate(request: Request, principal: Principal, runtime: Runtime) -> Response:
    """$validate: the checks of a create, update or delete, writing nothing."""
    p = request.path_params
    check_type(p["type"])
    body = await json_body(request) if "content-type" in request.headers else None
    mode = dict(_query(request, "$validate?")).get("mode")
    asked = validate_request(body, mode, "id" in p)
    try:
        warnings = await runtime.fhir_interactions.validate(
            principal,
            p["type"],
            asked.resource,
            mode=asked.mode,
            resource_id=p.get("id"),
            base_urls=bases_of(request),
        )
    except (ValidationError, NetworkNotEmpty) as invalid:  # FhirValidationError too
        return fhir(status_of(invalid)[1])
    return fhir(validation_outcome(p["type"], asked.mode, warnings))


@handled
async def everything(request: Request, principal: Principal, runtime: Runtime) -> Response:
    try:
        check_everything_parameters(_query(request, "$everything?"))
    except FhirValidationError as error:  # an operation that cannot be made: 400, as a search
        return fhir(operation_outcome(error.issues), 400)
    resources = await runtime.fhir_export.everything(principal, request.path_params["id"])
    return fhir(matches(base_of(request), str(request.url), resources))


class _Unsupported:
    """What no other route serves, with any method (an ASGI app, so that
    Starlette matches it whatever the method and never answers a bare 405)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        message = f"{request.method} {request.url.path} is not served"
        await outcome(404, "not-supported", message)(scope, receive, send)


unsupported = _Unsupported()


def _query(request: Request, where: str) -> list[tuple[str, str]]:
    """The query string's parameters, read strictly (a broken escape is a 400)."""
    raw: bytes = request.scope.get("query_string", b"")
    return parse_pairs(raw, where)


def _written(request: Request, result: ChangeResult) -> Response:
    status = 201 if result.outcome is Outcome.CREATED else 200
    key = result.key
    headers = {"Location": f"{base_of(request)}/{key.reference}/_history/{result.version_id}"}
    resource = result.resource or {}
    headers.update(_version_headers(resource))
    body = written(result, request.headers.get("prefer", ""))
    return fhir(body, status_code=status, headers=headers)


def _version_headers(resource: JsonObject) -> dict[str, str]:
    meta = resource.get("meta") or {}
    headers = {}
    if "versionId" in meta:
        headers["ETag"] = f'W/"{meta["versionId"]}"'
    if "lastUpdated" in meta:
        headers["Last-Modified"] = meta["lastUpdated"]
    return headers


def _version_param(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 9:  # not "²"
        raise FhirValidationError([Issue("vid", "a version is a whole number such as 3", "value")])
    return int(text)


class _Anything(Convertor[str]):
    """The rest of a path, line breaks too (``path`` stops at one, and a
    hostile ``%0A`` would then fall through to a bare 404)."""

    regex = "(?s:.*)"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("anything", _Anything())


def routes() -> list[Route]:
    return [
        Route("/fhir/metadata", metadata, methods=["GET"], name="fhir_metadata"),
        Route("/fhir", bundle, methods=["POST"]),
        Route("/fhir/", bundle, methods=["POST"]),
        Route("/fhir/Patient/{id}/$everything", everything, methods=["GET"]),
        Route("/fhir/AuditEvent", audit_events, methods=["GET"]),
        Route("/fhir/{type}/_search", search, methods=["POST"]),
        Route("/fhir/{type}/$validate", validate, methods=["POST"]),
        Route("/fhir/{type}/{id}/$validate", validate, methods=["POST"]),
        Route("/fhir/{type}/{id}/_history/{vid}", vread, methods=["GET"]),
        Route("/fhir/{type}/{id}/_history", history, methods=["GET"]),
        Route("/fhir/{type}/{id}", read, methods=["GET"]),
        Route("/fhir/{type}/{id}", update, methods=["PUT"]),
        Route("/fhir/{type}/{id}", delete, methods=["DELETE"]),
        Route("/fhir/{type}", search, methods=["GET"]),
        Route("/fhir/{type}", create, methods=["POST"]),
        # Anything else under /fhir, with any method, answers in FHIR, not
        # with a bare 404 or 405.
        Route("/fhir", unsupported),
        Route("/fhir/{rest:anything}", unsupported),
    ]
