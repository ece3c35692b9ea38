"""Statements run on the driver's cursor, compiled once by SQLAlchemy: reading the tens of
thousands of totals of a national report, or writing thousands of fact rows, SQLAlchemy's
per-row work (parameters built, row objects made) costs more than the database. Values are
text and integers only (no type conversion is done)."""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Executable, Table, bindparam, insert
from sqlalchemy.sql.compiler import Compiled
from sqlmodel import Session, SQLModel

COPY_FROM = 200  # rows; below this a plain executemany costs less on PostgreSQL


def _compiled(session: Session, stmt: Executable) -> tuple[Any, Compiled]:
    connection = session.connection()
    compiled = stmt.compile(  # type: ignore[attr-defined]
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    return connection.connection.dbapi_connection, compiled


def fetch(session: Session, stmt: Executable) -> list[Any]:
    """The rows of ``stmt`` as the driver's tuples."""
    driver, compiled = _compiled(session, stmt)
    params = compiled.construct_params() or {}
    arguments: Any = (
        tuple(params[name] for name in compiled.positiontup or ())  # type: ignore[attr-defined]
        if compiled.positional  # type: ignore[attr-defined]
        else params
    )
    cursor = driver.cursor()
    try:
        cursor.execute(compiled.string, arguments)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def execute_many(
    session: Session, stmt: Executable, names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """``stmt`` once per row, in one executemany; a row gives the values of ``names``."""
    if not rows:
        return
    driver, compiled = _compiled(session, stmt)
    # The statement's own values (``n = 0``); the others come with each row.
    fixed = {
        name: bind.value
        for name, bind in compiled.binds.items()  # type: ignore[attr-defined]
        if not bind.required
    }
    arguments: list[Any]
    if compiled.positional:  # type: ignore[attr-defined]
        where = {name: i for i, name in enumerate(names)}
        order: list[str] = list(compiled.positiontup or ())  # type: ignore[attr-defined]
        extra = tuple(fixed[name] for name in order if name not in where)
        indices, spare = [], len(names)
        for name in order:
            if name in where:
                indices.append(where[name])
            else:
                indices.append(spare)
                spare += 1
        if indices == list(range(len(names))):  # already in the statement's order
            arguments = list(rows)
        else:
            pick = itemgetter(*indices)
            arguments = [pick((*row, *extra)) if extra else pick(row) for row in rows]
            if len(indices) == 1:
                arguments = [(value,) for value in arguments]
    else:
        arguments = [{**fixed, **dict(zip(names, row, strict=True))} for row in rows]
    cursor = driver.cursor()
    try:
        cursor.executemany(compiled.string, arguments)
    finally:
        cursor.close()


def insert_many(
    session: Session, model: type[SQLModel], names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert rows (values of ``names``): COPY on PostgreSQL, executemany otherwise."""
    if not rows:
        return
    table: Table = model.__table__  # type: ignore[attr-defined]
    if session.connection().dialect.name == "postgresql" and len(rows) >= COPY_FROM:
        columns = ", ".join(f'"{name}"' for name in names)
        driver = session.connection().connection.dbapi_connection
        statement = f'COPY "{table.name}" ({columns}) FROM STDIN'
        with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
        return
    stmt = insert(table).values({name: bindparam(name) for name in names})
    execute_many(session, stmt, names, rows)
