"""Suggestions: the stored name pairs that are still worth an admin's look, decided when read.

A pair is offered when its actors are in two clusters, no admin decided on it, no rejected pair
already parts the two clusters, and the clusters' identifiers do not tell them apart (one has
SIREN x, the other SIREN y). Of the pairs between the same two clusters, only the closest is
offered: confirming it joins them all."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from federation.clusters import queries, repository
from federation.clusters.keys import distinctive_words, known_different
from federation.clusters.records import records
from federation.clusters.schemas import ActorRecord, Reason, Suggestion, SuggestionSide
from federation.settings import Settings

Pair = tuple[str, str, float]  # IRI a, IRI b, score


def pending(session: Session, among: Sequence[str] | None = None) -> list[Pair]:
    """The pairs to offer (touching ``among`` when given), the closest first."""
    rows = queries.pending_pairs(session, among)
    if not rows:
        return []
    # A lone actor's keys are its cluster's; the keys of larger clusters are read.
    shared = queries.shared_clusters(session) & {c for row in rows for c in row[3:5]}
    keys = {c: " ".join(held) for c, held in queries.cluster_keys(session, shared).items()}
    rejected = queries.rejected_pairs(session)
    where = repository.clusters_of(session, {iri for pair in rejected for iri in pair})
    apart = {frozenset((where[a], where[b])) for a, b in rejected if a in where and b in where}
    best: dict[frozenset[str], Pair] = {}
    for a, b, score, cluster_a, cluster_b, keys_a, keys_b in rows:
        clusters = frozenset((cluster_a, cluster_b))
        if clusters in apart:
            continue
        held_a = keys.get(cluster_a, keys_a)
        held_b = keys.get(cluster_b, keys_b)
        if held_a and held_b and known_different(held_a.split(), held_b.split()):
            continue
        held = best.get(clusters)
        if held is None or (-score, a, b) < (-held[2], held[0], held[1]):
            best[clusters] = (a, b, score)
    return sorted(best.values(), key=lambda pair: (-pair[2], pair[0], pair[1]))


def explain(session: Session, settings: Settings, pairs: Sequence[Pair]) -> list[Suggestion]:
    """The pairs with both records and why they may be one actor."""
    by_iri = {r.iri: r for r in records(session, settings, {i for p in pairs for i in p[:2]})}
    return [
        Suggestion(
            a=_side(by_iri[a]),
            b=_side(by_iri[b]),
            score=score,
            why=_why(by_iri[a], by_iri[b], score),
        )
        for a, b, score in pairs
        if a in by_iri and b in by_iri
    ]


def _side(record: ActorRecord) -> SuggestionSide:
    return SuggestionSide(
        iri=record.iri,
        name=record.name,
        network=record.network.name,
        city=record.city,
        actor_type=record.actor_type,
    )


def _why(a: ActorRecord, b: ActorRecord, score: float) -> list[Reason]:
    reasons = [
        Reason(
            code="close_names",
            message=f"Noms proches ({score:.0f}/100) : « {a.name} » et « {b.name} ».",
            message_en=f"Close names ({score:.0f}/100): “{a.name}” and “{b.name}”.",
        )
    ]
    common = [word for word in distinctive_words(a.name) if word in distinctive_words(b.name)]
    if common:
        words = ", ".join(dict.fromkeys(common))
        reasons.append(
            Reason(
                code="shared_words",
                message=f"Mots en commun : {words}.",
                message_en=f"Words in common: {words}.",
            )
        )
    if a.city and b.city and a.city.casefold() == b.city.casefold():
        reasons.append(
            Reason(
                code="same_city",
                message=f"Même commune : {a.city}.",
                message_en=f"Same town: {a.city}.",
            )
        )
    if a.actor_type and a.actor_type == b.actor_type:
        reasons.append(
            Reason(
                code="same_type",
                message=f"Même type d’acteur : {a.actor_type_label}.",
                message_en=f"Same actor type: {a.actor_type}.",
            )
        )
    if a.network.node_id != b.network.node_id:
        reasons.append(
            Reason(
                code="two_networks",
                message=f"Connus de deux réseaux : {a.network.name} et {b.network.name}.",
                message_en=f"Known to two networks: {a.network.name} and {b.network.name}.",
            )
        )
    reasons.append(
        Reason(
            code="no_identifier_link",
            message="Aucun identifiant officiel ne les relie ni ne les distingue : "
            "un nom seul ne suffit pas à les réunir.",
            message_en="No official identifier links or parts them: a name alone does not "
            "merge them.",
        )
    )
    return reasons
