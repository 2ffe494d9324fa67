"""The guarded write's parts that do nothing for a call are left out of the
statement sent (catalog.Query.without_idle_parts): only those, and only whole
clauses."""

from __future__ import annotations

from typing import Any

from graphsvc.store.catalog import Query, _parse, query

_SOURCE = """
MATCH (c:Client {id: $id})
// left out when empty: $names
FOREACH (n IN $names | SET c.note = 'a ) in text: ' + n)
// left out when empty: $items[].tags
FOREACH (t IN $items |
  // left out when empty: $items[].tags
  FOREACH (g IN t.tags | SET c.tag = g))
RETURN c.id AS id
"""


def _all_full(q: Query) -> dict[str, Any]:
    """Every list of the statement with something in it, each item's too."""
    item = {p.field: ["x"] for p in q.parts if p.field}
    return {p: [item] for p in q.parameters}


def test_each_marked_part_is_one_whole_foreach() -> None:
    commit = query("fhir_commit")
    assert len(commit.parts) >= 15
    for part in commit.parts:
        text = commit.text[part.start : part.end]
        assert text.startswith("FOREACH (") and text.endswith(")")
        assert text.count("(") == text.count(")")
        assert (f"${part.param}" in text) or (f"item.{part.field}" in text)


def test_nothing_is_left_out_when_every_list_holds_something() -> None:
    commit = query("fhir_commit")
    params = _all_full(commit)
    shaped, sent = commit.without_idle_parts(params)
    assert shaped is commit and sent == params


def test_an_empty_list_leaves_its_part_and_its_parameter_out() -> None:
    commit = query("fhir_commit")
    params = _all_full(commit) | {"gone_knows": []}
    shaped, sent = commit.without_idle_parts(params)
    assert "$gone_knows" not in shaped.text and "gone_knows" not in sent
    assert shaped.parameters == frozenset(sent)
    assert shaped.text.count("FOREACH") == commit.text.count("FOREACH") - 1
    # the same shape is the same object, so a plan cache sees one text
    assert commit.without_idle_parts(params)[0] is shaped


def test_a_part_over_items_goes_only_when_every_item_has_none() -> None:
    q = _parse("probe", _SOURCE)
    assert [(p.param, p.field) for p in q.parts] == [
        ("names", None),
        ("items", "tags"),
        ("items", "tags"),
    ]
    some = {"id": "c", "names": ["n"], "items": [{"tags": []}, {"tags": ["a"]}]}
    assert q.without_idle_parts(some)[0] is q
    none = {"id": "c", "names": ["n"], "items": [{"tags": []}, {"tags": []}]}
    shaped, sent = q.without_idle_parts(none)
    assert "FOREACH (t" not in shaped.text and "FOREACH (g" not in shaped.text
    assert "items" not in sent
    # a parenthesis inside a string does not end the clause early
    nothing = {"id": "c", "names": [], "items": [{"tags": ["a"]}]}
    shaped, sent = q.without_idle_parts(nothing)
    assert "in text" not in shaped.text and "FOREACH (t IN $items" in shaped.text
    assert shaped.text.startswith("MATCH (c:Client {id: $id})")
    assert shaped.text.rstrip().endswith("RETURN c.id AS id")
