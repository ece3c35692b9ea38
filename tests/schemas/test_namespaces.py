"""schemas/namespaces.py: the closed RRMA namespace and ontology.ttl name the same terms."""

from __future__ import annotations

import inspect
import warnings

import pytest
from rdflib import URIRef
from rdflib.namespace import DefinedNamespace

from schemas.namespaces import PREFIXES, RRMA, SCHEMA, SDG
from schemas.vocabulary import ontology


def test_rrma_lists_exactly_the_terms_of_the_ontology() -> None:
    declared = {
        term
        for term in ontology().subjects()
        if isinstance(term, URIRef) and term.startswith(str(RRMA))
    }
    listed = {RRMA[name] for name in inspect.get_annotations(RRMA) if not name.startswith("_")}
    assert listed == declared


def test_rrma_is_closed() -> None:
    assert issubclass(RRMA, DefinedNamespace)
    assert RRMA.actorType == URIRef("https://w3id.org/rrma/def#actorType")
    with pytest.raises(AttributeError):
        _ = RRMA.actortype


def test_schema_is_https_and_knows_funding() -> None:
    assert str(SCHEMA) == "https://schema.org/"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert SCHEMA.funding == URIRef("https://schema.org/funding")
        assert SCHEMA.name == URIRef("https://schema.org/name")


def test_prefixes_are_distinct_namespaces() -> None:
    assert len(set(PREFIXES.values())) == len(PREFIXES)
    assert PREFIXES["sdg"] == str(SDG) == "http://metadata.un.org/sdg/"
