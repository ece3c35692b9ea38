"""The namespaces of ``schemas.namespaces`` for the mapping's hot path.

An attribute of rdflib's ``DefinedNamespace`` (``RRMA.actorType``) is checked against the
declared terms on every access (about 3 µs); the mapping runs on every write and reads a few
hundred terms per record. Here each term is looked up once, then it is a plain attribute:
``RRMA.sector`` is the rdflib term (reading), ``NT.RRMA.sector`` its N-Triples form
(writing)."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespaceMeta

from federation.rdf.terms import Iri
from schemas import namespaces


class Terms:
    """A namespace whose terms are cached as attributes after their first use."""

    def __init__(self, namespace: Namespace | DefinedNamespaceMeta) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = URIRef(getattr(self._namespace, name))
        setattr(self, name, term)
        return term


ADMS = Terms(namespaces.ADMS)
DCTERMS = Terms(namespaces.DCTERMS)
ORG = Terms(namespaces.ORG)
PROV = Terms(namespaces.PROV)
RDF = Terms(namespaces.RDF)
RRMA = Terms(namespaces.RRMA)
SCHEMA = Terms(namespaces.SCHEMA)
SKOS = Terms(namespaces.SKOS)


class Written:
    """The terms of a namespace in N-Triples form (``<https://w3id.org/rrma/def#sector>``)."""

    def __init__(self, terms: Terms) -> None:
        self._terms = terms

    def __getattr__(self, name: str) -> Iri:
        if name.startswith("_"):
            raise AttributeError(name)
        term = Iri(f"<{getattr(self._terms, name)}>")
        setattr(self, name, term)
        return term


class NT:
    """What the write path uses: ``NT.SCHEMA.name`` is ``<https://schema.org/name>``."""

    ADMS = Written(ADMS)
    DCTERMS = Written(DCTERMS)
    ORG = Written(ORG)
    PROV = Written(PROV)
    RDF = Written(RDF)
    RRMA = Written(RRMA)
    SCHEMA = Written(SCHEMA)
    SKOS = Written(SKOS)
