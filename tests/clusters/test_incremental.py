"""The incremental upkeep gives what a computation from scratch gives, whatever the order of the
changes: random harvests (new records, changed identifiers, renames, deletions) and decisions,
checked after every step against the connected components of the index rows themselves."""

from __future__ import annotations

import json
import random

from sqlalchemy import select
from sqlmodel import Session, col

from federation.clusters import service
from federation.clusters.components import UnionFind
from federation.clusters.keys import match_keys
from federation.clusters.models import ClusterDecision, ClusterMember, Verdict
from federation.clusters.schemas import DecisionCreate
from federation.clusters.suggestions import pending
from federation.errors import FederationError
from federation.identifiers import make_rna, make_siren
from federation.index.models import IndexRecord
from tests.clusters.conftest import OTHER_SIREN, SIREN, Federation

NAMES = ("Solidarité Sahel", "Solidarite Sahell", "Eau Vive", "Eau Vive 25", "Kasso", "Tinga")


def from_scratch(session: Session) -> set[frozenset[str]]:
    """Components of the actor rows of the index: shared valid identifiers and confirmations."""
    sets = UnionFind()
    holder: dict[str, str] = {}
    stmt = select(col(IndexRecord.iri), col(IndexRecord.data)).where(
        col(IndexRecord.kind) == "actor"
    )
    for iri, data in session.execute(stmt):
        sets.add(iri)
        for key in match_keys(json.loads(data).get("identifiers")):
            sets.union(holder.setdefault(key, iri), iri)
    same = select(col(ClusterDecision.iri_a), col(ClusterDecision.iri_b)).where(
        col(ClusterDecision.verdict) == Verdict.SAME.value
    )
    for a, b in session.execute(same):
        if a in sets.parent and b in sets.parent:
            sets.union(a, b)
    return {frozenset(group) for group in sets.groups()}


def stored(session: Session) -> set[frozenset[str]]:
    by_cluster: dict[str, set[str]] = {}
    for cluster, iri in session.execute(select(col(ClusterMember.cluster), col(ClusterMember.iri))):
        by_cluster.setdefault(cluster, set()).add(iri)
    for cluster, members in by_cluster.items():
        assert cluster == min(members)  # a cluster is named by its smallest IRI
    return {frozenset(members) for members in by_cluster.values()}


def test_random_harvests_match_a_computation_from_scratch(
    federation: Federation, session: Session
) -> None:
    rng = random.Random(20261126)
    sirens = [make_siren(rng) for _ in range(4)]
    rnas = [make_rna("25", rng) for _ in range(4)]
    live: set[tuple[str, str]] = set()
    for step in range(60):
        network = rng.choice(["own", "occ", "bzh"])
        key = rng.choice("abcdefgh")
        roll = rng.random()
        if (network, key) in live and roll < 0.2:
            federation.harvest(network, federation.deletion(network, key))
            live.discard((network, key))
        elif roll < 0.3 and len(live) >= 2:
            (n1, k1), (n2, k2) = rng.sample(sorted(live), 2)
            verdict = rng.choice(list(Verdict))
            data = DecisionCreate(
                iri_a=federation.iri(n1, k1), iri_b=federation.iri(n2, k2), verdict=verdict
            )
            refused = None
            try:
                with session.begin_nested():
                    service.decide(session, data, "test-admin")
            except FederationError as error:
                refused = error.status_code
            assert refused in {None, 409}  # 409: a rejection of what identifiers join
        else:
            identifiers = {}
            if rng.random() < 0.6:
                identifiers["siren"] = rng.choice(sirens)
            if rng.random() < 0.4:
                identifiers["rna"] = rng.choice(rnas)
            federation.publish(network, key, rng.choice(NAMES), identifiers=identifiers)
            live.add((network, key))
        assert stored(session) == from_scratch(session), f"step {step}"
    for a, b, _ in pending(session):
        assert not any({a, b} <= group for group in stored(session))


def test_a_change_of_description_keeps_clusters_and_suggestions(
    federation: Federation, session: Session
) -> None:
    a = federation.publish("own", "a", "Solidarité Sahel")
    b = federation.publish("occ", "x", "Solidarite Sahel")
    assert [pair[:2] for pair in pending(session)] == [tuple(sorted([a, b]))]
    federation.publish("occ", "x", "Solidarite Sahel", description="Nouvelle description")
    assert [pair[:2] for pair in pending(session)] == [tuple(sorted([a, b]))]
    # Identifiers that part them end the suggestion, though no name changed.
    federation.publish("own", "a", "Solidarité Sahel", identifiers={"siren": SIREN})
    federation.publish("occ", "x", "Solidarite Sahel", identifiers={"siren": OTHER_SIREN})
    assert pending(session) == []
