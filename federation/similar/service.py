"""Similar projects: the actions of the index nearest to an action or to a description, each
with its score and the reasons for it (see ``scoring`` for the weights, ``candidates`` for how
the few hundred actions worth scoring are found among all)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from federation.codelists.registry import Scheme, codelists
from federation.errors import FederationError, NotFound
from federation.search import bitsets
from federation.search.networks import Network, networks
from federation.search.text import indexed
from federation.settings import Settings
from federation.similar import candidates, profile, repository, scoring, terms
from federation.similar.params import SimilarRequest
from federation.similar.profile import Profile
from federation.similar.repository import Row
from federation.similar.schemas import (
    Asked,
    Coded,
    Reasons,
    SimilarAction,
    SimilarPublic,
    Source,
)

ACTION = "Action"


class NotAnAction(FederationError):
    """The IRI is in the index, but is an actor or a group: only actions are compared."""

    def __init__(self, iri: str, kind: str) -> None:
        super().__init__(
            message=f"Aucune action à cette IRI (c'est une fiche de type {kind}) : {iri}",
            message_en=f"No action at this IRI (it is a record of kind {kind}): {iri}",
            status_code=404,
            code="not_an_action",
        )


def similar(session: Session, settings: Settings, request: SimilarRequest) -> SimilarPublic:
    """The ``request.k`` actions most similar to the asked one, the best first; by default
    only those of other networks than the asked action's (this node's, for a description)."""
    sets = bitsets.facet_sets(session)
    stats = terms.term_stats(session, sets)
    row, asked = _asked_of(session, request)
    stats.ensure(session, asked.stems)
    home = row.source if row is not None else settings.node_id
    excluded = () if request.same_region else (home,)
    allowed = candidates.allowed(sets, excluded, row.doc if row is not None else None)
    docs = candidates.pool(session, sets, stats, asked, allowed)
    texts = repository.stems_of(session, docs)
    found = [
        r
        for r in repository.rows_of(session, docs)
        if r.kind == "action" and r.doc in texts and (row is None or r.iri != row.iri)
    ]
    others = {r.iri: profile.of_row(r.data, *texts[r.doc]) for r in found if r.doc is not None}
    stats.ensure(session, set().union(*(p.stems.keys() for p in others.values())))
    asked_norm = scoring.norm(asked, stats.squares)
    scored = [(scoring.compare(asked, others[r.iri], stats.squares, asked_norm), r) for r in found]
    scored.sort(key=lambda pair: (-pair[0].score, pair[1].iri))
    known = networks(session, settings)
    return SimilarPublic(
        asked=_asked(request, row, asked, known),
        k=request.k,
        same_region=request.same_region,
        weights=dict(scoring.WEIGHTS),
        compared=scoring.applicable(asked, asked_norm),
        results=[
            _result(rank, match, scoring.explain(asked, others[r.iri], stats.squares), r, known)
            for rank, (match, r) in enumerate(scored[: request.k], start=1)
        ],
    )


def _asked_of(session: Session, request: SimilarRequest) -> tuple[Row | None, Profile]:
    """The asked action's row and profile, or the description's profile (no row)."""
    if request.iri is None:
        described = profile.of_description(
            request.text,
            countries=request.countries,
            sectors=request.sectors,
            categories=request.categories,
            sdgs=request.sdgs,
        )
        return None, described
    row = repository.record(session, request.iri)
    if row is None:
        raise NotFound(ACTION, request.iri)
    if row.kind != "action":
        raise NotAnAction(request.iri, row.kind)
    return row, _profile_of(session, row)


def _profile_of(session: Session, row: Row) -> Profile:
    """The asked action: its indexed stems, and its own words to show the shared ones."""
    texts = repository.stems_of(session, [row.doc]) if row.doc is not None else {}
    forms = profile.forms_of(profile.own_words(row.name, row.description, row.data))
    if row.doc in texts:
        name, every = texts[row.doc]
    else:  # not in the search tables yet: its own words only
        name, every = indexed(row.name), " ".join(map(indexed, forms.values()))
    return profile.of_row(row.data, name, every, forms)


def _coded(scheme: Scheme, codes: Iterable[str]) -> list[Coded]:
    lists = codelists()[scheme]
    return [Coded(code=c, label=lists.label(c), label_en=lists.label(c, "en")) for c in codes]


def _source(node: str, known: dict[str, Network]) -> Source:
    network = known.get(node)
    if network is None:
        return Source(node_id=node, name=node, own=False, stale=False)
    return Source(node_id=node, name=network.name, own=network.own, stale=network.stale)


def _years(span: tuple[int, int] | None) -> list[int]:
    return list(span) if span is not None else []


def _asked(
    request: SimilarRequest, row: Row | None, asked: Profile, known: dict[str, Network]
) -> Asked:
    return Asked(
        iri=row.iri if row is not None else None,
        name=row.name if row is not None else None,
        source=_source(row.source, known) if row is not None else None,
        text=request.text or None,
        countries=_coded(Scheme.COUNTRY, sorted(asked.countries)),
        sectors=_coded(Scheme.SECTOR, sorted(asked.sectors)),
        categories=_coded(Scheme.SECTOR_CATEGORY, sorted(asked.categories)),
        sdgs=_coded(Scheme.SDG, sorted(asked.sdgs, key=scoring.goal_order)),
        partner_types=_coded(Scheme.ORGANISATION_TYPE, sorted(asked.partner_types)),
        years=_years(asked.years),
    )


def _result(
    rank: int, match: scoring.Match, why: scoring.Reasons, row: Row, known: dict[str, Network]
) -> SimilarAction:
    return SimilarAction(
        rank=rank,
        iri=row.iri,
        name=row.name,
        score=round(match.score, 4),
        components={name: round(value, 4) for name, value in match.components.items()},
        reasons=Reasons(
            countries=_coded(Scheme.COUNTRY, why.countries),
            sectors=_coded(Scheme.SECTOR, why.sectors),
            categories=_coded(Scheme.SECTOR_CATEGORY, why.categories),
            sdgs=_coded(Scheme.SDG, why.sdgs),
            partner_types=_coded(Scheme.ORGANISATION_TYPE, why.partner_types),
            words=why.words,
            years=why.years,
        ),
        source=_source(row.source, known),
        modified=row.modified,
        fetched_at=row.fetched_at,
        countries=list(row.data.get("countries") or []),
        sectors=list(row.data.get("sectors") or []),
        years=_years(profile.period(row.data)),
    )
