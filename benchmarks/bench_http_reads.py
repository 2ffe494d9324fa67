"""Nurses' reads over HTTP under concurrent load, beside /healthz in the same run.

Serves the demo neighbourhood with ``graphsvc serve --workers N`` (embedded
FalkorDB, loaded from seeds/demo-fhir), once for each N given, then keeps
CONNECTIONS requests in flight for SECONDS on each of:

- ``/healthz`` — the floor: the same server, the same HTTP stack, no work;
- the nurse's onion query (members, needs with supporters, gaps, strength of
  one client, a different client of her team each time) through GraphQL;
- a FHIR read of a client's CareTeam.

For each: requests a second, p50/p95/p99 latency, and every answer that was
not a 200 (by status, and GraphQL answers carrying errors). Then BURST
requests are sent at once on each surface and their answers counted.

The load comes from ``wrk`` (Debian package ``wrk``) when it is installed:
a generator in C takes a far smaller share of the two cores than one in
Python, which otherwise is the bottleneck (``--generator python`` forces the
Python one). The bursts are always sent from Python.

With ``--rates``, each surface is then also sent requests at a fixed rate
from ``vegeta`` (an open model: requests arrive on time whether or not the
earlier ones are answered, as from nurses who do not wait for each other),
over the same number of connections, each rate a fraction of what /healthz
reached in the same run. A closed loop of CONNECTIONS (wrk) keeps every
connection busy, so its mean latency is CONNECTIONS divided by the rate and
its p99 says how fast the machine is, not how long a nurse waits; the fixed
rate measures the wait at a given load. With ``--writes W`` a nurse also
edits a member's closeness W times a second during each fixed-rate run
(GraphQL ``updateMember``, clients in turn): every write moves the data
version, so answers kept before it are no longer used. ``make bench-tools`` installs wrk
(Debian) and vegeta (Go module proxy) into ``.tools/bin``.

The onion query is answered from the answers the GraphQL endpoint keeps
(api/graphql/answers.py) once each client has been read, since nothing is
written meanwhile; ``--answers off`` serves it with keeping turned off, as
every read after a write is served. Each line says the machine's load
average (1 minute) as it ended: the machine may be shared.

Run:  .venv/bin/python benchmarks/bench_http_reads.py [--connections 50] [--seconds 20]
      [--workers 1 2] [--generator wrk|python] [--answers on off] [--rates 0.25 0.5]
      [--writes 1]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
TEAM = "team-0001"
ONION = """query($id: ID!) { client(id: $id) { name version
  members { id displayName ring relationship contactFrequency closeness
    helps { activity timesPerWeek } }
  needs { code status supporters { supporter { id } frequency hoursPerWeek } }
  gaps { kind severity explanation }
  strength { score networkType closeContacts informalMembers } } }"""
CLIENTS = """query($team: ID!) { team(id: $team) { clients(first: 60) { nodes { id } } } }"""


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    answers: Counter[str] = field(default_factory=Counter)

    def line(self, name: str, seconds: float) -> str:
        ordered = sorted(self.latencies)

        def at(q: float) -> float:
            return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

        rate = len(ordered) / seconds
        others = {k: v for k, v in self.answers.items() if k != "200"}
        return (
            f"| {name} | {rate:,.0f} | {statistics.median(ordered) * 1000:.1f} | "
            f"{at(0.95):.1f} | {at(0.99):.1f} | {len(ordered):,} | {others or 'none'} | "
            f"{os.getloadavg()[0]:.1f} |"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def graphsvc(*args: str, data: Path) -> str:
    command = [sys.executable, "-m", "graphsvc", *args, "--data", str(data)]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


async def wait_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient() as http:
        while True:
            if server.poll() is not None:
                raise RuntimeError("the server stopped before it was ready")
            try:
                if (await http.get(f"{base}/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.5)


def classify(response: httpx.Response) -> str:
    if response.status_code != 200:
        return str(response.status_code)
    if response.headers.get("content-type", "").startswith("application/json"):
        body = response.json()
        if isinstance(body, dict) and body.get("errors"):
            return "200 with errors"
    return "200"


async def load(
    http: httpx.AsyncClient,
    request: Callable[[int], httpx.Request],
    connections: int,
    seconds: float,
) -> tuple[Run, float]:
    run = Run()
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def worker() -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                answer = await http.send(request(next(counter)))
                run.answers[classify(answer)] += 1
            except httpx.TransportError as error:
                run.answers[type(error).__name__] += 1
                continue
            run.latencies.append(time.perf_counter() - started)

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return run, time.perf_counter() - began


WRK_SCRIPT = """
local threads = {}
local requests = {%s}
function setup(thread) table.insert(threads, thread) end
function init(args)
  errors, others, i = 0, 0, 0
  prepared = {}
  for n, r in ipairs(requests) do
    prepared[n] = wrk.format(r[1], r[2], {["Authorization"] = "Bearer %s",
      ["Content-Type"] = "application/json"}, r[3])
  end
