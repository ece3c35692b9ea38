"""One entry point over the per-entity mappings, by kind of record."""

from __future__ import annotations

from rdflib import Graph, URIRef

from federation.actions.schemas import ActionPublic
from federation.actors.schemas import ActorPublic
from federation.common.records import RecordKind
from federation.groups.schemas import WorkingGroupPublic
from federation.rdf.actions import action_from_rdf, action_triples
from federation.rdf.actors import actor_from_rdf, actor_triples
from federation.rdf.description import Description
from federation.rdf.groups import group_from_rdf, group_triples
from federation.rdf.ntriples import graph_of
from federation.rdf.terms import Triple

PublicRecord = ActorPublic | ActionPublic | WorkingGroupPublic


def kind_of(record: PublicRecord) -> RecordKind:
    if isinstance(record, ActorPublic):
        return RecordKind.ACTOR
    if isinstance(record, ActionPublic):
        return RecordKind.ACTION
    return RecordKind.GROUP


def record_triples(record: PublicRecord) -> list[Triple]:
    if isinstance(record, ActorPublic):
        return actor_triples(record)
    if isinstance(record, ActionPublic):
        return action_triples(record)
    return group_triples(record)


def record_graph(record: PublicRecord) -> Graph:
    return graph_of(record_triples(record))


def record_from_rdf(description: Description, iri: URIRef, kind: RecordKind) -> PublicRecord:
    if kind is RecordKind.ACTOR:
        return actor_from_rdf(description, iri)
    if kind is RecordKind.ACTION:
        return action_from_rdf(description, iri)
    return group_from_rdf(description, iri)
