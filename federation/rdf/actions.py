"""An action as RDF and back (docs/rdf-model.md, "Action")."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.term import Node

from federation.actions.schemas import (
    ActionPublic,
    Budget,
    CountryShare,
    Funding,
    Participant,
    SectorShare,
)
from federation.codelists.registry import Scheme
from federation.common.records import RecordKind
from federation.rdf.common import Header, header_triples, read_header
from federation.rdf.description import Description
from federation.rdf.namespaces import PROV, RDF, RRMA, SCHEMA
from federation.rdf.ntriples import graph_of
from federation.rdf.terms import (
    MappingError,
    Triple,
    code_of,
    concept,
    day,
    decimal,
    integer,
    iri_of,
    record_id_of,
    sector_concept,
    text,
)

DATES = {
    "planned_start": RRMA.plannedStartDate,
    "planned_end": RRMA.plannedEndDate,
    "actual_start": SCHEMA.startDate,
    "actual_end": SCHEMA.endDate,
}
SECTOR_SCHEMES = (Scheme.SECTOR, Scheme.SECTOR_CATEGORY)


def action_triples(action: ActionPublic) -> list[Triple]:
    """Every triple of an action; parts are hash IRIs under the action's IRI."""
    iri = URIRef(action.iri)
    base = iri.rsplit(f"/{RecordKind.ACTION.value}/", 1)[0]
    header = Header(action.external_id, action.created, action.modified, action.version)
    triples = header_triples(iri, RecordKind.ACTION, header)
    triples += [
        (iri, SCHEMA.name, text(action.title)),
        (iri, RRMA.actionKind, concept(Scheme.ACTION_KIND, action.kind)),
        (iri, RRMA.activityStatus, concept(Scheme.ACTIVITY_STATUS, action.status)),
    ]
    if action.description:
        triples.append((iri, SCHEMA.description, text(action.description)))
    for field, predicate in DATES.items():
        value = getattr(action, field)
        if value is not None:
            triples.append((iri, predicate, day(value)))
    for share in action.countries:
        country = concept(Scheme.COUNTRY, share.code)
        triples.append((iri, RRMA.recipientCountry, country))
        if share.percentage is not None:
            node = URIRef(f"{iri}#country-{share.code}")
            triples += [
                (iri, RRMA.countryShare, node),
                (node, RDF.type, RRMA.Share),
                (node, RRMA.country, country),
                (node, RRMA.percentage, decimal(share.percentage)),
            ]
    for sector_share in action.sectors:
        sector = sector_concept(sector_share.code)
        triples.append((iri, RRMA.sector, sector))
        if sector_share.percentage is not None:
            node = URIRef(f"{iri}#sector-{sector_share.code}")
            triples += [
                (iri, RRMA.sectorShare, node),
                (node, RDF.type, RRMA.Share),
                (node, RRMA.sector, sector),
                (node, RRMA.percentage, decimal(sector_share.percentage)),
            ]
    triples += [(iri, RRMA.sdg, concept(Scheme.SDG, g)) for g in action.sdgs]
    triples += [(iri, RRMA.locality, text(place)) for place in action.localities]
    for position, participant in enumerate(action.participants):
        triples += _participant(iri, base, position, participant)
    for position, funding in enumerate(action.fundings):
        triples += _funding(iri, base, position, funding)
    if action.budget is not None:
        node = URIRef(f"{iri}#budget")
        triples += [
            (iri, RRMA.budget, node),
            (node, RDF.type, SCHEMA.MonetaryAmount),
            (node, SCHEMA.value, decimal(action.budget.amount)),
            (node, SCHEMA.currency, text(action.budget.currency)),
        ]
    return triples


def _participant(iri: URIRef, base: str, position: int, participant: Participant) -> list[Triple]:
    node = URIRef(f"{iri}#participant-{position}")
    triples: list[Triple] = [
        (iri, PROV.qualifiedAssociation, node),
        (node, RDF.type, RRMA.Participation),
        (node, RRMA.position, integer(position)),
        (node, PROV.hadRole, concept(Scheme.ORGANISATION_ROLE, participant.role)),
    ]
    if participant.actor_id is not None:
        actor = iri_of(base, RecordKind.ACTOR, participant.actor_id)
        triples += [(node, PROV.agent, actor), (iri, PROV.wasAssociatedWith, actor)]
    if participant.name:
        triples.append((node, RRMA.partnerName, text(participant.name)))
    if participant.country:
        triples.append((node, RRMA.partnerCountry, concept(Scheme.COUNTRY, participant.country)))
    if participant.organisation_type:
        triples.append(
            (
                node,
                RRMA.organisationType,
                concept(Scheme.ORGANISATION_TYPE, participant.organisation_type),
            )
        )
    return triples


def _funding(iri: URIRef, base: str, position: int, funding: Funding) -> list[Triple]:
    node = URIRef(f"{iri}#funding-{position}")
    triples: list[Triple] = [
        (iri, SCHEMA.funding, node),
        (node, RDF.type, SCHEMA.MonetaryGrant),
        (node, RRMA.position, integer(position)),
        (node, SCHEMA.amount, decimal(funding.amount)),
        (node, SCHEMA.currency, text(funding.currency)),
        (node, RRMA.year, integer(funding.year)),
        (node, RRMA.fundingStatus, concept(Scheme.FUNDING_STATUS, funding.status)),
    ]
    if funding.funder_id is not None:
        triples.append((node, SCHEMA.funder, iri_of(base, RecordKind.ACTOR, funding.funder_id)))
    if funding.funder_name:
        triples.append((node, RRMA.funderName, text(funding.funder_name)))
    return triples


