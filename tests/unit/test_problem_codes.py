"""A refused value carries a stable reason code (and the bounds it speaks
of) from the domain to the GraphQL problem; the nurses' page has words for
every code, in Dutch and in English."""

from __future__ import annotations

import asyncio
import datetime
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from graphsvc.api.graphql.problems import (
    NOT_FOUND,
    NotFoundProblem,
    ValidationProblem,
    as_result,
)
from graphsvc.domain import (
    Client,
    KnowsTie,
    Membership,
    NotFound,
    Observation,
    Onion,
    Person,
    Reason,
    Ring,
    SupportTie,
    ValidationError,
    omaha_problem,
)
from graphsvc.domain.commands import AdmitClient, apply, id_taken
from graphsvc.domain.values import MAX_TEXT

I18N = Path(__file__).resolve().parents[2] / "graphsvc" / "api" / "web" / "static" / "js" / "i18n"


def refused(make: Callable[[], object]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        make()
    return caught.value


@pytest.mark.parametrize(
    ("make", "field", "code", "bounds"),
    [
        (
            lambda: Person("p-1", "Kees\u0007", Ring.INFORMAL),
            "person.name",
            "control-characters",
            None,
        ),
        (
            lambda: Person("p-1", "Kees \u202e", Ring.INFORMAL),
            "person.name",
            "bidirectional-characters",
            None,
        ),
        (lambda: Person("p-1", " \u00a0 ", Ring.INFORMAL), "person.name", "blank", None),
        (
            lambda: Person("p-1", "K" * (MAX_TEXT + 1), Ring.INFORMAL),
            "person.name",
            "too-long",
            (None, MAX_TEXT),
        ),
        (lambda: Person("no/id", "Kees", Ring.INFORMAL), "person.id", "invalid-id", None),
        (lambda: Person("p-1", "Kees", "family"), "person.ring", "not-a-choice", None),
        (
            lambda: Membership("p-1", "c-1", Ring.INFORMAL, closeness=4),
            "membership.closeness",
            "out-of-range",
            (1, 3),
        ),
        (
            lambda: Membership("p-1", "c-1", Ring.INFORMAL, since="yesterday"),
            "membership.since",
            "not-a-date",
            None,
        ),
        (
            lambda: SupportTie("p-1", "n-1", hours_per_week=168.5),
            "support.hoursPerWeek",
            "out-of-range",
            (0, 168),
        ),
        (
            lambda: SupportTie("p-1", "n-1", hours_per_week="two"),
            "support.hoursPerWeek",
            "not-a-number",
            None,
        ),
        (
            lambda: Observation("o-1", "c-1", "n-1", "status", 2.5, datetime.date(2025, 1, 1)),
            "observation.value",
            "not-a-whole-number",
            None,
        ),
        (lambda: KnowsTie("p-1", "p-1"), "knows.personB", "knows-herself", None),
        (lambda: omaha_problem("77"), "code", "unknown-omaha-code", None),
    ],
)
def test_a_value_refused_says_why_as_a_code(
    make: Callable[[], object],
    field: str,
    code: str,
    bounds: tuple[float | None, float | None] | None,
) -> None:
    error = refused(make)
    assert (error.field, error.code) == (field, code)
    assert (error.minimum, error.maximum) == (bounds or (None, None))
    assert error.code in set(Reason)


def test_a_birth_date_refused_at_admission() -> None:
    today = datetime.date(2025, 6, 1)

    def admit(born: datetime.date) -> Callable[[], object]:
        client = Client("client-1", "Truus Bos", birth_date=born)
        command = AdmitClient(client, "team-1", admitted_on=today)
        return lambda: apply(Onion(client, "team-1"), command)

    future = refused(admit(datetime.date(2025, 6, 2)))
    assert (future.field, future.code) == ("birthDate", "in-the-future")
    old = refused(admit(datetime.date(1890, 1, 1)))
    assert (old.field, old.code, old.maximum) == ("birthDate", "too-long-ago", 130)


def test_an_id_taken_is_said_so() -> None:
    assert id_taken("need.id", "p-1").code == Reason.TAKEN == "taken"


def test_the_code_and_bounds_reach_the_graphql_problem() -> None:
    async def too_close() -> None:
        Membership("p-1", "c-1", Ring.INFORMAL, closeness=9)

    async def gone() -> None:
        raise NotFound("member", "p-1")

    problem = asyncio.run(as_result(too_close))
    assert problem == ValidationProblem(
        message="must be between 1 and 3, got 9",
        code="out-of-range",
        field="membership.closeness",
        minimum=1,
        maximum=3,
    )
    assert asyncio.run(as_result(gone)) == NotFoundProblem(
        message="member 'p-1' not found", code=NOT_FOUND
    )


def reasons_in(dictionary: str) -> list[str]:
    """The codes a dictionary of the page has words for."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node is needed for the web page's checks")
    url = (I18N / f"{dictionary}.js").as_uri()
    words = f"(await import({json.dumps(url)})).{dictionary}.reasons"
    script = f"console.log(JSON.stringify(Object.keys({words})));"
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    codes: list[str] = json.loads(done.stdout)
    return codes


@pytest.mark.parametrize("dictionary", ["nl", "en"])
def test_the_page_has_words_for_every_code(dictionary: str) -> None:
    """Every reason the service gives; a conflict has words of its own."""
    assert set(reasons_in(dictionary)) == {*(str(r) for r in Reason), NOT_FOUND}
