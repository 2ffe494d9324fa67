"""The command line as a user runs it: a token minted with ``graphsvc token
--data DIR`` is accepted by ``graphsvc serve --data DIR``; Ctrl-C stops the
server and leaves no database process behind."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import pytest

from graphsvc.analysis import (
    Grouping,
    TrendRow,
    analyse_population,
    group_of,
    pseudonymous_id,
    research_row,
)
from graphsvc.config import Settings
from graphsvc.services.analysis import research_secret_from
from graphsvc.store.embedded import free_port

from ..differencing import attack, attack_trend
from ..hl7_validator import Hl7Validator

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "seeds" / "demo-neighbourhood.json"
DEMO_FHIR = ROOT / "seeds" / "demo-fhir"  # what `make run` loads, through the FHIR import


def graphsvc(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graphsvc", *args, "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def get(url: str, token: str | None = None) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def redis_pids_for(data: Path) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes()
            cwd = os.readlink(proc / "cwd")
        except OSError:
            continue
        if b"redis-server" in cmd and cwd.startswith(str(data.resolve())):
            stat = (proc / "stat").read_text().split()
            if stat[2] != "Z":
                pids.append(int(proc.name))
    return pids


def wait_for_port(proc: subprocess.Popen[str], port: int, seconds: float) -> None:
    """Until the server started as ``proc`` accepts connections on ``port``."""
    deadline = time.monotonic() + seconds
    while True:
        if proc.poll() is not None:
            pytest.fail(f"server exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"server did not listen on port {port} within {seconds} s")
            time.sleep(0.1)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    data = tmp_path / "data"
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "graphsvc",
            "serve",
            "--data",
            str(data),
            "--port",
            str(port),
            "--seed-if-empty",
            str(DEMO_FHIR),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for_port(proc, port, 120)
    yield base, data, proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_token_from_cli_is_accepted_and_ctrl_c_leaves_nothing(
    served: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    base, data, proc = served
    status, health = get(f"{base}/healthz")
    assert status == 200 and health["status"] == "ok"
    assert redis_pids_for(data), "the embedded database should be running"

    assert get(f"{base}/api/me")[0] == 401
    minted = graphsvc(
        "token", "--role", "nurse", "--team", "team-0001", "--subject", "nurse-x", data=data
    )
    assert minted.returncode == 0, minted.stderr
    status, me = get(f"{base}/api/me", minted.stdout.strip())
    assert status == 200 and me["teams"] == ["team-0001"] and me["role"] == "nurse"

    system = graphsvc(
        "token", "--role", "system", "--subject", "gp-system", "--scope", "system/*.read", data=data
    )
    assert get(f"{base}/api/me", system.stdout.strip())[1]["scopes"] == ["system/*.read"]

    proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while redis_pids_for(data) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert redis_pids_for(data) == []


def test_token_refuses_incomplete_requests(tmp_path: Path) -> None:
    nurse = graphsvc("token", "--role", "nurse", "--subject", "n", data=tmp_path)
    assert nurse.returncode == 2 and "--team" in nurse.stderr
    system = graphsvc("token", "--role", "system", "--subject", "s", data=tmp_path)
    assert system.returncode == 2 and "--scope" in system.stderr


def test_seed_generate_shows_progress_and_is_idempotent(tmp_path: Path) -> None:
    first = graphsvc(
        "seed", "--generate", "--teams", "2", "--clients-per-team", "15", data=tmp_path
    )
    assert first.returncode == 0, first.stderr
    assert "seeding" in first.stderr and "30/30" in first.stderr
    assert "seeded 30 clients" in first.stderr
    again = graphsvc("seed", "--generate", "--teams", "2", "--if-empty", data=tmp_path)
    assert again.returncode == 0 and "already holds data" in again.stderr


def test_seed_reports_a_broken_file_clearly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "graphsvc-population/1", "teams": [{"id": "a b", "name": "x"}],'
        ' "organizations": [], "staff": [], "onions": []}'
    )
    done = graphsvc("seed", str(bad), data=tmp_path / "data")
    assert done.returncode == 2
    assert "bad.json" in done.stderr and "teams[0]" in done.stderr
    assert "Traceback" not in done.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ')
    done = graphsvc("seed", str(broken), data=tmp_path / "data")
    assert done.returncode == 2 and "broken.json" in done.stderr
    assert "Traceback" not in done.stderr


def test_analyse_writes_deidentified_research_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert graphsvc("seed", str(DEMO), data=data).returncode == 0
    out = tmp_path / "research"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "graphsvc",
            "analyse",
            "--all",
            "--data",
            str(data),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "45/45" in done.stderr  # the progress bar got to the end
    withheld = int(re.search(r"; (\d+) withheld", done.stderr).group(1))  # type: ignore[union-attr]
    with (out / "clients.csv").open(newline="") as f:
        clients = list(csv.DictReader(f))
    assert len(clients) == 45 and withheld == 0  # every client: the aggregates count them all
    # k-anonymous: nobody is alone, or one of four, in her team, neighbourhood and age band
    combos = Counter((c["team"], c["neighbourhood"], c["age_band"]) for c in clients)
    assert min(combos.values()) >= 5
    networks = {p.stem: nx.read_graphml(p) for p in (out / "networks").glob("*.graphml")}
    for c in clients:  # each client's onion is in the file of the team her row names
        graph = networks["teams-combined" if c["team"] == "*" else c["team"]]
        assert graph.nodes[c["client"]]["kind"] == "client"
    assert len(networks) == len({c["team"] for c in clients}) <= 2
    people = [{n for n in g if n.startswith("person-")} for g in networks.values()]
    assert len(people) == 1 or not set.intersection(*people)  # no nurse or GP links two files
    aggregates = {p.name for p in out.glob("aggregates-*.csv")}
    assert aggregates == {
        "aggregates-all.csv",
        "aggregates-team.csv",
        "aggregates-neighbourhood.csv",
        "aggregates-network-type.csv",
        "aggregates-month.csv",
    }
    with (out / "codebook.csv").open(newline="") as f:
        codebook = {(c["file"], c["name"]): c for c in csv.DictReader(f)}
    for name in ["clients.csv", *aggregates, "trends.csv"]:
        header = (out / name).read_text().splitlines()[0].split(",")
        assert all(codebook[(name, column)]["meaning"] for column in header)
    from graphsvc.seeding.codec import load_population

    written = "\n".join(p.read_text() for p in out.rglob("*") if p.is_file())
    demo = load_population(DEMO)
    for onion in demo.onions:
        assert onion.client.id not in written and onion.client.name not in written
        for member in onion.members:
            assert member.person.id not in written
            assert member.person.name not in written
    assert demo.teams[0].id not in written and demo.teams[0].name not in written
    # the aggregates pass the researcher's attack too
    found = analyse_population(demo.onions)
    rows = {o.client.id: research_row(o, a) for o, a in zip(demo.onions, found, strict=True)}
    team = pseudonymous_id(
        demo.teams[0].id, research_secret_from(Settings(data_dir=data).signing_key()), kind="team"
    )
    members: dict[tuple[str, str], set[str]] = {}
    shown: dict[str, set[tuple[str, str]]] = {}
    for by in Grouping:
        for cid, row in rows.items():
            group = team if by is Grouping.TEAM else group_of(row, by)
            members.setdefault((by.name, group), set()).add(cid)
        with (out / f"aggregates-{by.value}.csv").open(newline="") as f:
            for line in csv.DictReader(f):
                key = (by.name, line["group"])
                assert key in members
                if line["clients"]:
                    shown.setdefault("clients", set()).add(key)
                if line["count"]:
                    shown.setdefault(line["measure"], set()).add(key)
    frozen = {k: frozenset(v) for k, v in members.items()}
    assert attack(shown, frozen, rows) == {}
    # trends.csv: twelve months asked, and the demo was seeded this month,
    # so only this month has clients; it passes the attack over months too
    month = f"{datetime.now(UTC):%Y-%m}"
    with (out / "trends.csv").open(newline="") as f:
        trend = list(csv.DictReader(f))
    assert {line["month"] for line in trend} == {month}
    assert {line["grouping"] for line in trend} == {"all", "team", "neighbourhood", "network-type"}
    everyone = next(line for line in trend if line["grouping"] == "all")
    assert everyone["clients"] == "45" and "density" not in {line["measure"] for line in trend}
    names = {"all": "ALL", "team": "TEAM", "neighbourhood": "NEIGHBOURHOOD"}
    figures: dict[tuple[str, str, str], dict[str, bool]] = {}
    for line in trend:
        key = (names.get(line["grouping"], "NETWORK_TYPE"), line["month"], line["group"])
        showing = figures.setdefault(key, {"clients": bool(line["clients"])})
        showing[line["measure"]] = bool(line["count"])
    trend_rows = [TrendRow(cid, month, replace(row, team=team)) for cid, row in rows.items()]
    assert attack_trend(list(figures.items()), trend_rows) == {}


def test_export_writes_valid_fhir_ndjson(tmp_path: Path, hl7_validator: Hl7Validator) -> None:
    import json as json_

    from .fhir_validity import assert_valid_fhir

    data = tmp_path / "data"
    assert graphsvc("seed", str(DEMO), data=data).returncode == 0
    out = tmp_path / "fhir"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "graphsvc",
            "export",
            "--all",
            "--data",
            str(data),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "45/45" in done.stderr
    kinds = {p.stem for p in out.glob("*.ndjson")}
    assert {
        "Patient",
        "CareTeam",
        "CarePlan",
        "Condition",
        "RelatedPerson",
        "DetectedIssue",
        "Observation",
    } <= kinds
    seen = set()
    for path in out.glob("*.ndjson"):
        for line in path.read_text().splitlines():
            resource = json_.loads(line)
            assert resource["resourceType"] == path.stem
            assert_valid_fhir(resource, hl7_validator)
            key = (resource["resourceType"], resource["id"])
            assert key not in seen
            seen.add(key)
    assert len((out / "Patient.ndjson").read_text().splitlines()) == 45
    one = graphsvc(
        "export", "--patient", "client-000003", "--out", str(tmp_path / "one"), data=data
    )
    assert one.returncode == 0, one.stderr
    assert (tmp_path / "one" / "Patient.ndjson").read_text().count("client-000003") >= 1
    neither = graphsvc("export", "--out", str(tmp_path / "x"), data=data)
    assert neither.returncode == 2 and "--patient ID or --all" in neither.stderr
