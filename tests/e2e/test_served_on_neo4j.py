"""``graphsvc serve`` as a user runs it against a Neo4j (the session's, as
``make neo4j-local`` runs it), with two worker processes: the demo imported
through the FHIR path, and over real HTTP the proofs of the write guard
(guards_over_http.py) across both workers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graphsvc.config import Settings
from graphsvc.services.tokens import TokenIssuer

from ..conftest import wipe_neo4j
from .fhir_bodies import FhirBodies
from .guards_over_http import the_guards_hold
from .serve_process import graphsvc_serve


@pytest.fixture
def served(neo4j_uri: str, tmp_path: Path) -> Iterator[tuple[str, TokenIssuer]]:
    wipe_neo4j(neo4j_uri)
    data = tmp_path / "data"
    with graphsvc_serve(data, "--workers", "2", env={"GRAPHSVC_NEO4J_URI": neo4j_uri}) as (
        base,
        _,
    ):
        yield base, TokenIssuer(Settings(data_dir=data).signing_key())


async def test_the_guards_hold_over_http_on_neo4j(
    served: tuple[str, TokenIssuer], fhir_bodies: FhirBodies
) -> None:
    base, issuer = served
    assert await the_guards_hold(base, issuer, fhir_bodies) == "neo4j"
