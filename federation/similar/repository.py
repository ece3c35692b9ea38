"""The queries of similar projects: the asked record, the rows and indexed stems of a pool,
the documents holding a stem, and the vocabulary's counts.

Lists of ids are bound as one parameter (``fulltext.in_ids``) and the long lists of a stem's
documents are read through the driver's cursor: at 100,000 actions these reads are most of a
query's time, and the ORM's per-row work would double them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Text, column, func, select, text
from sqlmodel import Session

from federation.db.types import UTCDateTime
from federation.search import fulltext


@dataclass(frozen=True)
class Row:
    """What similarity reads of an index row."""

    iri: str
    kind: str
    source: str
    name: str
    description: str | None
    data: dict[str, Any]
    modified: datetime
    fetched_at: datetime
    doc: int | None  # its search document (None only if the search tables lag)


_SELECT = (
    "SELECT i.iri, i.kind, i.source, i.name, i.description, i.data, i.modified, "
    "i.fetched_at, d.id AS doc FROM index_record i "
)
_COLUMNS = (
    column("iri", String),
    column("kind", String),
    column("source", String),
    column("name", String),
    column("description", Text),
    column("data", Text),
    column("modified", UTCDateTime),
    column("fetched_at", UTCDateTime),
    column("doc", Integer),
)


def _row(found: Any) -> Row:
    return Row(
        iri=found.iri,
        kind=found.kind,
        source=found.source,
        name=found.name,
        description=found.description,
        data=json.loads(found.data),
        modified=found.modified,
        fetched_at=found.fetched_at,
        doc=found.doc,
    )


def record(session: Session, iri: str) -> Row | None:
    """The index row of ``iri``, whatever its kind."""
    sql = _SELECT + "LEFT JOIN search_doc d ON d.iri = i.iri WHERE i.iri = :iri"
    found = session.execute(text(sql).columns(*_COLUMNS), {"iri": iri}).first()
    return _row(found) if found is not None else None


def rows_of(session: Session, docs: list[int]) -> list[Row]:
    """The index rows of search documents ``docs`` (those still there), in no order."""
    if not docs:
        return []
    among = fulltext.in_ids(session, "d.id", docs)
    sql = f"{_SELECT}JOIN search_doc d ON d.iri = i.iri WHERE {among}"
    statement = text(sql).columns(*_COLUMNS)
    found = session.execute(statement, {"ids": fulltext.ids_param(session, docs)})
    return [_row(row) for row in found]


def stems_of(session: Session, docs: list[int]) -> dict[int, tuple[str, str]]:
    """Search document id -> (stems of its name, all its stems), as the full-text table holds
    them, separated by spaces."""
    if not docs:
        return {}
    # The id list is bound as one parameter; only its column name is written into the SQL.
    if fulltext.is_sqlite(session):
        among = fulltext.in_ids(session, "rowid", docs)
        sql = f"SELECT rowid, name, name || ' ' || body FROM search_fts WHERE {among}"  # noqa: S608
    else:
        among = fulltext.in_ids(session, "doc", docs)
        sql = (
            "SELECT doc, array_to_string(tsvector_to_array(ts_filter(tsv, '{a}')), ' '), "  # noqa: S608
            f"array_to_string(tsvector_to_array(tsv), ' ') FROM search_text WHERE {among}"
        )
    found = session.execute(text(sql), {"ids": fulltext.ids_param(session, docs)})
    return {int(doc): (name or "", every or "") for doc, name, every in found}


def documents_with(session: Session, stem: str) -> list[int]:
    """The ids of the search documents holding ``stem``."""
    return fulltext.match_ids(session, fulltext.expression(session, [(stem,)]))


def count_documents(session: Session, stem: str) -> int:
    """The number of documents holding ``stem``, from the full-text table."""
    matching = fulltext.matching(session, fulltext.expression(session, [(stem,)])).subquery()
    return int(session.execute(select(func.count()).select_from(matching)).scalar_one())


def read_vocabulary(session: Session) -> dict[str, int]:
    """Every stem of the full-text table with its number of documents."""
    if fulltext.is_sqlite(session):
        session.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.similar_vocabulary "
                "USING fts5vocab(main, search_fts, 'row')"
            )
        )
        statement = "SELECT term, doc FROM temp.similar_vocabulary"
    else:
        statement = "SELECT word, ndoc FROM ts_stat('SELECT tsv FROM search_text')"
    return {str(term): int(count) for term, count in session.execute(text(statement))}
