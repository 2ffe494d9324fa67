"""Nederlands eerst: de pagina spreekt de taal van de browser, is om te
zetten naar Engels (en terug), en zoekt Omaha-problemen in beide talen."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .served_app import ServedApp
from .signing_in import open_client, sign_in_dutch

WIDOW = "Geertruida Bakker"


def test_a_dutch_browser_gets_dutch_and_can_switch(web: ServedApp, nl_tab: Page) -> None:
    sign_in_dutch(nl_tab, web)
    html = nl_tab.locator("html")
    expect(html).to_have_attribute("lang", "nl")
    expect(nl_tab.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Cliënten van "))
    expect(nl_tab.get_by_role("columnheader", name="Knelpunten")).to_be_visible()
    expect(nl_tab.get_by_label("Zoek een cliënt op naam")).to_be_visible()

    nl_tab.get_by_role("button", name="Language: English").click()
    expect(html).to_have_attribute("lang", "en")
    expect(nl_tab.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Clients of "))
    # The choice is kept: a new visit stays in English.
    nl_tab.reload()
    expect(html).to_have_attribute("lang", "en")
    expect(nl_tab.get_by_role("columnheader", name="Gaps in support")).to_be_visible()

    nl_tab.get_by_role("button", name="Taal: Nederlands").click()
    expect(html).to_have_attribute("lang", "nl")
    expect(nl_tab.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Cliënten van "))


def test_the_client_page_in_dutch(web: ServedApp, nl_tab: Page) -> None:
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, WIDOW)
    expect(nl_tab.get_by_role("heading", name=re.compile(r"^Knelpunten \(\d+\)$"))).to_be_visible()
    expect(nl_tab.get_by_role("heading", name=re.compile(r"^Hulpvragen \(\d+\)$"))).to_be_visible()
    expect(nl_tab.locator(".client-header .meta").first).to_contain_text(" jaar")
    expect(nl_tab.locator(".legend")).to_contain_text("Informeel netwerk")
    # A gap says what it means in Dutch, with names, not the service's English.
    gaps = nl_tab.locator(".gap-list")
    expect(gaps).to_contain_text("Niemand helpt Geertruida Bakker bij")
    expect(gaps).not_to_contain_text("Nobody helps")
    # Needs are Omaha problems by their Dutch names.
    expect(nl_tab.locator(".need-list")).not_to_contain_text("Social contact")
    # The date on paper is written out in Dutch.
    printed = nl_tab.locator(".print-only.meta").text_content() or ""
    assert re.search(
        r"Afgedrukt \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|"
        r"oktober|november|december) \d{4}",
        printed,
    ), printed


def test_omaha_problems_are_found_by_dutch_words(web: ServedApp, nl_tab: Page) -> None:
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, WIDOW)
    nl_tab.get_by_role("button", name="Hulpvraag toevoegen").click()
    dialog = nl_tab.get_by_role("dialog")
    search = dialog.get_by_label("Zoeken")
    for word, found in (
        ("voeding", "Voeding"),
        ("medicatie", "Medicatieregime"),
        ("boodschappen", "Voeding"),
    ):
        search.fill(word)
        expect(dialog.get_by_role("status")).to_contain_text(f"bij “{word}”")
        expect(dialog.locator(".omaha-results")).to_contain_text(found)
    search.fill("pijn")
    expect(dialog.locator(".omaha-results")).to_contain_text("Pijn")
    dialog.get_by_label(re.compile("^22 Pijn")).check()
    dialog.get_by_role("button", name="Hulpvraag toevoegen").click()
    expect(dialog).to_have_count(0)
    expect(nl_tab.locator("svg.onion g.need", has_text="Pijn")).to_have_count(1)
    expect(nl_tab.locator("#toast")).to_contain_text("De hulpvraag Pijn is toegevoegd")
    expect(nl_tab.locator(".gap-list")).to_contain_text("Niemand helpt Geertruida Bakker bij Pijn.")
