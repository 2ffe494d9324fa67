"""Settings from the environment (``GRAPHSVC_*``) and the command line."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

DEFAULT_DATA_DIR = Path("data")


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = DEFAULT_DATA_DIR
    host: str = "127.0.0.1"
    port: int = 8000
    # Neo4j 5 for production; unset means the embedded FalkorDB.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    # A FalkorDB another process runs (redis://:password@host:port): the
    # embedded one `graphsvc serve --workers N` starts for its workers, say.
    # Unset, with no Neo4j either, means the embedded FalkorDB of this process.
    falkordb_url: str | None = None
    # HS256 key for bearer tokens; unset means one generated into the data directory.
    jwt_key: str | None = None
    token_ttl: int = 12 * 3600
    token_max_ttl: int = 12 * 3600  # no token minted or accepted lives longer
    fsync: str = "always"
    graph: str = "care_network"
    # Public base URLs of /fhir (behind a proxy, say): absolute references to
    # them are local. The URL a request came in on always counts.
    fhir_base_urls: tuple[str, ...] = ()
    # Connections to the database per instance, and how long a request waits
    # for one when all are busy before it is answered 503 with Retry-After.
    pool_size: int = 16
    pool_wait: float = 5.0
    # Processes of the research sweep in each instance; unset means one per
    # core. `graphsvc serve --workers N` gives each worker its share.
    analysis_workers: int | None = None
    # Development conveniences (the GraphiQL page); `make run` turns them on.
    dev: bool = False
    # Answers to GraphQL reads kept per process under the reader, the query
    # and the data version (api/graphql/answers.py); off: every read runs.
    graphql_answers: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        e = os.environ if env is None else env
        base = cls(
            data_dir=Path(e.get("GRAPHSVC_DATA", str(DEFAULT_DATA_DIR))),
            host=e.get("GRAPHSVC_HOST", "127.0.0.1"),
            port=int(e.get("GRAPHSVC_PORT", "8000")),
            neo4j_uri=e.get("GRAPHSVC_NEO4J_URI") or None,
            neo4j_user=e.get("GRAPHSVC_NEO4J_USER", "neo4j"),
            neo4j_password=e.get("GRAPHSVC_NEO4J_PASSWORD", ""),
            neo4j_database=e.get("GRAPHSVC_NEO4J_DATABASE", "neo4j"),
            falkordb_url=e.get("GRAPHSVC_FALKORDB_URL") or None,
            jwt_key=e.get("GRAPHSVC_JWT_KEY") or None,
            token_ttl=int(e.get("GRAPHSVC_TOKEN_TTL", str(12 * 3600))),
            token_max_ttl=int(e.get("GRAPHSVC_TOKEN_MAX_TTL", str(12 * 3600))),
            fsync=e.get("GRAPHSVC_FSYNC", "always"),
            graph=e.get("GRAPHSVC_GRAPH", "care_network"),
            fhir_base_urls=tuple(u for u in e.get("GRAPHSVC_FHIR_BASE_URLS", "").split() if u),
            pool_size=int(e.get("GRAPHSVC_POOL_SIZE", "16")),
            pool_wait=float(e.get("GRAPHSVC_POOL_WAIT", "5")),
            dev=e.get("GRAPHSVC_DEV", "") not in {"", "0", "false", "no"},
            analysis_workers=int(e["GRAPHSVC_ANALYSIS_WORKERS"])
            if e.get("GRAPHSVC_ANALYSIS_WORKERS")
            else None,
            graphql_answers=e.get("GRAPHSVC_GRAPHQL_ANSWERS", "1") not in {"0", "false", "no"},
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **given)

    @property
    def embedded(self) -> bool:
        return self.neo4j_uri is None and self.falkordb_url is None

    def signing_key(self) -> bytes:
        """The configured key, or one generated once into the data directory,
        so that tokens minted with ``graphsvc token --data DIR`` work for a
        server started on the same directory."""
        if self.jwt_key:
            return self.jwt_key.encode()
        path = self.data_dir / "jwt.key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass  # another process made it first
            else:
                with os.fdopen(fd, "w") as f:
                    f.write(secrets.token_urlsafe(48))
        return path.read_text().strip().encode()
