"""What goes wrong is said in words, with a way on; never a blank page."""

from __future__ import annotations

import json

from playwright.sync_api import Page, Route, expect

from .served_app import ServedApp
from .signing_in import open_client, sign_in_as_nurse


def test_an_unreachable_service(web: ServedApp, tab: Page) -> None:
    sign_in_as_nurse(tab, web)
    tab.route("**/graphql", lambda route: route.abort())
    tab.get_by_role("link", name="Geertruida Bakker").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Something went wrong")
    expect(tab.get_by_role("alert")).to_contain_text("cannot be reached")

    tab.unroute("**/graphql")
    tab.get_by_role("button", name="Try again").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Geertruida Bakker")


def test_a_graphql_error(web: ServedApp, tab: Page) -> None:
    sign_in_as_nurse(tab, web)

    def broken(route: Route) -> None:
        route.fulfill(
            status=200,
            content_type="application/json",
            body=json.dumps({"data": None, "errors": [{"message": "Unexpected error."}]}),
        )

    tab.route("**/graphql", broken)
    tab.get_by_role("link", name="Geertruida Bakker").click()
    expect(tab.get_by_role("alert")).to_contain_text(
        "The service could not answer: Unexpected error."
    )


def test_a_refused_change_is_said_in_the_dialog(web: ServedApp, tab: Page) -> None:
    sign_in_as_nurse(tab, web)
    open_client(tab, "Geertruida Bakker")
    tab.get_by_role("button", name="Add a person", exact=True).click()
    dialog = tab.get_by_role("dialog")
    # Only spaces: the browser asks for a name before anything is sent.
    dialog.get_by_label("Name").fill("   ")
    dialog.get_by_role("button", name="Add to the onion").click()
    assert not dialog.get_by_label("Name").evaluate("input => input.validity.valid")
    # A control character only the service refuses: its reason, in the dialog.
    dialog.get_by_label("Name").fill("Kees\u0007")
    dialog.get_by_role("button", name="Add to the onion").click()
    expect(dialog.get_by_role("alert")).to_contain_text("Please check what you entered")
    expect(dialog.get_by_role("alert")).to_contain_text("must not contain control characters")
    expect(dialog.get_by_label("Name")).to_have_value("Kees\u0007")


def test_a_client_that_is_not_there(web: ServedApp, tab: Page) -> None:
    sign_in_as_nurse(tab, web)
    tab.goto(f"{web.base_url}/#/clients/client-999999")
    expect(tab.get_by_role("alert")).to_contain_text("This client cannot be found")
    tab.get_by_role("link", name="Back to all clients").click()
    expect(tab.locator("table.clients tbody tr")).to_have_count(45)
