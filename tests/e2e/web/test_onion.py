"""The onion: the client with her needs, the three rings, who helps with
what, and the gaps drawn where they are with their explanation beside."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .served_app import ServedApp
from .signing_in import open_client, sign_in_as_nurse

WIDOW = "client-000001"
SUPPORT = """id name members { id displayName ring }
  needs { id displayName status supporters { supporter { id } hoursPerWeek kind frequency status } }
  gaps { kind severity explanation subjects { id } }
  strength { score networkType }"""


def test_the_widow_s_onion_shows_her_gaps_where_they_are(web: ServedApp, tab: Page) -> None:
    widow = web.client(WIDOW, SUPPORT)
    sign_in_as_nurse(tab, web)
    open_client(tab, widow["name"])
    onion = tab.locator("svg.onion")

    uncovered = next(g for g in widow["gaps"] if g["kind"] == "UNCOVERED_NEED")
    need = next(n for n in widow["needs"] if n["id"] == uncovered["subjects"][0]["id"])
    expect(onion.locator("g.need--uncovered")).to_have_count(1)
    expect(onion.locator("g.need--uncovered")).to_contain_text(need["displayName"])
    expect(tab.locator(".gap-list")).to_contain_text(uncovered["explanation"])
    for gap in widow["gaps"]:
        expect(tab.locator(".gap-list")).to_contain_text(gap["explanation"])

    for ring in ("informal", "team", "formal"):
        members = [m for m in widow["members"] if m["ring"] == ring.upper()]
        expect(onion.locator(f"g.person--{ring}")).to_have_count(len(members))
    for member in widow["members"]:
        expect(onion.locator("g.person", has_text=member["displayName"])).to_have_count(1)
    ties = [
        t
        for n in widow["needs"]
        if n["status"] == "ACTIVE"
        for t in n["supporters"]
        if t["status"] == "ACTIVE"
    ]
    expect(onion.locator("line.tie")).to_have_count(len(ties))

    glance = tab.get_by_role("region", name="At a glance")
    expect(glance).to_contain_text(str(round(widow["strength"]["score"])))
    expect(glance).to_contain_text("Private restricted")


def test_an_overloaded_daughter_is_marked(web: ServedApp, tab: Page) -> None:
    client = web.client("client-000002", SUPPORT)
    overload = next(g for g in client["gaps"] if g["kind"] == "OVERLOADED_CARER")
    sign_in_as_nurse(tab, web)
    open_client(tab, client["name"])

    marked = tab.locator("svg.onion g.person.mark-high")
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text("Marieke Wolters")
    expect(marked).to_contain_text("overloaded")
    expect(tab.locator('[data-gap-kind="OVERLOADED_CARER"]')).to_contain_text(
        overload["explanation"]
    )
    # Her needs are not drawn as gaps of their own: they all have help.
    expect(tab.locator("svg.onion g.need--uncovered")).to_have_count(0)


def test_a_neighbour_who_helps_closes_the_gap(web: ServedApp, tab: Page) -> None:
    widow = web.client(WIDOW, SUPPORT)
    uncovered = next(g for g in widow["gaps"] if g["kind"] == "UNCOVERED_NEED")
    need = next(n for n in widow["needs"] if n["id"] == uncovered["subjects"][0]["id"])
    sign_in_as_nurse(tab, web)
    open_client(tab, widow["name"])

    tab.get_by_role("button", name=f"Add someone who helps with {need['displayName']}").click()
    dialog = tab.get_by_role("dialog")
    dialog.get_by_label("Name").fill("Ria Smit")
    dialog.get_by_label("Relationship to the client").fill("neighbour")
    dialog.get_by_label("In touch with the client").select_option("WEEKLY")
    dialog.get_by_label("How close").select_option("2")
    expect(dialog.get_by_label("Need")).to_have_value(need["id"])
    dialog.get_by_label("Kind of help").select_option("EMOTIONAL")
    dialog.get_by_label("How often").select_option("WEEKLY")
    dialog.get_by_label("Hours a week").fill("2")
    dialog.get_by_role("button", name="Add to the onion").click()

    expect(dialog).to_have_count(0)
    expect(tab.locator('[data-gap-kind="UNCOVERED_NEED"]')).to_have_count(0)
    expect(tab.locator("svg.onion g.need--uncovered")).to_have_count(0)
    expect(tab.locator("svg.onion g.person--informal", has_text="Ria Smit")).to_be_visible()
    expect(tab.locator("#toast")).to_contain_text("Ria Smit was added")

    after = web.client(WIDOW, SUPPORT)
    assert "UNCOVERED_NEED" not in {g["kind"] for g in after["gaps"]}
    ria = next(m for m in after["members"] if m["displayName"] == "Ria Smit")
    helped = next(n for n in after["needs"] if n["id"] == need["id"])
    assert {
        "supporter": {"id": ria["id"]},
        "hoursPerWeek": 2.0,
        "kind": "EMOTIONAL",
        "frequency": "WEEKLY",
        "status": "ACTIVE",
    } in helped["supporters"]
