"""How rare each stem is in the search index: its document frequency, kept per database in
each process, for the idf weights of similarity.

The full-text engine knows these counts but answers them slowly one by one (a count walks the
stem's whole list of documents: milliseconds for a common stem, and an action has sixty), so
the whole vocabulary is read once (SQLite ``fts5vocab``, PostgreSQL ``ts_stat``: a second or
two at 100,000 actions) and kept. A stem missing from it (a word new since the read) is
counted alone and added. The counts drift as the index changes; a few documents more or less
barely move an idf, so the vocabulary is read again only when it is ``MAX_AGE`` old and the
index has changed since (the generation of the search tables moved). The number of documents,
which every idf divides by, is always the current one (the search bitsets' live set)."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session

from federation.search import bitsets
from federation.similar.repository import count_documents, read_vocabulary

MAX_AGE = 3600.0  # seconds before a changed index has its vocabulary read again


class Squares(dict[str, float]):
    """Stem -> idf squared, computed on first use (``owner``: the counts)."""

    def __init__(self, owner: TermStats) -> None:
        super().__init__()
        self.owner = owner

    def __missing__(self, stem: str) -> float:
        value = self[stem] = self.owner.idf(stem) ** 2
        return value


@dataclass
class TermStats:
    """Document frequency of each stem, and the number of documents."""

    frequency: dict[str, int] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)  # idf of the stems asked so far
    squares: Squares = field(init=False)
    documents: int = 0
    generation: int | None = None  # of the search tables when the vocabulary was read
    loaded: bool = False
    read_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.squares = Squares(self)

    def forget_weights(self) -> None:
        self.weights = {}
        self.squares = Squares(self)

    def idf(self, stem: str) -> float:
        """BM25's idf: ln(1 + (N - df + 0.5) / (df + 0.5)); 0 for a stem no document has."""
        weight = self.weights.get(stem)
        if weight is None:
            df = self.frequency.get(stem, 0)
            weight = 0.0
            if df > 0:
                weight = math.log(1.0 + (max(self.documents - df, 0) + 0.5) / (df + 0.5))
            self.weights[stem] = weight
        return weight

    def ensure(self, session: Session, stems: Iterable[str]) -> None:
        """Count the stems not known yet (words the vocabulary had not when it was read)."""
        known = self.frequency  # other requests may add to it: test membership, never iterate
        for stem in [stem for stem in set(stems) if stem not in known]:
            self.frequency[stem] = count_documents(session, stem)
            self.weights.pop(stem, None)
            self.squares.pop(stem, None)


_STATS: dict[str, TermStats] = {}
_GUARD = threading.Lock()


def term_stats(session: Session, sets: bitsets.FacetSets) -> TermStats:
    """This process's stem counts for the session's database, read if missing or stale
    (``sets``: the search bitsets, just refreshed)."""
    key = session.connection().engine.url.render_as_string(hide_password=True)
    with _GUARD:
        stats = _STATS.setdefault(key, TermStats())
    with stats.lock:
        now = time.monotonic()
        stale = stats.generation != sets.generation and now - stats.read_at >= MAX_AGE
        if not stats.loaded or stale:
            stats.frequency = read_vocabulary(session)
            stats.forget_weights()
            stats.loaded = True
            stats.generation = sets.generation
            stats.read_at = now
        documents = sets.live.bit_count()
        if documents != stats.documents or stale:
            stats.forget_weights()
        stats.documents = documents
    return stats


def reset() -> None:
    """Forget every cached count (tests whose rows are rolled back, not committed)."""
    with _GUARD:
        _STATS.clear()
