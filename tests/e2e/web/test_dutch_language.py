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


DAUGHTER_ID = "client-000002"
DAUGHTER = "Hendrik Wolters"
MONTHS_NL = (
    r"(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
)
MONTHS_EN = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
)


def test_the_language_changes_in_place(web: ServedApp, nl_tab: Page) -> None:
    # A colleague's change, so that the history has a date to show.
    added = web.mutate(
        "addMember",
        "AddMemberInput",
        {
            "clientId": DAUGHTER_ID,
            "name": "Ria Smit",
            "ring": "INFORMAL",
            "relationship": "buurvrouw",
        },
    )
    assert added["__typename"] == "NetworkChange"
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, DAUGHTER)
    html = nl_tab.locator("html")
    history = nl_tab.get_by_role("region", name="Wijzigingen")
    expect(history.locator(".history-item").first).to_contain_text(re.compile(MONTHS_NL))
    # The nurse is down at the needs; the page is not loaded again.
    nl_tab.locator(".need-list").scroll_into_view_if_needed()
    nl_tab.evaluate("window.__notReloaded = true")
    where = nl_tab.evaluate("window.scrollY")
    assert where > 200

    # From the keyboard, so that nothing scrolls up to the switch first.
    nl_tab.evaluate("document.querySelector('.language').focus({ preventScroll: true })")
    nl_tab.keyboard.press("Enter")
    expect(html).to_have_attribute("lang", "en")
    expect(
        nl_tab.get_by_role("heading", name=re.compile(r"^Gaps in support \(\d+\)$"))
    ).to_be_visible()
    expect(nl_tab.get_by_role("heading", name=re.compile(r"^Needs \(\d+\)$"))).to_be_visible()
    expect(
        nl_tab.get_by_role("region", name="Changes").locator(".history-item").first
    ).to_contain_text(re.compile(MONTHS_EN))
    expect(nl_tab.locator("svg.onion .band-title").first).to_have_text("INFORMAL NETWORK")
    # The gaps in the service's own English, the needs by their English names.
    for gap in web.client(DAUGHTER_ID, "gaps { explanation }")["gaps"]:
        expect(nl_tab.locator(".gap-list")).to_contain_text(gap["explanation"])
    expect(nl_tab.locator(".need-list")).to_contain_text("Nutrition")
    assert nl_tab.evaluate("window.__notReloaded") is True
    assert abs(nl_tab.evaluate("window.scrollY") - where) < 250
    # Focus stays on the switch, now offering the way back.
    assert nl_tab.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Taal: Nederlands"
    )

    nl_tab.keyboard.press("Enter")
    expect(html).to_have_attribute("lang", "nl")
    expect(nl_tab.get_by_role("heading", name=re.compile(r"^Knelpunten \(\d+\)$"))).to_be_visible()
    expect(nl_tab.locator(".need-list")).to_contain_text("Voeding")
    expect(nl_tab.locator(".gap-list")).to_contain_text("Alleen Marieke Wolters helpt bij Voeding")
    assert nl_tab.evaluate("window.__notReloaded") is True


def test_what_is_typed_is_kept_when_the_language_changes(web: ServedApp, nl_tab: Page) -> None:
    sign_in_dutch(nl_tab, web)
    nl_tab.get_by_role("link", name="Nieuwe cliënt aanmelden").click()
    expect(nl_tab.get_by_role("heading", level=1)).to_have_text("Nieuwe cliënt aanmelden")
    nl_tab.get_by_label("Naam").fill("Jantje Brouwer")
    nl_tab.evaluate("window.__notReloaded = true")
    nl_tab.get_by_role("button", name="Language: English").click()
    expect(nl_tab.get_by_role("heading", level=1)).to_have_text("Admit a new client")
    expect(nl_tab.get_by_label("Name")).to_have_value("Jantje Brouwer")
    assert nl_tab.evaluate("window.__notReloaded") is True


def test_every_gap_is_explained_in_dutch(web: ServedApp, nl_tab: Page) -> None:
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, DAUGHTER)
    gaps = nl_tab.locator(".gap-list")
    # What the service says in English about her overloaded daughter, in
    # Dutch with the same facts: the hours a week and the needs.
    expect(gaps).to_contain_text(
        re.compile(
            r"Marieke Wolters geeft Hendrik Wolters [\d,]+ uur per week hulp bij "
            r"(één hulpvraag|\d+ hulpvragen); dat is meer dan vol te houden\."
        )
    )
    for gap in web.client(DAUGHTER_ID, "gaps { explanation }")["gaps"]:
        expect(gaps).not_to_contain_text(gap["explanation"])
    expect(gaps).not_to_contain_text(re.compile(r"\b(Only|Nobody|hours|helps)\b"))
