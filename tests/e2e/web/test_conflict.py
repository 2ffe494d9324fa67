"""A colleague changes the client between the page's load and its save: the
page says so, shows her change, keeps what the nurse typed, and the nurse's
change goes through when she saves again. Neither change is lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, Route, expect

from .served_app import ServedApp
from .signing_in import open_client, sign_in_as_nurse

WIDOW = "client-000001"
SOCIAL_CONTACT = "need-000001-06"


def test_a_colliding_change_is_shown_and_loses_nothing(
    web: ServedApp, tab: Page, screenshot: Callable[[str], Path]
) -> None:
    sign_in_as_nurse(tab, web)
    open_client(tab, "Geertruida Bakker")
    loaded = web.client(WIDOW, "version")["version"]

    tab.get_by_role("button", name="Add a person", exact=True).click()
    dialog = tab.get_by_role("dialog")
    dialog.get_by_label("Name").fill("Jan de Boer")
    dialog.get_by_label("Relationship to the client").fill("neighbour")
    dialog.get_by_label("Need").select_option(SOCIAL_CONTACT)
    dialog.get_by_label("Hours a week").fill("3")

    # Meanwhile a colleague records a need, against the same version.
    theirs = web.mutate(
        "addNeed",
        "AddNeedInput",
        {"clientId": WIDOW, "code": "21", "needId": "need-colleague", "expectedVersion": loaded},
    )
    assert theirs["__typename"] == "NetworkChange"

    dialog.get_by_role("button", name="Add to the onion").click()
    expect(dialog.get_by_role("alert")).to_contain_text("A colleague changed this client")
    # The latest network is drawn behind the dialog ...
    expect(tab.locator("svg.onion g.need", has_text="Cognition")).to_have_count(1)
    # ... and nothing the nurse typed is lost.
    expect(dialog.get_by_label("Name")).to_have_value("Jan de Boer")
    expect(dialog.get_by_label("Relationship to the client")).to_have_value("neighbour")
    expect(dialog.get_by_label("Need")).to_have_value(SOCIAL_CONTACT)
    expect(dialog.get_by_label("Hours a week")).to_have_value("3")
    screenshot("conflict-1280x800")
    assert "Jan de Boer" not in {
        m["displayName"] for m in web.client(WIDOW, "members { displayName }")["members"]
    }

    dialog.get_by_role("button", name="Add to the onion").click()
    expect(dialog).to_have_count(0)
    expect(tab.locator("svg.onion g.person", has_text="Jan de Boer")).to_be_visible()
    expect(tab.locator('[data-gap-kind="UNCOVERED_NEED"]')).not_to_contain_text("Social contact")

    after = web.client(
        WIDOW,
        "version members { id displayName } needs { id supporters { supporter { id } } }",
    )
    jans = [m for m in after["members"] if m["displayName"] == "Jan de Boer"]
    assert len(jans) == 1
    needs = {n["id"]: n for n in after["needs"]}
    assert "need-colleague" in needs
    assert {"supporter": {"id": jans[0]["id"]}} in needs[SOCIAL_CONTACT]["supporters"]
    # The colleague's need; Jan and his help, one change since they go in together.
    assert after["version"] == loaded + 2


def test_a_conflict_halfway_through_a_change_is_not_doubled(web: ServedApp, tab: Page) -> None:
    """A colleague's change came while the person and her help were on their
    way: saving again adds her and her help once, not a second person."""
    sign_in_as_nurse(tab, web)
    open_client(tab, "Geertruida Bakker")
    # The page's version goes stale while it sends: hold the addMember
    # request until a colleague has changed the client.
    held: list[str] = []

    def colleague_first(route: Route) -> None:
        body = route.request.post_data or ""
        if "addMember" in body and not held:
            held.append(body)
            version = web.client(WIDOW, "version")["version"]
            web.mutate(
                "updateMember",
                "UpdateMemberInput",
                {
                    "clientId": WIDOW,
                    "personId": "person-000001-01",
                    "contact": "06-98765432",
                    "expectedVersion": version,
                },
            )
        route.continue_()

    tab.route("**/graphql", colleague_first)
    tab.get_by_role("button", name="Add a person", exact=True).click()
    dialog = tab.get_by_role("dialog")
    dialog.get_by_label("Name").fill("Els Brouwer")
    dialog.get_by_label("Need").select_option(SOCIAL_CONTACT)
    dialog.get_by_role("button", name="Add to the onion").click()
    expect(dialog.get_by_role("alert")).to_contain_text("A colleague changed this client")
    assert held, "the page never asked for the help"
    expect(tab.locator(".person-item", has_text="Ingrid Bakker")).to_contain_text("06-98765432")

    dialog.get_by_role("button", name="Add to the onion").click()
    expect(dialog).to_have_count(0)
    after = web.client(
        WIDOW, "members { id displayName } needs { id supporters { supporter { id } } }"
    )
    els = [m for m in after["members"] if m["displayName"] == "Els Brouwer"]
    assert len(els) == 1
    social = next(n for n in after["needs"] if n["id"] == SOCIAL_CONTACT)
    assert {"supporter": {"id": els[0]["id"]}} in social["supporters"]


def test_saving_again_after_a_conflict_keeps_the_colleagues_fields(
    web: ServedApp, tab: Page
) -> None:
    """She changed one field of a person, a colleague others meanwhile: her
    second save sends her field only, so the colleague's phone number,
    contact and closeness stay (it sent every field, as the dialog had
    opened, and emptied them)."""
    sign_in_as_nurse(tab, web)
    open_client(tab, "Geertruida Bakker")
    loaded = web.client(WIDOW, "version")["version"]
    tab.get_by_role("button", name="Change Ingrid Bakker").click()
    dialog = tab.get_by_role("dialog")
    dialog.get_by_label("Relationship to the client").fill("niece (student)")

    theirs = web.mutate(
        "updateMember",
        "UpdateMemberInput",
        {
            "clientId": WIDOW,
            "personId": "person-000001-01",
            "contact": "06-11111111",
            "contactFrequency": "DAILY",
            "closeness": 3,
            "expectedVersion": loaded,
        },
    )
    assert theirs["__typename"] == "NetworkChange", theirs

    dialog.get_by_role("button", name="Save changes").click()
    expect(dialog.get_by_role("alert")).to_contain_text("A colleague changed this client")
    dialog.get_by_role("button", name="Save changes").click()
    expect(dialog).to_have_count(0)
    members = web.client(WIDOW, "members { id relationship contact contactFrequency closeness }")[
        "members"
    ]
    ingrid = next(m for m in members if m["id"] == "person-000001-01")
    assert ingrid == {
        "id": "person-000001-01",
        "relationship": "niece (student)",
        "contact": "06-11111111",
        "contactFrequency": "DAILY",
        "closeness": 3,
    }
