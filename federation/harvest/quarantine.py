"""Quarantine rows: a refused member's reasons (JSON) and a short excerpt of what it said.

What a peer sends is untrusted text: it is cut short and cleared of NUL characters (which
PostgreSQL cannot store) before it is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from federation.index.members import Problem

EXCERPT_CHARS = 2_000
IRI_CHARS = 600
MAX_PER_RUN = 1_000  # rows kept per run; the rest are only counted (the run is a flood anyway)


def clean(text: str, limit: int) -> str:
    return text[:limit].replace("\x00", "\ufffd")


def reason(code: str, message: str, message_en: str, path: str | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "message_en": message_en, "path": path}


def reasons_of(problems: Iterable[Problem]) -> list[dict[str, Any]]:
    return [
        reason(
            clean(problem.code, 100),
            clean(problem.message, 1_000),
            clean(problem.message_en, 1_000),
            clean(problem.path, 300) if problem.path else None,
        )
        for problem in problems
    ]


def row(
    *,
    peer_id: int,
    run_id: int,
    at: datetime,
    reasons: list[dict[str, Any]],
    iri: str | None = None,
    seq: int | None = None,
    excerpt: bytes | str = b"",
) -> dict[str, Any]:
    if isinstance(excerpt, bytes):  # at most 4 bytes a character: decode no more than needed
        text = excerpt[: EXCERPT_CHARS * 4].decode("utf-8", "replace")
    else:
        text = excerpt
    return {
        "peer_id": peer_id,
        "run_id": run_id,
        "iri": clean(iri, IRI_CHARS) if iri else None,
        "seq": seq if seq is None or -(2**31) < seq < 2**31 else None,
        "reasons": json.dumps(reasons, ensure_ascii=False),
        "excerpt": clean(text, EXCERPT_CHARS),
        "at": at,
    }
