"""Signing in: a development pick from the demo team, a pasted token, and
words (not a blank page) when a token is refused or runs out."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from playwright.sync_api import Page, expect

from graphsvc.domain import Principal, Role
from graphsvc.services.tokens import TokenIssuer

from .served_app import COLLEAGUE, TEAM, ServedApp
from .signing_in import sign_in_with_token


def post_json(url: str, body: object) -> tuple[int, dict[str, object]]:
    return post_bytes(url, json.dumps(body).encode())


def post_bytes(url: str, body: bytes) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_dev_pick_signs_in_a_nurse_of_the_demo_team(web: ServedApp, tab: Page) -> None:
    tab.goto(f"{web.base_url}/")
    expect(tab.get_by_role("heading", name="Development: sign in as a nurse")).to_be_visible()
    expect(tab.get_by_label("Team")).to_have_value(TEAM)
    tab.get_by_label("Nurse").select_option(COLLEAGUE)
    tab.get_by_role("button", name="Sign in as this nurse").click()

    expect(tab.get_by_role("heading", level=1)).to_have_text("Clients of Team Almelo Bloemenbuurt")
    expect(tab.locator("#account")).to_contain_text("Kim van der Meer")
    me = tab.evaluate(
        """async () => {
          const token = sessionStorage.getItem("graphsvc.token");
          const answer = await fetch("/api/me", {headers: {Authorization: `Bearer ${token}`}});
          return answer.json();
        }"""
    )
    assert me == {"subject": COLLEAGUE, "role": "nurse", "teams": [TEAM], "scopes": []}


def test_a_pasted_token_signs_in_and_sign_out_forgets_it(web: ServedApp, tab: Page) -> None:
    sign_in_with_token(tab, web, "Bearer " + web.nurse_token())
    expect(tab.locator("#account")).to_contain_text("Mariska Dijkstra")
    expect(tab.locator("table.clients tbody tr")).to_have_count(45)

    tab.get_by_role("button", name="Sign out").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert tab.evaluate("sessionStorage.getItem('graphsvc.token')") is None


def test_a_refused_token_is_said_in_words(web: ServedApp, tab: Page) -> None:
    tab.goto(f"{web.base_url}/")
    tab.get_by_label("Access token").fill("not-a-token")
    tab.get_by_role("button", name="Sign in", exact=True).click()
    expect(tab.get_by_role("alert").first).to_contain_text("This token was not accepted")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_a_token_that_stops_working_leads_back_to_sign_in(web: ServedApp, tab: Page) -> None:
    sign_in_with_token(tab, web, web.nurse_token())
    stranger = TokenIssuer(b"k" * 32).mint(Principal(Role.NURSE, "someone", frozenset({TEAM})))
    tab.evaluate("t => sessionStorage.setItem('graphsvc.token', t)", stranger)
    tab.get_by_role("link", name="Geertruida Bakker").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(tab.get_by_role("alert").first).to_contain_text("no longer valid")


def test_the_dev_sign_in_checks_the_nurse(web: ServedApp) -> None:
    url = f"{web.base_url}/api/web/dev/token"
    status, body = post_json(url, {"team": TEAM, "nurse": "client-000001"})
    assert status == 404 and "not a nurse" in str(body["message"])
    status, body = post_json(url, {"team": "team-9999", "nurse": COLLEAGUE})
    assert status == 404
    status, body = post_json(url, {"nurse": COLLEAGUE})
    assert status == 422
    status, body = post_json(url, {"team": TEAM, "nurse": COLLEAGUE})
    assert status == 200 and web.issuer.verify(str(body["token"])).subject == COLLEAGUE


def test_a_sign_in_body_that_is_not_a_json_object_is_a_400_that_says_what(
    web: ServedApp,
) -> None:
    url = f"{web.base_url}/api/web/dev/token"
    for body, says in [
        (b"[" * 4000, "not JSON"),
        (b"{", "line 1, column 2"),
        (b"\xff", "UTF-8"),
        (b"[1]", "JSON object"),
    ]:
        status, answer = post_bytes(url, body)
        assert status == 400 and says in str(answer["message"]), (body[:10], answer)
    status, answer = post_bytes(url, b'{"pad": "' + b"x" * 5000 + b'"}')
    assert status == 413 and "4096 bytes" in str(answer["message"])


def test_no_dev_sign_in_outside_development(production_web: ServedApp, tab: Page) -> None:
    web = production_web
    assert web.get("/api/web/dev/nurses")[0] == 404
    status, _ = post_json(f"{web.base_url}/api/web/dev/token", {"team": TEAM, "nurse": COLLEAGUE})
    assert status == 404

    tab.goto(f"{web.base_url}/")
    expect(tab.get_by_label("Access token")).to_be_visible()
    expect(tab.get_by_text("Development: sign in as a nurse")).to_have_count(0)
