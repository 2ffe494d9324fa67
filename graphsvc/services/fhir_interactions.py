"""The FHIR RESTful interactions that write: create, update, delete, and
Bundles of type transaction (all or nothing) and batch (each entry alone).

Every request goes through :func:`fhir_mappings.unpack_bundle` — a single
resource as a batch of one — so that keys, conditional creates and updates and
reference rewriting follow one set of rules; then through the write service,
one guarded statement per transaction or entry. A conditional create that
matched writes nothing; a conditional update that matched is an update of the
match, like any other.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from fhir_mappings import (
    BundleEntry,
    FhirValidationError,
    Issue,
    JsonObject,
    ResourceKey,
    parse_resource,
    unpack_bundle,
)
from graphsvc.domain import NotFound, Principal
from graphsvc.store.port import ResourceStore

from .fhir_lookup import StoredLookup, lookup_for
from .fhir_prepared import Fingerprints, PreparedBundle
from .fhir_read import SERVED_TYPES, FhirReadService, Gone
from .fhir_unchanged import UnchangedWrites
from .fhir_write import (
    ChangeResult,
    FhirWriteService,
    Outcome,
    ResourceChange,
)

ValidationMode = Literal["create", "update", "delete"]

# quoted or not, but a quote opened is closed (not W/"3)
_VERSION = re.compile(r'(?:W/)?(?:"(?P<quoted>[0-9]{1,9})"|(?P<bare>[0-9]{1,9}))')


def parse_if_match(value: str | None, where: str = "If-Match") -> int | None:
    """``W/"3"`` (as ETag sends it), ``"3"`` or ``3``."""
    if value is None:
        return None
    found = _VERSION.fullmatch(value.strip())
    if not found:
        raise FhirValidationError(
            [Issue(where, 'must be a version as the ETag gives it, such as W/"3"', "value")]
        )
    return int(found["quoted"] or found["bare"])


def parse_if_none_match(value: str | None, where: str = "If-None-Match") -> bool:
    """Whether If-None-Match asks a PUT to write only where there is none:
    ``*``. An entity-tag list is refused (FhirValidationError): not served."""
    if value is None:
        return False
    if isinstance(value, str) and value.strip() == "*":
        return True
    message = (
        'only "*" is served on an update (create it only if it is not there), '
        "not a list of versions"
    )
    raise FhirValidationError([Issue(where, message, "not-supported")])


class ConditionalUpdateRefused(Exception):
    """A conditional update that cannot be made: its search matched several
    resources (HTTP 412), or it would create a resource under an id that is
    taken (409). Nothing is written; ``issues`` says where."""

    def __init__(self, issue: Issue, status: int, key: ResourceKey | None) -> None:
        super().__init__(f"{issue.expression}: {issue.message}")
        self.issues = (issue,)
        self.status = status
        self.key = key  # the resource whose id is taken


def _refused(entry: BundleEntry) -> ConditionalUpdateRefused | None:
    """What a conditional update that cannot be made raises (see BundleEntry.refusal)."""
    issue = entry.refusal
    if issue is None:
        return None
    if issue.code == "multiple-matches" or issue.resource is None:
        return ConditionalUpdateRefused(issue, 412, None)
    kind, _, ident = issue.resource.partition("/")
    return ConditionalUpdateRefused(issue, 409, ResourceKey(kind, ident))


@dataclass(frozen=True, slots=True)
class EntryResult:
    """What became of one entry: a result, a resource read, or an error."""

    index: int
    result: ChangeResult | None = None
    resource: JsonObject | None = None
    error: Exception | None = None


class FhirInteractions:
    def __init__(
        self,
        store: ResourceStore,
        writes: FhirWriteService,
        reads: FhirReadService,
        unchanged: UnchangedWrites | None = None,
    ) -> None:
        self._store = store
        self._writes = writes
        self._reads = reads
        self._unchanged = unchanged

    @property
    def parts(self) -> tuple[ResourceStore, FhirWriteService, UnchangedWrites | None]:
        """What these interactions write through (for fhir_import_groups)."""
        return self._store, self._writes, self._unchanged

    async def _unpack(
        self, principal: Principal, bundle: JsonObject, base_urls: Sequence[str]
    ) -> tuple[BundleEntry, ...]:
        lookup = await lookup_for(
            self._store,
            lambda known: unpack_bundle(bundle, lookup=known, base_urls=base_urls),
            # a conditional search finds only what the sender may read
            within=lambda: self._reads.reach(principal),
        )
        return unpack_bundle(bundle, lookup=lookup, base_urls=base_urls)

    async def _unpack_prepared(
        self,
        principal: Principal,
        bundle: JsonObject,
        base_urls: Sequence[str],
        prepared: PreparedBundle | None,
    ) -> tuple[tuple[BundleEntry, ...], Fingerprints | None]:
        """The entries, unpacked ahead when the database says what was assumed
        (else here), and the fingerprints read for them: what the references
        name and the Bundle's own resources, in one read."""
        if prepared is None:
            return await self._unpack(principal, bundle, base_urls), None
        stored = {d.key: d for d in await self._store.digests(prepared.keys())}
        live = {key for key, found in stored.items() if not found.deleted}
        if prepared.holds_for(live):
            return prepared.entries, Fingerprints(stored, prepared.incoming())
        existing = {k for k in prepared.asked if k.reference in live}
        lookup = StoredLookup(existing, {})
        return unpack_bundle(bundle, lookup=lookup, base_urls=base_urls), Fingerprints(stored)

    async def _refuse(self, principal: Principal, entry: BundleEntry) -> None:
        """Raises what a conditional update that cannot be made answers."""
        refusal = _refused(entry)
        if refusal is None:
            return
        if refusal.key is not None:
            await self._as_absent_out_of_reach(principal, refusal.key)
        raise refusal

    async def _as_absent_out_of_reach(self, principal: Principal, key: ResourceKey) -> None:
        """Raises NotFound, the answer a write of ``key`` gets, when the
        principal may not read it: a refusal that says a stored resource is
        there must not say it of one out of her reach (a 409 id taken comes
        from the lookup, which does not ask who reads)."""
        try:
            await self._reads.read(principal, key.resource_type, key.id)
        except NotFound:
            raise NotFound(key.resource_type, key.id) from None
        except Gone:
            pass  # deleted, and hers to read: the refusal stands

    async def _existing(self, principal: Principal, entry: BundleEntry) -> ChangeResult:
        """A conditional create that matched: nothing is written."""
        assert entry.key is not None
        found = await self._reads.read(principal, entry.key.resource_type, entry.key.id)
        meta = found["meta"]
        return ChangeResult(
            entry.key, Outcome.UNCHANGED, int(meta["versionId"]), meta["lastUpdated"], found
        )

    def _change(self, entry: BundleEntry) -> ResourceChange:
        where = f"Bundle.entry[{entry.index}]"
        if entry.key is None or entry.key.resource_type not in SERVED_TYPES:
            raise FhirValidationError(
                [
                    Issue(
                        f"{where}.request.url",
                        "names no resource type served here",
                        "not-supported",
                    )
                ]
            )
        if_match = parse_if_match(entry.if_match, f"{where}.request.ifMatch")
        only_if_absent = parse_if_none_match(entry.if_none_match, f"{where}.request.ifNoneMatch")
        if only_if_absent and entry.method != "PUT":
            message = "is served on PUT only (write it only where there is none)"
            issue = Issue(f"{where}.request.ifNoneMatch", message, "not-supported")
            raise FhirValidationError([issue])
        if entry.method == "DELETE":
            return ResourceChange(entry.key, None, if_match)
        if entry.method not in {"POST", "PUT"}:
            raise FhirValidationError(
                [
                    Issue(
                        f"{where}.request.method",
                        f"{entry.method} is not served in a Bundle",
                        "not-supported",
                    )
                ]
            )
        assert entry.resource is not None
        return ResourceChange(
            entry.key,
            entry.resource,
            if_match,
            created=entry.method == "POST",
            only_if_absent=only_if_absent,
        )

    # -- single resources ---------------------------------------------------

    async def _single(
        self, principal: Principal, entry: JsonObject, base_urls: Sequence[str]
    ) -> tuple[BundleEntry, ResourceChange | None]:
        """A single resource unpacked as a batch of one, and the change it
        asks for (None: a conditional create that matched)."""
        bundle: JsonObject = {"resourceType": "Bundle", "type": "batch", "entry": [entry]}
        (unpacked,) = await self._unpack(principal, bundle, base_urls)
        kind = str(entry["resource"]["resourceType"])
        try:
            if unpacked.issues and unpacked.key is None:
                raise FhirValidationError(unpacked.issues)
            if unpacked.existing:
                return unpacked, None
            return unpacked, self._change(unpacked)
        except FhirValidationError as error:
            raise FhirValidationError(_unprefixed(error.issues, kind)) from None

    async def _one(
        self, principal: Principal, entry: JsonObject, base_urls: Sequence[str]
    ) -> ChangeResult:
        unpacked, change = await self._single(principal, entry, base_urls)
        if change is None:
            return await self._existing(principal, unpacked)
        (result,) = await self._writes.apply(principal, [change], base_urls=base_urls)
        return result

    async def create(
        self,
        principal: Principal,
        resource_type: str,
        body: object,
        *,
        if_none_exist: str | None = None,
        base_urls: Sequence[str] = (),
    ) -> ChangeResult:
        entry = await asyncio.to_thread(_create_entry, resource_type, body, if_none_exist)
        return await self._one(principal, entry, base_urls)

    async def update(
        self,
        principal: Principal,
        resource_type: str,
        resource_id: str,
        body: object,
        *,
        if_match: str | None = None,
        only_if_absent: bool = False,
        base_urls: Sequence[str] = (),
    ) -> ChangeResult:
        """``only_if_absent``: If-None-Match: * was sent; a resource there
        (not deleted) is refused with 412, once who may write it is settled."""
        entry = await asyncio.to_thread(
            _update_entry, resource_type, resource_id, body, if_match, only_if_absent
        )
        return await self._one(principal, entry, base_urls)

    async def delete(
        self,
        principal: Principal,
        resource_type: str,
        resource_id: str,
        *,
        if_match: str | None = None,
    ) -> ChangeResult:
        """``if_match``: the If-Match header; a stale one is refused (412) as
        for an update or a transaction's delete, and nothing is deleted."""
        change = _deletion(resource_type, resource_id)  # a type not served: 404 first
        change = dataclasses.replace(change, if_match=parse_if_match(if_match))
        (result,) = await self._writes.apply(principal, [change])
        if result.version_id is None:
            # never there: the same answer as for one of a client out of reach
            raise NotFound(resource_type, resource_id)
        return result

    async def validate(
        self,
        principal: Principal,
        resource_type: str,
        body: object,
        *,
        mode: ValidationMode,
        resource_id: str | None = None,
        base_urls: Sequence[str] = (),
    ) -> tuple[Issue, ...]:
        """FHIR's $validate: what a create, update or delete of this would
        say, writing nothing. Raises as the write would; else returns its
        warnings (references that do not resolve, notes of the projection)."""
        unresolved: list[Issue] = []
        if mode == "delete":
            assert resource_id is not None
            change = _deletion(resource_type, resource_id)
            if not await self._store.get_many([change.key.reference], include_deleted=True):
                # never there: the answer the delete gets, as for one out of reach
                raise NotFound(resource_type, resource_id)
        else:
            if mode == "update":
                assert resource_id is not None
                entry = await asyncio.to_thread(
                    _update_entry, resource_type, resource_id, body, None
                )
            else:
                entry = await asyncio.to_thread(_create_entry, resource_type, body, None)
            unpacked, found = await self._single(principal, entry, base_urls)
            assert found is not None  # no condition was sent
            change = found
            unresolved = _unprefixed(unpacked.issues, resource_type)
        notes = await self._writes.check(principal, [change], base_urls=base_urls)
        return tuple(dataclasses.replace(i, severity="warning") for i in (*unresolved, *notes))

    # -- Bundles ------------------------------------------------------------

    async def transaction(
        self,
        principal: Principal,
        bundle: JsonObject,
        base_urls: Sequence[str] = (),
        *,
        validated: bool = False,
        skip_unchanged: bool = False,
        prepared: PreparedBundle | None = None,
    ) -> list[EntryResult]:
        """All entries or none: any problem raises, and nothing is written.
        ``validated``: the Bundle has passed ``parse_resource`` already.
        ``skip_unchanged``: when every entry leaves its resource as it is
        (by digest), nothing is projected and the results carry no resource.
        ``prepared``: the Bundle unpacked ahead (fhir_prepared)."""
        if not validated:
            parse_resource(bundle)
        entries, seen = await self._unpack_prepared(principal, bundle, base_urls, prepared)
        for entry in entries:  # all or nothing: the first refused says why
            await self._refuse(principal, entry)
        changes: list[ResourceChange] = []
        for entry in entries:
            if entry.method in {"GET", "HEAD"} or entry.existing:
                continue
            changes.append(self._change(entry))
        if skip_unchanged and self._unchanged is not None and len(changes) == len(entries):
            judged = await self._unchanged.judge(
                principal, changes, base_urls, all_or_none=True, seen=seen
            )
            same = [r for r in judged if r is not None]
            if len(same) == len(entries):
                return [EntryResult(e.index, r) for e, r in zip(entries, same, strict=True)]
        ahead = await self._reads_ahead(principal, entries, changes)
        written = iter(await self._writes.apply(principal, changes, base_urls=base_urls))
        results: list[EntryResult] = []
        for entry in entries:
            if entry.index in ahead:
                results.append(ahead[entry.index])
            elif entry.method in {"GET", "HEAD"}:  # of what the transaction has just written
                results.append(EntryResult(entry.index, resource=await self._get(principal, entry)))
            else:
                results.append(EntryResult(entry.index, next(written)))
        return results

    async def _reads_ahead(
        self,
        principal: Principal,
        entries: Sequence[BundleEntry],
        changes: Sequence[ResourceChange],
    ) -> dict[int, EntryResult]:
        """A transaction's reads of what it does not write, done before it
        writes: one that fails (not there, not hers to read) fails the whole
        transaction while nothing is written yet. Those of what it writes
        are answered after; reading what it deletes is refused."""
        writes = {change.key: change for change in changes}
        ahead: dict[int, EntryResult] = {}
        for entry in entries:
            if entry.existing:
                ahead[entry.index] = EntryResult(
                    entry.index, await self._existing(principal, entry)
                )
            elif entry.method in {"GET", "HEAD"}:
                change = writes.get(entry.key) if entry.key is not None else None
                if change is None:
                    resource = await self._get(principal, entry)
                    ahead[entry.index] = EntryResult(entry.index, resource=resource)
                elif change.resource is None:
                    where = f"Bundle.entry[{entry.index}].request.url"
                    issue = Issue(where, "reads what this transaction deletes", "business-rule")
                    raise FhirValidationError([issue])
        return ahead

    async def batch(
        self,
        principal: Principal,
        bundle: JsonObject,
        base_urls: Sequence[str] = (),
        *,
        invalid: Mapping[int, FhirValidationError] | None = None,
        skip_unchanged: bool = False,
        prepared: PreparedBundle | None = None,
    ) -> list[EntryResult]:
        """Each entry on its own; an entry's problem is its own result.
        ``invalid``: what :func:`invalid_entries` found, when it ran already.
        ``skip_unchanged``: an entry that leaves its resource as it is (by
        digest) is not projected, and its result carries no resource.
        ``prepared``: the valid entries unpacked ahead (with ``invalid``)."""
        if invalid is None:
            invalid = invalid_entries(bundle)
        results = [EntryResult(index, error=error) for index, error in invalid.items()]
        entries = [e for e in bundle.get("entry", ()) if isinstance(e, dict)]
        kept = [index for index in range(len(entries)) if index not in invalid]
        valid = {**bundle, "entry": [entries[i] for i in kept]}
        unpacked, seen = await self._unpack_prepared(principal, valid, base_urls, prepared)
        unpacked_entries = [dataclasses.replace(u, index=kept[u.index]) for u in unpacked]
        same = (
            await self._same(principal, unpacked_entries, base_urls, seen) if skip_unchanged else {}
        )
        for entry in unpacked_entries:
            try:
                await self._refuse(principal, entry)
                if entry.issues and entry.key is None:
                    raise FhirValidationError(entry.issues)
                # issues of an entry that has its key are references that do not
                # resolve: outside a transaction they are kept as they were sent
                if entry.existing:
                    results.append(EntryResult(entry.index, await self._existing(principal, entry)))
                elif entry.method in {"GET", "HEAD"}:
                    resource = await self._get(principal, entry)
                    results.append(EntryResult(entry.index, resource=resource))
                elif entry.index in same:
                    results.append(EntryResult(entry.index, same[entry.index]))
                else:
                    (result,) = await self._writes.apply(
                        principal, [self._change(entry)], base_urls=base_urls
                    )
                    results.append(EntryResult(entry.index, result))
            except Exception as error:  # rendered per entry by the caller
                results.append(EntryResult(entry.index, error=error))
        return sorted(results, key=lambda r: r.index)

    async def _same(
        self,
        principal: Principal,
        entries: Sequence[BundleEntry],
        base_urls: Sequence[str],
        seen: Fingerprints | None = None,
    ) -> dict[int, ChangeResult]:
        """The results of the batch entries that leave their resource as it is
        (judged before any is written: so only of a resource no other entry
        names, which could change it first)."""
        if self._unchanged is None:
            return {}
        named = Counter(entry.key for entry in entries if entry.key is not None)
        changes: dict[int, ResourceChange] = {}
        for entry in entries:
            if entry.existing or entry.key is None or entry.method not in {"POST", "PUT"}:
                continue
            if named[entry.key] > 1:
                continue
            try:
                changes[entry.index] = self._change(entry)
            except FhirValidationError:
                continue  # said when the entry is written
        judged = await self._unchanged.judge(
            principal, list(changes.values()), base_urls, seen=seen
        )
        return {i: r for i, r in zip(changes, judged, strict=True) if r is not None}

    async def _get(self, principal: Principal, entry: BundleEntry) -> JsonObject:
        if entry.key is None:
            raise FhirValidationError(
                [
                    Issue(
                        f"Bundle.entry[{entry.index}].request.url",
                        "only reads by Type/id are served in a Bundle",
                        "not-supported",
                    )
                ]
            )
        return await self._reads.read(principal, entry.key.resource_type, entry.key.id)


