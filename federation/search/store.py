"""Keep the search tables in step with the index: called by ``federation.index.derived`` in
the transaction that changes ``index_record``, so search never sees a row the index lacks."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session, col

from federation.db.bulk import insert_rows
from federation.search import fulltext
from federation.search.facets import text_labels, values_of
from federation.search.models import SearchDoc, SearchFacet, SearchGeneration
from federation.search.text import indexed

CHUNK = 1_000


def refresh(session: Session, removed: Sequence[str], added: Sequence[dict[str, Any]]) -> None:
    """Index rows ``removed`` (IRIs) are gone and ``added`` (index row dicts, ``data`` parsed
    or JSON text) are new."""
    _remove(session, removed)
    _add(session, added)
    bumped = session.execute(
        update(SearchGeneration)
        .where(col(SearchGeneration.id) == 1)
        .values(n=col(SearchGeneration.n) + 1)
    )
    if not bumped.rowcount:  # type: ignore[attr-defined]
        session.add(SearchGeneration(id=1, n=1))
        session.flush()


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _remove(session: Session, iris: Sequence[str]) -> None:
    for chunk in _chunks(iris):
        docs = list(
            session.execute(
                select(col(SearchDoc.id)).where(col(SearchDoc.iri).in_(chunk))
            ).scalars()
        )
        if not docs:
            continue
        session.execute(delete(SearchFacet).where(col(SearchFacet.doc).in_(docs)))
        fulltext.delete(session, docs)
        session.execute(delete(SearchDoc).where(col(SearchDoc.id).in_(docs)))


def _add(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    for chunk in _chunks(rows):
        statement = insert(SearchDoc).returning(col(SearchDoc.id), col(SearchDoc.iri))
        docs = [
            {"iri": r["iri"], "kind": r["kind"], "source": r["source"], "modified": r["modified"]}
            for r in chunk
        ]
        ids = {iri: doc for doc, iri in session.execute(statement, docs)}
        facets: list[tuple[str, str, int]] = []
        texts: list[tuple[int, str, str]] = []
        for row in chunk:
            doc = ids[row["iri"]]
            raw = row["data"]
            data = json.loads(raw) if isinstance(raw, str) else raw
            facets.extend(
                (facet, value, doc)
                for facet, value in dict.fromkeys(values_of(row["kind"], row["source"], data))
            )
            texts.append((doc, indexed(row["name"]), indexed(_body(row, data))))
        _insert_facets(session, facets)
        fulltext.insert(session, texts)


def _insert_facets(session: Session, facets: list[tuple[str, str, int]]) -> None:
    """Facet rows in bulk: on SQLite through the driver's executemany (the Core insert spends
    more time binding 15 parameters a record than SQLite spends writing them), on PostgreSQL
    through the project's bulk insert (COPY)."""
    if not facets:
        return
    if not fulltext.is_sqlite(session):
        keys = ("facet", "value", "doc")
        insert_rows(session, SearchFacet, [dict(zip(keys, row, strict=True)) for row in facets])
        return
    cursor = session.connection().connection.cursor()
    try:
        cursor.executemany("INSERT INTO search_facet (facet, value, doc) VALUES (?, ?, ?)", facets)
    finally:
        cursor.close()


def _body(row: dict[str, Any], data: dict[str, Any]) -> str:
    """The words of a row besides its name: description, acronym, places, partners, labels."""
    parts = [row.get("description") or "", data.get("acronym") or "", text_labels(data)]
    parts.extend(data.get("localities") or ())
    parts.extend(p["name"] for p in data.get("participants") or () if p.get("name"))
    address = data.get("address") or {}
    parts.append(address.get("city") or "")
    return " ".join(part for part in parts if part)
