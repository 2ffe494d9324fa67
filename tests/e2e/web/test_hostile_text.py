"""Names and words from the data are shown as text, never run as markup."""

from __future__ import annotations

from playwright.sync_api import Dialog, Page, expect

from .served_app import ServedApp
from .signing_in import open_client, sign_in_as_nurse

WIDOW = "client-000001"
HOSTILE = '<img src=x onerror="window.__owned=1"><script>window.__owned=2</script>Kees'


def test_a_hostile_name_is_shown_as_text(web: ServedApp, tab: Page) -> None:
    added = web.mutate(
        "addMember",
        "AddMemberInput",
        {
            "clientId": WIDOW,
            "personId": "person-hostile",
            "name": HOSTILE,
            "ring": "INFORMAL",
            "relationship": "<b>buurman</b>",
        },
    )
    assert added["__typename"] == "NetworkChange"
    linked = web.mutate(
        "linkSupporter",
        "LinkSupporterInput",
        {"clientId": WIDOW, "needId": "need-000001-06", "supporterId": "person-hostile"},
    )
    assert linked["__typename"] == "NetworkChange"
    alerts: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        alerts.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)

    sign_in_as_nurse(tab, web)
    open_client(tab, "Geertruida Bakker")
    item = tab.locator(".person-item", has_text="Kees")
    expect(item.locator("strong")).to_have_text(HOSTILE)
    expect(item).to_contain_text("<b>buurman</b>")
    # In the onion the name is cut short, but still as text.
    expect(tab.locator("svg.onion g.person", has_text="<img src=x")).to_have_count(1)
    expect(tab.locator(".gap-list")).to_contain_text(f"Only {HOSTILE} helps")

    # Typed into the page by a nurse, too.
    tab.get_by_role("button", name="Add a person", exact=True).click()
    dialog = tab.get_by_role("dialog")
    dialog.get_by_label("Name").fill("<script>alert('x')</script>")
    dialog.get_by_role("button", name="Add to the onion").click()
    expect(tab.locator(".person-item strong", has_text="alert('x')")).to_have_text(
        "<script>alert('x')</script>"
    )

    assert tab.evaluate("window.__owned") is None
    assert tab.locator("main img, main script, main b").count() == 0
    assert alerts == []
