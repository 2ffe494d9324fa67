"""Het eerste huisbezoek vlot: een persoon met haar hulp en wie zij kent in
één dialoog, de huisarts uit het adresboek gekozen in plaats van opnieuw
ingetypt."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .served_app import ServedApp
from .signing_in import open_client, sign_in_dutch

WIDOW_ID = "client-000001"
WIDOW = "Geertruida Bakker"
DAUGHTER_ID = "client-000002"
DAUGHTER = "Hendrik Wolters"
PEOPLE = "members { id displayName ring role } knows { a { id } b { id } }"


def test_the_gp_is_picked_from_the_directory(web: ServedApp, nl_tab: Page) -> None:
    # Her GP left her network; he is still the team's GP, in the directory.
    widow = web.client(WIDOW_ID, PEOPLE)
    gp = next(m for m in widow["members"] if m["ring"] == "FORMAL" and "gp" in m["id"])
    removed = web.mutate(
        "removeMember", "RemoveMemberInput", {"clientId": WIDOW_ID, "personId": gp["id"]}
    )
    assert removed["__typename"] == "NetworkChange"
    surname = gp["displayName"].split()[-1]

    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, WIDOW)
    nl_tab.get_by_role("button", name="Persoon toevoegen", exact=True).click()
    dialog = nl_tab.get_by_role("dialog")
    dialog.get_by_label(re.compile("^Formeel netwerk")).check()
    dialog.get_by_label("Zoek in het adresboek").fill(surname)
    expect(dialog.get_by_role("status").filter(has_text="adresboek")).to_contain_text(surname)
    dialog.get_by_label(re.compile(re.escape(gp["displayName"]))).check()
    expect(dialog.get_by_label("Naam")).to_have_value(gp["displayName"])
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(dialog).to_have_count(0)

    after = web.client(WIDOW_ID, PEOPLE)
    # The same person, not a new one with the same name.
    assert gp["id"] in {m["id"] for m in after["members"]}
    assert [m["displayName"] for m in after["members"]].count(gp["displayName"]) == 1


def test_a_person_her_help_and_whom_she_knows_in_one_dialog(web: ServedApp, nl_tab: Page) -> None:
    before = web.client(WIDOW_ID, PEOPLE)
    neighbour = next(m for m in before["members"] if m["ring"] == "INFORMAL")
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, WIDOW)
    nl_tab.get_by_role("button", name="Persoon toevoegen", exact=True).click()
    dialog = nl_tab.get_by_role("dialog")
    dialog.get_by_label("Naam").fill("Wim Jansen")
    dialog.get_by_label("Relatie tot de cliënt").fill("buurman")
    dialog.get_by_label("Hulpvraag").select_option(index=1)
    dialog.get_by_label("Uren per week").fill("0")
    dialog.get_by_label("Minuten per week").fill("20")
    dialog.locator(".knows").get_by_label(neighbour["displayName"]).check()
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(dialog).to_have_count(0)

    after = web.client(WIDOW_ID, PEOPLE)
    wim = next(m for m in after["members"] if m["displayName"] == "Wim Jansen")
    pairs = {frozenset((k["a"]["id"], k["b"]["id"])) for k in after["knows"]}
    assert frozenset((wim["id"], neighbour["id"])) in pairs
    expect(nl_tab.locator(".person-item", has_text="Wim Jansen")).to_contain_text("Helpt bij")
    # Tapping him shows whom he knows.
    nl_tab.locator("svg.onion g.person", has_text="Wim Jansen").click()
    about = nl_tab.get_by_role("dialog")
    expect(about).to_contain_text("Kent")
    expect(about).to_contain_text(neighbour["displayName"])


def test_a_gp_typed_by_name_is_the_directorys_gp(web: ServedApp, nl_tab: Page) -> None:
    widow = web.client(WIDOW_ID, PEOPLE)
    gp = next(m for m in widow["members"] if m["ring"] == "FORMAL" and "gp" in m["id"])
    removed = web.mutate(
        "removeMember", "RemoveMemberInput", {"clientId": WIDOW_ID, "personId": gp["id"]}
    )
    assert removed["__typename"] == "NetworkChange"
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, WIDOW)
    nl_tab.get_by_role("button", name="Persoon toevoegen", exact=True).click()
    dialog = nl_tab.get_by_role("dialog")
    dialog.get_by_label(re.compile("^Formeel netwerk")).check()
    # She types his name instead of searching the directory.
    dialog.get_by_label("Naam").fill(gp["displayName"].upper())
    dialog.get_by_label("Functie").fill("huisarts")
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(dialog).to_have_count(0)
    after = web.client(WIDOW_ID, PEOPLE)
    assert gp["id"] in {m["id"] for m in after["members"]}
    assert len(after["members"]) == len(widow["members"])


def test_whom_someone_knows_is_recorded_from_her_card(web: ServedApp, nl_tab: Page) -> None:
    widow = web.client(WIDOW_ID, PEOPLE)
    informal = [m for m in widow["members"] if m["ring"] == "INFORMAL"]
    formal = [m for m in widow["members"] if m["ring"] == "FORMAL"]
    her, other = informal[0], formal[0]
    pairs = {frozenset((k["a"]["id"], k["b"]["id"])) for k in widow["knows"]}
    assert frozenset((her["id"], other["id"])) not in pairs
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, WIDOW)
    nl_tab.locator("svg.onion g.person", has_text=her["displayName"]).click()
    card = nl_tab.get_by_role("dialog")
    card.get_by_role("button", name="Wie kent zij…").click()
    dialog = nl_tab.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text(f"Wie kent {her['displayName']}?")
    dialog.get_by_label(other["displayName"]).check()
    dialog.get_by_role("button", name="Opslaan").click()
    expect(dialog).to_have_count(0)
    expect(nl_tab.locator("#toast")).to_contain_text(f"Wie {her['displayName']} kent")
    after = web.client(WIDOW_ID, PEOPLE)
    pairs = {frozenset((k["a"]["id"], k["b"]["id"])) for k in after["knows"]}
    assert frozenset((her["id"], other["id"])) in pairs
