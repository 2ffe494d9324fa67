"""Typed errors of mutations: results are unions of a payload and these."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry

from graphsvc.domain import NotFound, ValidationError, VersionConflict
from graphsvc.services.errors import Forbidden


@strawberry.interface(description="Something that went wrong, in words.")
class Problem:
    message: str


@strawberry.type(name="ValidationError", description="A value is not acceptable; field says which.")
class ValidationProblem(Problem):
    field: str


@strawberry.type(name="NotFoundError", description="No such thing, or not yours to see.")
class NotFoundProblem(Problem):
    pass


@strawberry.type(name="ForbiddenError", description="You may see this but not do this.")
class ForbiddenProblem(Problem):
    pass


@strawberry.type(
    name="ConflictError",
    description="The network changed since the version named; reload and try again.",
)
class ConflictProblem(Problem):
    current_version: int


T = TypeVar("T")
ProblemType = ValidationProblem | NotFoundProblem | ForbiddenProblem | ConflictProblem


async def as_result(action: Callable[[], Awaitable[T]]) -> T | ProblemType:
    """Run a change; the errors a caller can act on become typed results."""
    try:
        return await action()
    except ValidationError as exc:
        return ValidationProblem(message=exc.message, field=exc.field)
    except VersionConflict as exc:
        return ConflictProblem(message=str(exc), current_version=exc.actual)
    except NotFound as exc:
        return NotFoundProblem(message=str(exc))
    except Forbidden as exc:
        return ForbiddenProblem(message=str(exc))


__all__ = [
    "ConflictProblem",
    "ForbiddenProblem",
    "NotFoundProblem",
    "Problem",
    "ProblemType",
    "ValidationProblem",
    "as_result",
]
