"""The order of a search's hits, one page of it.

- ``date``: changed at the source, newest first, ties by IRI (descending).
- ``relevance`` (with words): BM25 (name words weigh 4x) over the matching documents when
  they are at most ``RANK_LIMIT`` after the filters. Beyond that, ranking every match on each
  search costs more than the 50 ms a search may take (FTS5 computes the rank of every match of
  a common word: 20,000 for "eau" at 100,000 actions), so the documents whose *name* holds the
  words come first (ranked by BM25 when they are few enough, else newest first), then the
  others, newest first. On PostgreSQL ``ts_rank`` ranks the same sets.

SQLite's BM25 is computed here from the stems the full-text table holds for each document
(FTS5's own bm25() needs a MATCH over all matches, which cannot be restricted to a set of ids
cheaply); document frequencies come from the word bitsets, the average length from a sample."""

from __future__ import annotations

import math
from collections.abc import Sequence

from sqlmodel import Session

from federation.search import bitsets, fulltext

RANK_LIMIT = 1_000
SMALL = 20_000  # up to this many documents, a date page may be asked among their ids
K1 = 1.2
B = 0.75


def date_page(
    session: Session, bits: int, *, total: int, offset: int, limit: int, live: int
) -> list[str]:
    """A page of the documents of ``bits`` (``total`` of the ``live`` ones), newest change
    first: asked among their ids when they are fewer than the rows a walk down the date
    index would read to find the page (about the same cost per row, measured), else walked."""
    if limit <= 0 or not bits:
        return []
    walked = (offset + limit) * live / total
    if total <= SMALL and total <= walked:
        return [iri for _, iri in fulltext.dated_page(session, bitsets.ids_of(bits), limit, offset)]
    found: list[str] = []  # many: walk the whole order in chunks, keeping the chosen ones
    seen = start = 0
    chunk = max(1_000, 4 * (offset + limit))
    member = bits.to_bytes((bits.bit_length() + 7) // 8, "little")  # a bit test is O(1) here
    size = len(member)
    while len(found) < limit:
        rows = fulltext.dated_page(session, None, chunk, start)
        for doc, iri in rows:
            if doc >> 3 < size and member[doc >> 3] >> (doc & 7) & 1:
                if seen >= offset:
                    found.append(iri)
                    if len(found) == limit:
                        break
                seen += 1
        if len(rows) < chunk:
            break
        start += chunk
    return found


def relevance_page(
    session: Session,
    sets: bitsets.FacetSets,
    bits: int,
    *,
    total: int,
    terms: Sequence[tuple[str, ...]],
    offset: int,
    limit: int,
) -> list[str]:
    live = sets.live.bit_count()
    if total <= RANK_LIMIT:
        return rank(session, sets, bitsets.ids_of(bits), terms)[offset : offset + limit]
    named = bits & sets.words_bits(session, terms, column="name")
    count = named.bit_count()
    if count <= RANK_LIMIT:
        head = rank(session, sets, bitsets.ids_of(named), terms)
    else:
        head = date_page(session, named, total=count, offset=0, limit=offset + limit, live=live)
    page = head[offset : offset + limit]
    if len(page) < limit:
        rest = bits & ~named
        page += date_page(
            session,
            rest,
            total=rest.bit_count(),
            offset=max(0, offset - count),
            limit=limit - len(page),
            live=live,
        )
    return page


def rank(
    session: Session, sets: bitsets.FacetSets, ids: list[int], terms: Sequence[tuple[str, ...]]
) -> list[str]:
    """The IRIs of ``ids``, best match for ``terms`` first, ties by IRI."""
    if not ids:
        return []
    if not fulltext.is_sqlite(session):
        query = fulltext.expression(session, terms)
        return [iri for iri, _ in fulltext.ts_ranked(session, query, ids)]
    live = sets.live.bit_count() or 1
    idf = {}
    for alternatives in terms:
        for stem in alternatives:
            df = (sets.stem_bits(session, stem) & sets.live).bit_count()
            idf[stem] = math.log(1 + (live - df + 0.5) / (df + 0.5))
    average = sets.average_length(session)
    stems = {stem for alternatives in terms for stem in alternatives}
    weight = int(fulltext.NAME_WEIGHT)
    scored = []
    for _, iri, name, body in fulltext.contents(session, ids):
        # Counting a few stems in C (str.count on space-padded text) beats splitting every
        # document into a Counter by an order of magnitude.
        padded_name, padded_body = f" {name} ", f" {body} "
        counts = {
            stem: weight * padded_name.count(f" {stem} ") + padded_body.count(f" {stem} ")
            for stem in stems
        }
        length = weight * (name.count(" ") + 1 if name else 0) + (
            body.count(" ") + 1 if body else 0
        )
        norm = K1 * (1 - B + B * length / average)
        score = 0.0
        for alternatives in terms:
            score += max(
                idf[stem] * counts[stem] * (K1 + 1) / (counts[stem] + norm) for stem in alternatives
            )
        scored.append((-score, iri))
    scored.sort()
    return [iri for _, iri in scored]
