"""Afdrukken voor de zorgmap: één A4 liggend per cliënt, leesbaar in zwart-wit,
met de telefoonnummers van de mensen in het netwerk."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, ViewportSize, expect

from .served_app import ServedApp
from .signing_in import open_client, sign_in_dutch

DAUGHTER_ID = "client-000002"
DAUGHTER = "Hendrik Wolters"
# A4 landscape less the print stylesheet's margins (9 mm, 10 mm), in CSS pixels.
A4_LANDSCAPE: ViewportSize = {"width": 1047, "height": 725}


def test_one_landscape_page_with_the_phone_numbers(
    web: ServedApp, nl_tab: Page, artifacts: Path
) -> None:
    members = [
        m
        for m in web.client(DAUGHTER_ID, "members { id displayName ring }")["members"]
        if m["ring"] == "INFORMAL"
    ]
    with_phone = []
    for i, member in enumerate(members):
        contact = f"06-1234567{i}"
        changed = web.mutate(
            "updateMember",
            "UpdateMemberInput",
            {"clientId": DAUGHTER_ID, "personId": member["id"], "contact": contact},
        )
        assert changed["__typename"] == "NetworkChange", changed
        with_phone.append({**member, "contact": contact})
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, DAUGHTER)
    nl_tab.set_viewport_size(A4_LANDSCAPE)
    nl_tab.emulate_media(media="print")
    nl_tab.wait_for_timeout(300)

    expect(nl_tab.locator("svg.onion")).to_be_visible()
    for member in with_phone:
        expect(nl_tab.locator(".person-item", has_text=member["displayName"])).to_contain_text(
            member["contact"]
        )
    expect(nl_tab.locator(".print-only").first).to_contain_text("Afgedrukt")
    nl_tab.screenshot(path=str(artifacts / "nl-client-print.png"), full_page=True)
    # Everything on one page.
    height = nl_tab.evaluate("document.documentElement.scrollHeight")
    assert height <= A4_LANDSCAPE["height"], height
    # The legend is drawn (strokes and shapes), not background colours that
    # printing without backgrounds would drop.
    assert nl_tab.locator(".legend svg").count() >= 7

    pdf = artifacts / "nl-client-print.pdf"
    nl_tab.pdf(path=str(pdf), prefer_css_page_size=True, print_background=False)
    pages = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf.read_bytes())
    assert pages and int(pages[0]) == 1, pages
    nl_tab.screenshot(path=str(artifacts / "nl-client-print.png"), full_page=True)
