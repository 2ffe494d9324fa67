"""The nurses' page passes ESLint (the recommended rules and a few more, in
tests/lint/eslint.config.js): every module of graphsvc/api/web/static/js."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_DIR = ROOT / "tests" / "lint"
PAGE_JS = ROOT / "graphsvc" / "api" / "web" / "static" / "js"


def eslint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    binary = LINT_DIR / "node_modules" / "eslint" / "bin" / "eslint.js"
    if node is None or not binary.is_file():
        pytest.fail("Node and ESLint are needed: run `make test` (it installs them)")
    return subprocess.run(
        [
            node,
            str(binary),
            "--config",
            str(LINT_DIR / "eslint.config.js"),
            "--format",
            "json",
            *args,
        ],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def messages(done: subprocess.CompletedProcess[str]) -> dict[str, list[str]]:
    report: list[dict[str, Any]] = json.loads(done.stdout)
    return {
        Path(f["filePath"]).name: [f"{m['line']}: {m['message']}" for m in f["messages"]]
        for f in report
        if f["messages"]
    }


def test_every_module_of_the_page_is_clean() -> None:
    done = eslint(str(PAGE_JS))
    report: list[dict[str, Any]] = json.loads(done.stdout)
    assert len(report) == len(list(PAGE_JS.rglob("*.js"))) > 15
    assert messages(done) == {}
    assert done.returncode == 0, done.stderr


def test_the_linter_finds_what_it_is_for() -> None:
    done = eslint(
        "--stdin",
        "--stdin-filename",
        str(PAGE_JS / "probe.js"),
        stdin="const unused = 1;\nvar again = 2;\nexport { again };\n",
    )
    found = messages(done)["probe.js"]
    assert any("'unused' is assigned a value but never used" in m for m in found), found
    assert any("Unexpected var" in m for m in found), found
    assert done.returncode == 1
