"""The Bundles /fhir answers with: searchset (with self and next links),
history, and transaction/batch responses."""

from __future__ import annotations

from collections.abc import Sequence

from fhir_mappings import JsonObject, operation_outcome
from fhir_mappings.search import SearchQuery
from fhir_mappings.search.audit import AuditQuery
from fhir_mappings.search.history import HistoryQuery
from graphsvc.services.fhir_interactions import EntryResult
from graphsvc.services.fhir_read import HistoryPage, SearchPage, shown
from graphsvc.services.fhir_write import ChangeResult, Outcome

from .responses import status_of

_STATUS = {
    Outcome.CREATED: "201 Created",
    Outcome.UPDATED: "200 OK",
    Outcome.UNCHANGED: "200 OK",
    Outcome.DELETED: "204 No Content",
    Outcome.ABSENT: "204 No Content",
}


def written(result: ChangeResult, prefer: str = "") -> JsonObject:
    """The body of a create or update: the resource as stored, or with
    ``Prefer: return=OperationOutcome`` what of it the graph did not read."""
    if "return=operationoutcome" in prefer.replace(" ", "").lower():
        return operation_outcome(result.notes)
    return result.resource or operation_outcome(result.notes)


def searchset(base: str, query: SearchQuery, page: SearchPage) -> JsonObject:
    url = f"{base}/{query.resource_type}"
    links = [{"relation": "self", "url": f"{url}?{query.as_query(query.after)}"}]
    if page.next_after is not None:
        links.append({"relation": "next", "url": f"{url}?{query.as_query(page.next_after)}"})
    entries = [_entry(base, r, "match") for r in page.matches]
    entries += [_entry(base, r, "include") for r in page.included]
    return _bundle({"resourceType": "Bundle", "type": "searchset", "link": links}, entries)


def audit_trail(base: str, query: AuditQuery, events: Sequence[JsonObject]) -> JsonObject:
    """One page of a client's audit trail (``events``: all of it, newest first)."""
    url = f"{base}/AuditEvent"
    shown = query.page(len(events))
    links = [{"relation": "self", "url": f"{url}?{query.as_query(shown.start)}"}]
    if shown.stop < len(events):
        links.append({"relation": "next", "url": f"{url}?{query.as_query(shown.stop)}"})
    head = {"resourceType": "Bundle", "type": "searchset", "total": len(events), "link": links}
    return _bundle(head, [_entry(base, events[i], "match") for i in shown])


def matches(base: str, self_url: str, resources: Sequence[JsonObject]) -> JsonObject:
    """A searchset of these resources, all of them matches, on one page;
    ``self_url`` is the request that found them."""
    entries = [_entry(base, r, "match") for r in resources]
    return _bundle(
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": len(entries),
            "link": [{"relation": "self", "url": self_url}],
        },
        entries,
    )


def _bundle(head: JsonObject, entries: list[JsonObject]) -> JsonObject:
    """A FHIR array is never empty: a Bundle without entries has no ``entry``."""
    return {**head, "entry": entries} if entries else head


def _entry(base: str, resource: JsonObject, mode: str) -> JsonObject:
    return {
        "fullUrl": f"{base}/{resource['resourceType']}/{resource['id']}",
        "resource": resource,
        "search": {"mode": mode},
    }


def history_bundle(base: str, reference: str, query: HistoryQuery, page: HistoryPage) -> JsonObject:
    """A resource's history (``reference``: its ``Type/id``), one page of it."""
    url = f"{base}/{reference}/_history"
    links = [{"relation": "self", "url": f"{url}?{query.as_query(query.after)}"}]
    if page.next_after is not None:
        links.append({"relation": "next", "url": f"{url}?{query.as_query(page.next_after)}"})
    entries: list[JsonObject] = []
    for version in page.versions:
        url = f"{base}/{version.type}/{version.id}"
        request = {
            "method": "DELETE" if version.deleted else "PUT",
            "url": f"{version.type}/{version.id}",
        }
        response = {
            "status": "204 No Content" if version.deleted else "200 OK",
            "etag": f'W/"{version.version_id}"',
            "lastModified": version.last_updated,
        }
        entry: JsonObject = {"fullUrl": url, "request": request, "response": response}
        if not version.deleted:
            entry["resource"] = shown(version)
        entries.append(entry)
    head = {"resourceType": "Bundle", "type": "history", "total": page.total, "link": links}
    return _bundle(head, entries)


def bundle_response(base: str, kind: str, results: Sequence[EntryResult]) -> JsonObject:
    entries: list[JsonObject] = []
    for item in results:
        if item.error is not None:
            status, body = status_of(item.error)
            entries.append({"response": {"status": str(status), "outcome": body}})
        elif item.resource is not None:
            entries.append(
                {
                    "fullUrl": f"{base}/{item.resource['resourceType']}/{item.resource['id']}",
                    "resource": item.resource,
                    "response": {
                        "status": "200 OK",
                        "etag": f'W/"{item.resource["meta"]["versionId"]}"',
                    },
                }
            )
        elif item.result is not None:
            entries.append(_written_entry(base, item.result))
    return _bundle({"resourceType": "Bundle", "type": kind}, _full_urls_once(entries))


def _full_urls_once(entries: list[JsonObject]) -> list[JsonObject]:
    """One version of a resource has its fullUrl once in a Bundle (bdl-7): a
    later entry with the same version (a read after the write) goes without."""
    seen: set[tuple[str, str]] = set()
    result = []
    for entry in entries:
        url = entry.get("fullUrl")
        version = str(entry.get("resource", {}).get("meta", {}).get("versionId"))
        if url is not None and (url, version) in seen:
            entry = {k: v for k, v in entry.items() if k != "fullUrl"}
        elif url is not None:
            seen.add((url, version))
        result.append(entry)
    return result


def _written_entry(base: str, result: ChangeResult) -> JsonObject:
    response: JsonObject = {"status": _STATUS[result.outcome]}
    if result.version_id is not None and result.outcome is not Outcome.ABSENT:
        response["location"] = f"{result.key.reference}/_history/{result.version_id}"
        response["etag"] = f'W/"{result.version_id}"'
    if result.last_updated is not None:
        response["lastModified"] = result.last_updated
    if result.notes:
        response["outcome"] = operation_outcome(result.notes)
    entry: JsonObject = {"response": response}
    if result.resource is not None:
        entry["fullUrl"] = f"{base}/{result.key.reference}"
        entry["resource"] = result.resource
    return entry
