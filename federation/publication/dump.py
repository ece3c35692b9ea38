"""The full dump, streamed from the stored N-Triples in chunks of records: memory stays flat
whatever the directory's size, and nothing is serialised again for N-Triples."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

from rdflib import URIRef
from sqlmodel import Session

from federation.common.records import RecordKind
from federation.errors import FederationError
from federation.publication import repository
from federation.publication.negotiation import Format
from federation.publication.representations import rdf_bytes, rdflib_triples
from federation.rdf.jsonld import compact_record
from schemas.namespaces import PREFIXES

# Concept IRIs read better written in full than as concept:country\/BF.
TURTLE_PREFIXES = {name: iri for name, iri in PREFIXES.items() if name != "concept"}

CHUNK = 500  # records per read and per piece sent (large pieces stream far faster)
Cursor = tuple[str, uuid.UUID]  # (kind, id): where a record sits in the dump's order


class InvalidDumpCursor(FederationError):
    def __init__(self, after: str, base_url: str) -> None:
        super().__init__(
            message=f"Paramètre after invalide : {after!r}. Attendu : l'IRI d'une fiche de ce "
            f"nœud, {base_url}/actors|actions|groups/{{uuid}}",
            message_en=f"Invalid after parameter: {after!r}. Expected the IRI of a record of "
            f"this node, {base_url}/actors|actions|groups/{{uuid}}",
            status_code=400,
            code="invalid_dump_cursor",
        )


def cursor_of(after: str, base_url: str) -> Cursor:
    """Where to resume a dump: ``after`` is the IRI of the last record received, which must
    be one of this node's (the record itself need not exist any more)."""
    kind, _, ident = after.removeprefix(f"{base_url}/").partition("/")
    try:
        if not after.startswith(f"{base_url}/"):
            raise ValueError(after)
        record_id = uuid.UUID(ident)
        if str(record_id) != ident:  # only the canonical form names a record
            raise ValueError(after)
        return RecordKind(kind).value, record_id
    except ValueError:
        raise InvalidDumpCursor(after, base_url) from None


def stream(
    session: Session, fmt: Format, head: str, context_url: str, after: Cursor | None = None
) -> Iterator[bytes]:
    """The dump in ``fmt``, in record IRI order; ``head`` is the N-Triples of the network
    itself. With ``after``, only the records past that one: in N-Triples, pass an empty head
    and the pieces of a resumed download join into the full dump."""
    if fmt is Format.NTRIPLES:
        yield head.encode()
        for texts in repository.stream_ntriples(session, CHUNK, after):
            yield b"".join(texts)
    elif fmt is Format.TURTLE:
        yield "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in TURTLE_PREFIXES.items()).encode()
        yield b"\n" + _turtle_body(head.encode())
        for texts in repository.stream_ntriples(session, CHUNK, after):
            yield b"\n" + _turtle_body(b"".join(texts))
    else:
        yield b'{"@context": ' + json.dumps(context_url).encode() + b', "@graph": [\n'
        first = True
        for texts in repository.stream_ntriples(session, CHUNK, after):
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
