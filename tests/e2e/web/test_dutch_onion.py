"""Een duidelijke ui: geen tekst over elkaar op 1280x800, 1024x768 en
768x1024, tekst van minstens 12 px, elke vorm met het toetsenbord bereikbaar
en met een naam voor een schermlezer, mensen houden hun plek na een wijziging,
op een tablet eerst de knelpunten en knoppen van minstens 44 px."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, ViewportSize, expect

from .conftest import LAPTOP, TABLET
from .keyboard import focused_name
from .onion_people import places, turned
from .served_app import ServedApp
from .signing_in import open_client, sign_in_dutch

DAUGHTER = "Hendrik Wolters"  # een overbelaste dochter: een volle ui met knelpunten
SMALL_LAPTOP: ViewportSize = {"width": 1024, "height": 768}

# Text of the onion drawn over other text: people's words over each other, over
# a ring title or over a need's label.
COVERED_TEXT = """() => {
  const box = (e) => e.getBoundingClientRect();
  const hit = (a, b) =>
    a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
    a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const people = [...document.querySelectorAll("svg.onion g.person")].map((g) => ({
    name: g.querySelector("title").textContent,
    rects: [...g.querySelectorAll("text:not(.initials)")].map(box),
  }));
  const others = [
    ...[...document.querySelectorAll("svg.onion .band-title")].map((t) => ({
      name: t.textContent, rect: box(t) })),
    ...[...document.querySelectorAll("svg.onion g.need")].map((g) => ({
      name: g.querySelector(".need-label").textContent, rect: box(g.querySelector("rect")) })),
  ];
  const found = [];
  people.forEach((p, i) => {
    people.slice(i + 1).forEach((q) => {
      if (p.rects.some((a) => q.rects.some((b) => hit(a, b)))) found.push(`${p.name} / ${q.name}`);
    });
    others.forEach((o) => {
      if (p.rects.some((a) => hit(a, o.rect))) found.push(`${p.name} / ${o.name}`);
    });
  });
  return found;
}"""

# The smallest text of the onion as shown, in CSS pixels.
SMALLEST_TEXT = """() => {
  const svg = document.querySelector("svg.onion");
  const scale = svg.getScreenCTM().a;
  return Math.min(...[...svg.querySelectorAll("text")].map(
    (t) => parseFloat(getComputedStyle(t).fontSize) * scale));
}"""


def covered(tab: Page) -> list[str]:
    found: list[str] = tab.evaluate(COVERED_TEXT)
    return found


def smallest_text(tab: Page) -> float:
    size: float = tab.evaluate(SMALLEST_TEXT)
    return size


def test_readable_at_three_sizes(
    web: ServedApp, nl_tab: Page, nl_screenshot: Callable[[str], Path]
) -> None:
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, DAUGHTER)
    for size in (LAPTOP, SMALL_LAPTOP, TABLET):
        nl_tab.set_viewport_size(size)
        # The onion is drawn again for the room it has.
        nl_tab.wait_for_timeout(400)
        assert covered(nl_tab) == [], size
        assert smallest_text(nl_tab) >= 11.95, size
        nl_screenshot(f"client-{size['width']}x{size['height']}")


def test_every_shape_is_reached_and_named(web: ServedApp, nl_tab: Page) -> None:
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, DAUGHTER)
    people = nl_tab.locator("svg.onion g.person")
    needs = nl_tab.locator("svg.onion g.need")
    expect(people.first).to_be_visible()
    shapes = people.count() + needs.count()
    names: list[str] = []
    nl_tab.get_by_role("heading", level=1).focus()
    for _ in range(shapes):
        nl_tab.keyboard.press("Tab")
        names.append(focused_name(nl_tab))
    # Every need and every person, in turn, each named in words.
    assert sum(name.startswith("Hulpvraag: ") for name in names) == needs.count(), names
    marieke = next(name for name in names if name.startswith("Marieke Wolters"))
    assert "Informeel netwerk" in marieke and "helpt bij" in marieke, marieke
    assert "Mantelzorger overbelast" in marieke, marieke

    shape = nl_tab.get_by_role("button", name=marieke)
    shape.focus()
    nl_tab.keyboard.press("Enter")
    dialog = nl_tab.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("Over Marieke Wolters")
    expect(dialog).to_contain_text("Informeel netwerk")
    # First who she is; changing is one step further.
    dialog.get_by_role("button", name="Wijzigen").click()
    expect(nl_tab.get_by_role("dialog").get_by_role("heading")).to_have_text(
        "Marieke Wolters wijzigen"
    )
    expect(nl_tab.get_by_role("dialog").get_by_label("Naam")).to_have_value("Marieke Wolters")


def test_people_keep_their_places_after_an_edit(web: ServedApp, nl_tab: Page) -> None:
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, DAUGHTER)
    before = places(nl_tab)
    nl_tab.get_by_role("button", name="Persoon toevoegen", exact=True).click()
    dialog = nl_tab.get_by_role("dialog")
    dialog.get_by_label("Naam").fill("Fatima Yilmaz")
    dialog.get_by_label("Relatie tot de cliënt").fill("buurvrouw")
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(nl_tab.locator("svg.onion g.person", has_text="Fatima Yilmaz")).to_be_visible()
    after = places(nl_tab)
    assert turned(before, after) == {}
    assert len(after) == len(before) + 1


def test_on_a_tablet(web: ServedApp, nl_tab: Page, nl_screenshot: Callable[[str], Path]) -> None:
    nl_tab.set_viewport_size(TABLET)
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, DAUGHTER)
    # What to act on comes first: the gaps above the onion.
    gaps = nl_tab.locator("section.gaps").bounding_box()
    onion = nl_tab.locator("svg.onion").bounding_box()
    assert gaps is not None and onion is not None
    assert gaps["y"] + gaps["height"] <= onion["y"]
    # Every button is large enough for a finger.
    small = nl_tab.evaluate(
        """() => [...document.querySelectorAll("main button, main a.button")]
             .filter((b) => b.offsetParent !== null)
             .map((b) => [b.textContent.trim(), b.getBoundingClientRect().height])
             .filter(([, height]) => height < 44)"""
    )
    assert small == [], small
    people = nl_tab.locator("svg.onion g.person .hit")
    for i in range(people.count()):
        box = people.nth(i).bounding_box()
        assert box is not None and box["width"] >= 44, box
    nl_screenshot("tablet-gaps-first")
    # A tap on a person shows who she is, not a form.
    nl_tab.locator("svg.onion g.person", has_text="Marieke Wolters").click()
    dialog = nl_tab.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("Over Marieke Wolters")
    expect(dialog.locator("input[name=name]")).to_have_count(0)
    nl_screenshot("tablet-about-a-person")


def test_the_legend_says_what_each_mark_means(web: ServedApp, nl_tab: Page) -> None:
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, DAUGHTER)
    legend = nl_tab.locator(".legend")
    expect(legend).to_contain_text("maar één persoon bij helpt")
    expect(legend).to_contain_text("alles rust op haar")
    expect(legend).to_contain_text("zij draagt te veel")
    # The mark of "one helper" and of "everything rests on one person" differ.
    single = nl_tab.evaluate(
        """() => getComputedStyle(document.querySelector(".key-need--single")).strokeDasharray"""
    )
    rests = nl_tab.evaluate(
        """() => getComputedStyle(document.querySelector(".key-halo--rests")).strokeDasharray"""
    )
    assert single != rests
    # The three rings differ in lightness, not only in hue.
    lightness = nl_tab.evaluate(
        """() => ["informal", "team", "formal"].map((ring) => {
          const [r, g, b] = getComputedStyle(document.querySelector(`.key-dot--${ring}`))
            .fill.match(/\\d+/g).map(Number);
          return (Math.max(r, g, b) + Math.min(r, g, b)) / 2 / 255;
        })"""
    )
    ordered = sorted(lightness)
    assert ordered[1] - ordered[0] >= 0.1 and ordered[2] - ordered[1] >= 0.1, lightness
