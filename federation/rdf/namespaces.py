"""The namespaces of ``schemas.namespaces`` for the mapping's hot path.

An attribute of rdflib's ``DefinedNamespace`` (``RRMA.actorType``) is checked against the
declared terms on every access (about 3 µs); the mapping runs on every write and reads a few
hundred terms per record. Here each term is looked up once, then it is a plain attribute."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespaceMeta

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
