"""Reading side of the mapping: the triples of one record, indexed by subject, with getters
that say which field is wrong when the data is not what a record needs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from federation.rdf.terms import MappingError
from schemas.namespaces import RDF, SCHEMA, SDG

# Namespaces that others write in a second spelling; read as ours (docs: "namespace traps").
SPELLINGS = (
    ("http://schema.org/", str(SCHEMA)),
    ("https://metadata.un.org/sdg/", str(SDG)),
)


def canonical(node: Node) -> Node:
    if isinstance(node, URIRef):
        for other, ours in SPELLINGS:
            if node.startswith(other):
                return URIRef(ours + node[len(other) :])
    return node


class Description:
    """All triples about a record and its parts (subjects under the record IRI)."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        self._by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for subject, predicate, obj in triples:
            self._by_subject[subject][canonical(predicate)].append(canonical(obj))

    @classmethod
    def of_graph(cls, graph: Graph) -> Description:
        return cls(graph.triples((None, None, None)))

    def subjects_of_type(self, rdf_type: URIRef) -> list[Node]:
        return [s for s, props in self._by_subject.items() if rdf_type in props.get(RDF.type, [])]

    def types(self, subject: Node) -> list[Node]:
        return self.all(subject, RDF.type)

    def all(self, subject: Node, predicate: URIRef) -> list[Node]:
        return list(self._by_subject.get(subject, {}).get(predicate, []))

    def one(self, subject: Node, predicate: URIRef, field: str) -> Node | None:
        values = self.all(subject, predicate)
        if len(values) > 1:
            raise MappingError(field, f"one value expected, {len(values)} given")
        return values[0] if values else None

    def required(self, subject: Node, predicate: URIRef, field: str) -> Node:
        value = self.one(subject, predicate, field)
        if value is None:
            raise MappingError(field, "missing")
        return value

    def text(self, subject: Node, predicate: URIRef, field: str) -> str | None:
        value = self.one(subject, predicate, field)
        if value is None:
            return None
        if not isinstance(value, Literal):
            raise MappingError(field, "a literal is expected")
        return str(value)

    def required_text(self, subject: Node, predicate: URIRef, field: str) -> str:
        value = self.text(subject, predicate, field)
        if value is None:
            raise MappingError(field, "missing")
        return value

    def iri(self, subject: Node, predicate: URIRef, field: str) -> URIRef | None:
        value = self.one(subject, predicate, field)
        if value is not None and not isinstance(value, URIRef):
            raise MappingError(field, "an IRI is expected")
        return value

    def iris(self, subject: Node, predicate: URIRef, field: str) -> list[URIRef]:
        values = self.all(subject, predicate)
        for value in values:
            if not isinstance(value, URIRef):
                raise MappingError(field, "IRIs are expected")
        return [URIRef(str(v)) for v in values]

    def day(self, subject: Node, predicate: URIRef, field: str) -> date | None:
        value = self.text(subject, predicate, field)
        try:
            return date.fromisoformat(value) if value is not None else None
        except ValueError:
            raise MappingError(field, f"not a date: {value!r}") from None

    def timestamp(self, subject: Node, predicate: URIRef, field: str) -> datetime:
        value = self.required_text(subject, predicate, field)
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise MappingError(field, f"not a timestamp: {value!r}") from None
        if parsed.tzinfo is None:
            raise MappingError(field, "a timestamp needs its time zone")
        return parsed

    def decimal(self, subject: Node, predicate: URIRef, field: str) -> Decimal | None:
        value = self.text(subject, predicate, field)
        try:
            return Decimal(value) if value is not None else None
        except InvalidOperation:
            raise MappingError(field, f"not a decimal: {value!r}") from None

    def integer(self, subject: Node, predicate: URIRef, field: str) -> int | None:
        value = self.text(subject, predicate, field)
        try:
            return int(value) if value is not None else None
        except ValueError:
            raise MappingError(field, f"not an integer: {value!r}") from None

    def boolean(self, subject: Node, predicate: URIRef, field: str) -> bool:
        value = self.text(subject, predicate, field)
        if value not in (None, "true", "false", "1", "0"):
            raise MappingError(field, f"not a boolean: {value!r}")
        return value in ("true", "1")
