"""``docker-compose.yml`` without a Docker engine: valid against the Compose schema, and sound
where the schema cannot tell (dependencies, health checks, secrets, a worker per node)."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

REPOSITORY = Path(__file__).resolve().parents[1]
COMPOSE_FILE = REPOSITORY / "docker-compose.yml"
SHARED_SCHEMA = REPOSITORY.parent / "shared" / "data" / "compose" / "compose-spec.json"
VENDORED_SCHEMA = Path(__file__).parent / "fixtures" / "compose" / "compose-spec.json"

# A variable's value is secret when its name says so; it must then come from the environment.
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|(^|_)KEY($|_)", re.IGNORECASE)
REFERENCE = re.compile(r"^\$\{[A-Z][A-Z0-9_]*(:?[?-][^}]*)?\}$")
URL_PASSWORD = re.compile(r"://[^:/@\s]+:([^@\s]+)@")

Compose = dict[str, Any]


@pytest.fixture(scope="module")
def compose() -> Compose:
    loaded: Compose = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    return loaded


def services(compose: Compose) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = compose["services"]
    return found


def command(service: dict[str, Any]) -> list[str]:
    value = service.get("command", [])
    return value.split() if isinstance(value, str) else list(value)


def environment(service: dict[str, Any]) -> dict[str, str]:
    value = service.get("environment", {})
    if isinstance(value, list):
        return dict(item.split("=", 1) for item in value)
    return {key: str(item) for key, item in value.items()}


def nodes(compose: Compose) -> dict[str, dict[str, Any]]:
    return {n: s for n, s in services(compose).items() if command(s)[:2] == ["federation", "serve"]}


def workers(compose: Compose) -> dict[str, dict[str, Any]]:
    return {
        n: s for n, s in services(compose).items() if command(s)[:2] == ["federation", "worker"]
    }


def validate(compose: Compose, schema_path: Path) -> None:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    errors = [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in validator.iter_errors(compose)
    ]
    assert not errors, "\n".join(errors)


def test_valid_against_the_vendored_compose_schema(compose: Compose) -> None:
    validate(compose, VENDORED_SCHEMA)


def test_valid_against_the_shared_compose_schema(compose: Compose) -> None:
    if not SHARED_SCHEMA.exists():
        pytest.skip(f"the shared Compose schema is absent: {SHARED_SCHEMA}")
    assert SHARED_SCHEMA.read_bytes() == VENDORED_SCHEMA.read_bytes(), (
        "tests/fixtures/compose/compose-spec.json differs from ../shared: copy it again"
    )
    validate(compose, SHARED_SCHEMA)


def test_every_dependency_exists(compose: Compose) -> None:
    for name, service in services(compose).items():
        depends = service.get("depends_on", [])
        for target in depends:
            assert target in services(compose), f"{name} depends on missing service {target}"
            if isinstance(depends, dict):
                condition = depends[target].get("condition")
                wanted = "service_healthy"
                assert condition == wanted, f"{name} → {target}: {condition}, not {wanted}"


def test_every_service_has_a_health_check(compose: Compose) -> None:
    for name, service in services(compose).items():
        check = service.get("healthcheck", {})
        assert check.get("test"), f"{name} has no health check"
        assert not check.get("disable"), f"{name} has its health check disabled"


def test_nodes_are_checked_on_healthz(compose: Compose) -> None:
    assert nodes(compose)
    for name, service in nodes(compose).items():
        assert "/healthz" in " ".join(service["healthcheck"]["test"]), name


def strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Every string in the file with the key it sits under (list items: their list's key)."""
    if isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from strings(inner, str(inner_key))
    elif isinstance(value, list):
        for inner in value:
            if isinstance(inner, str) and "=" in inner and key == "environment":
                yield tuple(inner.split("=", 1))  # type: ignore[misc]
            else:
                yield from strings(inner, key)
    elif isinstance(value, str):
        yield key, value


def test_no_secret_is_written_in_the_file(compose: Compose) -> None:
    for key, value in strings(compose):
        if SECRET_NAME.search(key):
            assert REFERENCE.match(value), f"{key}: {value!r} must be a ${{...}} reference"
        for password in URL_PASSWORD.findall(value):
            assert REFERENCE.match(password), f"{key}: a password in clear in {value!r}"
        assert not re.search(r"(?i)password\s+'", value), f"{key}: a password in SQL"
    assert "change-me" not in COMPOSE_FILE.read_text(encoding="utf-8")


def test_secrets_fail_loudly_when_unset(compose: Compose) -> None:
    """``${VAR:?message}``: Compose refuses to start without it, instead of an empty secret."""
    for name, service in services(compose).items():
        for key, value in environment(service).items():
            if SECRET_NAME.search(key) and not key.startswith("FED_DATABASE"):
                assert ":?" in value, f"{name}: {key} has no ':?' message"


def test_every_node_has_one_worker_with_beat_on_its_own_settings(compose: Compose) -> None:
    node_ids = {environment(s)["FED_NODE_ID"]: n for n, s in nodes(compose).items()}
    beats: dict[str, int] = dict.fromkeys(node_ids, 0)
    for name, service in workers(compose).items():
        env = environment(service)
        assert env["FED_NODE_ID"] in node_ids, f"{name} works for no node"
        node = services(compose)[node_ids[env["FED_NODE_ID"]]]
        assert env == environment(node), f"{name} and its node differ in settings"
        assert node_ids[env["FED_NODE_ID"]] in service["depends_on"], name
        if "--no-beat" not in command(service):
            beats[env["FED_NODE_ID"]] += 1
    assert beats == dict.fromkeys(node_ids, 1), "each node needs exactly one beat"
    assert len(node_ids) == 4


def test_every_node_has_its_own_database_and_volume(compose: Compose) -> None:
    databases = [
        environment(s)["FED_DATABASE_URL"].rsplit("/", 1)[1] for s in nodes(compose).values()
    ]
    volumes = [s["volumes"][0].split(":")[0] for s in nodes(compose).values()]
    assert len(set(databases)) == len(databases) == 4
    assert len(set(volumes)) == len(volumes) == 4
    created = compose["configs"]["node-databases"]["content"]
    assert all(f"CREATE DATABASE {database} " in created for database in databases)
    assert set(volumes) <= set(compose["volumes"])


def test_the_image_holds_every_package() -> None:
    project = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))
    packages = [
        name.rstrip("*") for name in project["tool"]["setuptools"]["packages"]["find"]["include"]
    ]
    dockerfile = (REPOSITORY / "Dockerfile").read_text(encoding="utf-8")
    for package in packages:
        assert f"COPY {package} ./{package}" in dockerfile, package
