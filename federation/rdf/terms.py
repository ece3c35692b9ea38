"""Building blocks of the mapping: concept IRIs, literals, and the triples of one record.

The write path builds every term directly in its N-Triples form: ``Iri`` (``<https://…>``,
checked once when made) and ``Lit`` (``"10000.50"^^<…#decimal>``). A record's triples are
then joined into lines with no per-term work, and ``record_graph`` parses them for whoever
wants rdflib terms."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import NewType

from rdflib import URIRef
from rdflib.term import Node

from federation.codelists.registry import Scheme
from federation.common.records import RecordKind, record_iri
from schemas.namespaces import CONCEPT, SDG, XSD

Iri = NewType("Iri", str)
"""An IRI as N-Triples writes it, ``<https://…>``; a plain ``str`` at run time."""

Triple = tuple[Iri, Iri, "Iri | Lit"]

SDG_PREFIX = str(SDG)
CONCEPT_PREFIX = str(CONCEPT)
# Looked up once: an attribute of rdflib's ``XSD`` namespace is resolved on every access.
XSD_DATE = URIRef(XSD.date)
XSD_DATETIME = URIRef(XSD.dateTime)
XSD_DECIMAL = URIRef(XSD.decimal)
XSD_INTEGER = URIRef(XSD.integer)
XSD_BOOLEAN = URIRef(XSD.boolean)


class MappingError(ValueError):
    """An RDF description that cannot be read as a record: which field, and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


_FORBIDDEN_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri(value: str) -> Iri:
    """``value`` written as an N-Triples IRI; refuses what N-Triples cannot carry in one."""
    if _FORBIDDEN_IN_IRI.search(value):
        raise ValueError(f"IRI not allowed in N-Triples: {value!r}")
    return Iri(f"<{value}>")


def part(node: Iri, fragment: str) -> Iri:
    """The hash IRI ``fragment`` under a record's IRI (``<…/actions/{uuid}#budget>``)."""
    if _FORBIDDEN_IN_IRI.search(fragment):
        raise ValueError(f"IRI not allowed in N-Triples: {node[1:-1]}#{fragment}")
    return Iri(f"{node[:-1]}#{fragment}>")


@lru_cache(maxsize=16_384)  # a few thousand codes, on every record: build each IRI once
def concept(scheme: Scheme, code: str) -> Iri:
    if scheme is Scheme.SDG:
        return iri(SDG[code])
    return iri(CONCEPT[f"{scheme.value}/{code}"])


@lru_cache(maxsize=4_096)
def sector_concept(code: str) -> Iri:
    return concept(Scheme.SECTOR_CATEGORY if len(code) == 3 else Scheme.SECTOR, code)


def code_of(node: Node, *schemes: Scheme, field: str) -> str:
    """The code of a concept IRI, which must belong to one of ``schemes``."""
    text = str(node)
    if not isinstance(node, URIRef):
        raise MappingError(field, f"an IRI is expected, not {text!r}")
    for scheme in schemes:
        prefix = SDG_PREFIX if scheme is Scheme.SDG else f"{CONCEPT_PREFIX}{scheme.value}/"
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :]
    raise MappingError(field, f"{text} is not a code of {', '.join(s.value for s in schemes)}")


def record_id_of(node: Node, kind: RecordKind, field: str) -> uuid.UUID:
    """The UUID at the end of a record IRI (``…/actors/{uuid}``), wherever the node is."""
    text = str(node)
    head, _, tail = text.rpartition("/")
    if not isinstance(node, URIRef) or not head.endswith(f"/{kind.value}"):
        raise MappingError(field, f"{text} is not the IRI of a record of kind {kind.value}")
    try:
        return uuid.UUID(tail)
    except ValueError:
        raise MappingError(field, f"{text} does not end with a UUID") from None


def base_of(iri: str, kind: RecordKind) -> str:
    """The node base URL under which a record IRI was minted."""
    return iri.rsplit(f"/{kind.value}/", 1)[0]


class Lit(str):
    """A literal already written in N-Triples form (``"10000.50"^^<…#decimal>``).

    Records are serialised on every write, and building rdflib ``Literal`` objects (which cast
    each lexical form to a Python value, 3-13 µs apiece) was most of that cost; the mapping
    writes this instead, and ``record_graph`` gives rdflib terms to whoever wants a Graph."""

    __slots__ = ()


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


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def text(value: str) -> Lit:
    return Lit(f'"{_TO_ESCAPE.sub(_escape_one, value)}"')


@lru_cache(maxsize=65_536)
def _typed(lexical: str, datatype: URIRef) -> Lit:
    # Keyed on the lexical form: Decimal("1.0") == Decimal("1.00") must stay two literals.
    return Lit(f'"{lexical}"^^<{datatype}>')


def day(value: date) -> Lit:
    return _typed(value.isoformat(), XSD_DATE)


def timestamp(value: datetime) -> Lit:
    return Lit(f'"{value.isoformat().replace("+00:00", "Z")}"^^<{XSD_DATETIME}>')


def decimal(value: Decimal | float) -> Lit:
    return _typed(repr(value) if isinstance(value, float) else str(value), XSD_DECIMAL)


def integer(value: int) -> Lit:
    return _typed(str(value), XSD_INTEGER)


def boolean(value: bool) -> Lit:
    return _typed("true" if value else "false", XSD_BOOLEAN)


def network_iri(base_url: str) -> URIRef:
    return URIRef(f"{base_url}/network")


@lru_cache(maxsize=64)
def network_node(base_url: str) -> Iri:
    """The network's IRI in N-Triples form."""
    return iri(f"{base_url}/network")


@lru_cache(maxsize=65_536)  # the same actors take part in action after action
def iri_of(base_url: str, kind: RecordKind, record_id: uuid.UUID) -> Iri:
    return iri(record_iri(base_url, kind, record_id))
