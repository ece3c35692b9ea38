"""The same actor across regions: an actor's cluster with its records and disagreements, the
suggestions, and the admins' decisions. Services flush; the request commits."""

from __future__ import annotations

from sqlmodel import Session

from federation.clusters import queries, repository
from federation.clusters.components import recluster
from federation.clusters.disagreements import disagreements
from federation.clusters.models import ClusterDecision, Verdict
from federation.clusters.records import records
from federation.clusters.schemas import (
    DecisionCreate,
    DecisionPublic,
    DecisionSaved,
    DecisionsPublic,
    Link,
    SameActorPublic,
    SuggestionsPublic,
)
from federation.clusters.suggestions import explain, pending
from federation.common.fields import utcnow
from federation.common.listing import Page
from federation.errors import FederationError, FieldError, NotFound, ValidationFailed
from federation.settings import Settings

ACTOR = "Acteur"


def cluster_of(session: Session, iri: str) -> str:
    """The cluster of an actor of the index; 404 for any other IRI."""
    cluster = repository.clusters_of(session, [iri]).get(iri)
    if cluster is None:
        raise NotFound(ACTOR, iri)
    return cluster


def same_actor(session: Session, settings: Settings, iri: str) -> SameActorPublic:
    """The records of the actor ``iri`` in every network that knows it, what links them, where
    they disagree, and the other actors that may be the same."""
    members = repository.members_of(session, [cluster_of(session, iri)]).popitem()[1]
    found = records(session, settings, members)
    return SameActorPublic(
        iri=iri,
        records=found,
        networks=len({record.network.node_id for record in found}),
        links=_links(session, members),
        disagreements=disagreements(found),
        suggestions=explain(session, settings, pending(session, members)),
        decisions=[_public(d) for d in queries.decisions_touching(session, members)],
    )


def _links(session: Session, members: list[str]) -> list[Link]:
    held: dict[str, list[str]] = {}
    for iri, keys in sorted(repository.keys_of(session, members).items()):
        for key in keys:
            held.setdefault(key, []).append(iri)
    links = [
        Link(
            kind="identifier",
            scheme=key.partition(":")[0],
            value=key.partition(":")[2],
            records=iris,
        )
        for key, iris in sorted(held.items())
        if len(iris) > 1
    ]
    inside = set(members)
    links.extend(
        Link(
            kind="decision",
            records=[d.iri_a, d.iri_b],
            decided_by=d.decided_by,
            decided_at=d.decided_at,
        )
        for d in queries.decisions_touching(session, members)
        if d.verdict == Verdict.SAME and d.iri_a in inside and d.iri_b in inside
    )
    return links


def suggestions(session: Session, settings: Settings, page: Page) -> SuggestionsPublic:
    """Pairs of actors with close names that no identifier links or parts, the closest first."""
    pairs = pending(session)
    shown = pairs[page.offset : page.offset + page.limit]
    return SuggestionsPublic(
        data=explain(session, settings, shown),
        count=len(pairs),
        offset=page.offset,
        limit=page.limit,
    )


def decide(session: Session, data: DecisionCreate, decided_by: str) -> DecisionSaved:
    """Keep an admin's decision on two actors (by IRI: it outlives their rows) and recompute
    their clusters: confirmed, they are one; rejected, never suggested again."""
    if data.iri_a == data.iri_b:
        raise ValidationFailed(
            [
                FieldError(
                    "iri_b",
                    "same_record",
                    "Les deux IRI désignent le même enregistrement.",
                    "Both IRIs name the same record.",
                )
            ]
        )
    repository.lock(session)
    before = repository.clusters_of(session, [data.iri_a, data.iri_b])
    for iri in (data.iri_a, data.iri_b):
        if iri not in before:
            raise NotFound(ACTOR, iri)
    iri_a, iri_b = sorted((data.iri_a, data.iri_b))
    decision = queries.decision(session, iri_a, iri_b) or ClusterDecision(
        iri_a=iri_a, iri_b=iri_b, verdict=data.verdict.value, decided_by=decided_by
    )
    decision.verdict = data.verdict.value
    decision.decided_by = decided_by
    decision.decided_at = utcnow()
    decision.note = data.note or None
    session.add(decision)
    session.flush()
    fellows = repository.members_of(session, set(before.values()))
    recluster(session, [iri for members in fellows.values() for iri in members])
    after = repository.clusters_of(session, [iri_a, iri_b])
    if data.verdict == Verdict.DIFFERENT and after[iri_a] == after[iri_b]:
        raise StillLinked()
    clusters = repository.members_of(session, set(after.values()))
    return DecisionSaved(
        **_public(decision).model_dump(),
        cluster_a=clusters[after[data.iri_a]],
        cluster_b=clusters[after[data.iri_b]],
    )


class StillLinked(FederationError):
    """A rejection cannot part actors that identifiers (or other confirmations) join."""

    def __init__(self) -> None:
        super().__init__(
            message="Ces deux acteurs restent réunis par un identifiant officiel commun ou par "
            "d’autres confirmations : un refus ne peut pas les séparer.",
            message_en="These two actors stay joined by a shared official identifier or by "
            "other confirmations: a rejection cannot part them.",
            status_code=409,
            code="still_linked",
        )


def decisions(session: Session, page: Page) -> DecisionsPublic:
    """Every admin decision, the latest first."""
    found, count = queries.decisions(session, page.offset, page.limit)
    return DecisionsPublic(data=[_public(d) for d in found], count=count)


def _public(decision: ClusterDecision) -> DecisionPublic:
    return DecisionPublic(
        iri_a=decision.iri_a,
        iri_b=decision.iri_b,
        verdict=Verdict(decision.verdict),
        decided_at=decision.decided_at,
        decided_by=decision.decided_by,
        note=decision.note,
    )
