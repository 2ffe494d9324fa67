"""How the page looks on a laptop, on a tablet and on paper. The screenshots
are kept under test-artifacts/web/ for a person to look at; the checks here
catch what a person would notice first: sideways scrolling, an onion cut off
or too small to read, controls on paper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import FloatRect, Page, ViewportSize, expect

from .conftest import LAPTOP, TABLET
from .onion_people import add_crowd
from .served_app import ServedApp
from .signing_in import open_client, sign_in_as_nurse

DAUGHTER = "Hendrik Wolters"  # an overloaded daughter: a full onion with a gap on a person

# The printable width of an A4 page with the print stylesheet's margins, in CSS pixels.
A4: ViewportSize = {"width": 703, "height": 1000}

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def onion_box(tab: Page) -> FloatRect:
    box = tab.locator("svg.onion").bounding_box()
    assert box is not None
    return box


# Pairs of people in the onion whose words are drawn over each other.
OVERLAPPING_LABELS = """() => {
  const people = [...document.querySelectorAll("svg.onion g.person")].map((g) => ({
    name: g.querySelector("title").textContent,
    rects: [...g.querySelectorAll("text:not(.initials)")].map((t) => t.getBoundingClientRect()),
  }));
  const hit = (a, b) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const found = [];
  people.forEach((p, i) =>
    people.slice(i + 1).forEach((q) => {
      if (p.rects.some((a) => q.rects.some((b) => hit(a, b)))) found.push(`${p.name} / ${q.name}`);
    }),
  );
  return found;
}"""


def labels_overlapping(tab: Page) -> list[str]:
    pairs: list[str] = tab.evaluate(OVERLAPPING_LABELS)
    return pairs


def test_laptop_and_tablet(web: ServedApp, tab: Page, screenshot: Callable[[str], Path]) -> None:
    tab.goto(f"{web.base_url}/")
    expect(tab.get_by_role("button", name="Sign in as this nurse")).to_be_visible()
    screenshot("sign-in-1280x800")
    sign_in_as_nurse(tab, web)
    assert tab.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot("clients-1280x800")
    open_client(tab, DAUGHTER)

    box = onion_box(tab)
    assert box["y"] + box["height"] <= LAPTOP["height"], "the onion runs off the screen"
    assert box["height"] >= 550, "the onion is too small to read"
    expect(tab.locator(".legend")).to_be_in_viewport()
    expect(tab.get_by_role("region", name="At a glance")).to_be_in_viewport()
    expect(tab.locator(".gap-list li").first).to_be_in_viewport()
    assert tab.evaluate(NO_SIDEWAYS_SCROLL)
    assert labels_overlapping(tab) == []
    screenshot("client-1280x800")

    tab.set_viewport_size(TABLET)
    box = onion_box(tab)
    assert box["width"] >= 700 and box["x"] >= 0
    assert tab.evaluate(NO_SIDEWAYS_SCROLL)
    assert labels_overlapping(tab) == []
    screenshot("client-768x1024")

    tab.get_by_role("button", name="Add a person", exact=True).click()
    expect(tab.get_by_role("dialog")).to_be_visible()
    assert tab.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot("add-person-768x1024")
    tab.keyboard.press("Escape")

    tab.get_by_role("link", name="All clients").click()
    expect(tab.locator("table.clients tbody tr")).to_have_count(45)
    assert tab.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot("clients-768x1024")


def test_print_for_the_home_visit_folder(web: ServedApp, tab: Page, artifacts: Path) -> None:
    sign_in_as_nurse(tab, web)
    open_client(tab, DAUGHTER)
    tab.set_viewport_size(A4)
    tab.emulate_media(media="print")

    expect(tab.locator("svg.onion")).to_be_visible()
    expect(tab.locator(".gap-list")).to_be_visible()
    expect(tab.locator(".person-list").first).to_be_visible()
    for hidden in (".app-bar", ".toolbar", ".crumbs"):
        expect(tab.locator(hidden)).to_be_hidden()
    expect(tab.get_by_role("button", name="Change Marieke Wolters")).to_be_hidden()
    expect(tab.locator(".print-only").first).to_be_visible()

    tab.screenshot(path=str(artifacts / "client-print.png"), full_page=True)
    tab.pdf(path=str(artifacts / "client-print.pdf"), format="A4", print_background=True)
    assert (artifacts / "client-print.pdf").stat().st_size > 10_000


CROWD = [
    ("INFORMAL", "Annemarie Wolters-de Groot", "daughter-in-law"),
    ("INFORMAL", "Joost Wolters", "grandson"),
    ("INFORMAL", "Fatima Yilmaz", "neighbour"),
    ("INFORMAL", "Gerrit Mulder", "friend"),
    ("INFORMAL", "Henny Mulder", "friend"),
    ("INFORMAL", "Sjaak van den Heuvel", "volunteer"),
    ("FORMAL", "Ellen Hoekstra", "physiotherapist"),
    ("FORMAL", "Mohamed Amrani", "social worker"),
    ("FORMAL", "Ineke de Ruiter", "occupational therapist"),
]


def test_a_crowded_onion_stays_readable(
    web: ServedApp, tab: Page, screenshot: Callable[[str], Path]
) -> None:
    add_crowd(web, "client-000002", CROWD)
    sign_in_as_nurse(tab, web)
    open_client(tab, DAUGHTER)
    expect(tab.locator("svg.onion g.person")).to_have_count(6 + len(CROWD))
    assert labels_overlapping(tab) == []
    assert onion_box(tab)["height"] >= 550
    screenshot("crowded-1280x800")
    tab.set_viewport_size(TABLET)
    assert labels_overlapping(tab) == []
    screenshot("crowded-768x1024")
