"""A working group as RDF and back (docs/rdf-model.md, "Working group")."""

from __future__ import annotations

from rdflib import Graph, URIRef

from federation.codelists.registry import Scheme
from federation.common.records import RecordKind
from federation.groups.schemas import Membership, WorkingGroupPublic
from federation.rdf.common import Header, header_triples, read_header
from federation.rdf.description import Description
from federation.rdf.namespaces import NT, ORG, RRMA, SCHEMA
from federation.rdf.ntriples import graph_of
from federation.rdf.terms import (
    MappingError,
    Triple,
    base_of,
    code_of,
    concept,
    integer,
    iri,
    iri_of,
    network_node,
    part,
    record_id_of,
    sector_concept,
    text,
)


def group_triples(group: WorkingGroupPublic) -> list[Triple]:
    node = iri(group.iri)
    base = base_of(group.iri, RecordKind.GROUP)
    header = Header(group.external_id, group.created, group.modified, group.version)
    triples = header_triples(node, base, RecordKind.GROUP, header)
    triples += [
        (node, NT.SCHEMA.name, text(group.name)),
        (node, NT.RRMA.groupKind, concept(Scheme.GROUP_KIND, group.kind)),
        (node, NT.ORG.unitOf, network_node(base)),
    ]
    if group.country:
        triples.append((node, NT.SCHEMA.areaServed, concept(Scheme.COUNTRY, group.country)))
    if group.theme:
        triples.append((node, NT.RRMA.theme, sector_concept(group.theme)))
    if group.description:
        triples.append((node, NT.SCHEMA.description, text(group.description)))
    for position, member in enumerate(group.members):
        membership = part(node, f"member-{position}")
        triples += [
            (node, NT.ORG.hasMembership, membership),
            (membership, NT.RDF.type, NT.ORG.Membership),
            (membership, NT.RRMA.position, integer(position)),
            (membership, NT.ORG.member, iri_of(base, RecordKind.ACTOR, member.actor_id)),
            (membership, NT.ORG.role, concept(Scheme.GROUP_ROLE, member.role)),
        ]
    return triples


def group_to_rdf(group: WorkingGroupPublic) -> Graph:
    return graph_of(group_triples(group))


def group_from_rdf(description: Description, iri: URIRef) -> WorkingGroupPublic:
    """Read a working group back; raises ``MappingError`` naming the field at fault."""
    if RRMA.WorkingGroup not in description.types(iri):
        raise MappingError("type", f"{iri} is not an rrma:WorkingGroup")
    header = read_header(description, iri)
    country = description.iri(iri, SCHEMA.areaServed, "country")
    theme = description.iri(iri, RRMA.theme, "theme")
    members: dict[int, Membership] = {}
    for node in description.iris(iri, ORG.hasMembership, "members"):
        position = description.integer(node, RRMA.position, "members.position")
        if position is None or position in members:
            raise MappingError("members.position", "missing or repeated position")
        members[position] = Membership(
            actor_id=record_id_of(
                description.required(node, ORG.member, "members.actor_id"),
                RecordKind.ACTOR,
                "members.actor_id",
            ),
            role=code_of(
                description.required(node, ORG.role, "members.role"),
                Scheme.GROUP_ROLE,
                field="members.role",
            ),
        )
    return WorkingGroupPublic.model_validate(
        {
            "id": record_id_of(iri, RecordKind.GROUP, "id"),
            "iri": str(iri),
            "external_id": header.external_id,
            "created": header.created,
            "modified": header.modified,
            "version": header.version,
            "name": description.required_text(iri, SCHEMA.name, "name"),
            "kind": code_of(
                description.required(iri, RRMA.groupKind, "kind"), Scheme.GROUP_KIND, field="kind"
            ),
            "country": code_of(country, Scheme.COUNTRY, field="country") if country else None,
            "theme": code_of(theme, Scheme.SECTOR, Scheme.SECTOR_CATEGORY, field="theme")
            if theme
            else None,
            "description": description.text(iri, SCHEMA.description, "description"),
            "members": [members[p] for p in sorted(members)],
        }
    )
