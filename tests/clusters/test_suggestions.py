"""Suggestions (close names, no identifier linking or parting them) and the admins' decisions,
which outlive the rows: a harvest that deletes and re-applies the records keeps them."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from federation.clusters import queries, repository, service
from federation.clusters.models import Verdict
from federation.clusters.schemas import DecisionCreate
from federation.clusters.suggestions import pending
from federation.common.listing import Page
from federation.errors import FederationError
from federation.settings import Settings
from tests.clusters.conftest import OTHER_RNA, OTHER_SIREN, RNA, SIREN, Federation


def pairs(session: Session) -> set[frozenset[str]]:
    return {frozenset(pair[:2]) for pair in pending(session)}


def same_cluster(session: Session, a: str, b: str) -> bool:
    where = repository.clusters_of(session, [a, b])
    return where[a] == where[b]


def decide(session: Session, a: str, b: str, verdict: Verdict) -> None:
    service.decide(session, DecisionCreate(iri_a=a, iri_b=b, verdict=verdict), "test-admin")


def test_close_names_without_identifiers_are_suggested(
    federation: Federation, session: Session, settings: Settings
) -> None:
    a = federation.publish("own", "a", "Association Solidarité Sahel")
    b = federation.publish("occ", "x", "Solidarite Sahel", identifiers={"rna": RNA})
    c = federation.publish("bzh", "y", "Solidarité Sahell")  # a typo
    far = federation.publish("bzh", "z", "Jardins partagés de Dakar")
    assert pairs(session) == {frozenset([a, b]), frozenset([a, c]), frozenset([b, c])}
    assert not any(far in pair for pair in pairs(session))
    listing = service.suggestions(session, settings, Page(0, 10))
    assert listing.count == 3
    first = listing.data[0]
    assert first.score == 100.0
    assert {first.a.iri, first.b.iri} == {a, b}
    codes = [reason.code for reason in first.why]
    assert codes[0] == "close_names"
    assert "two_networks" in codes
    assert "no_identifier_link" in codes
    assert {first.a.network, first.b.network} == {"Réseau de test", "Occitanie Coopération"}


def test_different_sirens_are_never_suggested(federation: Federation, session: Session) -> None:
    federation.publish("own", "a", "Les Amis de Lomé", identifiers={"siren": SIREN})
    federation.publish("occ", "x", "Les Amis de Lomé", identifiers={"siren": OTHER_SIREN})
    federation.publish("bzh", "y", "Les Amis de Lome", identifiers={"rna": RNA})
    federation.publish("bzh", "z", "Amis de Lomé", identifiers={"rna": OTHER_RNA})
    # Only SIREN vs RNA pairs: no scheme in common, nothing tells them apart.
    assert pairs(session) == {
        frozenset([federation.iri(n, k), federation.iri(m, j)])
        for n, k in (("own", "a"), ("occ", "x"))
        for m, j in (("bzh", "y"), ("bzh", "z"))
    }


def test_identifiers_of_the_whole_cluster_tell_clusters_apart(
    federation: Federation, session: Session
) -> None:
    """B has no SIREN but is clustered (by RNA) with A, whose SIREN differs from C's."""
    federation.publish("own", "a", "Kasso", identifiers={"siren": SIREN, "rna": RNA})
    federation.publish("occ", "b", "Kasso Développement", identifiers={"rna": RNA})
    federation.publish("bzh", "c", "Kasso Developpement", identifiers={"siren": OTHER_SIREN})
    assert pairs(session) == set()


def test_same_cluster_is_no_suggestion(federation: Federation, session: Session) -> None:
    federation.publish("own", "a", "Tinga", identifiers={"siren": SIREN})
    federation.publish("occ", "x", "Tinga", identifiers={"siren": SIREN})
    assert pairs(session) == set()


def test_confirmed_pair_joins_and_survives_the_next_harvest(
    federation: Federation, session: Session
) -> None:
    a = federation.publish("own", "a", "Solidarité Sahel")
    b = federation.publish("occ", "x", "Solidarite Sahel")
    decide(session, a, b, Verdict.SAME)
    assert same_cluster(session, a, b)
    assert pairs(session) == set()
    # The peer's next harvest removes its rows, then applies them again with another name.
    federation.harvest("occ", federation.deletion("occ", "x"))
    assert repository.clusters_of(session, [a]) == {a: a}
    federation.publish("occ", "x", "Solidarité Sahel Occitanie", identifiers={"rna": RNA})
    assert same_cluster(session, a, b)
    # A third record sharing B's RNA joins the cluster through the confirmation.
    c = federation.publish("bzh", "y", "SolSa", identifiers={"rna": RNA})
    cluster = repository.clusters_of(session, [a])[a]
    assert repository.members_of(session, [cluster])[cluster] == sorted([a, b, c])


def test_rejected_pair_is_never_suggested_again(federation: Federation, session: Session) -> None:
    a = federation.publish("own", "a", "Les Amis de Lomé")
    b = federation.publish("occ", "x", "Les Amis de Lomé")
    assert pairs(session) == {frozenset([a, b])}
    decide(session, a, b, Verdict.DIFFERENT)
    assert pairs(session) == set()
    for _ in range(2):  # rows deleted and re-applied, names changed
        federation.harvest("occ", federation.deletion("occ", "x"))
        federation.publish("occ", "x", "Les Amis de Lome")
        federation.harvest("own", federation.member("own", "a", "Amis de Lomé"))
        assert not same_cluster(session, a, b)
        assert pairs(session) == set()


def test_a_rejection_parts_the_clusters_not_only_the_pair(
    federation: Federation, session: Session
) -> None:
    a = federation.publish("own", "a", "Eau Vive", identifiers={"rna": RNA})
    a2 = federation.publish("bzh", "y", "Eau Vive Bretagne", identifiers={"rna": RNA})
    b = federation.publish("occ", "x", "Eau Vive")
    decide(session, a, b, Verdict.DIFFERENT)
    federation.publish("bzh", "y", "Eau Vive", identifiers={"rna": RNA})  # now close to b too
    assert pairs(session) == set()
    assert {frozenset(p[:2]) for p in queries.pending_pairs(session)} == {frozenset([a2, b])}


def test_changing_ones_mind_replaces_the_decision(federation: Federation, session: Session) -> None:
    a = federation.publish("own", "a", "Tinga")
    b = federation.publish("occ", "x", "Tinga")
    decide(session, a, b, Verdict.SAME)
    decide(session, b, a, Verdict.DIFFERENT)
    assert not same_cluster(session, a, b)
    assert [d.verdict for d in queries.decisions_touching(session, [a])] == ["different"]


def test_a_rejection_cannot_part_what_identifiers_join(
    federation: Federation, session: Session
) -> None:
    a = federation.publish("own", "a", "Tinga", identifiers={"siren": SIREN})
    b = federation.publish("occ", "x", "Tinga", identifiers={"siren": SIREN})
    with pytest.raises(FederationError) as raised:
        decide(session, a, b, Verdict.DIFFERENT)
    assert raised.value.status_code == 409
