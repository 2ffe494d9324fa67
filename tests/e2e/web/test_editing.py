"""Every change a nurse makes goes through GraphQL and is drawn at once."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .served_app import ServedApp
from .signing_in import open_client, sign_in_as_nurse

WIDOW = "client-000001"


def test_a_need_from_search_to_resolved(web: ServedApp, tab: Page) -> None:
    sign_in_as_nurse(tab, web)
    open_client(tab, "Geertruida Bakker")
    onion = tab.locator("svg.onion")

    tab.get_by_role("button", name="Add a need").click()
    dialog = tab.get_by_role("dialog")
    dialog.get_by_label("Search").fill("xyz")
    expect(dialog).to_contain_text("No Omaha problem matches “xyz”")
    dialog.get_by_label("Search").fill("pai")
    expect(dialog.get_by_role("radio")).to_have_count(1)
    dialog.get_by_label("Pain").check()
    dialog.get_by_role("button", name="Add need").click()
    expect(dialog).to_have_count(0)
    pain = onion.locator("g.need", has_text="Pain")
    expect(pain).to_have_class("need need--uncovered")
    expect(tab.locator(".gap-list")).to_contain_text("Nobody helps Geertruida Bakker with Pain.")

    tab.get_by_role("button", name="Who helps with Pain", exact=True).click()
    dialog.get_by_label("Person").select_option(label="Mariska Dijkstra (primary nurse)")
    dialog.get_by_label("Kind of help").select_option("NURSING")
    dialog.get_by_label("Hours a week").fill("1.5")
    dialog.get_by_role("button", name="Save").click()
    expect(pain).not_to_have_class("need need--uncovered")
    expect(tab.locator(".gap-list")).not_to_contain_text(
        "Nobody helps Geertruida Bakker with Pain."
    )
    expect(tab.locator(".need-item", has_text="Pain")).to_contain_text("Mariska Dijkstra")

    tab.get_by_role("button", name="Rate Pain").click()
    dialog.get_by_role("group", name="Knowledge").get_by_label("2").check()
    dialog.get_by_role("group", name="Status").get_by_label("4").check()
    dialog.get_by_role("button", name="Save ratings").click()
    expect(tab.locator(".need-item", has_text="Pain")).to_contain_text(
        "Knowledge 2 · Behaviour \N{EN DASH} · Status 4"
    )

    tab.get_by_role("button", name="Stop: Mariska Dijkstra no longer helps with Pain").click()
    dialog.get_by_role("button", name="Stop this help").click()
    expect(pain).to_have_class("need need--uncovered")

    tab.get_by_role("button", name="Mark Pain as resolved").click()
    dialog.get_by_role("button", name="Mark as resolved").click()
    expect(pain).to_have_count(0)
    expect(tab.locator("details.resolved")).to_contain_text("Pain")

    needs = web.client(WIDOW, "needs { displayName status latestRatings { knowledge { value } } }")
    pain_now = next(n for n in needs["needs"] if n["displayName"] == "Pain")
    assert pain_now["status"] == "RESOLVED"
    assert pain_now["latestRatings"]["knowledge"]["value"] == 2


def test_a_person_changed_and_removed(web: ServedApp, tab: Page) -> None:
    sign_in_as_nurse(tab, web)
    open_client(tab, "Geertruida Bakker")

    tab.get_by_role("button", name="Change Ingrid Bakker").click()
    dialog = tab.get_by_role("dialog")
    expect(dialog.get_by_label("Relationship to the client")).to_have_value("niece")
    dialog.get_by_label("Phone or e-mail").fill("06-12345678")
    dialog.get_by_label("In touch with the client").select_option("WEEKLY")
    dialog.get_by_label("How close").select_option("3")
    dialog.get_by_role("button", name="Save changes").click()
    item = tab.locator(".person-item", has_text="Ingrid Bakker")
    expect(item).to_contain_text("06-12345678 · in touch weekly, very close")
    # Now in close contact, she is no longer isolated.
    expect(tab.locator('[data-gap-kind="ISOLATED_CLIENT"]')).to_contain_text("Isolated")

    members = web.client(WIDOW, "members { displayName contact contactFrequency closeness role }")
    ingrid = next(m for m in members["members"] if m["displayName"] == "Ingrid Bakker")
    assert ingrid == {
        "displayName": "Ingrid Bakker",
        "contact": "06-12345678",
        "contactFrequency": "WEEKLY",
        "closeness": 3,
        "role": "contact person",
    }

    tab.get_by_role("button", name="Remove Ingrid Bakker").click()
    tab.get_by_role("dialog").get_by_role("button", name="Remove").click()
    expect(tab.locator("svg.onion g.person", has_text="Ingrid Bakker")).to_have_count(0)
    expect(tab.locator(".person-item", has_text="Ingrid Bakker")).to_have_count(0)
    names = {m["displayName"] for m in web.client(WIDOW, "members { displayName }")["members"]}
    assert "Ingrid Bakker" not in names


def test_a_nurse_of_the_team_joins_the_team_ring(web: ServedApp, tab: Page) -> None:
    sign_in_as_nurse(tab, web)
    open_client(tab, "Geertruida Bakker")
    tab.get_by_role("button", name="Add a person", exact=True).click()
    dialog = tab.get_by_role("dialog")
    dialog.get_by_label("Team (the nurses of the team)").check()
    expect(dialog.get_by_label("Name")).to_be_hidden()
    dialog.get_by_label("Nurse of the team").select_option("person-0001-nurse-03")
    dialog.get_by_role("button", name="Add to the onion").click()
    expect(tab.locator("svg.onion g.person--team", has_text="Niels van der Wal")).to_be_visible()
    members = web.client(WIDOW, "members { id ring }")["members"]
    assert {"id": "person-0001-nurse-03", "ring": "TEAM"} in members
