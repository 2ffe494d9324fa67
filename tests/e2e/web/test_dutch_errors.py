"""Een geweigerde wijziging in het Nederlands: de dienst geeft een reden als
code, de pagina zegt die in woorden van de verpleegkundige, zonder de Engelse
tekst van de dienst; een reden die de pagina niet kent wordt als reden van de
dienst genoemd, met diens eigen woorden."""

from __future__ import annotations

import json

from playwright.sync_api import Page, Route, expect

from .served_app import ServedApp
from .signing_in import open_client, sign_in_dutch

OVERLOADED = "Hendrik Wolters"  # a client with needs, to say who helps with one


def test_a_refused_name_is_said_in_dutch(web: ServedApp, nl_tab: Page) -> None:
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, "Geertruida Bakker")
    nl_tab.get_by_role("button", name="Persoon toevoegen", exact=True).click()
    dialog = nl_tab.get_by_role("dialog")
    alert = dialog.get_by_role("alert")

    # A control character only the service refuses (code control-characters).
    dialog.get_by_label("Naam").fill("Kees\u0007")
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(alert).to_have_text(
        "Kijk na wat u invulde (naam): er staan onzichtbare stuurtekens in (zoals een tab "
        "of een regeleinde, vaak meegekopieerd uit een andere tekst). Typ het opnieuw in."
    )
    expect(dialog.get_by_label("Naam")).to_have_value("Kees\u0007")

    # Too long (code too-long, with the most characters the service takes).
    dialog.get_by_label("Naam").fill("K" * 501)
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(alert).to_have_text(
        "Kijk na wat u invulde (naam): dit mag hoogstens 500 tekens lang zijn."
    )
    for english in ("must", "control characters", "longer than", "De dienst gaf"):
        expect(alert).not_to_contain_text(english)

    # Put right, the same dialog adds her.
    dialog.get_by_label("Naam").fill("Kees de Vries")
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(dialog).to_have_count(0)
    expect(nl_tab.locator("#toast")).to_contain_text("Kees de Vries")


def test_help_beyond_a_week_names_the_bounds_in_dutch(web: ServedApp, nl_tab: Page) -> None:
    """168 hours and 30 minutes: each field takes it, the week does not (out-of-range)."""
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, OVERLOADED)
    nl_tab.get_by_role("button", name="Persoon toevoegen", exact=True).click()
    dialog = nl_tab.get_by_role("dialog")
    dialog.get_by_label("Naam").fill("Anja Visser")
    dialog.get_by_label("Hulpvraag").select_option(index=1)
    dialog.get_by_label("Uren per week").fill("168")
    dialog.get_by_label("Minuten per week").fill("30")
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    alert = dialog.get_by_role("alert")
    expect(alert).to_have_text(
        "Kijk na wat u invulde (uren per week): dit moet tussen 0 en 168 liggen."
    )
    expect(alert).not_to_contain_text("hours a week")


def test_a_reason_the_page_does_not_know_is_the_services(web: ServedApp, nl_tab: Page) -> None:
    """A code of a newer service, or none: said as the service's reason, its
    words quoted, so that nothing is hidden."""
    sign_in_dutch(nl_tab, web)
    open_client(nl_tab, "Geertruida Bakker")
    refusals = iter(
        [
            {"code": "a-reason-of-tomorrow", "message": "is not allowed on Sundays"},
            {"code": None, "message": "is not what it should be"},
        ]
    )

    def refuse(route: Route) -> None:
        if "mutation" not in (route.request.post_data or ""):
            route.continue_()
            return
        result = {
            "__typename": "ValidationError",
            "field": "person.name",
            "minimum": None,
            "maximum": None,
            **next(refusals),
        }
        route.fulfill(
            status=200,
            content_type="application/json",
            body=json.dumps({"data": {"result": result}}),
        )

    nl_tab.route("**/graphql", refuse)
    nl_tab.get_by_role("button", name="Persoon toevoegen", exact=True).click()
    dialog = nl_tab.get_by_role("dialog")
    alert = dialog.get_by_role("alert")
    dialog.get_by_label("Naam").fill("Kees de Vries")
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(alert).to_have_text(
        "Kijk na wat u invulde (naam). "
        "De dienst gaf deze reden (in het Engels): “is not allowed on Sundays”"
    )
    dialog.get_by_role("button", name="Toevoegen aan het netwerk").click()
    expect(alert).to_have_text(
        "Kijk na wat u invulde (naam). "
        "De dienst gaf deze reden (in het Engels): “is not what it should be”"
    )