def action_to_rdf(action: ActionPublic) -> Graph:
    return graph_of(action_triples(action))


def _positioned(description: Description, nodes: list[URIRef], field: str) -> list[URIRef]:
    positions: dict[int, URIRef] = {}
    for node in nodes:
        position = description.integer(node, RRMA.position, f"{field}.position")
        if position is None or position in positions:
            raise MappingError(f"{field}.position", "missing or repeated position")
        positions[position] = node
    return [positions[p] for p in sorted(positions)]


def _percentages(
    description: Description, iri: URIRef, share: URIRef, target: URIRef, field: str
) -> dict[Node, float]:
    out: dict[Node, float] = {}
    for node in description.iris(iri, share, field):
        value = description.decimal(node, RRMA.percentage, f"{field}.percentage")
        out[description.required(node, target, field)] = float(value) if value is not None else 0
    return out


def action_from_rdf(description: Description, iri: URIRef) -> ActionPublic:
    """Read an action back; raises ``MappingError`` naming the field that cannot be read."""
    if RRMA.Action not in description.types(iri):
        raise MappingError("type", f"{iri} is not an rrma:Action")
    header = read_header(description, iri)
    country_shares = _percentages(description, iri, RRMA.countryShare, RRMA.country, "countries")
    sector_shares = _percentages(description, iri, RRMA.sectorShare, RRMA.sector, "sectors")
    countries = sorted(
        (code_of(c, Scheme.COUNTRY, field="countries"), country_shares.get(c))
        for c in description.iris(iri, RRMA.recipientCountry, "countries")
    )
    sectors = sorted(
        (code_of(s, *SECTOR_SCHEMES, field="sectors"), sector_shares.get(s))
        for s in description.iris(iri, RRMA.sector, "sectors")
    )
    participants = [
        _read_participant(description, node)
        for node in _positioned(
            description,
            description.iris(iri, PROV.qualifiedAssociation, "participants"),
            "participants",
        )
    ]
    fundings = [
        _read_funding(description, node)
        for node in _positioned(
            description, description.iris(iri, SCHEMA.funding, "fundings"), "fundings"
        )
    ]
    budget_node = description.iri(iri, RRMA.budget, "budget")
    budget = None
    if budget_node is not None:
        amount = description.decimal(budget_node, SCHEMA.value, "budget.amount")
        if amount is None:
            raise MappingError("budget.amount", "missing")
        budget = Budget(
            amount=amount,
            currency=description.required_text(budget_node, SCHEMA.currency, "budget.currency"),
        )
    values: dict[str, object] = {
        "id": record_id_of(iri, RecordKind.ACTION, "id"),
        "iri": str(iri),
        "external_id": header.external_id,
        "created": header.created,
        "modified": header.modified,
        "version": header.version,
        "title": description.required_text(iri, SCHEMA.name, "title"),
        "description": description.text(iri, SCHEMA.description, "description"),
        "kind": code_of(
            description.required(iri, RRMA.actionKind, "kind"), Scheme.ACTION_KIND, field="kind"
        ),
        "status": code_of(
            description.required(iri, RRMA.activityStatus, "status"),
            Scheme.ACTIVITY_STATUS,
            field="status",
        ),
        **{field: description.day(iri, predicate, field) for field, predicate in DATES.items()},
        "countries": [CountryShare(code=c, percentage=p) for c, p in countries],
        "sectors": [SectorShare(code=s, percentage=p) for s, p in sectors],
        "sdgs": sorted(
            code_of(g, Scheme.SDG, field="sdgs") for g in description.iris(iri, RRMA.sdg, "sdgs")
        ),
        "localities": sorted(str(v) for v in description.all(iri, RRMA.locality)),
        "participants": participants,
        "fundings": fundings,
        "budget": budget,
    }
    return ActionPublic.model_validate(values)


def _read_participant(description: Description, node: URIRef) -> Participant:
    agent = description.iri(node, PROV.agent, "participants.actor_id")
    country = description.iri(node, RRMA.partnerCountry, "participants.country")
    kind = description.iri(node, RRMA.organisationType, "participants.organisation_type")
    return Participant(
        actor_id=record_id_of(agent, RecordKind.ACTOR, "participants.actor_id") if agent else None,
        name=description.text(node, RRMA.partnerName, "participants.name"),
        country=code_of(country, Scheme.COUNTRY, field="participants.country") if country else None,
        organisation_type=code_of(
            kind, Scheme.ORGANISATION_TYPE, field="participants.organisation_type"
        )
        if kind
        else None,
        role=code_of(
            description.required(node, PROV.hadRole, "participants.role"),
            Scheme.ORGANISATION_ROLE,
            field="participants.role",
        ),
    )


def _read_funding(description: Description, node: URIRef) -> Funding:
    funder = description.iri(node, SCHEMA.funder, "fundings.funder_id")
    amount = description.decimal(node, SCHEMA.amount, "fundings.amount")
    year = description.integer(node, RRMA.year, "fundings.year")
    if amount is None or year is None:
        raise MappingError("fundings", "amount and year are required")
    return Funding(
        funder_id=record_id_of(funder, RecordKind.ACTOR, "fundings.funder_id") if funder else None,
        funder_name=description.text(node, RRMA.funderName, "fundings.funder_name"),
        amount=amount,
        currency=description.required_text(node, SCHEMA.currency, "fundings.currency"),
        year=year,
        status=code_of(
            description.required(node, RRMA.fundingStatus, "fundings.status"),
            Scheme.FUNDING_STATUS,
            field="fundings.status",
        ),
    )
