"""Reading a FHIR search (``GET [type]?params``) into what the store matches:
groups of token strings, a date range, paging and includes."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote, urlencode

from ..issues import FhirValidationError, Issue, IssueType
from ..keys import is_id
from .dates import date_range, instant
from .parameters import (
    INCLUDES,
    REVINCLUDES,
    SEARCH_PARAMETERS,
    Include,
    SearchParameter,
    parameter,
    split_reference,
)
from .text import name_words, search_escape, search_unescape, split_unescaped, token_escape

DEFAULT_COUNT = 50
MAX_COUNT = 1000
MAX_ALTERNATIVES = 100  # comma-separated values of one parameter
MAX_NAME_GROUPS = 64  # groups one name parameter may expand to
RESULT_PARAMETERS = ("_count", "_after", "_include", "_revinclude")
IGNORED_PARAMETERS = frozenset({"_format", "_pretty"})  # allowed, without effect
_PLAIN_CODES = frozenset({"status"})  # token parameters on a code element: no system
_DATE_PREFIXES = ("eq", "ge", "gt", "le", "lt")
_OTHER_PREFIXES = ("ne", "sa", "eb", "ap")
_DATE_FORMS = (
    "a date with an optional prefix eq (default), ge, gt, le or lt: YYYY, YYYY-MM, "
    "YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm]"
)
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SECOND = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search as the store runs it.

    A resource matches when every group has at least one of its strings among
    the resource's tokens, its ``date_end >= date_from`` and its
    ``date_start <= date_to`` (a bound that is None is no condition; a resource
    without a date fails any bound). ``after`` is the last id of the previous
    page. ``criteria`` are the search parameters as understood, canonical
    (name, value) pairs, from which :meth:`as_query` writes links.
    """

    resource_type: str
    groups: tuple[tuple[str, ...], ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    count: int = DEFAULT_COUNT
    after: str | None = None
    includes: tuple[Include, ...] = ()
    revincludes: tuple[Include, ...] = ()
    criteria: tuple[tuple[str, str], ...] = ()
    # _lastUpdated: the bounds of the last change here, to the second
    updated_from: str | None = None
    updated_to: str | None = None

    def as_query(self, after: str | None = None) -> str:
        """The canonical query string (urlencoded, stable order) of this search
        with the paging cursor ``after``: reading it back with
        :func:`parse_search` gives this query again. ``_format`` and ``_pretty``
        are left out."""
        pairs = list(self.criteria)
        if self.date_from is not None:
            pairs.append(("date", f"ge{self.date_from}"))
        if self.date_to is not None:
            pairs.append(("date", f"le{self.date_to}"))
        if self.updated_from is not None:
            pairs.append(("_lastUpdated", f"ge{self.updated_from}"))
        if self.updated_to is not None:
            pairs.append(("_lastUpdated", f"le{self.updated_to}"))
        pairs.extend(("_include", include.text) for include in self.includes)
        pairs.extend(("_revinclude", include.text) for include in self.revincludes)
        pairs.append(("_count", str(self.count)))
        if after is not None:
            pairs.append(("_after", after))
        return urlencode(pairs, quote_via=quote, safe="/:")


def parse_search(resource_type: str, params: Sequence[tuple[str, str]]) -> SearchQuery:
    """Read the (name, value) pairs of a search on ``resource_type``.

    Comma-separated values are alternatives (OR); a repeated parameter is
    another condition (AND). A bare id for a reference parameter stands for
    each of its target types (``:Type`` narrows it). ``status`` ignores a
    system (the code's system is implied). ``_count`` is 1 to 1000, default 50;
    a larger count is taken as 1000. ``_format`` and ``_pretty`` are accepted
    and have no effect. Raises :class:`FhirValidationError` listing every
    parameter it cannot use, each issue's expression ``Type?param``; never
    another exception.
    """
    if resource_type not in SEARCH_PARAMETERS:
        searchable = ", ".join(SEARCH_PARAMETERS)
        message = f"cannot be searched here; searchable types: {searchable}"
        raise FhirValidationError([Issue(safe_text(resource_type), message, "not-supported")])
    reader = _Reader(resource_type)
    for name, value in params:
        reader.read(name, value)
    return reader.query()


def revinclude_groups(include: Include, keys: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """Groups that find the ``include.source_type`` resources whose
    ``include.param`` names any of ``keys`` (``Type/id``; only those of the
    include's target type, when it has one). With no key, one empty group:
    nothing matches."""
    wanted = sorted(
        {
            key
            for key in keys
            if include.target_type is None or key.partition("/")[0] == include.target_type
        }
    )
    return (tuple(f"{include.param}|{key}" for key in wanted),)


class _Reader:
    """Collects the conditions of one search and the issues with its parameters."""

    def __init__(self, resource_type: str) -> None:
        self.type = resource_type
        self.issues: list[Issue] = []
        self.groups: set[tuple[str, ...]] = set()
        self.criteria: set[tuple[str, str]] = set()
        self.froms: list[str] = []
        self.tos: list[str] = []
        self.updated_froms: list[str] = []
        self.updated_tos: list[str] = []
        self.count = DEFAULT_COUNT
        self.after: str | None = None
        self.includes: set[Include] = set()
        self.revincludes: set[Include] = set()
        self.seen: set[str] = set()

    def query(self) -> SearchQuery:
        if self.issues:
            raise FhirValidationError(self.issues)
        return SearchQuery(
            self.type,
            tuple(sorted(self.groups)),
            max(self.froms) if self.froms else None,
            min(self.tos) if self.tos else None,
            self.count,
            self.after,
            tuple(sorted(self.includes, key=lambda i: i.text)),
            tuple(sorted(self.revincludes, key=lambda i: i.text)),
            tuple(sorted(self.criteria)),
            max(self.updated_froms) if self.updated_froms else None,
            min(self.updated_tos) if self.updated_tos else None,
        )

    def fail(self, raw: str, message: str, code: IssueType = "value") -> None:
        self.issues.append(Issue(f"{self.type}?{safe_text(raw)}", message, code))

    def add(self, name: str, value: str, groups: Iterable[tuple[str, ...]]) -> None:
        self.criteria.add((name, value))
        self.groups.update(groups)

    def read(self, raw: str, value: str) -> None:
        name, colon, modifier = raw.partition(":")
        if name in IGNORED_PARAMETERS:
            return
        if _UNPRINTABLE.search(raw) or _UNPRINTABLE.search(value):
            self.fail(raw, "contains control characters or unpaired surrogates")
            return
        if not value:
            self.fail(raw, "has no value; give one or leave the parameter out")
            return
        if name in RESULT_PARAMETERS:
            if colon:
                self.fail(raw, f"{name} takes no modifier", "not-supported")
            else:
                self.result(name, value)
            return
        param = parameter(self.type, name)
        if param is None:
            accepted = ", ".join(p.name for p in SEARCH_PARAMETERS[self.type])
            message = (
                f"is not a search parameter of {self.type}; it takes {accepted}, "
                f"and {', '.join(RESULT_PARAMETERS)}"
            )
            self.fail(raw, message, "not-supported")
        elif param.type == "reference":
            self.reference(raw, param, modifier if colon else None, value)
        elif colon:
            self.fail(raw, f"{name} takes no modifier", "not-supported")
        elif name == "_lastUpdated":
            self.date(raw, value, self.updated_froms, self.updated_tos)
        elif param.type == "date":
            self.date(raw, value, self.froms, self.tos)
        elif param.type == "string":
            self.words(raw, param, value)
        elif name == "_id":
            self.ids(raw, value)
        else:
            self.token(raw, param, value)

    def result(self, name: str, value: str) -> None:
        if name in ("_count", "_after"):
            if name in self.seen:
                self.fail(name, "is given more than once")
                return
            self.seen.add(name)
        if name == "_count":
            self.read_count(value)
        elif name == "_after":
            self.after = value
        else:
            self.include(name, value)

    def read_count(self, value: str) -> None:
        try:
            self.count = page_size(value)
        except ValueError as error:
            self.fail("_count", str(error))

    def alternatives(self, raw: str, value: str) -> list[str] | None:
        """The comma-separated values, still escaped."""
        parts = split_unescaped(value, ",")
        if not all(parts):
            self.fail(raw, "has an empty value between commas")
            return None
        if len(parts) > MAX_ALTERNATIVES:
            self.fail(raw, f"has more than {MAX_ALTERNATIVES} comma-separated values", "too-costly")
            return None
        return parts

    def reference(self, raw: str, param: SearchParameter, modifier: str | None, value: str) -> None:
        targets = param.targets
        if modifier is not None:
            if modifier not in targets:
                message = (
                    f"the modifier ':{modifier}' is not supported; {param.name} takes "
                    f"only a type modifier, one of :{', :'.join(targets)}"
                )
                self.fail(raw, message, "not-supported")
                return
            targets = (modifier,)
        parts = self.alternatives(raw, value)
        if parts is None:
            return
        canonical: list[str] = []
        tokens: list[str] = []
        for part in parts:
            text = search_unescape(part)
            found = split_reference(text)
            if found is None:
                message = (
                    f"{safe_text(text)} is not a reference; give Type/id, an id, "
                    "or an absolute URL ending in Type/id"
                )
                self.fail(raw, message)
                return
            kind, ident = found
            if kind is not None and kind not in targets:
                message = f"{param.name} refers to {', '.join(targets)}, never to {kind}"
                self.fail(raw, message)
                return
            kinds = targets if kind is None else (kind,)
            canonical.append(f"{kinds[0]}/{ident}" if len(kinds) == 1 else ident)
            tokens.extend(f"{param.name}|{k}/{ident}" for k in kinds)
        self.add(param.name, ",".join(sorted(set(canonical))), [tuple(sorted(set(tokens)))])

    def ids(self, raw: str, value: str) -> None:
        parts = self.alternatives(raw, value)
        if parts is None:
            return
        ids = sorted({search_unescape(part) for part in parts})
        bad = [ident for ident in ids if not is_id(ident)]
        if bad:
            message = f"{safe_text(bad[0])} is not an id (1-64 of A-Z, a-z, 0-9, '-' and '.')"
            self.fail(raw, message)
            return
        self.add("_id", ",".join(ids), [tuple(f"_id|{ident}" for ident in ids)])

    def token(self, raw: str, param: SearchParameter, value: str) -> None:
        parts = self.alternatives(raw, value)
        if parts is None:
            return
        name, plain = param.name, param.name in _PLAIN_CODES
        canonical: list[str] = []
        tokens: list[str] = []
        for part in parts:
            pieces = [search_unescape(piece) for piece in split_unescaped(part, "|")]
            if len(pieces) > 2:
                message = (
                    f"{safe_text(part)} has more than one '|'; give system|code, |code, code "
                    "or system| (a '|' inside a code is written '\\|')"
                )
                self.fail(raw, message)
                return
            system, code = (None, pieces[0]) if len(pieces) == 1 else (pieces[0], pieces[1])
            if plain or system is None:
                if not code:
                    self.fail(raw, f"{safe_text(part)} has no code; {name} takes a code")
                    return
                canonical.append(search_escape(code))
                tokens.append(f"{name}|{token_escape(code)}")
            elif not system and not code:
                self.fail(raw, "'|' alone names neither a system nor a code")
                return
            elif not system:
                canonical.append(f"|{search_escape(code)}")
                tokens.append(f"{name}||{token_escape(code)}")
            elif not code:
                canonical.append(f"{search_escape(system)}|")
                tokens.append(f"{name}|{token_escape(system)}|")
            else:
                canonical.append(f"{search_escape(system)}|{search_escape(code)}")
                tokens.append(f"{name}|{token_escape(system)}|{token_escape(code)}")
        self.add(name, ",".join(sorted(set(canonical))), [tuple(sorted(set(tokens)))])

    def words(self, raw: str, param: SearchParameter, value: str) -> None:
        """Each alternative's words must all start words of the resource; in
        conjunctive form, one group per choice of a word from each alternative."""
        parts = self.alternatives(raw, value)
        if parts is None:
            return
        choices: set[tuple[str, ...]] = set()
        for part in parts:
            words = tuple(sorted(set(name_words(search_unescape(part)))))
            if not words:
                self.fail(raw, f"{safe_text(part)} has no letters or digits to search for")
                return
            choices.add(words)
        ordered = sorted(choices)
        if math.prod(len(words) for words in ordered) > MAX_NAME_GROUPS:
            message = f"has too many words for one search (at most {MAX_NAME_GROUPS} combinations)"
            self.fail(raw, message, "too-costly")
            return
        groups = [
            tuple(sorted({f"{param.name}|{word}" for word in combination}))
            for combination in itertools.product(*ordered)
        ]
        self.add(param.name, ",".join(" ".join(words) for words in ordered), groups)

    def date(self, raw: str, value: str, froms: list[str], tos: list[str]) -> None:
        if "," in value:
            name = raw.partition(":")[0]
            message = (
                f"takes one value; repeat {name}= to combine bounds ({name}=ge...&{name}=lt...)"
            )
            self.fail(raw, message)
            return
        prefix, rest = (value[:2], value[2:]) if value[:2] in _DATE_PREFIXES else ("eq", value)
        if value[:2] in _OTHER_PREFIXES:
            message = f"the prefix '{value[:2]}' is not supported; use eq, ge, gt, le or lt"
            self.fail(raw, message, "not-supported")
            return
        found = date_range(rest)
        if found is None:
            self.fail(raw, f"{safe_text(value)} is not {_DATE_FORMS}")
            return
        first, last = found
        try:
            if prefix in ("eq", "ge"):
                froms.append(instant(first))
            if prefix in ("eq", "le"):
                tos.append(instant(last))
            if prefix == "gt":
                froms.append(instant(last + _SECOND))
            if prefix == "lt":
                tos.append(instant(first - _SECOND))
        except OverflowError:
            self.fail(raw, f"{safe_text(value)}: no date this server keeps is {prefix} that")

    def include(self, name: str, value: str) -> None:
        reverse = name == "_revinclude"
        allowed = (REVINCLUDES if reverse else INCLUDES)[self.type]
        accepted = f"one of: {', '.join(allowed)}" if allowed else f"none on {self.type}"
        parts = value.split(":")
        if "*" in parts:
            self.fail(name, f"wildcards are not supported; use {accepted}", "not-supported")
            return
        if len(parts) not in (2, 3) or f"{parts[0]}:{parts[1]}" not in allowed:
            message = f"{safe_text(value)} is not supported on {self.type}; use {accepted}"
            self.fail(name, message, "not-supported")
            return
        source, param_name = parts[0], parts[1]
        target = parts[2] if len(parts) == 3 else None
        param = parameter(source, param_name)
        assert param is not None  # every allowed pair names a reference parameter
        if target is not None and reverse and target != self.type:
            self.fail(name, f"the target type of a _revinclude here can only be {self.type}")
            return
        if target is not None and target not in param.targets:
            message = f"{source}:{param_name} refers to {', '.join(param.targets)}, not {target}"
            self.fail(name, message)
            return
        (self.revincludes if reverse else self.includes).add(Include(source, param_name, target))


def page_size(value: str) -> int:
    """``_count``: a whole number of at least 1; above :data:`MAX_COUNT`, a
    page of that many (FHIR lets a server give fewer than asked). Raises
    ValueError saying what is wrong."""
    digits = value.lstrip("0")
    if not re.fullmatch(r"[0-9]+", value) or not digits:
        raise ValueError(
            f"must be a whole number of at least 1 (a page holds at most {MAX_COUNT}), "
            f"not {safe_text(value)}"
        )
    return MAX_COUNT if len(digits) > 4 else min(int(digits), MAX_COUNT)


def safe_text(text: str) -> str:
    """``text`` safe to show in an issue: unprintables replaced, at most 64 characters."""
    cleaned = _UNPRINTABLE.sub("\ufffd", text)
    return cleaned if len(cleaned) <= 64 else cleaned[:64] + "..."
