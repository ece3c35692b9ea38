"""Index rows for similar-project tests: search's ``Rows`` (applied through the index's real
``apply``, so the search tables are built by the real hook), with every process cache reset."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from federation.search import bitsets
from federation.similar import terms
from tests.search.conftest import Rows


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Each test's rows are rolled back, so ids are reused: no cache may outlive a test."""
    bitsets.reset()
    terms.reset()
    yield
    bitsets.reset()
    terms.reset()


@pytest.fixture
def rows(session: Session) -> Rows:
    made = Rows(session)
    made.peers()
    return made
