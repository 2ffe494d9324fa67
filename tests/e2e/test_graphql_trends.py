"""Measures over time through /graphql: a client's strength history, rebuilt
from the versions of her FHIR resources, and the researchers' trend, which
no combination of months and groupings gives away."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from graphsvc.analysis import (
    GapKind,
    Grouping,
    TrendRow,
    analyse_population,
    pseudonymous_id,
    research_row,
)
from graphsvc.analysis.trend import NOW
from graphsvc.config import Settings
from graphsvc.seeding.codec import load_population
from graphsvc.services.analysis import research_secret_from
from graphsvc.services.tokens import TokenIssuer

from ..conftest import RESEARCHER, nurse
from ..differencing import attack_calls, attack_trend, mixed_population
from .graphql_client import GraphQL

DEMO = load_population(Path(__file__).resolve().parents[2] / "seeds" / "demo-neighbourhood.json")

HISTORY = """query($id: ID!, $from: Date!, $to: Date!, $every: Every!) { client(id: $id) {
  strength { score networkSize lsns6 { score } }
  strengthHistory(from: $from, to: $to, every: $every) {
    period at changedAt score networkType lsns6 { score atRisk } networkSize
    informalMembers informalCareHours intensiveCarers gapCount gapKinds } } }"""

TREND = """query($from: String!, $to: String!, $by: Grouping!) {
  researchTrend(from: $from, to: $to, by: $by) { month cells { grouping group clients
    suppressed note metrics { metric count mean median p25 p75 suppressed }
    gaps { kind clients suppressed } } } }"""

RESEARCH = """query($by: Grouping!) { research(by: $by) { grouping group clients suppressed
  note metrics { metric count mean median p25 p75 suppressed }
  gaps { kind clients suppressed } } }"""

ADD_NEIGHBOUR = """mutation($input: AddMemberInput!) { addMember(input: $input) {
  __typename ... on NetworkChange { version } } }"""
KEES = {  # a neighbour of client-000002, in touch weekly, very close
    "input": {
        "clientId": "client-000002",
        "name": "Kees Buur",
        "ring": "INFORMAL",
        "relationship": "neighbour",
        "closeness": 3,
        "contactFrequency": "WEEKLY",
    }
}


def today() -> date:
    return datetime.now(UTC).date()


def last_month() -> date:
    return today().replace(day=1) - timedelta(days=1)


@pytest.fixture
def http(make_http: Callable[..., TestClient]) -> TestClient:
    return make_http(DEMO)


def history(gql: GraphQL, start: date, every: str = "MONTH") -> list[dict[str, object]]:
    variables = {
        "id": "client-000002",
        "from": start.isoformat(),
        "to": today().isoformat(),
        "every": every,
    }
    points: list[dict[str, object]] = gql(HISTORY, variables)["client"]["strengthHistory"]
    return points


def test_a_client_s_history_begins_when_she_came_and_follows_each_edit(
    http: TestClient, issuer: TokenIssuer
) -> None:
    gql = GraphQL(http, issuer, nurse("team-0001"))
    client = gql(
        HISTORY,
        {"id": "client-000002", "from": str(last_month()), "to": str(today()), "every": "MONTH"},
    )["client"]
    # seeded today: last month she was not in the network yet
    (now,) = client["strengthHistory"]
    assert now["period"] == f"{today():%Y-%m}"
    # the score and LSNS-6 rest on no KNOWS tie: the same as her strength now
    assert now["score"] == client["strength"]["score"]
    assert now["lsns6"] == {"score": 7, "atRisk": True}
    assert now["networkSize"] == client["strength"]["networkSize"] == 6
    assert (now["informalMembers"], now["informalCareHours"], now["intensiveCarers"]) == (
        3,
        25.0,
        1,
    )
    assert now["networkType"] == "FAMILY_DEPENDENT"
    assert GapKind.FRAGMENTED_FORMAL_NETWORK.name not in now["gapKinds"]
    assert now["gapCount"] >= len(now["gapKinds"]) > 0
    (week,) = history(gql, today() - timedelta(days=today().weekday() + 1), "WEEK")
    assert week["period"] == f"{today():%G-W%V}" and week["networkSize"] == 6

    added = gql(ADD_NEIGHBOUR, KEES)
    assert added["addMember"]["__typename"] == "NetworkChange"
    (after,) = history(gql, today())
    assert after["networkSize"] == 7 and after["informalMembers"] == 4
    # a second friend, in touch, very close, there to help: friends' items
    # in touch 1 -> 2, private matters 0 -> 1, help 1 -> 2
    assert after["lsns6"]["score"] == 7 + 3
    assert str(after["changedAt"]) > str(now["changedAt"])


def test_a_history_is_for_those_who_may_see_her_and_bounded(
    http: TestClient, issuer: TokenIssuer
) -> None:
    other = GraphQL(http, issuer, nurse("team-0002"))
    variables = {"id": "client-000002", "from": "2025-01-01", "to": "2025-02-01", "every": "MONTH"}
    assert other(HISTORY, variables)["client"] is None
    ours = GraphQL(http, issuer, nurse("team-0001"))
    too_long = ours.raw(HISTORY, {**variables, "from": "2020-01-01", "to": "2025-01-31"})
    assert "at most 60 months in one call (61 asked)" in str(too_long["errors"])
    backwards = ours.raw(HISTORY, {**variables, "from": "2025-03-01"})
    assert "must not be after to" in str(backwards["errors"])
    nothing_yet = ours(HISTORY, variables)["client"]["strengthHistory"]
    assert nothing_yet == []  # 2025: before she was in the network


def test_the_research_trend_is_for_researchers_and_bounded(
    http: TestClient, issuer: TokenIssuer
) -> None:
    month = f"{today():%Y-%m}"
    variables = {"from": month, "to": month, "by": "ALL"}
    denied = GraphQL(http, issuer, nurse("team-0001")).raw(TREND, variables)
    assert "researcher" in str(denied["errors"])
    gql = GraphQL(http, issuer, RESEARCHER)
    assert "at most 24 months in one call (25 asked)" in str(
        gql.raw(TREND, {**variables, "from": "2023-01", "to": "2025-01"})["errors"]
    )
    assert "YYYY-MM" in str(gql.raw(TREND, {**variables, "from": "2025-13"})["errors"])
    back = today().year * 12 + today().month - 1 - 24  # the month before the calendar's first
    too_old = f"{back // 12:04d}-{back % 12 + 1:02d}"
    assert "the trends go back 24 months" in str(
        gql.raw(TREND, {**variables, "from": too_old, "to": too_old})["errors"]
    )
    assert "already by month" in str(gql.raw(TREND, {**variables, "by": "MONTH"})["errors"])
    ahead = today().year * 12 + today().month  # the month after this one
    future = f"{ahead // 12:04d}-{ahead % 12 + 1:02d}"
    for far in (future, "9999-02"):
        assert f"the trends end with this month, {month}" in str(
            gql.raw(TREND, {**variables, "to": far, "from": far})["errors"]
        )
    before = f"{last_month():%Y-%m}"
    (only,) = gql(TREND, {**variables, "from": before})["researchTrend"]  # none last month
    (everyone,) = only["cells"]
    assert only["month"] == month and everyone["clients"] == len(DEMO.onions)
    metrics = {m["metric"] for m in everyone["metrics"]}
    assert "score" in metrics and "density" not in metrics


def test_the_research_trend_cannot_be_differenced(
    make_http: Callable[..., TestClient], issuer: TokenIssuer, settings: Settings
) -> None:
    """Two teams of fifteen and a team of one in three neighbourhoods: every
    grouping of the trend asked and combined with the others (and with the
    month before, when nobody was in care yet) gives nothing away."""
    population = mixed_population()
    gql = GraphQL(make_http(population), issuer, RESEARCHER)
    month, before = f"{today():%Y-%m}", f"{last_month():%Y-%m}"
    cells = []
    for by in ("ALL", "TEAM", "NEIGHBOURHOOD", "NETWORK_TYPE"):
        (only,) = gql(TREND, {"from": before, "to": month, "by": by})["researchTrend"]
        cells += [(only["month"], c) for c in only["cells"]]
    secret = research_secret_from(settings.signing_key())
    found = analyse_population(population.onions)
    rows = []
    for onion, analysis in zip(population.onions, found, strict=True):
        row = research_row(onion, analysis)
        team = pseudonymous_id(row.team or "", secret, kind="team")
        rows.append(TrendRow(onion.client.id, month, replace(row, team=team)))
    shown = [
        (
            (c["grouping"], m, c["group"]),
            {"clients": c["clients"] is not None}
            | {d["metric"]: d["count"] is not None for d in c["metrics"]}
            | {f"gap:{g['kind']}": g["clients"] is not None for g in c["gaps"]},
        )
        for m, c in cells
    ]
    assert attack_trend(shown, rows) == {}
    teams = sorted(c["clients"] or 0 for m, c in cells if c["grouping"] == "TEAM")
    assert teams == [0, 0, 15]  # the team of one, and a complement beside it


def showing(period: str, cell: dict[str, Any]) -> tuple[tuple[str, str, str], dict[str, bool]]:
    """A cell of an answer: its key and which of its figures it shows."""
    return (
        (cell["grouping"], period, cell["group"]),
        {"clients": cell["clients"] is not None}
        | {d["metric"]: d["count"] is not None for d in cell["metrics"]}
        | {f"gap:{g['kind']}": g["clients"] is not None for g in cell["gaps"]},
    )


def test_research_and_trends_asked_apart_cannot_be_differenced(
    make_http: Callable[..., TestClient], issuer: TokenIssuer, settings: Settings
) -> None:
    """``research`` by every grouping and ``researchTrend`` by every grouping
    over two overlapping windows (last month to this, this one alone), each
    answer kept and all combined: every figure is one of the one release,
    so nothing about fewer than five clients comes out."""
    population = mixed_population()
    gql = GraphQL(make_http(population), issuer, RESEARCHER)
    month, before = f"{today():%Y-%m}", f"{last_month():%Y-%m}"
    calls = [
        [showing(NOW, c) for c in gql(RESEARCH, {"by": by.name})["research"]] for by in Grouping
    ]
    for first in (before, month):
        for by in ("ALL", "TEAM", "NEIGHBOURHOOD", "NETWORK_TYPE"):
            answer = gql(TREND, {"from": first, "to": month, "by": by})["researchTrend"]
            calls.append([showing(m["month"], c) for m in answer for c in m["cells"]])
    assert calls[-1] == calls[-5]  # the same month by ALL from either window: the same figures
    secret = research_secret_from(settings.signing_key())
    rows = []
    for onion, analysis in zip(
        population.onions, analyse_population(population.onions), strict=True
    ):
        row = research_row(onion, analysis)
        row = replace(row, team=pseudonymous_id(row.team or "", secret, kind="team"))
        rows += [TrendRow(onion.client.id, NOW, row), TrendRow(onion.client.id, month, row)]
    assert attack_calls(calls, rows) == {}


def test_a_change_of_the_data_makes_a_new_release(http: TestClient, issuer: TokenIssuer) -> None:
    """Kept while the data stays as it is; one more neighbour, and the
    figures of now and of this month are worked out again."""
    gql = GraphQL(http, issuer, RESEARCHER)
    month = f"{today():%Y-%m}"

    def informal_members() -> tuple[float, float]:
        (now,) = gql(RESEARCH, {"by": "ALL"})["research"]
        ((this_month,),) = (
            m["cells"]
            for m in gql(TREND, {"from": month, "to": month, "by": "ALL"})["researchTrend"]
        )
        sums = []
        for cell in (now, this_month):
            (d,) = (d for d in cell["metrics"] if d["metric"] == "informal_members")
            sums.append(d["mean"] * d["count"])
        return sums[0], sums[1]

    before = informal_members()
    assert informal_members() == before
    nurse_gql = GraphQL(http, issuer, nurse("team-0001"))
    assert nurse_gql(ADD_NEIGHBOUR, KEES)["addMember"]["__typename"] == "NetworkChange"
    after = informal_members()
    assert [round(a - b, 6) for a, b in zip(after, before, strict=True)] == [1, 1]
