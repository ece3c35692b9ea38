"""One entry point over the per-entity mappings, by kind of record."""

from __future__ import annotations

from rdflib import Graph, URIRef

from federation.actions.schemas import ActionPublic
from federation.actors.schemas import ActorPublic
from federation.common.records import RecordKind
from federation.groups.schemas import WorkingGroupPublic
from federation.rdf.actions import ActionFacts, action_from_rdf, action_triples
from federation.rdf.actors import actor_from_rdf, actor_triples
from federation.rdf.description import Description
from federation.rdf.groups import group_from_rdf, group_triples
from federation.rdf.ntriples import graph_of, written
from federation.rdf.terms import Triple

PublicRecord = ActorPublic | ActionPublic | WorkingGroupPublic
# What can be published: a record as the API gives it, or an action as a bulk load wrote it.
Publishable = ActorPublic | ActionFacts | WorkingGroupPublic


def kind_of(record: Publishable) -> RecordKind:
    if isinstance(record, ActorPublic):
        return RecordKind.ACTOR
    if isinstance(record, WorkingGroupPublic):
        return RecordKind.GROUP
    return RecordKind.ACTION


def record_triples(record: Publishable) -> list[Triple]:
    if isinstance(record, ActorPublic):
        return actor_triples(record)
    if isinstance(record, WorkingGroupPublic):
        return group_triples(record)
    return action_triples(record)


def record_ntriples(record: Publishable) -> tuple[int, str]:
    """How many triples a record has, and their N-Triples text (what is published)."""
    return written(record_triples(record))


def record_graph(record: PublicRecord) -> Graph:
    return graph_of(record_triples(record))


def record_from_rdf(description: Description, iri: URIRef, kind: RecordKind) -> PublicRecord:
    if kind is RecordKind.ACTOR:
        return actor_from_rdf(description, iri)
    if kind is RecordKind.ACTION:
        return action_from_rdf(description, iri)
    return group_from_rdf(description, iri)
