"""Typed errors of mutations: results are unions of a payload and these.

Every problem has a message, in the service's English, and may have a code:
a stable reason a client can put in its own words (the nurses' page says it
in Dutch or English). The codes of a ValidationError are the domain's
:class:`~graphsvc.domain.errors.Reason`; a NotFoundError is ``not-found`` and
a ConflictError ``version-conflict``. A problem the service has no code for
has none: its message is then all there is to say."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry

from graphsvc.domain import NotFound, ValidationError, VersionConflict
from graphsvc.services.errors import Forbidden

NOT_FOUND = "not-found"
VERSION_CONFLICT = "version-conflict"

_CODE = (
    "Why, as a stable code to put in words of your own (ValidationError: blank, too-long, "
    "taken, ...; not-found; version-conflict); null when there is none: the message says why."
)


@strawberry.interface(description="Something that went wrong, in words.")
class Problem:
    message: str = strawberry.field(description="What went wrong, in the service's English.")
    code: str | None = strawberry.field(default=None, description=_CODE)


@strawberry.type(name="ValidationError", description="A value is not acceptable; field says which.")
class ValidationProblem(Problem):
    field: str
    minimum: float | None = strawberry.field(
        default=None,
        description="The least the value may be, when the code speaks of it (out-of-range; "
        "too-short: the fewest characters).",
    )
    maximum: float | None = strawberry.field(
        default=None,
        description="The most the value may be, when the code speaks of it (out-of-range; "
        "too-long: the most characters; too-long-ago: the most years back).",
    )


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


def validation_problem(exc: ValidationError) -> ValidationProblem:
    """A refused value as the schema says it, its code and bounds included."""
    return ValidationProblem(
        message=exc.message,
        code=exc.code,
        field=exc.field,
        minimum=exc.minimum,
        maximum=exc.maximum,
    )


async def as_result(action: Callable[[], Awaitable[T]]) -> T | ProblemType:
    """Run a change; the errors a caller can act on become typed results."""
    try:
        return await action()
    except ValidationError as exc:
        return validation_problem(exc)
    except VersionConflict as exc:
        return ConflictProblem(message=str(exc), code=VERSION_CONFLICT, current_version=exc.actual)
    except NotFound as exc:
        return NotFoundProblem(message=str(exc), code=NOT_FOUND)
    except Forbidden as exc:
        # the service gives no code for what may not be done (yet): its words say why
        return ForbiddenProblem(message=str(exc))


__all__ = [
    "NOT_FOUND",
    "VERSION_CONFLICT",
    "ConflictProblem",
    "ForbiddenProblem",
    "NotFoundProblem",
    "Problem",
    "ProblemType",
    "ValidationProblem",
    "as_result",
    "validation_problem",
]
