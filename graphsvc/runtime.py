"""Opening and closing the parts that hold state: the database (embedded or
Neo4j), the repository, the audit trail and the services on top."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from dataclasses import dataclass
from functools import partial

from .config import Settings
from .services.analysis import AnalysisService, research_secret_from
from .services.audit_events import AuditEvents
from .services.backend_clients import BackendClients
from .services.backend_tokens import BackendTokens, UsedAssertions
from .services.fhir_export import FhirExportService
from .services.fhir_interactions import FhirInteractions
from .services.fhir_read import FhirReadService
from .services.fhir_unchanged import UnchangedWrites
from .services.fhir_write import FhirWriteService
from .services.lsns6_answers import Lsns6Answers, StoredAnswers
from .services.network import NetworkService
from .services.network_history import NetworkHistory
from .services.network_write import NetworkWriter
from .services.research_sweep import SweepReader
from .services.tokens import TokenIssuer
from .store.audit_log import AuditLogFile
from .store.cypher_repository import CypherRepository
from .store.embedded import EmbeddedFalkorDB
from .store.falkordb_runner import FalkorDBRunner
from .store.fhir_commit import CypherFhirWriter
from .store.neo4j_runner import Neo4jRunner
from .store.resource_store import CypherResourceStore
from .store.runner import CypherRunner

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    repository: CypherRepository
    audit: AuditLogFile
    network: NetworkService
    analysis: AnalysisService
    lsns6_answers: Lsns6Answers
    fhir_export: FhirExportService
    fhir_reads: FhirReadService
    fhir_writes: FhirWriteService
    fhir_interactions: FhirInteractions
    tokens: TokenIssuer
    backend_tokens: BackendTokens
    audit_events: AuditEvents
    resources: CypherResourceStore
    server: EmbeddedFalkorDB | None = None
    _supervisor: asyncio.Task[None] | None = None

    def start_supervising(self, interval: float = 1.0) -> None:
        """Notice an embedded server that died and start it again."""
        if self.server is None or self._supervisor is not None:
            return
        server = self.server

        async def watch() -> None:
            while True:
                await asyncio.sleep(interval)
                try:
                    server.ensure_running()
                except Exception:  # keep watching; /healthz reports the state
                    log.exception("could not restart the embedded database")

        self._supervisor = asyncio.get_running_loop().create_task(watch())

    async def close(self) -> None:
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
            self._supervisor = None
        await self.repository.close()
        self.audit.close()
        if self.server is not None:
            self.server.stop()


async def open_runtime(settings: Settings) -> Runtime:
    """The database the settings name (Neo4j, a FalkorDB another process
    runs, else the embedded FalkorDB under the data directory) and the
    services on it."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if settings.neo4j_uri:
        neo4j = Neo4jRunner(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
            settings.neo4j_database,
            pool_size=settings.pool_size,
            pool_wait=settings.pool_wait,
        )
        return await compose(settings, neo4j)
    if settings.falkordb_url:
        shared = FalkorDBRunner.at_url(
            settings.falkordb_url,
            graph=settings.graph,
            pool_size=settings.pool_size,
            pool_wait=settings.pool_wait,
        )
        return await compose(settings, shared)
    server = EmbeddedFalkorDB(settings.data_dir, fsync=settings.fsync)
    server.start()
    runner = FalkorDBRunner.for_embedded(
        server, graph=settings.graph, pool_size=settings.pool_size, pool_wait=settings.pool_wait
    )
    return await compose(settings, runner, server)


async def compose(
    settings: Settings, runner: CypherRunner, server: EmbeddedFalkorDB | None = None
) -> Runtime:
    """The services of one service instance on a database connection. Several
    instances may share one database, as they do behind a load balancer."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    repository = CypherRepository(runner)
    try:
        await repository.ensure_schema()
    except BaseException:
        await repository.close()
        if server is not None:
            server.stop()
        raise
    key = settings.signing_key()
    audit = AuditLogFile(settings.data_dir / "audit.jsonl", key)
    resources = CypherResourceStore(runner)
    writer = CypherFhirWriter(runner)
    changes = NetworkWriter(repository, resources, writer, settings.fhir_base_urls)
    network = NetworkService(repository, audit, changes, audit.of_client)
    fhir_reads = FhirReadService(repository, resources, audit)
    fhir_writes = FhirWriteService(repository, resources, writer, audit, changes.recent)
    lsns6_answers = Lsns6Answers(network, resources, fhir_writes)
    analysis = AnalysisService(
        repository,
        audit,
        research_secret=research_secret_from(key),
        lsns6_answers=lsns6_answers,
        history=NetworkHistory(resources, settings.fhir_base_urls),
        workers=settings.analysis_workers or os.cpu_count() or 1,
        sweep_elsewhere=partial(sweep_reader, runner),
    )
    tokens = TokenIssuer(key, default_ttl=settings.token_ttl, max_ttl=settings.token_max_ttl)
    return Runtime(
        settings=settings,
        repository=repository,
        audit=audit,
        network=network,
        analysis=analysis,
        lsns6_answers=lsns6_answers,
        fhir_export=FhirExportService(network, analysis, resources, settings.fhir_base_urls),
        fhir_reads=fhir_reads,
        fhir_writes=fhir_writes,
        fhir_interactions=FhirInteractions(
            resources, fhir_writes, fhir_reads, UnchangedWrites(resources, audit)
        ),
        tokens=tokens,
        audit_events=AuditEvents(repository, audit, audit.of_client),
        backend_tokens=BackendTokens(
            BackendClients(settings.data_dir / "clients.json"),
            UsedAssertions(settings.data_dir / "used-jti"),
            tokens,
        ),
        resources=resources,
        server=server,
    )


def sweep_reader(runner: CypherRunner) -> SweepReader:
    """A reader of the research sweep on connections of its own to the
    database ``runner`` reaches (for a worker process)."""
    other = runner.another()
    return SweepReader(CypherRepository(other), StoredAnswers(CypherResourceStore(other)))
