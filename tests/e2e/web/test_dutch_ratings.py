"""Scores in woorden: de rating-dialoog zegt wat elk niveau van Kennis, Gedrag
en Status betekent; bij elke hulpvraag staat het verloop van de scores; de
sterkte van het netwerk wordt in woorden uitgelegd."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .served_app import ServedApp
from .signing_in import open_client, sign_in_dutch

WIDOW_ID = "client-000001"
WIDOW = "Geertruida Bakker"
DASH = " \N{EN DASH} "


def test_ratings_in_words_and_their_course(web: ServedApp, nl_tab: Page) -> None:
    widow = web.client(WIDOW_ID, "needs { id displayName status problem { nameNl } }")
    need = next(n for n in widow["needs"] if n["status"] == "ACTIVE")
    name = need["problem"]["nameNl"]
    # An earlier rating, by a colleague months ago.
    earlier = web.mutate(
        "recordRating",
        "RecordRatingInput",
        {
            "clientId": WIDOW_ID,
            "needId": need["id"],
            "dimension": "KNOWLEDGE",
            "value": 2,
            "effective": "2026-03-12",
        },
    )
    assert earlier["__typename"] == "NetworkChange"

    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, WIDOW)
    nl_tab.get_by_role("button", name=f"{name} scoren").click()
    dialog = nl_tab.get_by_role("dialog")
    knowledge = dialog.get_by_role("group", name=re.compile("^Kennis"))
    # Every level says what it means, not only a number.
    labels = knowledge.locator("label").all_text_contents()
    assert len(labels) == 6, labels
    assert all(re.match(rf"^\d{DASH}\w", label) for label in labels[1:]), labels
    expect(knowledge).to_contain_text("laatst: 2 op 12 maart 2026")
    knowledge.get_by_label(re.compile(f"^4{DASH}")).check()
    dialog.get_by_role("button", name="Scores opslaan").click()
    expect(dialog).to_have_count(0)

    item = nl_tab.locator(".need-item", has_text=name).locator(".rating-words")
    expect(item).to_contain_text(f"Kennis 4{DASH}")
    # Oldest first, ending with the colleague's 2 and today's 4.
    expect(item.locator("[data-dimension=KNOWLEDGE]")).to_contain_text(
        re.compile(r"2 → 4 sinds \d{1,2} [a-z]+ \d{4}: (beter|gelijk|slechter)\)")
    )

    glance = nl_tab.get_by_role("region", name="In één oogopslag")
    glance.get_by_text("Wat betekent dit?").click()
    expect(glance).to_contain_text("De sterkte van het netwerk (0-100) zegt")
