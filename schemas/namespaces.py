"""The namespaces the federation speaks: ours, and the standard ones it reuses.

Code takes its terms from here (``SKOS.prefLabel``, ``CONCEPT["country/BF"]``), never from IRIs
typed as string literals.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

# Our own terms and our code lists (w3id.org gives stable IRIs that we can redirect later).
RRMA = Namespace("https://w3id.org/rrma/def#")
CONCEPT = Namespace("https://w3id.org/rrma/concept/")

# The UN's own IRIs for SDG goals (sdg/6) and targets (sdg/6.1); note: http, not https.
SDG = Namespace("http://metadata.un.org/sdg/")

# The EU Publications Office country authority table (ISO 3166-1 alpha-3 codes), which European
# open-data portals use; our country concepts point at it with skos:exactMatch.
EU_COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")

# The IATI Standard 2.03 code list pages, the source of the generated schemes.
IATI_CODELIST = Namespace("https://iatistandard.org/en/iati-standard/203/codelists/")

__all__ = [
    "CONCEPT",
    "DCTERMS",
    "EU_COUNTRY",
    "IATI_CODELIST",
    "OWL",
    "RDF",
    "RDFS",
    "RRMA",
    "SDG",
    "SKOS",
    "XSD",
]
