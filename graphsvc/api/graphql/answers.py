"""Answers to GraphQL reads, kept per process and served again while nothing
they rest on has changed.

An answer is kept under everything it depends on: the reader (role,
subject, teams and scopes: all that access rests on), the query text, its
variables and operation name, the data version (one counter every landed
write moves, read in one lookup: store/queries/data_version.cypher) and the
day. The version is read before the query runs, and read again after it:
the answer is kept only when both are the same, so an answer is never kept
under a version older or newer than the data it was made of. A later write
moves the version, and every answer kept before is never found again (it
ages out of the LRU); a carer's load that moves with another client's
network moves it too, because every write does.

Only reads are kept: a query operation whose root fields are all on
:data:`ROOT_FIELDS`, with none of :data:`NEVER_KEPT` anywhere in the
document, answered 200 as JSON without ``errors``. The fields allowed rest on
the graph alone: no privacy budget, no token use, no clock. Each leaves an
audit record of every client it read or was refused (NEN 7513): a kept answer
keeps the records its run left, and serving it leaves them again, stamped
now and with this request's id and source. The history of a network is read
from the audit trail, which is written after the change lands, so it is never
kept; neither is a strength history (it runs up to now) nor anything of
research (the release and its clock).

Each process keeps its own answers; nothing depends on them being there.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    parse,
)
from graphql.language import Visitor, visit

from graphsvc.domain import Principal
from graphsvc.services.audit import AuditRecord

# Root fields whose answers rest on the graph and the reader alone.
ROOT_FIELDS = frozenset(
    {
        "client",
        "clients",
        "team",
        "directory",
        "me",
        "omahaProblems",
        "omahaDomains",
        "ratingScale",
        "__typename",
    }
)
# Fields, wherever they are asked, whose answers rest on more than that.
NEVER_KEPT = frozenset({"history", "strengthHistory", "research", "researchTrend"})

MAX_ENTRIES = 10_000
MAX_BYTES = 64 * 1024 * 1024
DOCUMENTS = 1024  # query texts whose verdict is remembered
MAX_QUERY = 16 * 1024  # characters of a query whose answer is kept (the page's are under 1,000)


@dataclass(frozen=True, slots=True)
class ReadKey:
    principal: Principal
    query: str
    variables: str  # as canonical JSON
    operation: str | None
    data_version: str
    day: datetime.date

    def size(self) -> int:
        return len(self.query) + len(self.variables) + len(self.data_version) + 200


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    audit: tuple[AuditRecord, ...]  # as the run handed them to the trail

    def size(self) -> int:
        return (
            len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 300 * len(self.audit)
        )


def is_read(request: dict[str, object]) -> bool:
    """Whether a request (a body as checked) is a read whose answer is kept."""
    query = request.get("query")
    operation = request.get("operationName")
    if not isinstance(query, str) or not (operation is None or isinstance(operation, str)):
        return False
    if len(query) > MAX_QUERY:  # nor its text among the verdicts remembered
        return False
    return kept_operation(query, operation)


def read_key(
    principal: Principal,
    request: dict[str, object],
    data_version: str,
    day: datetime.date,
) -> ReadKey:
    """The key of the answer to a read (see :func:`is_read`)."""
    query, operation = request["query"], request.get("operationName")
    assert isinstance(query, str) and (operation is None or isinstance(operation, str))
    variables = json.dumps(request.get("variables") or {}, sort_keys=True, ensure_ascii=False)
    return ReadKey(principal, query, variables, operation, data_version, day)


@lru_cache(maxsize=DOCUMENTS)
def kept_operation(query: str, operation: str | None) -> bool:
    """Whether the operation a request names is a read whose answer is kept."""
    try:
        document = parse(query)
    except GraphQLError:
        return False
    return _is_kept(document, operation)


def _is_kept(document: DocumentNode, name: str | None) -> bool:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is not None:
        operations = [o for o in operations if o.name is not None and o.name.value == name]
    if len(operations) != 1:
        return False  # GraphQL answers that with an error: nothing to keep
    (chosen,) = operations
    if chosen.operation is not OperationType.QUERY:
        return False
    for selection in chosen.selection_set.selections:
        if not isinstance(selection, FieldNode) or selection.name.value not in ROOT_FIELDS:
            return False  # fragments at the root: not worth following
    fields = _FieldNames()
    visit(document, fields)
    return not fields.names & NEVER_KEPT


class _FieldNames(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_field(self, node: FieldNode, *_: object) -> None:
        self.names.add(node.name.value)


def answer_of(
    status: int, headers: list[tuple[bytes, bytes]], body: bytes, audit: list[AuditRecord]
) -> Answer | None:
    """What a run answered, if it is worth keeping: a 200 in JSON without errors."""
    if status != 200:
        return None
    media = dict(headers).get(b"content-type", b"").split(b";")[0].strip()
    if media not in (b"application/json", b"application/graphql-response+json"):
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or "errors" in data or "data" not in data:
        return None
    return Answer(status, tuple(headers), body, tuple(audit))


class ReadAnswers:
    """Answers by key, the least recently used dropped first past
    ``max_entries`` answers or ``max_bytes`` bytes."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self._max_entries = max_entries
        self._max_bytes = max_bytes
        self._answers: OrderedDict[ReadKey, Answer] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._answers)

    @property
    def bytes(self) -> int:
        return self._bytes

    def get(self, key: ReadKey) -> Answer | None:
        found = self._answers.get(key)
        if found is None:
            self.misses += 1
            return None
        self._answers.move_to_end(key)
        self.hits += 1
        return found

    def put(self, key: ReadKey, answer: Answer) -> None:
        size = key.size() + answer.size()
        if size > self._max_bytes:
            return
        old = self._answers.pop(key, None)
        if old is not None:
            self._bytes -= key.size() + old.size()
        self._answers[key] = answer
        self._bytes += size
        while len(self._answers) > self._max_entries or self._bytes > self._max_bytes:
            gone_key, gone = self._answers.popitem(last=False)
            self._bytes -= gone_key.size() + gone.size()


def replay_audit(record: Callable[[Sequence[AuditRecord]], None], answer: Answer) -> None:
    """The records the answer's run left, left again now and together (the
    trail adds this request's id and source)."""
    now = AuditRecord.of_now()
    record([dataclasses.replace(entry, at=now) for entry in answer.audit])


DataVersion = Callable[[], Awaitable[str]]
