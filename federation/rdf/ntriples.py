"""N-Triples writing for the mapping's terms (IRIs, and literals already in N-Triples form),
and rdflib graphs made from them. rdflib's serializer is built for whole graphs; records are
serialised once when written, so this path is on every write and must stay cheap."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from federation.rdf.terms import Lit, text
from schemas.namespaces import XSD

_FORBIDDEN_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING = str(XSD.string)


@lru_cache(maxsize=65_536)  # predicates, classes and concepts repeat on every record
def _iri(node: str) -> str:
    if _FORBIDDEN_IN_IRI.search(node):
        raise ValueError(f"IRI not allowed in N-Triples: {node!r}")
    return f"<{node}>"


def term(node: Node | Lit) -> str:
    if isinstance(node, Lit):
        return node
    if isinstance(node, URIRef):
        return _iri(node)
    if isinstance(node, Literal):  # from graphs built elsewhere (the catalogue)
        written = text(str(node))
        if node.language:
            return f"{written}@{node.language}"
        if node.datatype is not None and str(node.datatype) != _STRING:
            return f"{written}^^{_iri(str(node.datatype))}"
        return written
    raise ValueError(f"only IRIs and literals are written, not {type(node).__name__}")


def serialize(triples: Iterable[tuple[Node | Lit, Node | Lit, Node | Lit]]) -> str:
    """N-Triples text, one line per distinct triple, in a stable order (sorted lines)."""
    return "".join(sorted({f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples}))


def graph_of(triples: Iterable[tuple[Node | Lit, Node | Lit, Node | Lit]]) -> Graph:
    """An rdflib graph of the mapping's triples (exactly what is published)."""
    return Graph().parse(data=serialize(triples), format="nt")
