"""The schema, with its limits: depth, aliases, tokens; unexpected errors
masked, and logged as faults; what a caller got wrong logged as that."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from graphsvc.domain import DomainError
from graphsvc.services.errors import Forbidden, Unauthenticated
from graphsvc.store.port import StoreUnavailable

from .mutation import Mutation
from .query import Query
from .types import Member, Need

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000
# Documents parsed and validated once: a page or a system sends the same few
# queries again and again, and validating one costs more than answering it.
CACHED_DOCUMENTS = 256

# The limits' validation rules, made once: the validation cache knows a
# document by its text and the rules it was checked against, so rules made
# afresh for each request would never find a cached answer.
_LIMITS = tuple(
    rule
    for limiter in (
        QueryDepthLimiter(max_depth=MAX_DEPTH),
        MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
    )
    for rule in limiter.validation_rules
)

# Errors whose message is meant for the caller; anything else is masked.
_SPOKEN = (DomainError, Forbidden, Unauthenticated, StoreUnavailable)


def _should_mask(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, (*_SPOKEN, GraphQLError))


# strawberry's logger: where its default put every error, at ERROR with a traceback
_LOG = StrawberryLogger.logger


def _level(error: GraphQLError) -> int:
    """How loud an error of a request is logged: a fault of the service (what
    is masked) is an ERROR; a request the service could not serve (the
    database unreachable or busy) or an action refused to its principal a
    WARNING; what the caller got wrong (a query that does not parse or
    validate, a variable of the wrong type, a value the domain refuses,
    something not found) is INFO."""
    if _should_mask(error):
        return logging.ERROR
    if isinstance(error.original_error, (StoreUnavailable, Forbidden, Unauthenticated)):
        return logging.WARNING
    return logging.INFO


def _where(error: GraphQLError) -> str:
    if error.path:
        return ".".join(str(part) for part in error.path)
    if error.locations:
        return ", ".join(f"{at.line}:{at.column}" for at in error.locations)
    return "-"


class _Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Only a fault of the service is logged with its traceback; an error
        the request brought on itself is one line, with where it was."""
        operation = execution_context.operation_name if execution_context else None
        for error in errors:
            level = _level(error)
            if level >= logging.ERROR:
                StrawberryLogger.error(error, execution_context)
                continue
            original = error.original_error
            kind = type(original).__name__ if original is not None else "GraphQLError"
            _LOG.log(
                level,
                "GraphQL request refused (%s) at %s in operation %s: %s",
                kind,
                _where(error),
                operation or "-",
                error.message,
            )


class UnavailableIs503(SchemaExtension):
    """A request the database could not serve (unreachable, or every
    connection busy for as long as a request may wait) is answered 503 with
    Retry-After, not as an error inside a 200."""

    def on_execute(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None) or ()
        down = [e.original_error for e in errors if isinstance(e.original_error, StoreUnavailable)]
        if down:
            response = self.execution_context.context.response
            response.status_code = 503
            response.headers["Retry-After"] = str(max(e.retry_after for e in down))


def build_schema() -> strawberry.Schema:
    return _Schema(
        query=Query,
        mutation=Mutation,
        types=[Member, Need],
        # Factories: a fresh extension for every request.
        extensions=[
            lambda: AddValidationRules(list(_LIMITS)),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: ParserCache(maxsize=CACHED_DOCUMENTS),
            lambda: ValidationCache(maxsize=CACHED_DOCUMENTS),
            lambda: MaskErrors(should_mask_error=_should_mask, error_message="Unexpected error."),
            UnavailableIs503,
        ],
    )


schema = build_schema()


def sdl() -> str:
    return schema.as_str() + "\n"
