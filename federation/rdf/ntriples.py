"""A small, fast N-Triples writer for the terms the mapping produces (IRIs and literals; the
mapping never makes blank nodes). rdflib's serializer is built for whole graphs; records are
serialised once when written, so this path is on every write and must stay cheap."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.term import Node

from schemas.namespaces import XSD

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


def _escape(text: str) -> str:
    if not any(char in _ESCAPES or ord(char) < 0x20 for char in text):
        return text
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def term(node: Node) -> str:
    if isinstance(node, URIRef):
        if any(char in node for char in '<>"{}|^`\\ ') or any(ord(c) < 0x21 for c in node):
            raise ValueError(f"IRI not allowed in N-Triples: {node!r}")
        return f"<{node}>"
    if isinstance(node, Literal):
        lexical = f'"{_escape(str(node))}"'
        if node.language:
            return f"{lexical}@{node.language}"
        if node.datatype and str(node.datatype) != _STRING:
            return f"{lexical}^^<{node.datatype}>"
        return lexical
    raise ValueError(f"only IRIs and literals are written, not {type(node).__name__}")


def serialize(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """N-Triples text, one line per distinct triple, in a stable order (sorted lines)."""
    return "".join(sorted({f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples}))
