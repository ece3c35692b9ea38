"""One typed settings object, read from the environment (prefix ``FED_``), built on demand."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRET = "change-me"  # noqa: S105 - the placeholder we refuse outside development


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class SettingsError(ValueError):
    """The configuration cannot be used (raised before anything starts)."""


class Settings(BaseSettings):
    """Everything a node reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="FED_", env_file=None, extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    node_id: str = Field(default="local", pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")
    network_name: str = Field(default="Réseau régional de démonstration", max_length=200)
    network_acronym: str = Field(default="", max_length=50)
    region: str = Field(default="Bourgogne-Franche-Comté", max_length=100)
    network_website: str = Field(default="", max_length=500)
    base_url: str = Field(default="http://127.0.0.1:8000", max_length=300)
    database_url: str = ""
    data_dir: Path = Path("./data")
    redis_url: str = ""
    secret_key: SecretStr = SecretStr(PLACEHOLDER_SECRET)
    # The licence of the published data (an IRI): Etalab's Licence Ouverte 2.0 by default,
    # the licence of French public open data.
    licence: str = "http://spdx.org/licenses/etalab-2.0"
    max_body_bytes: int = Field(default=1_000_000, ge=1_000)
    max_page_size: int = Field(default=200, ge=1, le=10_000)
    # Days a superseded version or a deletion stays in the change feed before compaction may
    # remove it: a peer harvesting less often than this must bootstrap again from the dump.
    feed_retention_days: int = Field(default=30, ge=0, le=3_650)
    # Harvesting peers (FED_HARVEST_*): what a peer may send us, how long we wait, and when a
    # peer is held, marked unavailable or suspended. See docs/federation-protocol.md "Harvest".
    harvest_max_response_bytes: int = Field(default=50_000_000, ge=10_000)  # per response
    harvest_timeout_seconds: float = Field(default=30.0, gt=0, le=3_600)  # per request
    harvest_run_deadline_seconds: float = Field(default=1_800.0, gt=0)  # per run (resumable)
    harvest_max_failures: int = Field(default=3, ge=1)  # runs in a row, then unavailable
    harvest_max_delete_share: float = Field(default=0.3, gt=0, le=1)  # of the peer's records
    harvest_max_invalid_share: float = Field(default=0.5, gt=0, le=1)  # of a run's members
    harvest_keep_days: int = Field(default=30, ge=1)  # runs and quarantine rows
    harvest_keep_runs: int = Field(default=50, ge=1)  # per peer
    harvest_interval_seconds: int = Field(default=300, ge=1, le=604_800)  # for a new peer
    harvest_max_triples_per_member: int = Field(default=2_000, ge=10)
    harvest_max_literal_chars: int = Field(default=20_000, ge=100)
    # Workers: how often beat looks for due peers; pings within this many seconds give one run.
    beat_tick_seconds: float = Field(default=5.0, gt=0, le=3_600)
    inbox_debounce_seconds: int = Field(default=5, ge=1, le=3_600)
    # The SPARQL endpoint (FED_SPARQL_*): a read-only copy of the index in a pyoxigraph store
    # (under ``sparql_dir``, by default ``data_dir / "sparql"``), queried in separate processes
    # so that a query over the time limit can be stopped. See federation/sparql.
    sparql_dir: Path | None = None
    sparql_timeout_seconds: float = Field(default=10.0, gt=0, le=3_600)  # per query
    sparql_max_rows: int = Field(default=10_000, ge=1, le=10_000_000)  # or triples
    sparql_processes: int = Field(default=2, ge=1, le=64)  # queries at the same time
    sparql_max_memory_mb: int = Field(default=2_048, ge=256)  # per query process
    # The copy is compared with the index at most this often, and rebuilt when it is behind.
    sparql_refresh_seconds: float = Field(default=60.0, ge=0, le=86_400)

    @model_validator(mode="after")
    def _normalise(self) -> Settings:
        self.base_url = self.base_url.rstrip("/")
        if not self.base_url.startswith(("http://", "https://")):
            raise SettingsError("FED_BASE_URL must start with http:// or https://")
        if not self.database_url:
            self.database_url = f"sqlite:///{(self.data_dir / f'{self.node_id}.db').as_posix()}"
        if self.environment is not Environment.DEVELOPMENT:
            if self.secret_key.get_secret_value() in ("", PLACEHOLDER_SECRET):
                raise SettingsError(
                    "FED_SECRET_KEY still has its placeholder value; set a real secret "
                    "outside development"
                )
            if "change-me" in self.database_url or "change-me" in self.redis_url:
                raise SettingsError(
                    "a password in FED_DATABASE_URL or FED_REDIS_URL is still 'change-me'"
                )
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once on first use (never at import time)."""
    return Settings()
