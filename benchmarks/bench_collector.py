"""The pause of Python's full cyclic collection in a serving process, with
what start-up made frozen (as the app does once its runtime is open) and
thawed, beside a ``/healthz`` request in the same run.

A full collection goes through every tracked object; in a process that
has imported the service (FHIR models, the GraphQL schema, the routes) that
is over 100,000 objects. Python runs one whenever the objects that outlived
two younger collections have grown by a quarter: under steady load, now
and then, in the middle of some request.

Run:  .venv/bin/python benchmarks/bench_collector.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

from graphsvc.app import create_app
from graphsvc.config import Settings


def full_collections(rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        gc.collect()
        times.append((time.perf_counter() - started) * 1000)
    return times


def spread(times: list[float]) -> str:
    return f"median {statistics.median(times):7.2f} ms (from {min(times):.2f} to {max(times):.2f})"


def main(rounds: int) -> None:
    with (
        tempfile.TemporaryDirectory() as tmp,
        TestClient(create_app(Settings(data_dir=Path(tmp)))) as client,
    ):
        healthz = []
        for _ in range(rounds * 20):
            started = time.perf_counter()
            client.get("/healthz").raise_for_status()
            healthz.append((time.perf_counter() - started) * 1000)
        print(f"floor: one /healthz request         {spread(healthz)}")
        frozen = gc.get_freeze_count()
        tracked = len(gc.get_objects())
        print(
            f"full collection, start-up frozen    {spread(full_collections(rounds))}"
            f"  ({tracked:,} objects tracked, {frozen:,} frozen)"
        )
        gc.unfreeze()
        tracked = len(gc.get_objects())
        print(
            f"full collection, nothing frozen     {spread(full_collections(rounds))}"
            f"  ({tracked:,} objects tracked)"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    main(parser.parse_args().rounds)
