"""Een wijkverpleegkundige die de pagina nooit zag, op een tablet (768x1024,
aanraakscherm), in het Nederlands: zij meldt een cliënt aan en brengt het
eerste huisbezoek in kaart (de dochter die twee keer per week boodschappen
doet, de buurman die dagelijks even langskomt, de huisarts en de apotheker
uit het adresboek, één hulpvraag met haar helper, één score). Elke tik,
keuze en elk ingetypt veld telt als één handeling; het aantal wordt
gemeld en mag niet stilletjes groeien."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, Playwright, expect

from .conftest import CHROMIUM, CHROMIUM_ARGS, TABLET, screenshots, watched_tab
from .served_app import ServedApp
from .signing_in import sign_in_dutch

DASH = " \N{EN DASH} "
# The first visit took 61 interactions when the issue was written; 33 now.
MOST = 33


@pytest.fixture
def touch_tablet(driver: Playwright, tmp_path: Path) -> Iterator[BrowserContext]:
    """Chromium as a Dutch tablet: 768x1024, a touch screen."""
    context = driver.chromium.launch_persistent_context(
        tmp_path / "chromium-profile-tablet",
        executable_path=CHROMIUM,
        headless=True,
        args=[*CHROMIUM_ARGS, "--lang=nl-NL"],
        viewport=TABLET,
        has_touch=True,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def tablet_tab(touch_tablet: BrowserContext) -> Iterator[Page]:
    yield from watched_tab(touch_tablet)


class Nurse:
    """Her hands on the tablet: every tap, choice and typed field counted."""

    def __init__(self) -> None:
        self.count = 0
        self.steps: list[str] = []

    def _did(self, what: str) -> None:
        self.count += 1
        self.steps.append(what)

    def tap(self, target: Locator, what: str) -> None:
        target.tap()
        self._did(f"tik {what}")

    def type(self, target: Locator, text: str) -> None:
        target.fill(text)
        self._did(f"typ {text}")

    def choose(self, target: Locator, **option: Any) -> None:
        target.select_option(**option)
        self._did(f"kies {option}")


def test_a_first_visit_on_a_tablet(web: ServedApp, tablet_tab: Page, artifacts: Path) -> None:
    shot: Callable[[str], Path] = screenshots(tablet_tab, artifacts, "nl-walkthrough-")
    tab = tablet_tab
    sign_in_dutch(tab, web)
    nurse = Nurse()

    # Admit her: name, birth date, address, neighbourhood, GP from the directory.
    nurse.tap(tab.get_by_role("link", name="Nieuwe cliënt aanmelden"), "aanmelden")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Nieuwe cliënt aanmelden")
    nurse.type(tab.get_by_label("Naam"), "Johanna Visser")
    nurse.type(tab.get_by_label("Geboortedatum"), "1938-04-12")
    nurse.type(tab.get_by_label("Woonadres"), "Dorpsstraat 1, 7607 AB Almelo")
    nurse.type(tab.get_by_label("Wijk"), "Bloemenbuurt")
    gp = tab.get_by_role("group", name=re.compile("^Huisarts"))
    nurse.type(gp.get_by_role("searchbox"), "Broek")
    nurse.tap(gp.get_by_label(re.compile("Charlotte van den Broek")), "de huisarts")
    shot("admit")
    nurse.tap(tab.get_by_role("button", name="Aanmelden en netwerk in kaart brengen"), "opslaan")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Johanna Visser")
    client_id = tab.url.rsplit("/", 1)[-1]
    expect(tab.locator("svg.onion g.person", has_text="Charlotte")).to_have_count(1)

    # One need: groceries, found by the Dutch word.
    nurse.tap(tab.get_by_role("button", name="Hulpvraag toevoegen"), "hulpvraag")
    dialog = tab.get_by_role("dialog")
    nurse.type(dialog.get_by_label("Zoeken"), "boodschappen")
    nurse.tap(dialog.get_by_label(re.compile("^35 Voeding")), "Voeding")
    nurse.tap(dialog.get_by_role("button", name="Hulpvraag toevoegen"), "toevoegen")
    expect(dialog).to_have_count(0)

    # The daughter who shops twice a week, with her help, in one dialog.
    nurse.tap(tab.get_by_role("button", name="Persoon toevoegen", exact=True), "persoon")
    dialog = tab.get_by_role("dialog")
    nurse.type(dialog.get_by_label("Naam"), "Anja Visser")
    nurse.type(dialog.get_by_label("Relatie tot de cliënt"), "dochter")
    nurse.choose(dialog.get_by_label("Hulpvraag"), label="Voeding")
    nurse.choose(dialog.get_by_label("Soort hulp"), value="HOUSEHOLD")
    nurse.choose(dialog.get_by_label("Hoe vaak"), value="SEVERAL_TIMES_A_WEEK")
    nurse.type(dialog.get_by_label("Uren per week"), "2")
    shot("daughter")
    nurse.tap(dialog.get_by_role("button", name="Toevoegen aan het netwerk"), "toevoegen")
    expect(dialog).to_have_count(0)

    # The neighbour who looks in daily.
    nurse.tap(tab.get_by_role("button", name="Persoon toevoegen", exact=True), "persoon")
    dialog = tab.get_by_role("dialog")
    nurse.type(dialog.get_by_label("Naam"), "Kees Bos")
    nurse.type(dialog.get_by_label("Relatie tot de cliënt"), "buurman")
    nurse.choose(dialog.get_by_label("Contact met de cliënt"), value="DAILY")
    nurse.tap(dialog.get_by_role("button", name="Toevoegen aan het netwerk"), "toevoegen")
    expect(dialog).to_have_count(0)

    # The pharmacist, from the directory.
    nurse.tap(tab.get_by_role("button", name="Persoon toevoegen", exact=True), "persoon")
    dialog = tab.get_by_role("dialog")
    nurse.tap(dialog.get_by_label(re.compile("^Formeel netwerk")), "formeel")
    nurse.type(dialog.get_by_label("Zoek in het adresboek"), "apotheker")
    nurse.tap(dialog.get_by_label(re.compile("Kim van den Brink")), "de apotheker")
    nurse.tap(dialog.get_by_role("button", name="Toevoegen aan het netwerk"), "toevoegen")
    expect(dialog).to_have_count(0)

    # One rating, with the words of its level.
    nurse.tap(tab.get_by_role("button", name="Voeding scoren"), "scoren")
    dialog = tab.get_by_role("dialog")
    knowledge = dialog.get_by_role("group", name=re.compile("^Kennis"))
    nurse.tap(knowledge.get_by_label(re.compile(f"^3{DASH}")), "kennis 3")
    nurse.tap(dialog.get_by_role("button", name="Scores opslaan"), "opslaan")
    expect(dialog).to_have_count(0)
    shot("done")
    # Roles from the directory in Dutch, as a Dutch nurse says them.
    expect(tab.locator("svg.onion g.person", has_text="Kim van den Brink")).to_contain_text(
        "apotheker"
    )
    expect(tab.locator(".person-item", has_text="Charlotte van den Broek")).to_contain_text(
        "huisarts"
    )

    stored: dict[str, Any] = web.client(
        client_id,
        "members { id displayName ring } needs { displayName supporters { supporter { id } "
        "hoursPerWeek frequency } ratings { dimension value } }",
    )
    names = {m["displayName"] for m in stored["members"]}
    assert {"Anja Visser", "Kees Bos", "Charlotte van den Broek", "Kim van den Brink"} <= names
    # The directory's own people, not new ones with the same names.
    ids = {m["displayName"]: m["id"] for m in stored["members"]}
    assert ids["Charlotte van den Broek"] == "person-0001-gp-1"
    assert ids["Kim van den Brink"] == "person-0001-pharmacist-1"
    (need,) = stored["needs"]
    (help_,) = need["supporters"]
    assert help_["supporter"]["id"] == ids["Anja Visser"]
    assert help_["hoursPerWeek"] == 2.0 and help_["frequency"] == "SEVERAL_TIMES_A_WEEK"
    assert {"dimension": "KNOWLEDGE", "value": 3} in need["ratings"]

    print(f"first visit on a tablet: {nurse.count} interactions: {nurse.steps}")
    assert nurse.count <= MOST, nurse.steps
