"""The full dump, streamed from the stored N-Triples in chunks of records: memory stays flat
whatever the directory's size, and nothing is serialised again for N-Triples."""

from __future__ import annotations

import json
from collections.abc import Iterator

from rdflib import URIRef
from sqlmodel import Session

from federation.publication import repository
from federation.publication.negotiation import Format
from federation.publication.representations import rdf_bytes, rdflib_triples
from federation.rdf.jsonld import compact_record
from schemas.namespaces import PREFIXES

# Concept IRIs read better written in full than as concept:country\/BF.
TURTLE_PREFIXES = {name: iri for name, iri in PREFIXES.items() if name != "concept"}

CHUNK = 500  # records per read and per piece sent (large pieces stream far faster)


def stream(session: Session, fmt: Format, head: str, context_url: str) -> Iterator[bytes]:
    """The dump in ``fmt``; ``head`` is the N-Triples of the network itself."""
    if fmt is Format.NTRIPLES:
        yield head.encode()
        for texts in repository.stream_ntriples(session, CHUNK):
            yield b"".join(texts)
    elif fmt is Format.TURTLE:
        yield "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in TURTLE_PREFIXES.items()).encode()
        yield b"\n" + _turtle_body(head.encode())
        for texts in repository.stream_ntriples(session, CHUNK):
            yield b"\n" + _turtle_body(b"".join(texts))
    else:
        yield b'{"@context": ' + json.dumps(context_url).encode() + b', "@graph": [\n'
        first = True
        for texts in repository.stream_ntriples(session, CHUNK):
            pieces = []
            for text in texts:
                triples = list(rdflib_triples(text))
                # The record's IRI is the shortest subject (its parts are IRI#part).
                root = URIRef(min((str(s) for s, _, _ in triples), key=len))
                node = compact_record(triples, root, context_url)
                node.pop("@context")
                pieces.append(json.dumps(node, ensure_ascii=False))
            if pieces:
                yield (b"" if first else b",\n") + ",\n".join(pieces).encode()
                first = False
        yield b"\n]}\n"


def _turtle_body(ntriples: bytes) -> bytes:
    """Turtle without the prefix lines (declared once at the top of the dump)."""
    text = rdf_bytes(ntriples, Format.TURTLE).decode()
    return "".join(
        line + "\n" for line in text.splitlines() if not line.startswith("@prefix")
    ).encode()
