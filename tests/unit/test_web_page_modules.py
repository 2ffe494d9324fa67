"""The web page's pure modules under Node, without a browser
(web_page_checks.mjs): the onion's geometry keeps words apart and text at
12 px in the rooms a laptop and a tablet give it, keeps people where they
were drawn, and is the same every time; the language follows the browser,
Dutch first; the Dutch and English dictionaries have the same words."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

CHECKS = Path(__file__).with_name("web_page_checks.mjs")


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node is needed for the web page's checks")
    done = subprocess.run(
        [node, str(CHECKS)], capture_output=True, text=True, timeout=120, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_no_words_cover_others_or_the_needs(report: dict[str, Any]) -> None:
    assert report["covered"] == {"laptop": [], "smallLaptop": [], "tablet": []}


def test_text_is_at_least_12_px(report: dict[str, Any]) -> None:
    assert report["minTextPx"] == 12
    for room, px in report["smallestPx"].items():
        assert px >= 12, room


def test_people_keep_their_places(report: dict[str, Any]) -> None:
    assert report["sameScale"] >= 10
    assert report["moved"] == []
    assert report["deterministic"] is True


def test_a_newcomer_on_a_crowded_onion_moves_nobody_far(report: dict[str, Any]) -> None:
    assert report["throngTurned"] == []
    assert report["throngCovered"] == []
    assert report["throngAfterPx"] >= 12


def test_the_language_follows_the_browser_dutch_first(report: dict[str, Any]) -> None:
    assert report["language"] == {
        "nl": "nl",
        "nlBe": "nl",
        "en": "en",
        "other": "nl",
        "none": "nl",
    }


def test_both_dictionaries_have_the_same_words(report: dict[str, Any]) -> None:
    assert report["keys"]["onlyNl"] == []
    assert report["keys"]["onlyEn"] == []
    assert report["keys"]["differ"] == []
    assert report["keys"]["count"] > 200
