"""Cut a streamed N-Triples dump into batches of whole records, without parsing it.

The dump keeps each record's triples together, ordered by record IRI, and every subject of a
record is the record's IRI or a hash IRI under it (docs/rdf-model.md). So a batch can end
wherever the root of the subject (the IRI without its fragment) changes; only the lines near
the cut are looked at, the rest is handed over as bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

BATCH_BYTES = 2_000_000  # about 450 records of a generated directory


@dataclass(frozen=True)
class Batch:
    body: bytes  # whole lines, whole records
    last_iri: str  # the root of the last record in the batch: where ``?after=`` resumes


def root_of(line: bytes) -> bytes:
    """The record a line belongs to: its subject IRI without the fragment."""
    if not line.startswith(b"<"):
        return line.split(b" ", 1)[0][:600]
    end = line.find(b">")
    subject = line[1:end] if end > 0 else line[1:600]
    return subject.split(b"#", 1)[0]


def batches(chunks: Iterable[bytes], *, size: int | None = None) -> Iterator[Batch]:
    """Batches of at least ``size`` bytes (``BATCH_BYTES``; except the last), each ending on a
    record's end."""
    size = size or BATCH_BYTES
    pending = bytearray()
    known = Known()
    for chunk in chunks:
        pending += chunk
        if len(pending) < size:
            continue
        cut = _last_record_start(pending, known)
        if cut <= 0:
            continue  # one record so far (or no whole line): keep reading
        body = bytes(pending[:cut])
        del pending[:cut]
        known.reset()
        yield Batch(body, _last_root(body))
    if pending.strip():
        body = bytes(pending)
        yield Batch(body, _last_root(body))


@dataclass
class Known:
    """What an earlier look found: ``pending[:end]`` is all one record, ``root``. Without it a
    peer sending one endless record would have every look go back to the start."""

    end: int = 0
    root: bytes = b""

    def reset(self) -> None:
        self.end, self.root = 0, b""


def _line_start(buffer: bytearray | bytes, end: int) -> int:
    """Index of the first byte of the line that ends just before ``end`` (its newline)."""
    return buffer.rfind(b"\n", 0, end) + 1


def _last_record_start(buffer: bytearray, known: Known) -> int:
    """Where the last record with a whole line in ``buffer`` begins (0 if it is the first):
    everything before it is made of whole records."""
    end = buffer.rfind(b"\n")
    if end < 0:
        return 0
    start = _line_start(buffer, end)
    root = root_of(bytes(buffer[start:end]))
    while start > 0:
        if start <= known.end and root == known.root:
            break  # the rest was looked at before: the same record
        previous = _line_start(buffer, start - 1)
        if root_of(bytes(buffer[previous : start - 1])) != root:
            return start
        start = previous
    known.end, known.root = end + 1, root
    return 0


def _last_root(body: bytes) -> str:
    text = body.rstrip(b"\n")
    line = text[_line_start(text, len(text)) :]
    return root_of(line).decode("utf-8", "replace")
