"""An action as RDF and back (docs/rdf-model.md, "Action")."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

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
from federation.rdf.namespaces import NT, PROV, RRMA, SCHEMA
from federation.rdf.ntriples import graph_of
from federation.rdf.terms import (
    Iri,
    MappingError,
    Triple,
    code_of,
    concept,
    day,
    decimal,
    integer,
    iri,
    iri_of,
    part,
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
WRITTEN_DATES = {field: Iri(f"<{predicate}>") for field, predicate in DATES.items()}
SECTOR_SCHEMES = (Scheme.SECTOR, Scheme.SECTOR_CATEGORY)


# What the mapping reads of an action: ``ActionPublic`` as the API gives it, or a lighter
# object with the same fields (a bulk load publishes what it wrote without building the API
# shape). Read-only properties, so that any object with these attributes will do.
class ShareFacts(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def percentage(self) -> float | None: ...


class ParticipantFacts(Protocol):
    @property
    def actor_id(self) -> uuid.UUID | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def organisation_type(self) -> str | None: ...
    @property
    def role(self) -> str: ...


class FundingFacts(Protocol):
    @property
    def funder_id(self) -> uuid.UUID | None: ...
    @property
    def funder_name(self) -> str | None: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def status(self) -> str: ...


class BudgetFacts(Protocol):
    @property
    def amount(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...


class ActionFacts(Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def iri(self) -> str: ...
    @property
    def external_id(self) -> str | None: ...
    @property
    def created(self) -> datetime: ...
    @property
    def modified(self) -> datetime: ...
    @property
    def version(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def planned_start(self) -> date | None: ...
    @property
    def planned_end(self) -> date | None: ...
    @property
    def actual_start(self) -> date | None: ...
    @property
    def actual_end(self) -> date | None: ...
    @property
    def countries(self) -> Sequence[ShareFacts]: ...
    @property
    def sectors(self) -> Sequence[ShareFacts]: ...
    @property
    def sdgs(self) -> Sequence[str]: ...
    @property
    def localities(self) -> Sequence[str]: ...
    @property
    def participants(self) -> Sequence[ParticipantFacts]: ...
    @property
    def fundings(self) -> Sequence[FundingFacts]: ...
    @property
    def budget(self) -> BudgetFacts | None: ...


def action_triples(action: ActionFacts) -> list[Triple]:
    """Every triple of an action; parts are hash IRIs under the action's IRI."""
    node = iri(action.iri)
    base = action.iri.rsplit(f"/{RecordKind.ACTION.value}/", 1)[0]
    header = Header(action.external_id, action.created, action.modified, action.version)
    triples = header_triples(node, base, RecordKind.ACTION, header)
    triples += [
        (node, NT.SCHEMA.name, text(action.title)),
        (node, NT.RRMA.actionKind, concept(Scheme.ACTION_KIND, action.kind)),
        (node, NT.RRMA.activityStatus, concept(Scheme.ACTIVITY_STATUS, action.status)),
    ]
    if action.description:
        triples.append((node, NT.SCHEMA.description, text(action.description)))
    for field, predicate in WRITTEN_DATES.items():
        value = getattr(action, field)
        if value is not None:
            triples.append((node, predicate, day(value)))
    for share in action.countries:
        country = concept(Scheme.COUNTRY, share.code)
        triples.append((node, NT.RRMA.recipientCountry, country))
        if share.percentage is not None:
            share_node = part(node, f"country-{share.code}")
            triples += [
                (node, NT.RRMA.countryShare, share_node),
                (share_node, NT.RDF.type, NT.RRMA.Share),
                (share_node, NT.RRMA.country, country),
                (share_node, NT.RRMA.percentage, decimal(share.percentage)),
            ]
    for sector_share in action.sectors:
        sector = sector_concept(sector_share.code)
        triples.append((node, NT.RRMA.sector, sector))
        if sector_share.percentage is not None:
            share_node = part(node, f"sector-{sector_share.code}")
            triples += [
                (node, NT.RRMA.sectorShare, share_node),
                (share_node, NT.RDF.type, NT.RRMA.Share),
                (share_node, NT.RRMA.sector, sector),
                (share_node, NT.RRMA.percentage, decimal(sector_share.percentage)),
            ]
    triples += [(node, NT.RRMA.sdg, concept(Scheme.SDG, g)) for g in action.sdgs]
    triples += [(node, NT.RRMA.locality, text(place)) for place in action.localities]
    for position, participant in enumerate(action.participants):
        triples += _participant(node, base, position, participant)
    for position, funding in enumerate(action.fundings):
        triples += _funding(node, base, position, funding)
    if action.budget is not None:
        budget = part(node, "budget")
        triples += [
            (node, NT.RRMA.budget, budget),
            (budget, NT.RDF.type, NT.SCHEMA.MonetaryAmount),
            (budget, NT.SCHEMA.value, decimal(action.budget.amount)),
            (budget, NT.SCHEMA.currency, text(action.budget.currency)),
        ]
    return triples


def _participant(
    action: Iri, base: str, position: int, participant: ParticipantFacts
) -> list[Triple]:
    node = part(action, f"participant-{position}")
    triples: list[Triple] = [
        (action, NT.PROV.qualifiedAssociation, node),
        (node, NT.RDF.type, NT.RRMA.Participation),
        (node, NT.RRMA.position, integer(position)),
        (node, NT.PROV.hadRole, concept(Scheme.ORGANISATION_ROLE, participant.role)),
    ]
    if participant.actor_id is not None:
        actor = iri_of(base, RecordKind.ACTOR, participant.actor_id)
        triples += [(node, NT.PROV.agent, actor), (action, NT.PROV.wasAssociatedWith, actor)]
    if participant.name:
        triples.append((node, NT.RRMA.partnerName, text(participant.name)))
    if participant.country:
        triples.append((node, NT.RRMA.partnerCountry, concept(Scheme.COUNTRY, participant.country)))
    if participant.organisation_type:
        triples.append(
            (
                node,
                NT.RRMA.organisationType,
                concept(Scheme.ORGANISATION_TYPE, participant.organisation_type),
            )
        )
    return triples


def _funding(action: Iri, base: str, position: int, funding: FundingFacts) -> list[Triple]:
    node = part(action, f"funding-{position}")
    triples: list[Triple] = [
        (action, NT.SCHEMA.funding, node),
        (node, NT.RDF.type, NT.SCHEMA.MonetaryGrant),
        (node, NT.RRMA.position, integer(position)),
        (node, NT.SCHEMA.amount, decimal(funding.amount)),
        (node, NT.SCHEMA.currency, text(funding.currency)),
        (node, NT.RRMA.year, integer(funding.year)),
        (node, NT.RRMA.fundingStatus, concept(Scheme.FUNDING_STATUS, funding.status)),
    ]
    if funding.funder_id is not None:
        triples.append((node, NT.SCHEMA.funder, iri_of(base, RecordKind.ACTOR, funding.funder_id)))
    if funding.funder_name:
        triples.append((node, NT.RRMA.funderName, text(funding.funder_name)))
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
