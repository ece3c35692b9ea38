"""N-Triples writing for the mapping's terms (IRIs and literals already in N-Triples form),
and rdflib graphs made from them. rdflib's serializer is built for whole graphs; records are
serialised once when written, so this path is on every write and must stay cheap."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from federation.rdf.terms import Iri, Lit, Triple, iri, text
from schemas.namespaces import XSD

_STRING = str(XSD.string)
Term = Node | Lit | Iri


@lru_cache(maxsize=65_536)  # the terms of graphs built elsewhere (node description, catalogue)
def _iri(node: str) -> Iri:
    return iri(node)


def term(node: Term) -> str:
    if type(node) is str or isinstance(node, Lit):  # the mapping's: already written
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


def serialize(triples: Iterable[tuple[Term, Term, Term]]) -> str:
    """N-Triples text, one line per distinct triple, in a stable order (sorted lines)."""
    lines = set()
    for s, p, o in triples:
        # The mapping's terms are written already (about 60 per record): no dispatch for them,
        # and joining rather than formatting skips a copy of each ``Lit``.
        lines.add(
            " ".join(
                (
                    s if type(s) is str else term(s),
                    p if type(p) is str else term(p),
                    o if type(o) is Lit or type(o) is str else term(o),
                    ".\n",
                )
            )
        )
    return "".join(sorted(lines))


def written(triples: Iterable[Triple]) -> tuple[int, str]:
    """``serialize`` for the mapping's triples, whose terms are all written already; with the
    number of distinct triples."""
    lines = {" ".join((s, p, o, ".\n")) for s, p, o in triples}
    return len(lines), "".join(sorted(lines))


def graph_of(triples: Iterable[tuple[Term, Term, Term]]) -> Graph:
    """An rdflib graph of the mapping's triples (exactly what is published)."""
    return Graph().parse(data=serialize(triples), format="nt")
