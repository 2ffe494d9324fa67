"""Concurrent FHIR writes about one client: each is planned from what it read
and lands only if that is still current, else it is planned again. Nothing
is lost and the graph holds every write."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path
from typing import Any

from graphsvc.config import Settings
from graphsvc.runtime import open_runtime

from ..conftest import ADMIN
from ..unit.fhir import corpus

CLIENT = "gerrit-jansen"


def rating(n: int) -> dict[str, Any]:
    base = copy.deepcopy(
        corpus.stored()[next(k for k in corpus.stored() if k.id == "obs-gerrit-38-s-2024")]
    )
    base.pop("id")
    base["effectiveDateTime"] = f"2025-01-{n + 1:02d}"
    base["valueInteger"] = 1 + n % 5
    return base


async def test_concurrent_writes_to_one_network_all_land(tmp_path: Path) -> None:
    runtime = await open_runtime(Settings(data_dir=tmp_path / "data", fsync="no"))
    try:
        for key, resource in sorted(
            corpus.stored().items(), key=lambda kv: kv[0].resource_type != "Organization"
        ):
            directory = key.resource_type in {"Organization", "Practitioner", "PractitionerRole"}
            family = {CLIENT, "ahmed-el-amrani", "annelies-jansen", "riet-jansen"}
            if directory or "gerrit" in key.id or key.id in family:
                await runtime.fhir_interactions.update(
                    ADMIN, key.resource_type, key.id, resource, base_urls=(corpus.BASE_URL,)
                )
        before = await runtime.repository.get_onion(CLIENT)
        results = await asyncio.gather(
            *(runtime.fhir_interactions.create(ADMIN, "Observation", rating(n)) for n in range(8))
        )
        assert len({r.key for r in results}) == 8
        after = await runtime.repository.get_onion(CLIENT)
        new = {o.id for o in after.observations} - {o.id for o in before.observations}
        assert new == {r.key.id for r in results}
        assert after.version > before.version
    finally:
        await runtime.close()
