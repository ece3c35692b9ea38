"""schemas/vocabulary.py: the loaders read their file once and agree with each other."""

from __future__ import annotations

from schemas.concepts import scheme_iri, scheme_names
from schemas.namespaces import OWL, RDF, RRMA_SHAPES, SKOS
from schemas.vocabulary import (
    CONTEXT_PATH,
    ONTOLOGY_PATH,
    SHAPES_PATH,
    VOCABULARY_VERSION,
    concepts_graph,
    context,
    ontology,
    shapes,
)


def test_the_files_are_in_the_package() -> None:
    for path in (ONTOLOGY_PATH, SHAPES_PATH, CONTEXT_PATH):
        assert path.is_file(), path
        assert path.parent.name == "schemas"


def test_every_loader_is_cached() -> None:
    assert ontology() is ontology()
    assert shapes() is shapes()
    assert context() is context()
    assert concepts_graph() is concepts_graph()


def test_the_shapes_speak_the_same_version_as_the_ontology() -> None:
    assert [str(v) for v in shapes().objects(RRMA_SHAPES, OWL.versionInfo)] == [
        VOCABULARY_VERSION()
    ]


def test_concepts_graph_holds_every_scheme() -> None:
    graph = concepts_graph()
    for name in scheme_names():
        assert (scheme_iri(name), RDF.type, SKOS.ConceptScheme) in graph, name
    assert "identifier-type" in scheme_names()
