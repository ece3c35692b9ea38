"""Clusters kept in step with the index as harvests apply members: joined by identifiers only,
split when the linking record goes, on SQLite and PostgreSQL."""

from __future__ import annotations

import random

from sqlalchemy import select
from sqlmodel import Session, col

from federation.clusters import repository
from federation.clusters.models import ClusterMember
from federation.identifiers import make_siren, make_siret
from federation.index.service import remove
from tests.clusters.conftest import (
    BAD_SIREN,
    OTHER_RNA,
    OTHER_SIREN,
    RNA,
    SIREN,
    SIRET_OF_SIREN,
    Federation,
)


def cluster(session: Session, iri: str) -> list[str]:
    """The actors in the cluster of ``iri``."""
    found = repository.clusters_of(session, [iri])[iri]
    return repository.members_of(session, [found])[found]


def all_clusters(session: Session) -> set[frozenset[str]]:
    rows = session.execute(select(col(ClusterMember.cluster), col(ClusterMember.iri)))
    by_cluster: dict[str, set[str]] = {}
    for name, iri in rows:
        by_cluster.setdefault(name, set()).add(iri)
    return {frozenset(members) for members in by_cluster.values()}


def test_same_siren_in_two_networks_is_one_cluster(
    federation: Federation, session: Session
) -> None:
    own = federation.publish("own", "a", "Solidarité Sahel", identifiers={"siren": SIREN})
    peer = federation.publish(
        "occ", "x", "Association Solidarité Sahel Toulouse", identifiers={"siren": SIREN}
    )
    federation.publish("bzh", "y", "Solidarité Sahel", identifiers={"siren": OTHER_SIREN})
    assert cluster(session, own) == sorted([own, peer])
    assert cluster(session, peer) == sorted([own, peer])


def test_keys_are_normalised_and_siret_counts_as_its_siren(
    federation: Federation, session: Session
) -> None:
    spaced = federation.publish("own", "a", "Eau Vive", identifiers={"siren": "732 829 320"})
    siret = federation.publish("occ", "x", "Eau Vive 31", identifiers={"siret": SIRET_OF_SIREN})
    rna_lower = federation.publish("bzh", "y", "EV", identifiers={"rna": RNA.lower()})
    rna = federation.publish("occ", "z", "Eau Vive", identifiers={"rna": RNA, "siren": SIREN})
    assert cluster(session, spaced) == sorted([spaced, siret, rna_lower, rna])


def test_invalid_identifiers_are_not_matched(federation: Federation, session: Session) -> None:
    a = federation.publish("own", "a", "Terre Solidaire", identifiers={"siren": BAD_SIREN})
    b = federation.publish("occ", "x", "Terre Solidaire", identifiers={"siren": BAD_SIREN})
    c = federation.publish("bzh", "y", "Terre Solidaire", identifiers={"rna": "W12"})
    d = federation.publish("bzh", "z", "Terre Solidaire", identifiers={"rna": "W12"})
    for iri in (a, b, c, d):
        assert cluster(session, iri) == [iri]


def test_same_name_alone_never_joins(federation: Federation, session: Session) -> None:
    a = federation.publish("own", "a", "Les Amis de Lomé", identifiers={"rna": RNA})
    b = federation.publish("occ", "x", "Les Amis de Lomé", identifiers={"rna": OTHER_RNA})
    c = federation.publish("bzh", "y", "Les Amis de Lomé")
    assert {frozenset(cluster(session, i)) for i in (a, b, c)} == {
        frozenset([a]),
        frozenset([b]),
        frozenset([c]),
    }


def test_removing_the_linking_record_splits_the_cluster(
    federation: Federation, session: Session
) -> None:
    """A has the SIREN, C the RNA, B both: B links them; without B they are apart again."""
    a = federation.publish("own", "a", "Graines d’avenir", identifiers={"siren": SIREN})
    c = federation.publish("bzh", "y", "Graines d'avenir 29", identifiers={"rna": RNA})
    assert cluster(session, a) == [a]
    federation.harvest(
        "occ",
        federation.member("occ", "x", "Graines d’avenir", identifiers={"siren": SIREN, "rna": RNA}),
    )
    b = federation.iri("occ", "x")
    assert cluster(session, a) == sorted([a, b, c])
    federation.harvest("occ", federation.deletion("occ", "x"))
    assert cluster(session, a) == [a]
    assert cluster(session, c) == [c]
    assert b not in repository.clusters_of(session, [b])


def test_a_changed_identifier_moves_the_record(federation: Federation, session: Session) -> None:
    a = federation.publish("own", "a", "Kasso", identifiers={"siren": SIREN})
    b = federation.publish("occ", "x", "Kasso", identifiers={"siren": SIREN})
    c = federation.publish("bzh", "y", "Kasso", identifiers={"siren": OTHER_SIREN})
    federation.publish("occ", "x", "Kasso", identifiers={"siren": OTHER_SIREN})  # corrected
    assert cluster(session, a) == [a]
    assert cluster(session, c) == sorted([b, c])


def test_rows_removed_by_the_index_leave_the_clusters(
    federation: Federation, session: Session
) -> None:
    a = federation.publish("own", "a", "Kasso", identifiers={"siren": SIREN})
    b = federation.publish("occ", "x", "Kasso", identifiers={"siren": SIREN})
    remove(session, [b])  # a peer forgotten, or a bootstrap that no longer sees the record
    assert cluster(session, a) == [a]
    assert all_clusters(session) == {frozenset([a])}


def test_a_batch_changes_only_what_it_touches(federation: Federation, session: Session) -> None:
    a = federation.publish("own", "a", "Kasso", identifiers={"siren": SIREN})
    b = federation.publish("own", "b", "Tinga", identifiers={"rna": RNA})
    federation.harvest(
        "occ",
        federation.member("occ", "x", "Kasso 31", identifiers={"siret": SIRET_OF_SIREN}),
        federation.member("occ", "y", "Tinga", identifiers={"rna": RNA}),
        federation.member("occ", "z", "Autre", identifiers={"rna": OTHER_RNA}),
    )
    x, y, z = (federation.iri("occ", k) for k in "xyz")
    assert all_clusters(session) == {frozenset([a, x]), frozenset([b, y]), frozenset([z])}


def test_a_large_harvest_in_one_batch(federation: Federation, session: Session) -> None:
    """Hundreds of rows at once (PostgreSQL writes them with COPY): each own actor meets its
    double from the peer by SIREN, and nothing else."""
    rng = random.Random(5)
    sirens = sorted({make_siren(rng) for _ in range(150)})
    own = [
        federation.member("own", f"a{n}", f"Acteur {n}", identifiers={"siren": s})
        for n, s in enumerate(sirens)
    ]
    peer = [
        federation.member("occ", f"x{n}", f"Acteur {n}", identifiers={"siret": make_siret(s, rng)})
        for n, s in enumerate(sirens)
    ]
    federation.harvest("own", *own)
    federation.harvest("occ", *peer)
    expected = {frozenset([a.iri, b.iri]) for a, b in zip(own, peer, strict=True)}
    assert all_clusters(session) == expected
