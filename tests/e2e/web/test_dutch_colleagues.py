"""Twee verpleegkundigen tegelijk: de pagina ververst zichzelf als een
collega het netwerk verandert en zegt in woorden wat er veranderde; opslaan
bij iemand die net verwijderd is noemt haar bij naam, nooit met een id."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .served_app import ServedApp
from .signing_in import open_client, sign_in_dutch

DAUGHTER_ID = "client-000002"
DAUGHTER = "Hendrik Wolters"
# The page asks for the version every 5 s; a colleague's change shows within this.
SOON = 15_000


def test_a_colleagues_change_shows_in_words(web: ServedApp, nl_tab: Page) -> None:
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, DAUGHTER)
    added = web.mutate(
        "addMember",
        "AddMemberInput",
        {
            "clientId": DAUGHTER_ID,
            "personId": "person-colleague-1",
            "name": "Ria Smit",
            "ring": "INFORMAL",
            "relationship": "buurvrouw",
        },
    )
    assert added["__typename"] == "NetworkChange"
    expect(nl_tab.locator("svg.onion g.person", has_text="Ria Smit")).to_be_visible(timeout=SOON)
    expect(nl_tab.locator("#toast")).to_contain_text(
        "Een collega heeft dit netwerk veranderd: Ria Smit is toegevoegd"
    )
    expect(nl_tab.locator("#toast")).not_to_contain_text("person-")


def test_saving_a_person_a_colleague_removed_names_her(web: ServedApp, nl_tab: Page) -> None:
    members = web.client(DAUGHTER_ID, "members { id displayName ring }")["members"]
    gone = next(
        m for m in members if m["ring"] == "INFORMAL" and m["displayName"] != "Marieke Wolters"
    )
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, DAUGHTER)
    nl_tab.get_by_role("button", name=f"{gone['displayName']} wijzigen").click()
    dialog = nl_tab.get_by_role("dialog")
    dialog.get_by_label("Telefoon of e-mail").fill("06-11112222")

    removed = web.mutate(
        "removeMember", "RemoveMemberInput", {"clientId": DAUGHTER_ID, "personId": gone["id"]}
    )
    assert removed["__typename"] == "NetworkChange"
    # The page behind the dialog is refreshed and says who went.
    expect(nl_tab.locator("#toast")).to_contain_text(
        f"{gone['displayName']} is verwijderd", timeout=SOON
    )
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Wijzigingen opslaan").click()
    # Saving cannot help: the dialog closes and the message names her.
    expect(dialog).to_have_count(0)
    toast = nl_tab.locator("#toast")
    expect(toast).to_contain_text(f"{gone['displayName']} staat niet meer in het netwerk")
    expect(toast).not_to_contain_text("person-")
    expect(toast).not_to_contain_text("not found")
    expect(nl_tab.locator(".person-item", has_text=gone["displayName"])).to_have_count(0)
