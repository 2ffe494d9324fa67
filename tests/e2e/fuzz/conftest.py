"""Fuzzing every surface of the real app: uvicorn on a loopback port, the
embedded database, part of the demo neighbourhood imported as FHIR. Each
request is counted per surface and status code; the counts are printed at
the end of the run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graphsvc.config import Settings
from graphsvc.domain import Principal, Role
from graphsvc.runtime import Runtime

from ...conftest import ADMIN
from ..web.served_app import NURSE, TEAM, ServedApp, serve
from .budget import ENFORCED, REQUESTS
from .tally import SURFACES, TALLY

ROOT = Path(__file__).resolve().parents[3]
DEMO_FHIR = ROOT / "seeds" / "demo-fhir"
CLIENT_BUNDLES = 4  # the directory and the first clients: enough to aim at


class Fuzzed:
    """The served app, with tokens and a way to tell whether anything was
    written."""

    def __init__(self, app: ServedApp) -> None:
        self.app = app
        self.base_url = app.base_url
        self.nurse = app.nurse_token(NURSE, TEAM)
        self.admin = app.issuer.mint(ADMIN)
        self.coach = app.issuer.mint(Principal(Role.COACH, "coach-fuzz", frozenset({TEAM})))
        self.client_ids: list[str] = app.on_runtime(_all_client_ids)
        self.known_ids: list[str] = app.on_runtime(_known_ids)

    def fingerprint(self) -> tuple[int, tuple[tuple[str, int], ...]]:
        """How many nodes the graph holds (every FHIR write adds a version)
        and every client's version (every graph edit raises it)."""
        ids = self.client_ids

        async def read(runtime: Runtime) -> tuple[int, tuple[tuple[str, int], ...]]:
            access = await runtime.repository.clients_access(ids)
            versions = tuple(sorted((i, a.version) for i, a in access.items()))
            return await runtime.repository.node_count(), versions

        return self.app.on_runtime(read)


async def _all_client_ids(runtime: Runtime) -> list[str]:
    return await runtime.repository.team_client_ids(TEAM)


async def _known_ids(runtime: Runtime) -> list[str]:
    """Ids of the team's clients, their members and needs: what a fuzzed
    request aims at, besides ids that name nothing."""
    onions = await runtime.repository.get_onions(await _all_client_ids(runtime))
    ids = {TEAM, NURSE}
    for onion in onions.values():
        ids.add(onion.client.id)
        ids.update(m.person.id for m in onion.members)
        ids.update(n.id for n in onion.needs)
    return sorted(ids)


def _import_demo(base_url: str, token: str) -> None:
    bundles = sorted(DEMO_FHIR.glob("*.json"))[: 1 + CLIENT_BUNDLES]
    with httpx.Client(base_url=base_url, timeout=120) as http:
        for path in bundles:
            response = http.post(
                "/fhir",
                content=path.read_bytes(),
                headers={
                    "Authorization": f"Bearer {token}",
                    "Content-Type": "application/fhir+json",
                },
            )
            assert response.status_code == 200, (path.name, response.text[:500])
            outcomes = [e["response"]["status"] for e in response.json().get("entry", [])]
            assert all(s.startswith("2") for s in outcomes), (path.name, outcomes)


@pytest.fixture(scope="package")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzzed]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("fuzz") / "data", dev=True)
    app = serve(settings)
    try:
        _import_demo(app.base_url, app.issuer.mint(ADMIN))
        yield Fuzzed(app)
    finally:
        app.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLY:
        terminalreporter.section("fuzzed requests, per surface and status code")
        for line in TALLY.lines():
            terminalreporter.write_line(line)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under ``make fuzz``, a surface fuzzed with fewer requests than asked
    for fails the run."""
    if not ENFORCED or exitstatus != 0:
        return
    short = {s: TALLY.total(s) for s in SURFACES if 0 < TALLY.total(s) < REQUESTS}
    if short:
        print(f"\nfewer than {REQUESTS} requests: {json.dumps(short)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
