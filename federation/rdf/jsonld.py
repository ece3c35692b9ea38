"""Compact JSON-LD of a record with the node's own context, written directly from its triples:
a record reads as plain JSON (``"name": "…"``, ``"countries": ["https://…/country/BF"]``) and
expands back to the very same triples (tests check it with an independent JSON-LD processor).

The record's parts (hash IRIs under the record IRI) are embedded in their parent."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from schemas.namespaces import RDF, XSD
from schemas.vocabulary import context

_XSD = str(XSD)


def _boolean(lexical: str) -> bool:
    return lexical in ("true", "1")


NATIVE: dict[str, Callable[[str], Any]] = {f"{_XSD}integer": int, f"{_XSD}boolean": _boolean}


@dataclass(frozen=True)
class Term:
    name: str
    coerce: str | None  # "@id", a datatype IRI, or None
    is_set: bool


@dataclass(frozen=True)
class Terms:
    by_property: dict[str, Term]
    class_names: dict[str, str]


def _expand(value: str, prefixes: dict[str, str]) -> str:
    prefix, sep, rest = value.partition(":")
    if sep and prefix in prefixes and not rest.startswith("//"):
        return prefixes[prefix] + rest
    return value


@cache
def terms() -> Terms:
    """Property IRI → JSON name, from the served context (one source for both directions)."""
    definitions: dict[str, Any] = context()["@context"]
    prefixes = {
        name: value
        for name, value in definitions.items()
        if isinstance(value, str) and value.endswith(("/", "#"))
    }
    by_property: dict[str, Term] = {}
    class_names: dict[str, str] = {}
    for name, definition in definitions.items():
        if name.startswith("@") or name in prefixes:
            continue
        if isinstance(definition, str):
            if definition.startswith("@"):
                continue
            iri = _expand(definition, prefixes)
            if name[:1].isupper():
                class_names[iri] = name
            else:
                by_property.setdefault(iri, Term(name, None, False))
            continue
        iri = _expand(definition.get("@id", name), prefixes)
        coerce = definition.get("@type")
        coerce = coerce if coerce in (None, "@id", "@vocab") else _expand(coerce, prefixes)
        is_set = definition.get("@container") == "@set"
        if definition.get("@reverse"):
            continue
        by_property.setdefault(iri, Term(name, "@id" if coerce == "@vocab" else coerce, is_set))
    return Terms(by_property, class_names)


def compact_record(
    triples: Iterable[tuple[Node, Node, Node]], root: URIRef, context_url: str
) -> dict[str, Any]:
    """The record ``root`` as compact JSON-LD referring to the context at ``context_url``."""
    by_subject: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for subject, predicate, obj in triples:
        by_subject[subject].append((predicate, obj))
    node = _node(root, by_subject, terms(), set())
    return {"@context": context_url, **node}


def _node(
    subject: Node,
    by_subject: dict[Node, list[tuple[Node, Node]]],
    known: Terms,
    seen: set[Node],
) -> dict[str, Any]:
    seen.add(subject)
    out: dict[str, Any] = {"id": str(subject)}
    grouped: dict[Node, list[Node]] = defaultdict(list)
    for predicate, obj in by_subject.get(subject, []):
        grouped[predicate].append(obj)
    types = sorted(known.class_names.get(str(t), str(t)) for t in grouped.pop(RDF.type, []))
    if types:
        out["type"] = types[0] if len(types) == 1 else types
    for predicate in sorted(grouped, key=str):
        term = known.by_property.get(str(predicate))
        values = [
            _value(obj, term, by_subject, known, seen)
            for obj in sorted(grouped[predicate], key=str)
        ]
        key = term.name if term else str(predicate)
        out[key] = values if (len(values) > 1 or (term and term.is_set)) else values[0]
    return out


def _value(
    obj: Node,
    term: Term | None,
    by_subject: dict[Node, list[tuple[Node, Node]]],
    known: Terms,
    seen: set[Node],
) -> Any:
    if isinstance(obj, URIRef):
        if obj in by_subject and obj not in seen:
            return _node(obj, by_subject, known, seen)
        return str(obj) if term and term.coerce == "@id" else {"id": str(obj)}
    if not isinstance(obj, Literal):
        raise ValueError("records have no blank nodes")
    datatype = str(obj.datatype) if obj.datatype else None
    if obj.language:
        return {"@value": str(obj), "@language": obj.language}
    if term and term.coerce and term.coerce == datatype:
        convert = NATIVE.get(datatype)
        return convert(str(obj)) if convert else str(obj)
    if datatype in (None, f"{_XSD}string") and (term is None or term.coerce is None):
        return str(obj)
    return {"@value": str(obj), "@type": datatype or f"{_XSD}string"}
