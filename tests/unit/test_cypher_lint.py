"""Every Cypher statement the service sends passes Neo4j's own linter
(``lintCypherQuery`` of @neo4j-cypher/language-support): no error, no
deprecation, no warning of any kind."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from graphsvc.store.catalog import LABELS, RELATIONSHIP_TYPES, queries
from graphsvc.store.dialect import FALKORDB, NEO4J

LINT_DIR = Path(__file__).resolve().parents[1] / "lint"


def all_statements() -> list[dict[str, Any]]:
    named = [
        {"name": q.name, "text": q.text, "parameters": {p: None for p in sorted(q.parameters)}}
        for q in queries().values()
    ]
    schema = [
        {"name": f"{d.name}-schema-{i}", "text": text, "parameters": {}}
        for d in (NEO4J, FALKORDB)
        for i, text in enumerate(d.schema_statements())
    ]
    return named + schema


def lint(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None or not (LINT_DIR / "node_modules").is_dir():
        pytest.fail("Node and the linter package are needed: run `make test` (it installs them)")
    payload = {
        "schema": {"labels": sorted(LABELS), "relationshipTypes": sorted(RELATIONSHIP_TYPES)},
        "statements": statements,
    }
    done = subprocess.run(
        [node, str(LINT_DIR / "cypher_lint.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=LINT_DIR,
        timeout=120,
        check=True,
    )
    report: list[dict[str, Any]] = json.loads(done.stdout)
    return report


def test_every_statement_is_clean() -> None:
    statements = all_statements()
    assert len(statements) >= len(queries()) > 20
    report = lint(statements)
    assert [r["name"] for r in report] == [s["name"] for s in statements]
    problems = {r["name"]: r["diagnostics"] for r in report if r["diagnostics"]}
    assert problems == {}


def test_the_linter_catches_what_it_should() -> None:
    """The harness is live: a broken, a deprecated and an undeclared-parameter
    statement are all reported."""
    report = lint(
        [
            {"name": "syntax", "text": "MATCH (n:Client) RETUR n", "parameters": {}},
            {"name": "deprecated", "text": "MATCH (n:Client) RETURN id(n)", "parameters": {}},
            {"name": "param", "text": "MATCH (n:Client {id: $id}) RETURN n", "parameters": {}},
            {"name": "label", "text": "MATCH (n:Cliant) RETURN n", "parameters": {}},
        ]
    )
    flagged = {r["name"] for r in report if r["diagnostics"]}
    assert {"syntax", "deprecated", "param", "label"} <= flagged
