"""The namespaces the federation speaks: ours, and the standard ones it reuses.

Code takes its terms from here (``SKOS.prefLabel``, ``RRMA.actorType``, ``CONCEPT["country/BF"]``),
never from IRIs typed as string literals. ``RRMA`` is closed: a term missing from
``ontology.ttl`` is an ``AttributeError``, not a silently minted IRI.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    VOID,
    XSD,
    DefinedNamespace,
)


class RRMA(DefinedNamespace):
    """Our own terms (``ontology.ttl``): only what no standard vocabulary says."""

    _NS = Namespace("https://w3id.org/rrma/def#")
    _fail = True

    # Classes
    Actor: URIRef
    Action: URIRef
    Participation: URIRef
    Partnership: URIRef
    WorkingGroup: URIRef
    Network: URIRef
    Share: URIRef

    # Properties
    actorType: URIRef
    sector: URIRef
    sdg: URIRef
    departement: URIRef
    consent: URIRef
    version: URIRef
    actionKind: URIRef
    activityStatus: URIRef
    plannedStartDate: URIRef
    plannedEndDate: URIRef
    recipientCountry: URIRef
    countryShare: URIRef
    sectorShare: URIRef
    country: URIRef
    percentage: URIRef
    locality: URIRef
    position: URIRef
    partnerName: URIRef
    partnerCountry: URIRef
    organisationType: URIRef
    funderName: URIRef
    year: URIRef
    fundingStatus: URIRef
    budget: URIRef
    groupKind: URIRef
    theme: URIRef
    region: URIRef
    nodeId: URIRef
    sequence: URIRef
    lastSequence: URIRef
    horizon: URIRef
    pageSize: URIRef


class SCHEMA(SDO):
    """schema.org, ``https://schema.org/`` (rdflib's ``SDO``), with the terms rdflib lacks.

    rdflib 7.6's ``SDO`` predates ``schema:funding`` and warns on it; this subclass declares it
    so that ``SCHEMA.funding`` is as quiet as ``SCHEMA.name``.
    """

    funding: URIRef


# The vocabulary's own IRI (``owl:Ontology``), and the shapes graph's, outside the term namespaces.
RRMA_ONTOLOGY = URIRef("https://w3id.org/rrma/def")
RRMA_SHAPES = URIRef("https://w3id.org/rrma/shapes")

# Our code lists (w3id.org gives stable IRIs that we can redirect later) and our SHACL shapes.
CONCEPT = Namespace("https://w3id.org/rrma/concept/")
SHAPES = Namespace("https://w3id.org/rrma/shapes#")

# The UN's own IRIs for SDG goals (sdg/6) and targets (sdg/6.1); note: http, not https.
SDG = Namespace("http://metadata.un.org/sdg/")

# Standard vocabularies that rdflib does not ship (or ships wrong).
ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
# Activity Streams 2: https, as its JSON-LD context says (the old OWL file used http).
AS = Namespace("https://www.w3.org/ns/activitystreams#")
LDES = Namespace("https://w3id.org/ldes#")
TREE = Namespace("https://w3id.org/tree#")

# The EU Publications Office country authority table (ISO 3166-1 alpha-3 codes), which European
# open-data portals use; our country concepts point at it with skos:exactMatch.
EU_COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")

# The IATI Standard 2.03 code list pages, the source of the generated schemes.
IATI_CODELIST = Namespace("https://iatistandard.org/en/iati-standard/203/codelists/")

# IANA media types, which DCAT distributions name as dcat:mediaType.
IANA_MEDIA = Namespace("https://www.iana.org/assignments/media-types/")

# The prefixes our files and serialisations use, for ``Graph.bind``.
PREFIXES: dict[str, str] = {
    "rrma": str(RRMA),
    "concept": str(CONCEPT),
    "shapes": str(SHAPES),
    "sdg": str(SDG),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "dct": str(DCTERMS),
    "dcat": str(DCAT),
    "foaf": str(FOAF),
    "adms": str(ADMS),
    "vcard": str(VCARD),
    "void": str(VOID),
    "skos": str(SKOS),
    "sh": str(SH),
    "as": str(AS),
    "ldes": str(LDES),
    "tree": str(TREE),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}

__all__ = [
    "ADMS",
    "AS",
    "CONCEPT",
    "DCAT",
    "DCTERMS",
    "EU_COUNTRY",
    "FOAF",
    "IANA_MEDIA",
    "IATI_CODELIST",
    "LDES",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RRMA",
    "RRMA_ONTOLOGY",
    "RRMA_SHAPES",
    "SCHEMA",
    "SDG",
    "SH",
    "SHAPES",
    "SKOS",
    "TREE",
    "VCARD",
    "VOID",
    "XSD",
]
