"""Een nieuwe cliënt aanmelden en haar eerste huisbezoek in kaart brengen, in
het Nederlands op een tablet: hulpvraag, dochter die twee keer per week
boodschappen doet, buurman die dagelijks tien minuten langskomt."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import TABLET
from .served_app import ServedApp
from .signing_in import sign_in_dutch


def test_admit_and_map_the_first_visit(
    web: ServedApp, nl_tab: Page, nl_screenshot: Callable[[str], Path]
) -> None:
    nl_tab.set_viewport_size(TABLET)
    sign_in_dutch(nl_tab, web)
    nl_tab.get_by_role("link", name="Nieuwe cliënt aanmelden").click()
    expect(nl_tab.get_by_role("heading", level=1)).to_have_text("Nieuwe cliënt aanmelden")
    nl_tab.get_by_label("Naam").fill("Johanna Visser")
    nl_tab.get_by_label("Geboortedatum").fill("1938-04-12")
    nl_tab.get_by_label("Woonadres").fill("Dorpsstraat 1, 7607 AB Almelo")
    nl_tab.get_by_label("Wijk").fill("Bloemenbuurt")
    nl_screenshot("admit-768x1024")
    nl_tab.get_by_role("button", name="Aanmelden en netwerk in kaart brengen").click()

    expect(nl_tab.get_by_role("heading", level=1)).to_have_text("Johanna Visser")
    expect(nl_tab.locator("#toast")).to_contain_text("Johanna Visser is aangemeld")
    expect(nl_tab.locator(".client-header .meta").first).to_contain_text(
        re.compile(r"Bloemenbuurt · \d+ jaar")
    )
    client_id = nl_tab.url.rsplit("/", 1)[-1]

    # The need: groceries are an Omaha problem of nutrition.
    nl_tab.get_by_role("button", name="Hulpvraag toevoegen").click()
    dialog = nl_tab.get_by_role("dialog")
    dialog.get_by_label("Zoeken").fill("boodschappen")
    dialog.get_by_label(re.compile("^35 Voeding")).check()
    dialog.get_by_role("button", name="Hulpvraag toevoegen").click()
    expect(dialog).to_have_count(0)

    # The daughter and the help she gives, in one dialog.
    nl_tab.get_by_role("button", name="Persoon toevoegen", exact=True).click()
    dialog = nl_tab.get_by_role("dialog")
    dialog.get_by_label("Naam").fill("Anja Visser")
    dialog.get_by_label("Relatie tot de cliënt").fill("dochter")
    dialog.get_by_label("Contact met de cliënt").select_option("SEVERAL_TIMES_A_WEEK")
    dialog.get_by_label("Telefoon of e-mail").fill("06-12345678")
    dialog.get_by_label("Hulpvraag").select_option(label="Voeding")
    dialog.get_by_label("Soort hulp").select_option("HOUSEHOLD")
    dialog.get_by_label("Hoe vaak").select_option("SEVERAL_TIMES_A_WEEK")
    dialog.get_by_label("Uren per week").fill("2")
    dialog.get_by_label("Minuten per week").fill("0")
    nl_screenshot("first-visit-daughter")
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(dialog).to_have_count(0)

    # The neighbour who looks in daily: ten minutes a week, not a quarter hour.
    nl_tab.get_by_role("button", name="Persoon toevoegen", exact=True).click()
    dialog = nl_tab.get_by_role("dialog")
    dialog.get_by_label("Naam").fill("Kees Bos")
    dialog.get_by_label("Relatie tot de cliënt").fill("buurman")
    dialog.get_by_label("Contact met de cliënt").select_option("DAILY")
    dialog.get_by_label("Hulpvraag").select_option(label="Voeding")
    dialog.get_by_label("Soort hulp").select_option("EMOTIONAL")
    dialog.get_by_label("Uren per week").fill("0")
    dialog.get_by_label("Minuten per week").fill("10")
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(dialog).to_have_count(0)

    need = nl_tab.locator(".need-item", has_text="Voeding")
    expect(need).to_contain_text("Anja Visser")
    expect(need).to_contain_text("2 uur per week")
    expect(need).to_contain_text("Kees Bos")
    expect(need).to_contain_text("10 min per week")
    nl_screenshot("first-visit-done")

    stored = web.client(
        client_id,
        "name neighbourhood needs { code supporters { supporter { id } hoursPerWeek } } "
        "members { id displayName }",
    )
    assert stored["name"] == "Johanna Visser"
    names = {m["id"]: m["displayName"] for m in stored["members"]}
    hours = {
        names[s["supporter"]["id"]]: s["hoursPerWeek"] for s in stored["needs"][0]["supporters"]
    }
    assert hours["Anja Visser"] == 2.0
    assert abs(hours["Kees Bos"] - 10 / 60) < 0.001


def test_a_gp_not_in_the_directory_is_said_and_not_offered_as_someone_new(
    web: ServedApp, nl_tab: Page
) -> None:
    """A new client's GP comes from the directory only: finding nobody says
    so and what to do, and choosing nobody means no GP yet (it offered to
    type her in as someone new, showed no field and dropped her)."""
    sign_in_dutch(nl_tab, web)
    nl_tab.get_by_role("link", name="Nieuwe cliënt aanmelden").click()
    directory = nl_tab.locator("fieldset.directory")
    directory.get_by_label("Zoek in het adresboek").fill("Dr. Zeldzaam")
    expect(directory).to_contain_text("Geen huisarts in het adresboek past bij “Dr. Zeldzaam”")
    expect(directory).to_contain_text("zonder huisarts")
    expect(directory.get_by_label("Nog geen huisarts")).to_be_checked()
    expect(directory).not_to_contain_text("iemand nieuw")
    expect(directory).not_to_contain_text("apotheek")
