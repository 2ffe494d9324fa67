"""Browser tests: the real app (uvicorn, embedded database, the demo
neighbourhood) and Debian's chromium, headless, driven by Playwright. Playwright
never fetches a browser of its own here."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    ViewportSize,
    sync_playwright,
)

from graphsvc.config import Settings
from graphsvc.seeding.codec import load_population

from ...conftest import seed
from .served_app import ServedApp, serve

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "seeds" / "demo-neighbourhood.json"
ARTIFACTS = ROOT / "test-artifacts" / "web"
CHROMIUM = Path(os.environ.get("GRAPHSVC_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LAPTOP: ViewportSize = {"width": 1280, "height": 800}
TABLET: ViewportSize = {"width": 768, "height": 1024}


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def serve_demo(settings: Settings) -> ServedApp:
    # Playwright's sync API keeps an event loop running on this thread, so
    # the seeding (asyncio.run) goes to a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(seed, settings, load_population(DEMO)).result()
    return serve(settings)


@pytest.fixture
def web(tmp_path: Path) -> Iterator[ServedApp]:
    """The app in development mode on a fresh copy of the demo neighbourhood."""
    app = serve_demo(Settings(data_dir=tmp_path / "data", dev=True))
    yield app
    app.stop()


@pytest.fixture
def production_web(tmp_path: Path) -> Iterator[ServedApp]:
    """The same, as in production: no development sign-in."""
    app = serve_demo(Settings(data_dir=tmp_path / "data", dev=False))
    yield app
    app.stop()


# Package scope, not session: Playwright's sync API keeps an event loop running
# in this thread while it is open, which the asyncio tests after it cannot share.
@pytest.fixture(scope="package")
def driver() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.fail(f"chromium is needed for the browser tests and is not at {CHROMIUM}")
    with sync_playwright() as playwright:
        yield playwright


def launch(driver: Playwright, profile: Path, locale: str) -> BrowserContext:
    context = driver.chromium.launch_persistent_context(
        profile,
        executable_path=CHROMIUM,
        headless=True,
        args=[*CHROMIUM_ARGS, f"--lang={locale}"],
        viewport=LAPTOP,
        locale=locale,
        timezone_id="Europe/Amsterdam",
    )
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def browser(driver: Playwright, tmp_path: Path) -> Iterator[BrowserContext]:
    """A fresh chromium with a profile of its own, at laptop size, in English
    (the page follows the browser's language)."""
    context = launch(driver, tmp_path / "chromium-profile", "en-GB")
    yield context
    context.close()


@pytest.fixture
def dutch_browser(driver: Playwright, tmp_path: Path) -> Iterator[BrowserContext]:
    """The same, in Dutch, as a district nurse's tablet is."""
    context = launch(driver, tmp_path / "chromium-profile-nl", "nl-NL")
    yield context
    context.close()


def watched(page: Page) -> list[str]:
    """Uncaught script errors and blocked scripts or styles of a page."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(f"blocked: {message.text}")

    page.on("console", on_console)
    return problems


def watched_tab(context: BrowserContext) -> Iterator[Page]:
    page = context.pages[0] if context.pages else context.new_page()
    problems = watched(page)
    yield page
    assert not problems, problems


def screenshots(page: Page, artifacts: Path, prefix: str = "") -> Callable[[str], Path]:
    def take(name: str) -> Path:
        path = artifacts / f"{prefix}{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return take


@pytest.fixture
def tab(browser: BrowserContext) -> Iterator[Page]:
    """A page that fails the test on an uncaught script error or a blocked
    script or style (the content security policy)."""
    yield from watched_tab(browser)


@pytest.fixture
def screenshot(tab: Page, artifacts: Path) -> Callable[[str], Path]:
    return screenshots(tab, artifacts)


@pytest.fixture
def nl_tab(dutch_browser: BrowserContext) -> Iterator[Page]:
    """A page in a Dutch browser, failing the test as ``tab`` does."""
    yield from watched_tab(dutch_browser)


@pytest.fixture
def nl_screenshot(nl_tab: Page, artifacts: Path) -> Callable[[str], Path]:
    return screenshots(nl_tab, artifacts, "nl-")
