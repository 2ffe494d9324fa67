"""Een volle ui (meer dan twintig mensen) blijft leesbaar: alle tekst van de
ui minstens 12 px, geen tekst over andere tekst op 1280x800, 1024x768 en
768x1024, en de mensen houden hun plek na een wijziging."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from .conftest import LAPTOP, TABLET
from .onion_people import add_crowd, places, turned
from .served_app import ServedApp
from .signing_in import open_client, sign_in_dutch

DAUGHTER = "Hendrik Wolters"
CLIENT = "client-000002"
SMALL_LAPTOP: ViewportSize = {"width": 1024, "height": 768}
SIZES = (LAPTOP, SMALL_LAPTOP, TABLET)

CROWD = [
    ("INFORMAL", "Annemarie Wolters-de Groot", "schoondochter"),
    ("INFORMAL", "Joost Wolters", "kleinzoon"),
    ("INFORMAL", "Fatima Yilmaz", "buurvrouw"),
    ("INFORMAL", "Gerrit Mulder", "vriend"),
    ("INFORMAL", "Henny Mulder", "vriendin"),
    ("INFORMAL", "Sjaak van den Heuvel", "vrijwilliger"),
    ("INFORMAL", "Truus Bosman", "buurvrouw"),
    ("INFORMAL", "Wim Kuipers", "kerkgenoot"),
    ("INFORMAL", "Anouk Wolters", "kleindochter"),
    ("FORMAL", "Ellen Hoekstra", "fysiotherapeut"),
    ("FORMAL", "Mohamed Amrani", "maatschappelijk werker"),
    ("FORMAL", "Ineke de Ruiter", "ergotherapeut"),
    ("FORMAL", "Bram Visser", "diëtist"),
    ("FORMAL", "Yvonne Dekker", "casemanager dementie"),
    ("FORMAL", "Peter de Wit", "thuiszorgtechnologie"),
    ("FORMAL", "Karin Smit", "specialist ouderengeneeskunde"),
]

# Every text of the onion, as shown: its font size in CSS pixels and its box.
TEXTS = """() => {
  const svg = document.querySelector("svg.onion");
  const scale = svg.getScreenCTM().a;
  return [...svg.querySelectorAll("text")]
    .filter((t) => t.textContent.trim() !== "" && getComputedStyle(t).display !== "none")
    .map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
               x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
    });
}"""


# The onion drawn for the width it has now (it is drawn again after a resize).
DRAWN_FOR_ITS_ROOM = """() => {
  const svg = document.querySelector("svg.onion");
  return svg !== null &&
    svg.dataset.roomWidth === String(Math.round(svg.getBoundingClientRect().width));
}"""


def resize(tab: Page, size: ViewportSize) -> None:
    tab.set_viewport_size(size)
    tab.wait_for_timeout(300)
    tab.wait_for_function(DRAWN_FOR_ITS_ROOM)


def texts(tab: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = tab.evaluate(TEXTS)
    return found


def small_texts(shown: list[dict[str, Any]]) -> list[tuple[str, float]]:
    return [(t["text"], round(t["px"], 1)) for t in shown if t["px"] < 11.95]


def overlapping(shown: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Every pair of texts whose boxes cover each other (half a pixel spared)."""

    def hit(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return (
            a["x0"] < b["x1"] - 0.5
            and b["x0"] < a["x1"] - 0.5
            and a["y0"] < b["y1"] - 0.5
            and b["y0"] < a["y1"] - 0.5
        )

    return [
        (a["text"], b["text"]) for i, a in enumerate(shown) for b in shown[i + 1 :] if hit(a, b)
    ]


@pytest.fixture
def crowded(web: ServedApp) -> ServedApp:
    """Hendrik Wolters with his six and sixteen more: 22 people around him."""
    add_crowd(web, CLIENT, CROWD)
    return web


def test_a_crowded_onion_is_readable_at_three_sizes(
    crowded: ServedApp, nl_tab: Page, nl_screenshot: Callable[[str], Path]
) -> None:
    sign_in_dutch(nl_tab, crowded)
    open_client(nl_tab, DAUGHTER)
    expect(nl_tab.locator("svg.onion g.person")).to_have_count(6 + len(CROWD))
    for size in SIZES:
        resize(nl_tab, size)
        nl_screenshot(f"crowded-{size['width']}x{size['height']}")
        shown = texts(nl_tab)
        assert len(shown) >= 22, size
        assert small_texts(shown) == [], size
        assert overlapping(shown) == [], size


def test_a_crowded_onion_keeps_everyones_place(crowded: ServedApp, nl_tab: Page) -> None:
    nl_tab.set_viewport_size(TABLET)
    sign_in_dutch(nl_tab, crowded)
    open_client(nl_tab, DAUGHTER)
    nl_tab.wait_for_function(DRAWN_FOR_ITS_ROOM)
    before = places(nl_tab)
    assert len(before) == 6 + len(CROWD)
    nl_tab.get_by_role("button", name="Persoon toevoegen", exact=True).click()
    dialog = nl_tab.get_by_role("dialog")
    dialog.get_by_label("Naam").fill("Lotte Jansen")
    dialog.get_by_label("Relatie tot de cliënt").fill("buurmeisje")
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(nl_tab.locator("svg.onion g.person")).to_have_count(7 + len(CROWD))
    after = places(nl_tab)
    assert turned(before, after) == {}
    shown = texts(nl_tab)
    assert small_texts(shown) == []
    assert overlapping(shown) == []
