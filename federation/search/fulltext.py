"""The full-text table of each database: SQLite FTS5 ``search_fts`` (rowid = document id),
PostgreSQL ``search_text`` (a tsvector per document, GIN-indexed). Both hold the stems of
``federation.search.text``; the ``simple`` configuration keeps PostgreSQL from stemming again.

Queries are built from stems only (``\\w`` characters), each quoted, so no user text reaches
FTS5's query syntax or ``to_tsquery``'s."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Integer, column, text
from sqlalchemy.sql.selectable import TextualSelect
from sqlmodel import Session

NAME_WEIGHT = 4.0  # a word in the name counts four times a word in the body


def is_sqlite(session: Session) -> bool:
    return session.connection().dialect.name == "sqlite"


def insert(session: Session, rows: Sequence[tuple[int, str, str]]) -> None:
    """(document id, name stems, body stems) of new documents."""
    if not rows:
        return
    if is_sqlite(session):
        cursor = session.connection().connection.cursor()
        try:
            cursor.executemany("INSERT INTO search_fts (rowid, name, body) VALUES (?, ?, ?)", rows)
        finally:
            cursor.close()
        return
    statement = (
        "INSERT INTO search_text (doc, tsv) VALUES (:doc, "
        "setweight(to_tsvector('simple', :name), 'A') || "
        "setweight(to_tsvector('simple', :body), 'B'))"
    )
    params = [{"doc": doc, "name": name, "body": body} for doc, name, body in rows]
    session.execute(text(statement), params)


def delete(session: Session, docs: Sequence[int]) -> None:
    if not docs:
        return
    if is_sqlite(session):
        cursor = session.connection().connection.cursor()
        try:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = ?", [(doc,) for doc in docs])
        finally:
            cursor.close()
        return
    session.execute(text("DELETE FROM search_text WHERE doc = ANY(:docs)"), {"docs": list(docs)})


def expression(session: Session, terms: Sequence[tuple[str, ...]]) -> str:
    """The database's query for ``terms``: every term, each by any of its stems."""
    if is_sqlite(session):
        return " AND ".join("(" + " OR ".join(f'"{s}"' for s in alts) + ")" for alts in terms)
    return " & ".join("(" + " | ".join(f"'{s}'" for s in alts) + ")" for alts in terms)


def matching(session: Session, query: str) -> TextualSelect:
    """The ids of the documents matching ``query`` (from ``expression``)."""
    if is_sqlite(session):
        clause = text("SELECT rowid AS doc FROM search_fts WHERE search_fts MATCH :fts")
    else:
        clause = text("SELECT doc FROM search_text WHERE tsv @@ to_tsquery('simple', :fts)")
    return clause.bindparams(fts=query).columns(column("doc", Integer))


def match_ids(session: Session, query: str) -> list[int]:
    """The ids of every document matching ``query`` (tens of thousands for a common word: read
    through the driver's cursor, which is several times faster than result rows)."""
    if is_sqlite(session):
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH ?"
    else:
        sql = "SELECT doc FROM search_text WHERE tsv @@ to_tsquery('simple', %s)"
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql, (query,))
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()


def stem_ids(session: Session, stem: str, column: str | None, floor: int) -> list[int]:
    """The ids, from ``floor`` up, of the documents holding ``stem`` (a ``\\w+`` stem) in
    ``column`` ("name") or anywhere."""
    if is_sqlite(session):
        target = f'{column} : "{stem}"' if column else f'"{stem}"'
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid >= ?"
    else:
        target = f"'{stem}':A" if column else f"'{stem}'"
        sql = "SELECT doc FROM search_text WHERE tsv @@ to_tsquery('simple', %s) AND doc >= %s"
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql, (target, floor))
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()


def in_ids(session: Session, name: str, ids: list[int]) -> str:
    """SQL for "``name`` is one of ``ids``" bound to one parameter ``:ids`` (a JSON array on
    SQLite, an array on PostgreSQL), however many ids there are."""
    if is_sqlite(session):
        return f"{name} IN (SELECT value FROM json_each(:ids))"  # noqa: S608 (a column name)
    return f"{name} = ANY(:ids)"


def ids_param(session: Session, ids: list[int]) -> object:
    return json.dumps(ids) if is_sqlite(session) else ids


def dated_page(
    session: Session, ids: list[int] | None, limit: int, offset: int
) -> list[tuple[int, str]]:
    """(doc, IRI) of a page of documents (among ``ids`` when given), newest change first,
    ties by IRI descending (so one index, walked backwards, gives the order)."""
    where = f"WHERE {in_ids(session, 'id', ids)}" if ids is not None else ""
    sql = (
        f"SELECT id, iri FROM search_doc {where} "  # noqa: S608
        "ORDER BY modified DESC, iri DESC LIMIT :limit OFFSET :offset"
    )
    params: dict[str, object] = {"limit": limit, "offset": offset}
    if ids is not None:
        params["ids"] = ids_param(session, ids)
    return [(int(doc), iri) for doc, iri in session.execute(text(sql), params)]


def contents(session: Session, ids: list[int]) -> list[tuple[int, str, str, str]]:
    """(doc, IRI, name stems, body stems) of SQLite documents, for ranking them in Python."""
    sql = (
        "SELECT f.rowid, d.iri, f.name, f.body FROM search_fts f "
        "JOIN search_doc d ON d.id = f.rowid WHERE f.rowid IN (SELECT value FROM json_each(?))"
    )
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql, (json.dumps(ids),))
        return [(row[0], row[1], row[2], row[3]) for row in cursor.fetchall()]
    finally:
        cursor.close()


def sample_lengths(session: Session, size: int = 2_000) -> float:
    """The average weighted length (name x NAME_WEIGHT + body, in stems) of SQLite documents,
    estimated on a sample: BM25's length normalisation."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute("SELECT name, body FROM search_fts LIMIT ?", (size,))
        rows = cursor.fetchall()
    finally:
        cursor.close()
    if not rows:
        return 1.0
    total = sum(NAME_WEIGHT * len(name.split()) + len(body.split()) for name, body in rows)
    return max(1.0, total / len(rows))


def ts_ranked(session: Session, query: str, ids: list[int]) -> list[tuple[str, float]]:
    """(IRI, rank) of PostgreSQL documents among ``ids`` for ``query``, the best first."""
    sql = (
        "SELECT d.iri, ts_rank(t.tsv, to_tsquery('simple', :fts)) AS rank FROM search_text t "
        "JOIN search_doc d ON d.id = t.doc WHERE t.doc = ANY(:ids) ORDER BY rank DESC, d.iri"
    )
    rows = session.execute(text(sql), {"fts": query, "ids": ids})
    return [(iri, float(rank)) for iri, rank in rows]
