"""A small, fast N-Triples writer for the terms the mapping produces (IRIs and literals; the
mapping never makes blank nodes). rdflib's serializer is built for whole graphs; records are
serialised once when written, so this path is on every write and must stay cheap."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.term import Node

from schemas.namespaces import XSD

_FORBIDDEN_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_TO_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_STRING = str(XSD.string)


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


@lru_cache(maxsize=65_536)  # predicates, classes and concepts repeat on every record
def _iri(node: str) -> str:
    if _FORBIDDEN_IN_IRI.search(node):
        raise ValueError(f"IRI not allowed in N-Triples: {node!r}")
    return f"<{node}>"


def term(node: Node) -> str:
    if isinstance(node, URIRef):
        return _iri(str(node))
    if isinstance(node, Literal):
        lexical = f'"{_TO_ESCAPE.sub(_escape_one, str(node))}"'
        if node.language:
            return f"{lexical}@{node.language}"
        if node.datatype is not None and str(node.datatype) != _STRING:
            return f"{lexical}^^{_iri(str(node.datatype))}"
        return lexical
    raise ValueError(f"only IRIs and literals are written, not {type(node).__name__}")


def serialize(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """N-Triples text, one line per distinct triple, in a stable order (sorted lines)."""
    return "".join(sorted({f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples}))
