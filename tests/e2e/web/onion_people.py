"""People in the onion for the browser tests: a crowd added behind the page's
back, and where each person is drawn around the client."""

from __future__ import annotations

from playwright.sync_api import Page

from .served_app import ServedApp

# Where each person is around the client: the angle, in degrees, of her dot
# about the middle of the onion (the drawing may grow or shrink as a whole).
PLACES = """() => {
  const middle = document.querySelector("svg.onion .zone").getBoundingClientRect();
  const cx = middle.x + middle.width / 2;
  const cy = middle.y + middle.height / 2;
  return Object.fromEntries([...document.querySelectorAll("svg.onion g.person")].map((g) => {
    const r = g.querySelector(".dot").getBoundingClientRect();
    const x = r.x + r.width / 2 - cx;
    const y = r.y + r.height / 2 - cy;
    return [g.dataset.nodeId, (Math.atan2(y, x) * 180) / Math.PI];
  }));
}"""


def places(tab: Page) -> dict[str, float]:
    found: dict[str, float] = tab.evaluate(PLACES)
    return found


def turned(before: dict[str, float], after: dict[str, float]) -> dict[str, tuple[int, int]]:
    """Who was drawn before and has turned more than 15 degrees about the client."""
    return {
        person: (round(before[person]), round(after[person]))
        for person in before
        if abs((after[person] - before[person] + 180) % 360 - 180) > 15
    }


def add_crowd(web: ServedApp, client_id: str, crowd: list[tuple[str, str, str]]) -> None:
    """Each (ring, name, relationship or role) added to the client's network."""
    for i, (ring, name, relationship) in enumerate(crowd):
        added = web.mutate(
            "addMember",
            "AddMemberInput",
            {
                "clientId": client_id,
                "personId": f"person-crowd-{i}",
                "name": name,
                "ring": ring,
                "relationship": relationship if ring == "INFORMAL" else None,
                "role": relationship if ring == "FORMAL" else None,
            },
        )
        assert added["__typename"] == "NetworkChange"
