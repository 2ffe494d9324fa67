"""Moving through the page with the keyboard alone."""

from __future__ import annotations

from playwright.sync_api import Page

# The accessible name of whatever has focus, near enough for the tests: the
# aria-label, else the first label's text, else the element's own text.
ACTIVE_NAME = """() => {
  const e = document.activeElement;
  if (!e) return "";
  const label = e.labels && e.labels.length ? e.labels[0].textContent : null;
  return (e.getAttribute("aria-label") || label || e.textContent || "").trim();
}"""


def focused_name(page: Page) -> str:
    name: str = page.evaluate(ACTIVE_NAME)
    return name


def tab_to(page: Page, name: str, *, limit: int = 150) -> None:
    """Press Tab until the control called ``name`` has focus."""
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        current = focused_name(page)
        if current == name:
            return
        seen.append(current)
    raise AssertionError(f"{name!r} cannot be reached with Tab; went through {seen}")
