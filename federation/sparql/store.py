"""The SPARQL copy of the index: a pyoxigraph store on disk with every row's N-Triples in the
named graph of its source network (``{base}/network``), rebuilt whole when the index moved.

A rebuild writes a fresh directory under ``snapshots/``, bulk-loaded batch by batch (memory
does not grow with the index), then publishes it by replacing ``current.json`` atomically:
readers keep the snapshot they have until they see the new one, and never see a store being
written. One rebuild at a time across the node's processes (a file lock); the few newest
snapshots are kept so that a query still running on the previous one can finish."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import count
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from sqlalchemy import Engine
from sqlmodel import Session

from federation.common.fields import utcnow
from federation.rdf.terms import network_iri
from federation.settings import Settings
from federation.sparql import repository

logger = logging.getLogger(__name__)

BATCH = 5_000  # index rows per read and bulk load (about 50 MB of N-Quads)
KEEP = 3  # snapshots kept on disk, the current one among them
POINTER = "current.json"
SNAPSHOTS = "snapshots"
LOCK = "rebuild.lock"


@dataclass(frozen=True)
class Snapshot:
    """A published copy: where it is, which state of the index it holds, and what is in it."""

    path: Path
    generation: str  # the index's fingerprint when it was read
    as_of: datetime  # when the index was read
    records: int = 0
    triples: int = 0
    # Graph IRI (a source network) -> (records, triples).
    graphs: dict[str, tuple[int, int]] = field(default_factory=dict)


def sparql_dir(settings: Settings) -> Path:
    return settings.sparql_dir or settings.data_dir / "sparql"


def graph_of(record: str) -> str:
    """The named graph of a record: its source's network, ``{base}/network`` for
    ``{base}/actors|actions|groups/{uuid}``."""
    return str(network_iri(record.rsplit("/", 2)[0]))


def current(directory: Path) -> Snapshot | None:
    """The published snapshot, or None when there is none yet."""
    try:
        pointer = json.loads((directory / POINTER).read_text())
    except FileNotFoundError:
        return None
    path = directory / SNAPSHOTS / pointer["name"]
    if not path.is_dir():
        return None
    return Snapshot(
        path=path,
        generation=pointer["generation"],
        as_of=datetime.fromisoformat(pointer["as_of"]),
        records=pointer["records"],
        triples=pointer["triples"],
        graphs={iri: (counts[0], counts[1]) for iri, counts in pointer["graphs"].items()},
    )


def refresh(engine: Engine, settings: Settings) -> Snapshot:
    """Bring the copy up to date with the index (for a worker's task; the API does the same
    lazily): nothing when it is current, else a full rebuild."""
    with Session(engine) as session:
        return refresh_from(session, sparql_dir(settings))


def refresh_from(session: Session, directory: Path, *, force: bool = False) -> Snapshot:
    """The current snapshot, rebuilt first when the index changed since (or when ``force``)."""
    directory.mkdir(parents=True, exist_ok=True)
    with _locked(directory):
        # Read once the lock is ours: another process may have just rebuilt it.
        snapshot = current(directory)
        as_of = utcnow()
        generation = repository.fingerprint(session)
        if snapshot is not None and not force and snapshot.generation == generation:
            return snapshot
        return _rebuild(session, directory, generation, as_of)


def _rebuild(session: Session, directory: Path, generation: str, as_of: datetime) -> Snapshot:
    name = f"{as_of:%Y%m%dT%H%M%S%f}-{secrets.token_hex(3)}"
    path = directory / SNAPSHOTS / name
    path.mkdir(parents=True)
    try:
        graphs = _load(session, path)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    snapshot = Snapshot(
        path=path,
        generation=generation,
        as_of=as_of,
        records=sum(records for records, _ in graphs.values()),
        triples=sum(triples for _, triples in graphs.values()),
        graphs=graphs,
    )
    _publish(directory, snapshot)
    _prune(directory, snapshot)
    logger.info(
        "SPARQL copy rebuilt: %s records, %s triples, %s graphs",
        snapshot.records,
        snapshot.triples,
        len(graphs),
    )
    return snapshot


def _load(session: Session, path: Path) -> dict[str, tuple[int, int]]:
    """Bulk-load every row into its graph, a batch at a time; (records, triples) by graph."""
    graphs: dict[str, tuple[int, int]] = {}
    store = ox.Store(str(path))
    after = ""
    records = count()  # tells apart the blank nodes of different records
    while rows := repository.records_after(session, after, BATCH):
        batch = [(graph_of(iri), ntriples) for iri, ntriples in rows]
        # The index holds what its reader checked: no need to check every IRI again.
        try:
            body = b"".join(_nquads(text, graph, next(records)) for graph, text in batch)
            store.bulk_load(body, ox.RdfFormat.N_QUADS, lenient=True)
        except SyntaxError:
            # A row the reader should not have let through: every row of the batch is read
            # again and that one left out (loading a quad twice changes nothing; the lines of
            # that row before its fault may have been loaded already).
            read = [(graph, text, _parsed(text, graph, next(records))) for graph, text in batch]
            store.bulk_load(b"".join(quads for *_, quads in read), ox.RdfFormat.N_QUADS)
            batch = [(graph, text) for graph, text, quads in read if quads or not text]
        for graph, text in batch:
            held, triples = graphs.get(graph, (0, 0))
            graphs[graph] = (held + 1, triples + text.count(b"\n"))
        after = rows[-1][0]
    store.optimize()  # one compaction: queries on the fresh store are faster by a third
    store.flush()
    del store  # closed before anyone opens it read-only
    return graphs


def _nquads(ntriples: bytes, graph: str, record: int) -> bytes:
    """A record's N-Triples as N-Quads in ``graph``. Written by a node, every line ends with
    " .": the graph goes before the dot. Anything else (other spacing, blank nodes, whose
    labels are the record's own) is read by the parser and written again."""
    if ntriples.endswith(b" .\n") or not ntriples:
        lines = ntriples.count(b"\n")
        if ntriples.count(b" .\n") == lines and b"_:" not in ntriples:
            return ntriples.replace(b" .\n", f" <{graph}> .\n".encode())
    return _parsed(ntriples, graph, record)


def _parsed(ntriples: bytes, graph: str, record: int) -> bytes:
    """The N-Quads of a record read by the parser; nothing if it cannot be read."""
    name = ox.NamedNode(graph)
    try:
        quads = [
            ox.Quad(_own(quad.subject, record), quad.predicate, _own(quad.object, record), name)
            for quad in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES)
        ]
    except SyntaxError as error:  # the index reader let it through: a bug to see, not a stop
        logger.error("a row of the index is not N-Triples, left out of SPARQL: %s", error)
        return b""
    written = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert written is not None  # no output given: the bytes are returned
    return bytes(written)


def _own(term: Any, record: int) -> Any:
    if isinstance(term, ox.BlankNode):
        return ox.BlankNode(f"r{record}x{term.value}")
    return term


def _publish(directory: Path, snapshot: Snapshot) -> None:
    pointer = {
        "name": snapshot.path.name,
        "generation": snapshot.generation,
        "as_of": snapshot.as_of.isoformat(),
        "records": snapshot.records,
        "triples": snapshot.triples,
        "graphs": {iri: list(counts) for iri, counts in sorted(snapshot.graphs.items())},
    }
    written = directory / f".{POINTER}.{secrets.token_hex(4)}"
    written.write_text(json.dumps(pointer, indent=1))
    os.replace(written, directory / POINTER)  # atomic: readers see the old or the new one


def _prune(directory: Path, keep: Snapshot) -> None:
    """Remove all but the ``KEEP`` newest snapshots (their names sort by time)."""
    names = sorted(path.name for path in (directory / SNAPSHOTS).iterdir() if path.is_dir())
    for name in names[:-KEEP]:
        if name != keep.path.name:
            shutil.rmtree(directory / SNAPSHOTS / name, ignore_errors=True)


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    with (directory / LOCK).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
