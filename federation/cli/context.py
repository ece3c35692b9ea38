"""What every command needs: settings, an engine, and one-line failures."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

import click
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from federation.db.engine import make_engine
from federation.errors import FederationError
from federation.settings import Settings, SettingsError, get_settings

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def one_line_errors(command: F) -> F:
    """Turn the errors a user can cause into one line on stderr and exit status 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except FederationError as error:
            details = "; ".join(f"{e.field}: {e.message_en}" for e in error.errors)
            fail(f"{error.message_en or error.message}{' — ' + details if details else ''}")
        except SettingsError as error:
            fail(f"bad configuration: {error}")
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "settings"
            message = str(first["msg"]).removeprefix("Value error, ")
            fail(f"bad configuration: {where}: {message}")
        except OperationalError as error:
            fail(f"database unreachable or broken: {str(error.orig).splitlines()[0]}")
        return None

    return wrapper  # type: ignore[return-value]


def settings() -> Settings:
    return get_settings()


@contextmanager
def engine() -> Iterator[Engine]:
    built = make_engine(settings().database_url)
    try:
        yield built
    finally:
        built.dispose()
