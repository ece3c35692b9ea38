"""Keep the actor clusters in step with the index (placeholder: called by index.derived)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session


def refresh(session: Session, removed: Sequence[str], added: Sequence[dict[str, Any]]) -> None:
    """Index rows ``removed`` (IRIs) are gone and ``added`` (index row dicts) are new."""
