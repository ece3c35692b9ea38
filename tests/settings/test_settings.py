"""Settings come from FED_ variables; placeholder secrets are refused outside development."""

from __future__ import annotations

import pytest
from pydantic import SecretStr, ValidationError

from federation.settings import Environment, Settings


def test_defaults_are_a_local_sqlite_node(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FED_DATABASE_URL", "FED_NODE_ID", "FED_BASE_URL", "FED_ENVIRONMENT"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.database_url == "sqlite:///data/local.db"
    assert settings.base_url == "http://127.0.0.1:8000"


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FED_NODE_ID", "centraider")
    monkeypatch.setenv("FED_BASE_URL", "https://annuaire.centraider.example/")
    monkeypatch.setenv("FED_REGION", "Centre-Val de Loire")
    settings = Settings()
    assert settings.node_id == "centraider"
    assert settings.base_url == "https://annuaire.centraider.example"  # no trailing slash
    assert settings.database_url.endswith("centraider.db")


@pytest.mark.parametrize("environment", [Environment.PRODUCTION, Environment.TEST])
def test_placeholder_secret_refused_outside_development(environment: Environment) -> None:
    with pytest.raises(ValidationError, match="FED_SECRET_KEY"):
        Settings(environment=environment)
    assert Settings(environment=environment, secret_key=SecretStr("a-real-secret"))


def test_placeholder_password_in_urls_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="change-me"):
        Settings(
            environment=Environment.PRODUCTION,
            secret_key=SecretStr("a-real-secret"),
            database_url="postgresql://federation:change-me@db/federation",
        )


def test_bad_values_are_refused() -> None:
    with pytest.raises(ValidationError):
        Settings(base_url="ftp://example.org")
    with pytest.raises(ValidationError):
        Settings(node_id="Not A Valid Id")
