"""Validating the next Bundles of an import in other processes while this one
writes the current one: validation (fhir.resources) is most of an import's
work and holds one core; the writes wait on the database.

Worker processes are started with ``spawn`` (safe beside threads and the
event loop) and are handed a request Bundle each; they send back what is
wrong with it, as issues, and what of its unpacking is pure (fhir_prepared:
the entries unpacked as if what they refer to exists, and the digest of each
resource). Nothing is decided there: the writer takes the unpacking only
when the database says what was assumed, checks access and writes, in
order, through the one write path.
A pool that breaks is not fatal: the rest is validated here.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections import deque
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import TypeVar

from fhir_mappings import FhirValidationError, Issue, JsonObject, parse_resource

from .fhir_interactions import invalid_entries
from .fhir_prepared import PreparedBundle, prepare_bundle

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What validation found in one request Bundle: ``issues`` refuse all of
    it (a transaction with any fault, a batch whose own shape is wrong);
    ``entries`` are a batch's entries refused alone, by index."""

    issues: tuple[Issue, ...] = ()
    entries: Mapping[int, tuple[Issue, ...]] = field(default_factory=dict)
    # the valid part unpacked ahead (None: the writer unpacks it)
    prepared: PreparedBundle | None = None

    @property
    def error(self) -> FhirValidationError | None:
        return FhirValidationError(self.issues) if self.issues else None

    def invalid(self) -> dict[int, FhirValidationError]:
        return {index: FhirValidationError(issues) for index, issues in self.entries.items()}


def check(bundle: JsonObject) -> Verdict:
    """Validates a transaction or batch Bundle as the interactions would (pure;
    what a worker runs)."""
    try:
        if bundle.get("type") == "transaction":
            parse_resource(bundle)
            return Verdict()
        invalid = invalid_entries(bundle)
    except FhirValidationError as error:
        return Verdict(error.issues)
    return Verdict(entries={index: error.issues for index, error in invalid.items()})


def prepare(bundle: JsonObject, base_urls: Sequence[str] = ()) -> Verdict:
    """``check``, and for a Bundle that passes, its valid part (a batch's
    entries that are) unpacked ahead (pure; what a worker runs)."""
    verdict = check(bundle)
    if verdict.issues:
        return verdict
    if bundle.get("type") == "transaction":
        valid = bundle
    else:
        entries = [e for e in bundle.get("entry", ()) if isinstance(e, dict)]
        kept = [e for index, e in enumerate(entries) if index not in verdict.entries]
        valid = {**bundle, "entry": kept}
    return replace(verdict, prepared=prepare_bundle(valid, base_urls))


def _ready() -> None:
    """What a worker is first given: loading this module is the work."""


def default_workers() -> int:
    return os.cpu_count() or 1


class ParsePool:
    """Worker processes that validate Bundles ahead of the writer, started
    when first needed and kept until ``close`` (or the end of ``with``), so
    that several imports share them. With ``workers=0`` everything is
    validated in this process, in turn."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else workers
        self._executor: Executor | None = None

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Starts the workers now (they take a moment to load), so that they
        are ready when the first Bundle comes; else they start then."""
        executor = self._started()
        if executor is not None:
            for _ in range(self.workers):
                executor.submit(_ready)

    def _started(self) -> Executor | None:
        if self.workers > 0 and self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            executor, self._executor = self._executor, None
            executor.shutdown(wait=True, cancel_futures=True)

    async def checked(
        self, items: Iterable[tuple[T, JsonObject | None]], base_urls: Sequence[str] = ()
    ) -> AsyncIterator[tuple[T, JsonObject | None, Verdict | None]]:
        """Each item and its Bundle with the verdict on it (None: no Bundle),
        in the order given, prepared for the writer (see ``prepare``); up to
        a few per worker are validated ahead."""
        ahead = 8 * self.workers  # the writer may hold a few to write together
        pending: deque[tuple[T, JsonObject | None, asyncio.Future[Verdict] | None]] = deque()
        loop = asyncio.get_running_loop()
        self._started()
        source = iter(items)
        exhausted = False
        while True:
            while not exhausted and len(pending) <= ahead:
                try:
                    item, bundle = next(source)
                except StopIteration:
                    exhausted = True
                    break
                future = None
                if bundle is not None and self._executor is not None:
                    future = loop.run_in_executor(self._executor, prepare, bundle, base_urls)
                pending.append((item, bundle, future))
            if not pending:
                return
            item, bundle, future = pending.popleft()
            yield item, bundle, await self._verdict(bundle, future, base_urls)

    async def _verdict(
        self,
        bundle: JsonObject | None,
        future: asyncio.Future[Verdict] | None,
        base_urls: Sequence[str],
    ) -> Verdict | None:
        if bundle is None:
            return None
        if future is not None:
            try:
                return await future
            except BrokenProcessPool:
                self.close()  # the rest is validated here
            except Exception:  # not sent (too deep to pickle, say): validated here
                pass
        return prepare(bundle, base_urls)
