"""The page with the keyboard alone: reach everything with Tab, act with
Enter, close dialogs with Escape, and always see where the focus is."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .keyboard import focused_name, tab_to
from .served_app import ServedApp
from .signing_in import sign_in_as_nurse

WIDOW = "client-000001"


def test_adding_a_person_with_the_keyboard_only(web: ServedApp, tab: Page) -> None:
    sign_in_as_nurse(tab, web)
    keys = tab.keyboard

    tab_to(tab, "Find a client by name")
    keys.type("Geertruida")
    tab_to(tab, "Geertruida Bakker")
    keys.press("Enter")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Geertruida Bakker")

    tab_to(tab, "Add a person")
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "the focused button shows no outline"
    keys.press("Enter")
    dialog = tab.get_by_role("dialog")
    expect(dialog).to_be_visible()
    assert focused_name(tab).startswith("Informal network")

    keys.press("Tab")
    assert focused_name(tab) == "Name (required)"
    keys.type("Bram Visser")
    tab_to(tab, "Relationship to the client")
    keys.type("friend")
    tab_to(tab, "In touch with the client")
    keys.press("ArrowDown")  # daily
    keys.press("ArrowDown")  # several times a week
    tab_to(tab, "Need")
    keys.press("ArrowDown")  # the first need
    tab_to(tab, "Hours a week")
    keys.press("Control+A")
    keys.type("4")
    keys.press("Enter")

    expect(dialog).to_have_count(0)
    expect(tab.locator("svg.onion g.person--informal", has_text="Bram Visser")).to_be_visible()
    # Focus goes back to where the nurse was.
    assert focused_name(tab) == "Add a person"

    members = web.client(WIDOW, "members { displayName relationship contactFrequency }")
    assert {
        "displayName": "Bram Visser",
        "relationship": "friend",
        "contactFrequency": "SEVERAL_TIMES_A_WEEK",
    } in members["members"]


def test_escape_closes_a_dialog_and_focus_returns(web: ServedApp, tab: Page) -> None:
    sign_in_as_nurse(tab, web)
    tab.goto(f"{web.base_url}/#/clients/{WIDOW}")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Geertruida Bakker")
    tab_to(tab, "Add a need")
    tab.keyboard.press("Enter")
    dialog = tab.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Search")).to_be_focused()
    tab.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    assert focused_name(tab) == "Add a need"
