"""A resource's history asked for in part: ``_count`` pages it (newest
first, a next link to the rest), ``_since`` and ``_at`` choose versions by
time; what the history cannot read is a 400 that names it."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode, urlsplit

from .conftest import Fhir
from .test_rest import TEAM, patient


def versions(bundle: dict[str, Any]) -> list[str]:
    return [e["response"]["etag"] for e in bundle.get("entry", [])]


def written_versions(fhir: Fhir, count: int) -> tuple[str, list[str]]:
    """A Patient with ``count`` versions; each version's lastUpdated, oldest first."""
    assert fhir.put("Organization/team-rest", TEAM).status_code in (200, 201)
    created = fhir.post("Patient", patient())
    pid = created.json()["id"]
    stamps = [created.json()["meta"]["lastUpdated"]]
    for i in range(2, count + 1):
        time.sleep(1.05)  # a second apart: instants in a query have seconds
        updated = fhir.put(f"Patient/{pid}", {**patient(f"Visser {i}"), "id": pid})
        assert updated.status_code == 200
        stamps.append(updated.json()["meta"]["lastUpdated"])
    return pid, stamps


def test_paged_since_and_at(fhir: Fhir) -> None:
    pid, stamps = written_versions(fhir, 4)

    whole = fhir.get(f"Patient/{pid}/_history").json()
    assert versions(whole) == ['W/"4"', 'W/"3"', 'W/"2"', 'W/"1"'] and whole["total"] == 4

    # pages of two, following the next link
    first = fhir.get(f"Patient/{pid}/_history?_count=2").json()
    assert versions(first) == ['W/"4"', 'W/"3"'] and first["total"] == 4
    link = next(x["url"] for x in first["link"] if x["relation"] == "next")
    second = fhir.get(f"Patient/{pid}/_history?{urlsplit(link).query}").json()
    assert versions(second) == ['W/"2"', 'W/"1"']
    assert not [x for x in second["link"] if x["relation"] == "next"]

    # written at or after the third version
    since = stamps[2][:19] + "Z"
    chosen = fhir.get(f"Patient/{pid}/_history?{urlencode({'_since': since})}").json()
    assert versions(chosen) == ['W/"4"', 'W/"3"'] and chosen["total"] == 2

    # current at the moment the second was written: the second only
    at = stamps[1][:19] + "Z"
    chosen = fhir.get(f"Patient/{pid}/_history?{urlencode({'_at': at})}").json()
    assert versions(chosen) == ['W/"2"']
    # before the first was written: none
    chosen = fhir.get(f"Patient/{pid}/_history?_at=2001-01-01").json()
    assert "entry" not in chosen and chosen["total"] == 0


def test_what_history_cannot_read_is_named(fhir: Fhir) -> None:
    pid, _ = written_versions(fhir, 1)
    for query, where, says in (
        ("_count=0", "_history?_count", "whole number of at least 1"),
        ("_since=yesterday", "_history?_since", "must be a date or an instant"),
        ("_at=le2020-01-01&_at=ge2021-01-01", "_history?_at", "ends before it begins"),
        ("_list=x", "_history?_list", "is not a parameter of history"),
        ("_count=2&_count=3", "_history?_count", "more than once"),
        ("_after=%F0%9F%92%A9", "_history?_after", "version number"),
    ):
        answer = fhir.get(f"Patient/{pid}/_history?{query}")
        assert answer.status_code == 400, query
        issue = answer.json()["issue"][0]
        assert issue["expression"] == [where] and says in issue["diagnostics"], query
    assert fhir.get(f"Patient/{pid}/_history?_format=json&_pretty=true").status_code == 200
