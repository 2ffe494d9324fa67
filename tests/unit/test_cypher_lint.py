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


def test_the_guarded_write_is_clean_with_its_idle_parts_left_out() -> None:
    """The shapes the writer sends: each part left out alone, and all of them."""
    commit = queries()["fhir_commit"]
    item = {p.field: ["x"] for p in commit.parts if p.field}
    full = {p: [item] for p in commit.parameters}
    empties = [
        {p.param: []} if p.field is None else {p.param: [{**item, p.field: []}]}
        for p in commit.parts
    ]
    everything_idle: dict[str, Any] = {}
    for empty in empties:
        everything_idle |= empty
    everything_idle["onions"] = [{}]
    shapes = [commit.without_idle_parts(full | e)[0] for e in [*empties, everything_idle]]
    statements = [
        {"name": f"shape-{i}", "text": q.text, "parameters": {p: None for p in q.parameters}}
        for i, q in enumerate(shapes)
    ]
    # one shape each, but for $resource_keys, which two parts go over
    assert len({s["text"] for s in statements}) == len(commit.parts)
    report = lint(statements)
    assert {r["name"]: r["diagnostics"] for r in report if r["diagnostics"]} == {}


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