end
function request()
  i = i + 1
  return prepared[(i %% #prepared) + 1]
end
function response(status, headers, body)
  if status ~= 200 then others = others + 1
  elseif string.find(body, '"errors"', 1, true) then errors = errors + 1 end
end
function done(summary, latency, requests)
  local e, o = 0, 0
  for _, t in ipairs(threads) do e = e + t:get("errors"); o = o + t:get("others") end
  io.write(string.format("RESULT %%d %%.3f %%.2f %%.2f %%.2f %%d %%d %%d\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, e, o,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def wrk_line(
    name: str,
    base: str,
    token: str,
    requests: list[tuple[str, str, str | None]],
    connections: int,
    seconds: float,
) -> str:
    """One surface loaded by wrk: the requests are sent round robin."""

    def lua(r: tuple[str, str, str | None]) -> str:
        body = "nil" if r[2] is None else f"[==[{r[2]}]==]"
        return f'{{"{r[0]}", "{r[1]}", {body}}}'

    script = WRK_SCRIPT % (", ".join(lua(r) for r in requests), token)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as file:
        file.write(script)
        file.flush()
        command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:.0f}s", "-s", file.name, base]
        subprocess.run([*command[:3], "-d2s", *command[4:]], check=True, capture_output=True)
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    found = re.search(r"RESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+) (\d+)", out)
    if found is None:
        raise RuntimeError(f"wrk said: {out}")
    count, took, p50, p95, p99 = (float(v) for v in found.groups()[:5])
    errors, others, sockets = (int(v) for v in found.groups()[5:])
    answers = {
        k: v
        for k, v in (("200 with errors", errors), ("not 200", others), ("socket", sockets))
        if v
    }
    return (
        f"| {name} | {count / took:,.0f} | {p50:.1f} | {p95:.1f} | {p99:.1f} | "
        f"{int(count):,} | {answers or 'none'} | {os.getloadavg()[0]:.1f} |"
    )


def vegeta() -> str | None:
    return shutil.which("vegeta") or next(
        (str(p) for p in [ROOT / ".tools" / "bin" / "vegeta"] if p.exists()), None
    )


def vegeta_line(
    name: str,
    base: str,
    token: str,
    requests: list[tuple[str, str, str | None]],
    connections: int,
    seconds: float,
    rate: float,
) -> str:
    """One surface at ``rate`` requests a second (round robin over
    ``requests``), over at most ``connections`` connections; latencies and
    answers from vegeta's own results, GraphQL errors read from the bodies."""
    tool = vegeta()
    assert tool is not None
    headers = {"Authorization": [f"Bearer {token}"], "Content-Type": ["application/json"]}
    targets = "".join(
        json.dumps(
            {
                "method": method,
                "url": base + path,
                "header": headers,
                **({"body": base64.b64encode(body.encode()).decode()} if body else {}),
            }
        )
        + "\n"
        for method, path, body in requests
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "targets").write_text(targets)

        def attack(duration: float, out: str) -> None:
            subprocess.run(
                [
                    tool, "attack", "-format=json", f"-targets={folder / 'targets'}",
                    f"-rate={rate:.0f}/1s", f"-duration={duration:.0f}s",
                    f"-connections={connections}", f"-max-connections={connections}",
                    f"-workers={connections}", f"-max-workers={connections}",
                    f"-output={folder / out}",
                ],
                check=True,
                capture_output=True,
            )  # fmt: skip

        attack(2, "warm")
        attack(seconds, "results")
        encoded = subprocess.run(
            [tool, "encode", "-to=json", str(folder / "results")],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    run = Run()
    for line in encoded.splitlines():
        result = json.loads(line)
        code = str(result["code"])
        if result.get("error"):
            code = f"failed ({result['error'][:60]})"
        elif code == "200" and b'"errors"' in base64.b64decode(result.get("body") or ""):
            code = "200 with errors"
        run.answers[code] += 1
        run.latencies.append(result["latency"] / 1e9)
    return run.line(f"{name} at {rate:,.0f}/s", seconds)


EDIT = """mutation($input: UpdateMemberInput!) { updateMember(input: $input) {
  __typename ... on Problem { message } } }"""


async def edits(
    http: httpx.AsyncClient, members: list[tuple[str, str]], per_second: float, stop: asyncio.Event
) -> Counter[str]:
    """A member's closeness edited ``per_second`` times a second until
    ``stop``; the answers counted by GraphQL type (or HTTP status)."""
    done: Counter[str] = Counter()
    i = 0
    while not stop.is_set():
        started = time.perf_counter()
        client_id, person_id = members[i % len(members)]
        edit = {"clientId": client_id, "personId": person_id, "closeness": 1 + i % 3}
        answer = await http.post("/graphql", json={"query": EDIT, "variables": {"input": edit}})
        if answer.status_code != 200:
            done[str(answer.status_code)] += 1
        else:
            done[answer.json()["data"]["updateMember"]["__typename"]] += 1
        i += 1
        await asyncio.sleep(max(0.0, 1 / per_second - (time.perf_counter() - started)))
    return done


async def burst(http: httpx.AsyncClient, request: Callable[[int], httpx.Request], n: int) -> str:
    answers: Counter[str] = Counter()

    async def one(i: int) -> None:
        try:
            answers[classify(await http.send(request(i)))] += 1
        except httpx.TransportError as error:
            answers[type(error).__name__] += 1

    await asyncio.gather(*(one(i) for i in range(n)))
    return ", ".join(f"{k}: {v}" for k, v in sorted(answers.items()))


async def bench(
    connections: int,
    seconds: float,
    burst_size: int,
    workers: int,
    generator: str,
    answers: str,
    rates: list[float],
    writes: float,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "GRAPHSVC_GRAPHQL_ANSWERS": "1" if answers == "on" else "0",
        }
        server = subprocess.Popen(
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
                str(ROOT / "seeds" / "demo-fhir"),
                "--workers",
                str(workers),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            await wait_ready(base, server)
            token = graphsvc(
                "token", "--role", "nurse", "--subject", "bench-nurse", "--team", TEAM, data=data
            )
            headers = {"Authorization": f"Bearer {token}"}
            limits = httpx.Limits(max_connections=max(connections, burst_size))
            async with httpx.AsyncClient(
                base_url=base, headers=headers, limits=limits, timeout=60
            ) as http:
                listed = await http.post(
                    "/graphql",
                    json={"query": CLIENTS, "variables": {"team": TEAM}},
                )
                clients = [n["id"] for n in listed.json()["data"]["team"]["clients"]["nodes"]]
                careteams = await http.get("/fhir/CareTeam", params={"_count": "60"})
                careteam_ids = [e["resource"]["id"] for e in careteams.json()["entry"]]

                def healthz(i: int) -> httpx.Request:
                    return http.build_request("GET", "/healthz")

                def onion(i: int) -> httpx.Request:
                    body = {"query": ONION, "variables": {"id": clients[i % len(clients)]}}
                    return http.build_request(
                        "POST",
                        "/graphql",
                        content=json.dumps(body),
                        headers={"Content-Type": "application/json"},
                    )

                def careteam(i: int) -> httpx.Request:
                    return http.build_request(
                        "GET", f"/fhir/CareTeam/{careteam_ids[i % len(careteam_ids)]}"
                    )

                print(
                    f"{workers} worker(s); {len(clients)} clients of {TEAM}; "
                    f"{connections} connections, {seconds:.0f} s; load from {generator}; "
                    f"GraphQL answers kept: {answers}; load average at the start "
                    f"{os.getloadavg()[0]:.1f}"
                )
                print(
                    "| what | req/s | p50 ms | p95 ms | p99 ms | requests | other answers "
                    "| load avg |"
                )
                print("| --- | --- | --- | --- | --- | --- | --- | --- |")
                surfaces = (
                    ("floor: /healthz", healthz),
                    ("onion query (GraphQL)", onion),
                    ("CareTeam read (FHIR)", careteam),
                )

                def fixed(
                    make: Callable[[int], httpx.Request],
                ) -> list[tuple[str, str, str | None]]:
                    sent = [make(i) for i in range(max(len(clients), len(careteam_ids)))]
                    return [
                        (r.method, r.url.raw_path.decode(), r.content.decode() or None)
                        for r in sent
                    ]

                healthz_rate = 0.0
                for name, make in surfaces:
                    if generator == "wrk":
                        line = wrk_line(name, base, token, fixed(make), connections, seconds)
                    else:
                        await load(http, make, connections, 2)  # warm up
                        run, took = await load(http, make, connections, seconds)
                        line = run.line(name, took)
                    print(line, flush=True)
                    if make is healthz:
                        healthz_rate = float(line.split("|")[2].replace(",", ""))
                members: list[tuple[str, str]] = []
                for client_id in clients if writes else []:
                    body = {"query": ONION, "variables": {"id": client_id}}
                    onion_read = (await http.post("/graphql", json=body)).json()
                    informal = [
                        m["id"]
                        for m in onion_read["data"]["client"]["members"]
                        if m["ring"] == "INFORMAL"
                    ]
                    members += [(client_id, informal[0])] if informal else []
                for fraction in rates:
                    for name, make in surfaces:
                        rate = fraction * healthz_rate
                        stop = asyncio.Event()
                        writing = asyncio.create_task(
                            edits(http, members, writes, stop) if members else asyncio.sleep(0)
                        )
                        line = await asyncio.to_thread(
                            vegeta_line, name, base, token, fixed(make), connections, seconds, rate
                        )
                        stop.set()
                        written = await writing
                        if written:
                            line += f" edits meanwhile: {dict(written)}"
                        print(line, flush=True)
                for name, make in (("onion query", onion), ("CareTeam read", careteam)):
                    print(f"{burst_size} at once, {name}: {await burst(http, make, burst_size)}")
        finally:
            server.terminate()
            server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--generator", choices=("wrk", "python"), default="wrk" if shutil.which("wrk") else "python"
    )
    parser.add_argument("--answers", choices=("on", "off"), nargs="+", default=["on"])
    parser.add_argument(
        "--rates",
        type=float,
        nargs="*",
        default=[],
        help="fixed rates (vegeta) as fractions of the /healthz rate of the same run",
    )
    parser.add_argument(
        "--writes", type=float, default=0, help="edits a second during each fixed-rate run"
    )
    args = parser.parse_args()
    if args.rates and vegeta() is None:
        parser.error("--rates needs vegeta: make bench-tools")
    for answers in args.answers:
        for workers in args.workers:
            asyncio.run(
                bench(
                    args.connections,
                    args.seconds,
                    args.burst,
                    workers,
                    args.generator,
                    answers,
                    args.rates,
                    args.writes,
                )
            )


if __name__ == "__main__":
    main()
