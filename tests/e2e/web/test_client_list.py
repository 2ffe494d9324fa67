"""The team's clients, the most urgent first."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from .served_app import ServedApp
from .signing_in import sign_in_as_nurse

CLIENTS = "{ clients(first: 100) { nodes { id name gaps { severity } strength { score } } } }"


def urgency(client: dict[str, Any]) -> tuple[int, int, int, float, str]:
    severities = [g["severity"] for g in client["gaps"]]
    return (
        -severities.count("HIGH"),
        -severities.count("MEDIUM"),
        -severities.count("LOW"),
        client["strength"]["score"],
        client["name"],
    )


def test_clients_are_listed_most_urgent_first(web: ServedApp, tab: Page) -> None:
    sign_in_as_nurse(tab, web)
    rows = tab.locator("table.clients tbody tr")
    expect(rows).to_have_count(45)

    clients = web.graphql(CLIENTS, token=web.nurse_token())["clients"]["nodes"]
    expected = [c["id"] for c in sorted(clients, key=urgency)]
    shown = rows.evaluate_all("rows => rows.map(r => r.dataset.clientId)")
    assert shown == expected

    first = min(clients, key=urgency)
    highs = [g["severity"] for g in first["gaps"]].count("HIGH")
    expect(rows.first.locator(".badge--high")).to_have_text(f"{highs} high")


def test_finding_a_client_by_name(web: ServedApp, tab: Page) -> None:
    sign_in_as_nurse(tab, web)
    tab.get_by_label("Find a client by name").fill("bakker")
    rows = tab.locator("table.clients tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Geertruida Bakker")
    rows.first.get_by_role("link").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Geertruida Bakker")
