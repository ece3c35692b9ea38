"""Read the vocabulary files of this package: the ontology, the SHACL shapes, the JSON-LD context
and the code lists merged into one graph.

Every function parses its file once per process and returns the same object afterwards: the
graphs and the dict are shared by every caller and must be treated as read-only (copy them
first to add to them, e.g. ``Graph() + shapes()`` or ``copy.deepcopy(context())``).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal

from schemas.concepts import load_scheme, scheme_names
from schemas.namespaces import OWL, RRMA_ONTOLOGY

SCHEMAS_DIR: Path = Path(__file__).resolve().parent
ONTOLOGY_PATH: Path = SCHEMAS_DIR / "ontology.ttl"
SHAPES_PATH: Path = SCHEMAS_DIR / "shapes.ttl"
CONTEXT_PATH: Path = SCHEMAS_DIR / "context.jsonld"


def _parse_turtle(path: Path) -> Graph:
    graph = Graph(bind_namespaces="core")
    graph.parse(path, format="turtle")
    return graph


@functools.cache
def ontology() -> Graph:
    """The ``rrma:`` vocabulary (``ontology.ttl``): our classes and properties. Read-only."""
    return _parse_turtle(ONTOLOGY_PATH)


@functools.cache
def shapes() -> Graph:
    """The SHACL shapes (``shapes.ttl``) that every published record conforms to. Read-only.

    Validate with ``pyshacl.validate(data, shacl_graph=shapes(), allow_warnings=True,
    inference="none")``: warnings (recommended fields) do not make a record invalid.
    """
    return _parse_turtle(SHAPES_PATH)


@functools.cache
def context() -> dict[str, Any]:
    """The JSON-LD context document (``context.jsonld``), parsed: ``{"@context": {...}}``.

    Read-only. Decimals (amounts, percentages) and dates are JSON strings in a record, so that
    their digits survive ("10000.50"); a JSON number would become an ``xsd:double``-shaped
    lexical form.
    """
    with CONTEXT_PATH.open(encoding="utf-8") as file:
        document: dict[str, Any] = json.load(file)
    return document


@functools.cache
def concepts_graph() -> Graph:
    """Every SKOS scheme of ``concepts/`` merged into one graph. Read-only."""
    graph = Graph(bind_namespaces="core")
    for name in scheme_names():
        graph += load_scheme(name)
    return graph


@functools.cache
def VOCABULARY_VERSION() -> str:
    """The ``owl:versionInfo`` of the ontology, e.g. "1.0.0": the vocabulary this node speaks.

    Named like a constant, it is one; a cached function so that importing this module reads no
    file.
    """
    versions = [
        str(value)
        for value in ontology().objects(RRMA_ONTOLOGY, OWL.versionInfo)
        if isinstance(value, Literal)
    ]
    if len(versions) != 1:
        raise ValueError(f"{ONTOLOGY_PATH} must give exactly one owl:versionInfo, not {versions}")
    return versions[0]
