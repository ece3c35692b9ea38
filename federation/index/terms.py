"""The IRIs the index reader dispatches on, as plain strings (dict keys on the hot path), and
the code lists as lookups from concept IRI to code."""

from __future__ import annotations

import functools
import re

from federation.codelists.registry import Scheme, codelists
from schemas.namespaces import (
    ADMS,
    AS,
    DCTERMS,
    ORG,
    PREFIXES,
    PROV,
    RDF,
    RRMA,
    SCHEMA,
    SKOS,
    XSD,
)

TYPE = str(RDF.type)

# Classes
ACTOR = str(RRMA.Actor)
ACTION = str(RRMA.Action)
GROUP = str(RRMA.WorkingGroup)
TOMBSTONE = str(AS.Tombstone)
CREATE = str(AS.Create)
UPDATE = str(AS.Update)
DELETE = str(AS.Delete)

# Every record
IDENTIFIER = str(DCTERMS.identifier)
CREATED = str(DCTERMS.created)
MODIFIED = str(DCTERMS.modified)
VERSION = str(RRMA.version)
ATTRIBUTED_TO = str(PROV.wasAttributedTo)
NAME = str(SCHEMA.name)
DESCRIPTION = str(SCHEMA.description)
SECTOR = str(RRMA.sector)
SDG = str(RRMA.sdg)
AREA_SERVED = str(SCHEMA.areaServed)

# Actor
ALTERNATE_NAME = str(SCHEMA.alternateName)
ACTOR_TYPE = str(RRMA.actorType)
ADMS_IDENTIFIER = str(ADMS.identifier)
NOTATION = str(SKOS.notation)
DCT_TYPE = str(DCTERMS.type)
ADDRESS = str(SCHEMA.address)
STREET = str(SCHEMA.streetAddress)
POSTAL_CODE = str(SCHEMA.postalCode)
LOCALITY = str(SCHEMA.addressLocality)
DEPARTEMENT = str(RRMA.departement)
REGION = str(SCHEMA.addressRegion)
URL = str(SCHEMA.url)
EMAIL = str(SCHEMA.email)
CONTACT_POINT = str(SCHEMA.contactPoint)

# Action
ACTION_KIND = str(RRMA.actionKind)
ACTIVITY_STATUS = str(RRMA.activityStatus)
PLANNED_START = str(RRMA.plannedStartDate)
PLANNED_END = str(RRMA.plannedEndDate)
START = str(SCHEMA.startDate)
END = str(SCHEMA.endDate)
RECIPIENT_COUNTRY = str(RRMA.recipientCountry)
COUNTRY_SHARE = str(RRMA.countryShare)
SECTOR_SHARE = str(RRMA.sectorShare)
COUNTRY = str(RRMA.country)
PERCENTAGE = str(RRMA.percentage)
PLACE = str(RRMA.locality)
PARTICIPANT = str(PROV.qualifiedAssociation)
ASSOCIATED_WITH = str(PROV.wasAssociatedWith)
POSITION = str(RRMA.position)
ROLE = str(PROV.hadRole)
AGENT = str(PROV.agent)
PARTNER_NAME = str(RRMA.partnerName)
PARTNER_COUNTRY = str(RRMA.partnerCountry)
ORGANISATION_TYPE = str(RRMA.organisationType)
FUNDING = str(SCHEMA.funding)
FUNDER = str(SCHEMA.funder)
FUNDER_NAME = str(RRMA.funderName)
AMOUNT = str(SCHEMA.amount)
CURRENCY = str(SCHEMA.currency)
YEAR = str(RRMA.year)
FUNDING_STATUS = str(RRMA.fundingStatus)
BUDGET = str(RRMA.budget)
VALUE = str(SCHEMA.value)

# Working group
GROUP_KIND = str(RRMA.groupKind)
THEME = str(RRMA.theme)
UNIT_OF = str(ORG.unitOf)
MEMBERSHIP = str(ORG.hasMembership)
MEMBER = str(ORG.member)
GROUP_ROLE = str(ORG.role)

# Feed events (docs/federation-protocol.md, "The change feed")
OBJECT = str(AS["object"])
PUBLISHED = str(AS.published)
SEQUENCE = str(RRMA.sequence)
FORMER_TYPE = str(AS.formerType)
DELETED = str(AS.deleted)

# Datatypes
STRING = str(XSD.string)
INTEGER = str(XSD.integer)
DECIMAL = str(XSD.decimal)
DOUBLE = str(XSD.double)
DATE = str(XSD.date)
DATE_TIME = str(XSD.dateTime)
BOOLEAN = str(XSD.boolean)

# The kind of record of each class, and its name in IRIs and in the index.
KINDS = {ACTOR: "actor", ACTION: "action", GROUP: "group"}
KIND_PATHS = {"actors": "actor", "actions": "action", "groups": "group"}

# Properties whose values are codes, and the schemes they come from.
CODED: dict[str, tuple[Scheme, ...]] = {
    ACTOR_TYPE: (Scheme.ACTOR_TYPE,),
    SECTOR: (Scheme.SECTOR, Scheme.SECTOR_CATEGORY),
    THEME: (Scheme.SECTOR, Scheme.SECTOR_CATEGORY),
    SDG: (Scheme.SDG,),
    AREA_SERVED: (Scheme.COUNTRY,),
    RECIPIENT_COUNTRY: (Scheme.COUNTRY,),
    COUNTRY: (Scheme.COUNTRY,),
    PARTNER_COUNTRY: (Scheme.COUNTRY,),
    ACTION_KIND: (Scheme.ACTION_KIND,),
    ACTIVITY_STATUS: (Scheme.ACTIVITY_STATUS,),
    ROLE: (Scheme.ORGANISATION_ROLE,),
    ORGANISATION_TYPE: (Scheme.ORGANISATION_TYPE,),
    FUNDING_STATUS: (Scheme.FUNDING_STATUS,),
    GROUP_KIND: (Scheme.GROUP_KIND,),
    GROUP_ROLE: (Scheme.GROUP_ROLE,),
    DCT_TYPE: (Scheme.IDENTIFIER_TYPE,),
    CURRENCY: (Scheme.CURRENCY,),  # a literal ("EUR"), not an IRI
}

_CURIES = sorted(
    ((iri, prefix) for prefix, iri in {**PREFIXES, "rdf": str(RDF)}.items()),
    key=lambda pair: -len(pair[0]),
)
_LOCAL_NAME = re.compile(r"[A-Za-z_][\w.-]*")


@functools.lru_cache(maxsize=1_024)
def curie(iri: str) -> str:
    """``schema:name`` for ``https://schema.org/name``; the IRI itself with no known prefix."""
    for namespace, prefix in _CURIES:
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


@functools.cache
def codes(schemes: tuple[Scheme, ...]) -> dict[str, str]:
    """Concept IRI -> code, for every concept of ``schemes`` (withdrawn ones too: a record
    published before a code was withdrawn still reads)."""
    lists = codelists()
    return {concept.iri: concept.code for s in schemes for concept in lists[s].concepts()}


@functools.cache
def broader(scheme: Scheme) -> dict[str, str]:
    """Code -> broader code (a sector's category, an SDG target's goal)."""
    return {
        concept.code: concept.broader
        for concept in codelists()[scheme].concepts()
        if concept.broader is not None
    }


@functools.cache
def currency_codes() -> frozenset[str]:
    return frozenset(concept.code for concept in codelists()[Scheme.CURRENCY].concepts())
