"""What /graphql logs of the errors of a request: a fault of the service at
ERROR with its traceback; a request the caller got wrong (a query that does
not parse or validate, a variable of the wrong type, a value the domain
refuses) one line at INFO; an action refused, or a database out of reach,
one line at WARNING. Never a traceback for what is not the service's fault."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace
from typing import Any

import pytest

from graphsvc.api.graphql.schema import schema
from graphsvc.domain import Principal, Role
from graphsvc.services.errors import Forbidden
from graphsvc.store.port import StoreUnavailable

LOGGER = "strawberry.execution"


class Analysis:
    """The research of the analysis service, failing as told."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    async def research(self, *_: object) -> list[object]:
        raise self.error


def context(error: Exception) -> SimpleNamespace:
    return SimpleNamespace(
        principal=Principal(Role.RESEARCHER, "researcher-1", frozenset()),
        analysis=Analysis(error),
        response=SimpleNamespace(status_code=200, headers={}),
    )


def run(
    caplog: pytest.LogCaptureFixture,
    query: str,
    variables: dict[str, Any] | None = None,
    error: Exception | None = None,
) -> tuple[list[str], list[logging.LogRecord]]:
    """The messages of the answer's errors, and what was logged of them."""
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        result = asyncio.run(
            schema.execute(
                query,
                variable_values=variables,
                context_value=context(error or RuntimeError("not asked")),
            )
        )
    records = [r for r in caplog.records if r.name == LOGGER]
    return [e.message for e in result.errors or ()], records


@pytest.mark.parametrize(
    ("query", "variables", "said"),
    [
        pytest.param("{ research { clients", None, "Syntax Error", id="does-not-parse"),
        pytest.param("{ nothingHere }", None, "Cannot query field", id="does-not-validate"),
        pytest.param(
            "query($by: Grouping!) { research(by: $by) { clients } }",
            {"by": "SHOE_SIZE"},
            "Variable '$by'",
            id="variable-of-the-wrong-value",
        ),
        pytest.param(
            'query { researchTrend(from: "last spring", to: "2025-01") { month } }',
            None,
            "must be a month written YYYY-MM",
            id="a-value-the-service-refuses",
        ),
    ],
)
def test_what_the_caller_got_wrong_is_info_without_a_traceback(
    caplog: pytest.LogCaptureFixture, query: str, variables: dict[str, Any] | None, said: str
) -> None:
    errors, records = run(caplog, query, variables)
    assert len(errors) == 1 and said in errors[0]
    [record] = records
    assert record.levelno == logging.INFO
    assert record.exc_info is None
    assert said in record.getMessage()


@pytest.mark.parametrize(
    "error",
    [
        pytest.param(Forbidden("research data is for researcher tokens"), id="forbidden"),
        pytest.param(StoreUnavailable("the database cannot be reached"), id="unavailable"),
    ],
)
def test_a_refused_action_or_a_database_out_of_reach_is_a_warning(
    caplog: pytest.LogCaptureFixture, error: Exception
) -> None:
    errors, records = run(caplog, "{ research { clients } }", error=error)
    assert errors == [str(error)]
    [record] = records
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    assert str(error) in record.getMessage() and "research" in record.getMessage()


def test_a_fault_of_the_service_is_an_error_with_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    errors, records = run(caplog, "{ research { clients } }", error=KeyError("a bug"))
    assert errors == ["Unexpected error."]  # masked for the caller, not in the log
    [record] = records
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None and isinstance(record.exc_info[1], KeyError)
