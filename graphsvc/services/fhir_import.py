"""Importing FHIR from files (``graphsvc import``, the demo at start-up):
Bundles as they are (a transaction lands whole or not at all, a batch or
collection entry by entry) and loose resources — one JSON file, or ndjson
lines — each on its own, through the same path as the REST API."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fhir_mappings import FhirValidationError, JsonObject, key_of
from fhir_mappings.xml_format import json_of_xml
from graphsvc.domain import DomainError, Principal
from graphsvc.store.port import NetworkRepository

from .errors import Forbidden
from .fhir_import_groups import GROUP_BUNDLES, Pending, TransactionGroups, groupable
from .fhir_interactions import ConditionalUpdateRefused, EntryResult, FhirInteractions
from .fhir_parse_pool import ParsePool, Verdict
from .fhir_write import (
    AlreadyThere,
    CreateWouldOverwrite,
    Outcome,
    PreconditionFailed,
    WriteContention,
)

NDJSON_ENTRIES_PER_BATCH = 100


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    rejected: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, where: str, results: Sequence[EntryResult]) -> None:
        for item in results:
            if item.error is not None:
                self.reject(f"{where} entry {item.index}", item.error)
            elif item.result is not None:
                match item.result.outcome:
                    case Outcome.CREATED:
                        self.created += 1
                    case Outcome.UPDATED:
                        self.updated += 1
                    case Outcome.DELETED:
                        self.deleted += 1
                    case _:
                        self.unchanged += 1

    def reject(self, where: str, error: Exception, count: int = 1) -> None:
        self.rejected += count
        self.problems.append(f"{where}: {error}")

    def __str__(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"deleted {self.deleted}, rejected {self.rejected}"
        )


@dataclass(frozen=True, slots=True)
class Document:
    """One unit to import: where it came from, the JSON, how many resources."""

    where: str
    content: object
    size: int


def _as_batch(resources: list[object]) -> JsonObject:
    entries = []
    for resource in resources:
        key = key_of(resource) if isinstance(resource, dict) else None
        kind = resource.get("resourceType") if isinstance(resource, dict) else None
        request = (
            {"method": "PUT", "url": key.reference} if key else {"method": "POST", "url": str(kind)}
        )
        entries.append({"resource": resource, "request": request})
    return {"resourceType": "Bundle", "type": "batch", "entry": entries}


def _entries(content: object) -> int:
    if isinstance(content, dict) and content.get("resourceType") == "Bundle":
        entries = content.get("entry")
        return len(entries) if isinstance(entries, list) else 0
    return 1


def read_documents(paths: Sequence[Path]) -> Iterator[Document]:
    """Files in the order given (a folder's *.json, *.ndjson and *.xml by
    name, in any case); ndjson in batches, FHIR XML read as the JSON it
    stands for. An unreadable file is a Document whose content is the error,
    so that it is counted as rejected, not fatal."""
    for path in paths:
        if path.is_dir():
            inner = sorted(p for p in path.iterdir() if p.suffix.lower() in _SUFFIXES)
            yield from read_documents(inner)
            continue
        if path.suffix.lower() == ".ndjson":
            yield from _ndjson(path)
            continue
        if path.suffix.lower() == ".xml":
            yield _xml(path)
            continue
        try:
            content: object = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            yield Document(str(path), ValueError(f"not readable as JSON: {error}"), 1)
            continue
        yield Document(str(path), content, _entries(content))


_SUFFIXES = frozenset({".json", ".ndjson", ".xml"})


def _xml(path: Path) -> Document:
    try:
        content = json_of_xml(path.read_bytes())
    except OSError as error:
        return Document(str(path), ValueError(f"not readable: {error}"), 1)
    except FhirValidationError as error:
        said = "; ".join(f"{i.expression or 'the file'}: {i.message}" for i in error.issues[:3])
        return Document(str(path), ValueError(f"not readable as FHIR XML: {said}"), 1)
    return Document(str(path), content, _entries(content))


def _ndjson(path: Path) -> Iterator[Document]:
    batch: list[object] = []
    first = 1
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                batch.append(json.loads(line))
            except (json.JSONDecodeError, RecursionError) as error:
                yield Document(f"{path}:{number}", ValueError(f"not JSON: {error}"), 1)
                continue
            if len(batch) == NDJSON_ENTRIES_PER_BATCH:
                yield Document(f"{path}:{first}-{number}", _as_batch(batch), len(batch))
                batch, first = [], number + 1
    if batch:
        yield Document(f"{path}:{first}-", _as_batch(batch), len(batch))


def request_bundle(content: object) -> JsonObject:
    """The transaction or batch Bundle a document asks for: a transaction or
    batch as it is, a loose resource as a batch of one, the resources of a
    collection (searchset, document) as a batch. Raises ValueError when it is
    not a JSON object."""
    if not isinstance(content, dict):
        raise ValueError("not a FHIR resource (a JSON object)")
    if content.get("resourceType") != "Bundle":
        return _as_batch([content])
    if content.get("type") in {"transaction", "batch"}:
        return content
    entries = content.get("entry")
    listed = entries if isinstance(entries, list) else []
    return _as_batch([e["resource"] for e in listed if isinstance(e, dict) and "resource" in e])


def _requests(documents: Iterator[Document]) -> Iterator[tuple[Document, JsonObject | None]]:
    """Each document with its request Bundle; None when it has none (its
    content is then the error that says why)."""
    for document in documents:
        try:
            if isinstance(document.content, Exception):
                yield document, None
            else:
                yield document, request_bundle(document.content)
        except ValueError as error:
            yield Document(document.where, error, document.size), None


_REFUSALS = (
    DomainError,
    Forbidden,
    PreconditionFailed,
    AlreadyThere,
    CreateWouldOverwrite,
    WriteContention,
    ConditionalUpdateRefused,
)


class FhirImporter:
    """Documents in order, each through the one write path. Resources that
    are there already with the same content (by digest) are counted as
    unchanged without projecting anything; a ``ParsePool`` validates the next
    documents in other processes, and unpacks them as far as that is pure,
    while this one writes. Given the repository, consecutive transaction
    Bundles that have nothing to do with each other are written together
    (fhir_import_groups): one plan and one statement for up to ``group``."""

    def __init__(
        self,
        interactions: FhirInteractions,
        repository: NetworkRepository | None = None,
        *,
        group: int = GROUP_BUNDLES,
    ) -> None:
        self._interactions = interactions
        self._groups = (
            TransactionGroups(interactions, repository)
            if repository is not None and group > 1
            else None
        )
        self._group = group

    async def run(
        self,
        principal: Principal,
        documents: Iterator[Document],
        *,
        base_urls: Sequence[str] = (),
        progress: Callable[[int], object] | None = None,
        pool: ParsePool | None = None,
    ) -> ImportSummary:
        summary = ImportSummary()
        checking = pool if pool is not None else ParsePool(workers=0)
        waiting: list[tuple[Document, Pending]] = []

        async def flush() -> None:
            if waiting:
                await self._together(principal, waiting, summary, base_urls, progress)
                waiting.clear()

        requests = _requests(documents)
        async for document, bundle, verdict in checking.checked(requests, base_urls):
            pending = (
                groupable(bundle, verdict.prepared)
                if self._groups is not None and verdict is not None and not verdict.issues
                else None
            )
            if pending is not None:
                waiting.append((document, pending))
                if len(waiting) >= self._group:
                    await flush()
                continue
            await flush()
            await self._one(principal, document, bundle, verdict, summary, base_urls)
            if progress is not None:
                progress(document.size)
        await flush()
        return summary

    async def _together(
        self,
        principal: Principal,
        waiting: Sequence[tuple[Document, Pending]],
        summary: ImportSummary,
        base_urls: Sequence[str],
        progress: Callable[[int], object] | None,
    ) -> None:
        assert self._groups is not None
        outcomes = await self._groups.write(principal, [p for _, p in waiting], base_urls)
        for (document, _), outcome in zip(waiting, outcomes, strict=True):
            if isinstance(outcome, _REFUSALS):
                summary.reject(document.where, outcome, document.size)
            elif isinstance(outcome, Exception):
                raise outcome
            else:
                summary.add(document.where, outcome)
            if progress is not None:
                progress(document.size)

    async def _one(
        self,
        principal: Principal,
        document: Document,
        bundle: JsonObject | None,
        verdict: Verdict | None,
        summary: ImportSummary,
        base_urls: Sequence[str],
    ) -> None:
        if bundle is None or verdict is None:
            assert isinstance(document.content, Exception)
            summary.reject(document.where, document.content)
            return
        try:
            if verdict.error is not None:
                raise verdict.error
            if bundle.get("type") == "transaction":
                results = await self._interactions.transaction(
                    principal,
                    bundle,
                    base_urls,
                    validated=True,
                    skip_unchanged=True,
                    prepared=verdict.prepared,
                )
            else:
                results = await self._interactions.batch(
                    principal,
                    bundle,
                    base_urls,
                    invalid=verdict.invalid(),
                    skip_unchanged=True,
                    prepared=verdict.prepared,
                )
        except _REFUSALS as error:
            summary.reject(document.where, error, document.size)
            return
        summary.add(document.where, results)