def invalid_entries(bundle: JsonObject) -> dict[int, FhirValidationError]:
    """A batch's validation: raises for the Bundle without its entries'
    resources; returns what is wrong with each entry's resource, by the
    entry's place among the entries that are JSON objects."""
    parse_resource(batch_shell(bundle))
    invalid: dict[int, FhirValidationError] = {}
    entries = [e for e in bundle.get("entry", ()) if isinstance(e, dict)]
    for index, raw in enumerate(entries):
        try:
            if "resource" in raw:
                parse_resource(raw["resource"])
        except FhirValidationError as error:
            invalid[index] = error
    return invalid


def batch_shell(bundle: JsonObject) -> JsonObject:
    """The Bundle without its entries' resources."""
    entries = bundle.get("entry")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return bundle
    return {**bundle, "entry": [{k: v for k, v in e.items() if k != "resource"} for e in entries]}


def _create_entry(resource_type: str, body: object, if_none_exist: str | None) -> JsonObject:
    resource = _resource_of(body, resource_type)
    request: JsonObject = {"method": "POST", "url": resource_type}
    if if_none_exist is not None:
        request["ifNoneExist"] = if_none_exist
    resource.pop("id", None)  # on create the server names the resource
    return {"resource": resource, "request": request}


def _update_entry(
    resource_type: str,
    resource_id: str,
    body: object,
    if_match: str | None,
    only_if_absent: bool = False,
) -> JsonObject:
    resource = _resource_of(body, resource_type)
    if resource.get("id") != resource_id:
        raise FhirValidationError(
            [Issue(f"{resource_type}.id", f"must be {resource_id!r}, the id in the URL", "value")]
        )
    request: JsonObject = {"method": "PUT", "url": f"{resource_type}/{resource_id}"}
    if if_match is not None:
        request["ifMatch"] = if_match
    if only_if_absent:
        request["ifNoneMatch"] = "*"
    return {"resource": resource, "request": request}


