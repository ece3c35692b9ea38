"""What is derived from the index rows and kept in step with them, in the same transaction:
the search tables and the actor clusters. Every change to ``index_record`` goes through
``changed`` (index.service), so a crash never leaves them apart from the rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from federation.clusters import store as clusters
from federation.search import store as search


def changed(session: Session, removed: Sequence[str], added: Sequence[dict[str, Any]]) -> None:
    """Rows of IRIs ``removed`` were deleted, then ``added`` (index row dicts, with ``data``
    as JSON text) inserted; an updated row is in both."""
    if not removed and not added:
        return
    search.refresh(session, removed, added)
    clusters.refresh(session, removed, added)
