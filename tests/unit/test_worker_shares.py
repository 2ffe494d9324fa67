"""Each served worker's research sweep gets its share of the cores."""

from __future__ import annotations

from graphsvc.config import Settings
from graphsvc.serving import _environment, default_workers


def test_two_workers_share_the_cores_for_their_sweeps() -> None:
    env = _environment(Settings(), workers=2)
    assert int(env["GRAPHSVC_ANALYSIS_WORKERS"]) == max(1, default_workers() // 2)


def test_more_workers_than_cores_still_sweep_with_one_process() -> None:
    env = _environment(Settings(), workers=default_workers() * 4)
    assert env["GRAPHSVC_ANALYSIS_WORKERS"] == "1"


def test_a_configured_share_is_kept_and_read_back() -> None:
    env = _environment(Settings(analysis_workers=3), workers=2)
    assert Settings.from_env(env).analysis_workers == 3


def test_unset_means_one_per_core() -> None:
    assert Settings.from_env({}).analysis_workers is None
