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
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox
from sqlalchemy import Engine
from sqlmodel import Session

from federation.common.fields import utcnow
from federation.rdf.terms import network_iri
from federation.settings import Settings
from federation.sparql import repository

logger = logging.getLogger(__name__)

BATCH = 2_000  # index rows per read (about 10 MB of N-Triples)
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
    """Bulk-load every row into its graph; (records, triples) by graph."""
    graphs: dict[str, tuple[int, int]] = {}
    store = ox.Store(str(path))
    after = ""
    while rows := repository.records_after(session, after, BATCH):
        # Rows in IRI order: the records of one source come together.
        for graph, group in groupby(rows, key=lambda row: graph_of(row[0])):
            texts = [ntriples for _, ntriples in group]
            body = b"\n".join(texts)
            # The index holds what its reader checked: no need to check every IRI again.
            store.bulk_load(
                body, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph), lenient=True
            )
            records, triples = graphs.get(graph, (0, 0))
            graphs[graph] = (records + len(texts), triples + sum(map(_triples, texts)))
        after = rows[-1][0]
    store.optimize()
    store.flush()
    del store  # closed before anyone opens it read-only
    return graphs


def _triples(ntriples: bytes) -> int:
    return ntriples.count(b"\n") + (1 if ntriples and not ntriples.endswith(b"\n") else 0)


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
