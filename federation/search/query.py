"""Run a search on the search tables: the matching documents, their count, one page of them
in a stable order, and the facet counts.

Facet counts are disjunctive, as in a good catalogue: the counts of a facet the user filtered
on ignore that facet's own filter (so the other countries stay visible with what they would
give), and every other filter applies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlmodel import Session, col

from federation.search import bitsets, fulltext, ranking
from federation.search.facets import FACETS
from federation.search.filters import Filters, SearchRequest, Sort
from federation.search.models import SearchDoc, SearchFacet
from federation.search.text import query_terms


@dataclass
class Found:
    total: int
    iris: list[str]  # this page's, in order
    facets: dict[str, dict[str, int]]  # facet -> value -> count


def matching(session: Session, filters: Filters) -> Select[Any]:
    """SELECT of the ids of the documents that ``filters`` select."""
    statement = select(col(SearchDoc.id))
    terms = query_terms(filters.q)
    if filters.q and not terms:  # only stop words: nothing can match
        return statement.where(col(SearchDoc.id).is_(None))
    if terms:
        expression = fulltext.expression(session, terms)
        statement = statement.where(col(SearchDoc.id).in_(fulltext.matching(session, expression)))
    for facet, values in sorted(filters.facets.items()):
        having = select(col(SearchFacet.doc)).where(
            col(SearchFacet.facet) == facet, col(SearchFacet.value).in_(values)
        )
        statement = statement.where(col(SearchDoc.id).in_(having))
    return statement


def matching_iris(session: Session, filters: Filters) -> Select[Any]:
    """SELECT of the IRIs (of ``index_record``) that ``filters`` select, in IRI order."""
    ids = matching(session, filters).subquery()
    return (
        select(col(SearchDoc.iri))
        .where(col(SearchDoc.id).in_(select(ids.c.id)))
        .order_by(col(SearchDoc.iri))
    )


def search(session: Session, request: SearchRequest) -> Found:
    """Count, page and facet counts of a search, from the in-memory facet bitsets."""
    sets = bitsets.facet_sets(session)
    filters = request.filters
    terms = query_terms(filters.q)
    text_bits = _text_bits(session, sets, filters, terms)
    chosen = _facet_bits(sets, filters, text_bits)
    total = chosen.bit_count()
    iris = _page(session, sets, request, chosen, total=total, terms=terms) if total else []
    counts: dict[str, dict[str, int]] = {facet.name: {} for facet in FACETS}
    plain = [f.name for f in FACETS if f.name not in filters.facets]
    groups: list[tuple[list[str], int]] = [(plain, chosen)]
    groups += [
        ([name], _facet_bits(sets, filters.without(name), text_bits))
        for name in sorted(filters.facets)
    ]
    for names, bits in groups:
        if not bits:
            continue
        for name in names:
            for value, members in sets.values.get(name, {}).items():
                count = (bits & members).bit_count()
                if count:
                    counts[name][value] = count
    return Found(total, iris, counts)


def _text_bits(
    session: Session, sets: bitsets.FacetSets, filters: Filters, terms: list[tuple[str, ...]]
) -> int:
    """The live documents the words select (all of them when there are no words)."""
    if not filters.q:
        return sets.live
    if not terms:  # only stop words: nothing matches
        return 0
    return sets.words_bits(session, terms)


def _facet_bits(sets: bitsets.FacetSets, filters: Filters, bits: int) -> int:
    for facet, values in filters.facets.items():
        members = sets.values.get(facet, {})
        allowed = 0
        for value in values:
            allowed |= members.get(value, 0)
        bits &= allowed
    return bits


def _page(
    session: Session,
    sets: bitsets.FacetSets,
    request: SearchRequest,
    bits: int,
    *,
    total: int,
    terms: list[tuple[str, ...]],
) -> list[str]:
    offset = (request.page - 1) * request.per_page
    if request.sort is Sort.RELEVANCE and terms:
        return ranking.relevance_page(
            session, sets, bits, total=total, terms=terms, offset=offset, limit=request.per_page
        )
    live = sets.live.bit_count()
    return ranking.date_page(
        session, bits, total=total, offset=offset, limit=request.per_page, live=live
    )
