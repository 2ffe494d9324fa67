"""Getting a nurse signed in, the two ways the page offers."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .served_app import ServedApp


def sign_in_with_token(page: Page, web: ServedApp, token: str) -> None:
    page.goto(f"{web.base_url}/")
    page.get_by_label("Access token").fill(token)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Clients")


def sign_in_as_nurse(page: Page, web: ServedApp) -> None:
    """The usual way in for a test: the default nurse, by a pasted token."""
    sign_in_with_token(page, web, web.nurse_token())


def sign_in_dutch(page: Page, web: ServedApp) -> None:
    """The default nurse, in a browser that speaks Dutch."""
    page.goto(f"{web.base_url}/")
    page.get_by_label("Toegangscode").fill(web.nurse_token())
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cliënten")


def open_client(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
