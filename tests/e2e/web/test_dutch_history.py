"""Geschiedenis en ongedaan maken: wie veranderde wat en wanneer, en de eigen
laatste wijziging terugdraaien zolang niemand daarna iets veranderde."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .served_app import ServedApp
from .signing_in import open_client, sign_in_as_nurse, sign_in_dutch

WIDOW_ID = "client-000001"
WIDOW = "Geertruida Bakker"


def test_history_and_undo_of_ones_own_last_change(web: ServedApp, nl_tab: Page) -> None:
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, WIDOW)
    nl_tab.get_by_role("button", name="Persoon toevoegen", exact=True).click()
    dialog = nl_tab.get_by_role("dialog")
    dialog.get_by_label("Naam").fill("Ria Smit")
    dialog.get_by_label("Relatie tot de cliënt").fill("buurvrouw")
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(dialog).to_have_count(0)

    history = nl_tab.get_by_role("region", name="Wijzigingen")
    newest = history.locator(".history-item").first
    expect(newest).to_contain_text("Ria Smit")
    expect(newest).to_contain_text("Mariska Dijkstra (u)")
    expect(newest).to_contain_text(re.compile(r"\d{1,2} [a-z]+ \d{4}"))

    history.get_by_role("button", name=re.compile("^Mijn laatste wijziging ongedaan maken")).click()
    confirm = nl_tab.get_by_role("dialog")
    expect(confirm).to_contain_text("Ria Smit")
    confirm.get_by_role("button", name="Mijn laatste wijziging ongedaan maken").click()
    expect(confirm).to_have_count(0)
    expect(nl_tab.locator("svg.onion g.person", has_text="Ria Smit")).to_have_count(0)
    expect(nl_tab.locator("#toast")).to_contain_text("Ongedaan gemaakt")
    members = web.client(WIDOW_ID, "members { displayName }")["members"]
    assert "Ria Smit" not in {m["displayName"] for m in members}


def test_a_colleagues_change_is_in_the_history_and_not_mine_to_undo(
    web: ServedApp, nl_tab: Page
) -> None:
    added = web.mutate(
        "addMember",
        "AddMemberInput",
        {"clientId": WIDOW_ID, "name": "Kees Bos", "ring": "INFORMAL", "relationship": "buurman"},
    )
    assert added["__typename"] == "NetworkChange"
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, WIDOW)
    history = nl_tab.get_by_role("region", name="Wijzigingen")
    newest = history.locator(".history-item").first
    expect(newest).to_contain_text("Kees Bos")
    expect(newest).not_to_contain_text("(u)")
    expect(newest).not_to_contain_text("person-")
    expect(history.get_by_role("button", name=re.compile("ongedaan"))).to_have_count(0)


def test_in_english_the_history_speaks_english(web: ServedApp, tab: Page) -> None:
    added = web.mutate(
        "addMember",
        "AddMemberInput",
        {
            "clientId": WIDOW_ID,
            "personId": "person-history-en",
            "name": "Kees Bos",
            "ring": "INFORMAL",
            "relationship": "neighbour",
        },
    )
    assert added["__typename"] == "NetworkChange"
    sign_in_as_nurse(tab, web)
    open_client(tab, WIDOW)
    newest = tab.get_by_role("region", name="Changes").locator(".history-item").first
    expect(newest).to_contain_text("Kees Bos added (informal)")
    expect(newest).not_to_contain_text("toegevoegd")
