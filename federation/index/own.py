"""The node's own records in the index, from its own feed: the events after the stored cursor
are read from the database (no HTTP), written as the feed page a peer would get, and read by the
same reader as a peer's page. One RDF → index path for every row, own or harvested."""

from __future__ import annotations

import logging

from sqlmodel import Session

from federation.common.fields import utcnow
from federation.common.records import RecordKind, record_iri
from federation.feed import repository as feed_repository
from federation.feed.pages import FeedState, Page, nquads
from federation.index import repository
from federation.index.members import ReadLimits
from federation.index.reader import read_page
from federation.index.service import ApplyCounts, apply, remove
from federation.settings import Settings

logger = logging.getLogger(__name__)

BATCH = 1_000  # events per read


def sync_own(session: Session, settings: Settings) -> ApplyCounts:
    """Apply the node's own feed events after the index's cursor; flushes, the caller
    commits. When compaction removed events the cursor had not reached (deletions among
    them), the feed is read again from its start and the rows of records that no longer
    exist are removed."""
    counts = ApplyCounts()
    state = FeedState(
        last=feed_repository.last_seq(session), horizon=feed_repository.horizon(session)
    )
    cursor = repository.own_cursor(session)
    replay = state.cursor_expired(cursor) or cursor > state.last
    if replay:
        cursor = 0
    # Our own records are bounded by our own validation; a peer's limits do not apply.
    limits = ReadLimits(max_triples_per_member=1_000_000, max_literal_chars=10_000_000)
    while cursor < state.last:
        high = min(cursor + BATCH, state.last)
        events = feed_repository.events_between(session, cursor, high)
        if events:
            body = nquads(Page(0, state, events), settings.base_url)
            page = read_page(body, base_url=settings.base_url, limits=limits)
            valid = [member for member in page.members if not member.problems]
            for member in page.members:
                if member.problems:  # our own data breaking our own rules: a bug to see
                    logger.error("own record %s not indexed: %s", member.iri, member.problems)
            counts += apply(
                session, valid, source=settings.node_id, peer_id=None, fetched_at=utcnow()
            )
        cursor = high
        repository.set_own_cursor(session, cursor)
    if replay:
        counts.deleted += _remove_gone(session, settings)
    repository.set_own_cursor(session, cursor)
    return counts


def _remove_gone(session: Session, settings: Settings) -> int:
    """Remove the own rows whose record is no longer published."""
    live = {
        record_iri(settings.base_url, RecordKind(kind), record_id)
        for record_id, kind in repository.published_records(session)
    }
    gone = [iri for iri in repository.own_iris(session, settings.node_id) if iri not in live]
    return remove(session, gone)
