"""The feed's tests read the same small seeded directory as the publication tests, and append
synthetic events when they need many (page boundaries)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol

import pytest
from sqlmodel import Session

from federation.common.fields import utcnow
from federation.feed.pages import PAGE_SIZE, page_of
from federation.feed.repository import last_seq
from federation.feed.service import record_versions
from schemas.namespaces import RDF, RRMA, XSD
from tests.conftest import BASE_URL
from tests.publication.conftest import Seeded, seeded

__all__ = ["Seeded", "append_events", "close_a_page", "seeded"]


class AppendEvents(Protocol):
    def __call__(self, n: int, at: datetime | None = None) -> list[uuid.UUID]: ...


def stub_ntriples(record_id: uuid.UUID, version: int = 1) -> bytes:
    """A record's stored text, reduced to its type and version (enough for the feed)."""
    iri = f"{BASE_URL}/actors/{record_id}"
    return (
        f"<{iri}> <{RDF.type}> <{RRMA.Actor}> .\n"
        f'<{iri}> <{RRMA.version}> "{version}"^^<{XSD.integer}> .\n'
    ).encode()


@pytest.fixture
def append_events(session: Session) -> AppendEvents:
    """Append ``n`` create events of new (stub) actors; returns their ids."""

    def append(n: int, at: datetime | None = None) -> list[uuid.UUID]:
        ids = [uuid.uuid4() for _ in range(n)]
        when = at or utcnow()
        record_versions(
            session,
            [
                {
                    "id": record_id,
                    "kind": "actors",
                    "version": 1,
                    "modified": when,
                    "ntriples": stub_ntriples(record_id),
                }
                for record_id in ids
            ],
        )
        session.flush()
        return ids

    return append


def close_a_page(session: Session, append_events: AppendEvents, extra: int = 0) -> int:
    """Append events until a page is full, then ``extra`` more; returns the page now closed.

    Positions are read from an event appended first: on PostgreSQL the sequence runs on past
    the rolled-back tests before, so the table's highest seq is not where the next one lands.
    """
    append_events(1)
    last = last_seq(session)
    missing = -last % PAGE_SIZE
    append_events(missing + extra)
    return page_of(last + missing)