def _deletion(resource_type: str, resource_id: str) -> ResourceChange:
    if resource_type not in SERVED_TYPES:
        raise NotFound("resource type", resource_type)
    return ResourceChange(ResourceKey(resource_type, resource_id), None)


def _resource_of(body: object, resource_type: str) -> JsonObject:
    parse_resource(body)  # raises with element paths
    assert isinstance(body, dict)
    if body.get("resourceType") != resource_type:
        raise FhirValidationError(
            [Issue("resourceType", f"must be {resource_type}, as the URL says", "value")]
        )
    return dict(body)


def _unprefixed(issues: Sequence[Issue], resource_type: str) -> list[Issue]:
    """Issues of a single resource said as if it had come alone: its own
    element paths, and the HTTP headers that stood for the entry's request."""
    renames = (
        ("Bundle.entry[0].resource", resource_type),
        ("Bundle.entry[0].request.ifNoneExist", "If-None-Exist"),
        ("Bundle.entry[0].request.ifMatch", "If-Match"),
        ("Bundle.entry[0].request.url", "url"),
        ("Bundle.entry[0]", resource_type),
    )
    result = []
    for issue in issues:
        expression = issue.expression
        for old, new in renames:
            if expression.startswith(old):
                expression = new + expression[len(old) :]
                break
        result.append(Issue(expression, issue.message, issue.code, issue.severity, issue.resource))
    return result
