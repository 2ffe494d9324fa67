"""The ``graphsvc`` command: serve, seed, import, analyse, export, token, client, audit."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .config import Settings
from .domain import DomainError, Population, Principal, Role, ValidationError
from .store.embedded import DataDirectoryInUse

if TYPE_CHECKING:
    from .services.fhir_parse_pool import ParsePool

SYSTEM_SEEDER = Principal(
    Role.SYSTEM, "graphsvc-seed", scopes=frozenset({"system/*.write", "system/*.read"})
)


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        data_dir=getattr(args, "data", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        dev=True if getattr(args, "dev", False) else None,
    )


def _add_data(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, help="data directory (default: $GRAPHSVC_DATA or ./data)")


async def _seed(
    settings: Settings,
    population: Population | Iterable[Population],
    clients: int,
    if_empty: bool,
) -> int:
    from tqdm import tqdm

    from .runtime import open_runtime

    runtime = await open_runtime(settings)
    try:
        if if_empty and await runtime.repository.node_count() > 0:
            print(f"{settings.data_dir}: already holds data; not seeding", file=sys.stderr)
            return 0
        with tqdm(total=clients, unit="client", desc="seeding", file=sys.stderr) as bar:
            written = await runtime.network.load_population(
                SYSTEM_SEEDER, population, progress=bar.update
            )
        print(f"seeded {written} clients into {settings.data_dir}", file=sys.stderr)
        return written
    finally:
        await runtime.close()


def _read_population(path: Path) -> Population:
    from .seeding.codec import load_population

    try:
        return load_population(path)
    except (DomainError, ValueError, OSError) as exc:
        raise ValueError(f"{path}: {exc}") from None


def cmd_seed(args: argparse.Namespace) -> int:
    from .seeding.generator import iter_population

    settings = _settings(args)
    if args.generate:
        if args.teams < 1 or args.clients_per_team < 0:
            print("graphsvc seed: --teams must be at least 1", file=sys.stderr)
            return 2
        pieces = iter_population(
            teams=args.teams, clients_per_team=args.clients_per_team, seed=args.seed
        )
        asyncio.run(_seed(settings, pieces, args.teams * args.clients_per_team, args.if_empty))
    elif args.file is not None:
        population = _read_population(args.file)
        asyncio.run(_seed(settings, population, len(population.onions), args.if_empty))
    else:
        print("graphsvc seed: give a FILE or --generate", file=sys.stderr)
        return 2
    return 0


RESEARCH_EXPORTER = Principal(Role.RESEARCHER, "graphsvc-analyse")


async def _analyse(settings: Settings, out: Path, k: int, months: int) -> None:
    from tqdm import tqdm

    from .runtime import open_runtime
    from .services.research_files import write_research_files
    from .store.port import ClientPageRequest

    runtime = await open_runtime(settings)
    try:
        total = await runtime.repository.client_count(ClientPageRequest(team_ids=None))
        with (
            tqdm(total=total, unit="client", desc="analysing", file=sys.stderr) as bar,
            tqdm(total=total, unit="client", desc="months", file=sys.stderr) as trends,
        ):
            files = await write_research_files(
                runtime.analysis,
                RESEARCH_EXPORTER,
                out,
                bar.update,
                k=k,
                months=months,
                trend_progress=trends.update,
            )
        print(
            f"wrote {files.clients} de-identified clients ({k}-anonymous; {files.withheld} "
            f"withheld), {files.teams} team networks, aggregates"
            + (f", {months} months of trends" if months else "")
            + f" and a codebook to {out}",
            file=sys.stderr,
        )
    finally:
        await runtime.close()


def cmd_analyse(args: argparse.Namespace) -> int:
    if not args.all:
        print("graphsvc analyse: say --all (the whole population)", file=sys.stderr)
        return 2
    if args.k < 1:
        print("graphsvc analyse: --k must be at least 1", file=sys.stderr)
        return 2
    from .services.analysis import MAX_TREND_MONTHS

    if not 0 <= args.months <= MAX_TREND_MONTHS:
        print(f"graphsvc analyse: --months must be 0 to {MAX_TREND_MONTHS}", file=sys.stderr)
        return 2
    asyncio.run(_analyse(_settings(args), args.out, args.k, args.months))
    return 0


FHIR_EXPORTER = Principal(Role.SYSTEM, "graphsvc-export", scopes=frozenset({"system/*.read"}))


async def _export(settings: Settings, patient: str | None, out: Path) -> int:
    import json

    from tqdm import tqdm

    from .runtime import open_runtime
    from .store.port import ClientPageRequest

    runtime = await open_runtime(settings)
    try:
        if patient is not None:
            ids = [patient]
        else:
            everyone = ClientPageRequest(team_ids=None, sort="id", limit=500)
            ids = [
                cid async for page in runtime.repository.client_pages(everyone) for cid, _ in page
            ]
        out.mkdir(parents=True, exist_ok=True)
        files: dict[str, TextIO] = {}
        seen: set[tuple[str, str]] = set()
        try:
            for cid in tqdm(ids, unit="client", desc="exporting", file=sys.stderr):
                for resource in await runtime.fhir_export.everything(FHIR_EXPORTER, cid):
                    key = (resource["resourceType"], resource["id"])
                    if key in seen:  # a GP or nurse is in many onions: once per file
                        continue
                    seen.add(key)
                    kind = str(resource["resourceType"])
                    if kind not in files:
                        files[kind] = (out / f"{kind}.ndjson").open("w", encoding="utf-8")
                    files[kind].write(json.dumps(resource, ensure_ascii=False) + "\n")
        finally:
            for handle in files.values():
                handle.close()
        print(f"exported {len(ids)} clients, {len(seen)} resources to {out}", file=sys.stderr)
        return len(seen)
    finally:
        await runtime.close()


def cmd_export(args: argparse.Namespace) -> int:
    if (args.patient is None) == (not args.all):
        print("graphsvc export: say --patient ID or --all", file=sys.stderr)
        return 2
    asyncio.run(_export(_settings(args), args.patient, args.out))
    return 0


FHIR_IMPORTER = Principal(Role.SYSTEM, "graphsvc-import", scopes=frozenset({"system/*.*"}))


async def _import(settings: Settings, paths: Sequence[Path], if_empty: bool) -> int:
    from .services.fhir_parse_pool import ParsePool

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise ValueError(f"no such file: {', '.join(missing)}")
    pool = ParsePool()  # validation on the other cores while this one writes
    pool.start()  # the workers load while the documents are counted and the database starts
    try:
        return await _import_with(settings, paths, if_empty, pool)
    finally:
        pool.close()


async def _import_with(
    settings: Settings, paths: Sequence[Path], if_empty: bool, pool: ParsePool
) -> int:
    from tqdm import tqdm

    from .runtime import open_runtime
    from .services.fhir_import import FhirImporter, read_documents

    total = sum(d.size for d in read_documents(paths))
    runtime = await open_runtime(settings)
    try:
        if if_empty and await runtime.repository.node_count() > 0:
            print(f"{settings.data_dir}: already holds data; not importing", file=sys.stderr)
            return 0
        importer = FhirImporter(runtime.fhir_interactions, runtime.repository)
        with tqdm(total=total, unit="resource", desc="importing", file=sys.stderr) as bar:
            summary = await importer.run(
                FHIR_IMPORTER,
                read_documents(paths),
                base_urls=settings.fhir_base_urls,
                progress=bar.update,
                pool=pool,
            )
        for problem in summary.problems[:50]:
            print(f"rejected: {problem}", file=sys.stderr)
        if len(summary.problems) > 50:
            print(f"... and {len(summary.problems) - 50} more", file=sys.stderr)
        print(f"imported into {settings.data_dir}: {summary}", file=sys.stderr)
        return 1 if summary.rejected else 0
    finally:
        await runtime.close()


def cmd_import(args: argparse.Namespace) -> int:
    return asyncio.run(_import(_settings(args), args.files, args.if_empty))


def cmd_token(args: argparse.Namespace) -> int:
    from .services.tokens import TokenIssuer

    settings = _settings(args)
    role = Role(args.role)
    if role in {Role.NURSE, Role.COACH} and not args.team:
        print(f"graphsvc token: a {role.value} needs --team TEAM_ID", file=sys.stderr)
        return 2
    if role is Role.SYSTEM and not args.scope:
        print("graphsvc token: a system client needs --scope, e.g. system/*.read", file=sys.stderr)
        return 2
    principal = Principal(role, args.subject, frozenset(args.team), frozenset(args.scope))
    issuer = TokenIssuer(
        settings.signing_key(), default_ttl=settings.token_ttl, max_ttl=settings.token_max_ttl
    )
    try:
        print(issuer.mint(principal, ttl=args.ttl))
    except ValidationError as exc:  # its field is the option at fault
        print(f"graphsvc token: --{exc.field} {exc.message}", file=sys.stderr)
        return 2
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    import dataclasses
    import json

    from .store.audit_log import records, verify

    settings = _settings(args)
    path = settings.data_dir / "audit.jsonl"
    if not path.exists():
        print(f"graphsvc audit: {path} does not exist", file=sys.stderr)
        return 2
    if args.action == "verify":
        problems = verify(path, settings.signing_key())
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        if problems:
            return 1
        print(f"{path}: every record is as written and in its place", file=sys.stderr)
        return 0
    if not args.client:
        print("graphsvc audit show: say --client ID", file=sys.stderr)
        return 2
    for _, record in records(path):
        if record.client_id == args.client:
            print(json.dumps(dataclasses.asdict(record), ensure_ascii=False))
    return 0


def cmd_client(args: argparse.Namespace) -> int:
    import json

    from .services.backend_clients import BackendClient, BackendClients

    try:
        jwks = json.loads(args.jwks.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"graphsvc client add: --jwks {args.jwks}: {exc}", file=sys.stderr)
        return 2
    path = _settings(args).data_dir / "clients.json"
    BackendClients(path).add(BackendClient(args.id, jwks, tuple(args.scope), tuple(args.team)))
    print(
        f"registered {args.id} with {len(jwks['keys'])} key(s) and scopes "
        f"{' '.join(sorted(set(args.scope)))}; it asks for tokens at /auth/token",
        file=sys.stderr,
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serving import default_workers, serve

    settings = _settings(args)
    if args.seed_if_empty is not None:
        if args.seed_if_empty.is_dir():  # FHIR Bundles, through the import path
            if asyncio.run(_import(settings, [args.seed_if_empty], if_empty=True)):
                return 1
        else:
            population = _read_population(args.seed_if_empty)
            asyncio.run(_seed(settings, population, len(population.onions), if_empty=True))
    workers = args.workers if args.workers is not None else default_workers()
    if workers < 1:
        print("graphsvc serve: --workers must be at least 1", file=sys.stderr)
        return 2
    print(
        f"serving on http://{settings.host}:{settings.port} with {workers} "
        f"worker{'s' if workers > 1 else ''}  (Ctrl-C stops)",
        file=sys.stderr,
    )
    serve(settings, workers)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="graphsvc", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the API and the web page")
    _add_data(serve)
    serve.add_argument("--host", help="interface (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8000)")
    serve.add_argument(
        "--seed-if-empty",
        type=Path,
        metavar="PATH",
        help="when the data directory is empty, first load this: a folder of FHIR "
        "Bundles (imported) or a population file (seeded)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="worker processes serving the one port (default: the number of cores)",
    )
    serve.add_argument("--dev", action="store_true", help="development mode: GraphiQL at /graphql")
    serve.set_defaults(run=cmd_serve)

    seed = sub.add_parser("seed", help="load a population file or a generated population")
    _add_data(seed)
    seed.add_argument("file", nargs="?", type=Path, help="population JSON (seeds/...)")
    seed.add_argument("--generate", action="store_true", help="generate instead of reading FILE")
    seed.add_argument("--teams", type=int, default=1)
    seed.add_argument("--clients-per-team", type=int, default=45)
    seed.add_argument("--seed", type=int, default=0, help="random seed for --generate")
    seed.add_argument("--if-empty", action="store_true", help="do nothing if data exists")
    seed.set_defaults(run=cmd_seed)

    fhir_import = sub.add_parser(
        "import", help="import FHIR R4: Bundles (JSON), resources (JSON or ndjson), folders"
    )
    _add_data(fhir_import)
    fhir_import.add_argument("files", nargs="+", type=Path, metavar="FILE")
    fhir_import.add_argument("--if-empty", action="store_true", help="do nothing if data exists")
    fhir_import.set_defaults(run=cmd_import)

    analyse = sub.add_parser(
        "analyse", help="write de-identified networks (GraphML) and metrics (CSV) for research"
    )
    _add_data(analyse)
    analyse.add_argument("--all", action="store_true", help="the whole population")
    analyse.add_argument("--out", type=Path, required=True, help="folder to write into")
    analyse.add_argument(
        "--k",
        type=int,
        default=5,
        help="least clients sharing team, neighbourhood and age band in clients.csv (5)",
    )
    analyse.add_argument(
        "--months",
        type=int,
        default=12,
        help="months of trends.csv, this one included (12; 0 for none; at most as many as "
        "GraphQL's researchTrend gives); every month of those is released with the aggregates "
        "either way, as the service releases them",
    )
    analyse.set_defaults(run=cmd_analyse)

    export = sub.add_parser(
        "export", help="write clients' networks as FHIR R4 ndjson, one file per resource type"
    )
    _add_data(export)
    export.add_argument("--patient", help="one client (her FHIR Patient id)")
    export.add_argument("--all", action="store_true", help="every client")
    export.add_argument("--out", type=Path, required=True, help="folder to write into")
    export.set_defaults(run=cmd_export)

    token = sub.add_parser("token", help="mint a bearer token")
    _add_data(token)
    token.add_argument("--role", required=True, choices=[r.value for r in Role])
    token.add_argument("--subject", required=True, help="who: a nurse's person id, a system name")
    token.add_argument(
        "--team", action="append", default=[], help="team (Organization) id; repeatable"
    )
    token.add_argument(
        "--scope", action="append", default=[], help="SMART scope, e.g. system/*.read; repeatable"
    )
    token.add_argument(
        "--ttl",
        type=int,
        help="lifetime in seconds (default and most: 12 h, GRAPHSVC_TOKEN_MAX_TTL)",
    )
    token.set_defaults(run=cmd_token)

    client = sub.add_parser(
        "client", help="register another system for SMART Backend Services tokens"
    )
    _add_data(client)
    client.add_argument("action", choices=["add"], help="add (or replace) a client")
    client.add_argument("--id", required=True, help="the client id (the assertion's iss)")
    client.add_argument(
        "--jwks", type=Path, required=True, help="its public keys: a JSON Web Key Set file"
    )
    client.add_argument(
        "--scope",
        action="append",
        required=True,
        help="a scope it may ask for, e.g. system/CareTeam.rs; repeatable",
    )
    client.add_argument(
        "--team", action="append", default=[], help="only these teams' clients; repeatable"
    )
    client.set_defaults(run=cmd_client)

    audit = sub.add_parser(
        "audit", help="check the audit trail's chain, or show one client's records"
    )
    _add_data(audit)
    audit.add_argument(
        "action",
        choices=["verify", "show"],
        help="verify: exit 1 on any changed, missing or reordered record; "
        "show: one client's records as JSON lines",
    )
    audit.add_argument("--client", help="the client (her FHIR Patient id), for show")
    audit.set_defaults(run=cmd_audit)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except (DomainError, ValueError, DataDirectoryInUse) as exc:
        print(f"graphsvc {args.command}: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
