"""The feed's pages: which events a page holds, whether it may still change, and the page as
RDF (docs/federation-protocol.md, "The change feed").

A page's default graph holds its metadata; each member is its own named graph, named by the
event's IRI, holding the event and the record's triples (or its tombstone). N-Quads is built
as text from the stored N-Triples: every record line ``s p o .`` becomes ``s p o <event> .``,
so serving a page costs no parsing; the other formats go through pyoxigraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from sqlmodel import Session

from federation.common.records import RecordKind, record_iri
from federation.errors import FederationError
from federation.feed import repository
from federation.feed.models import Activity, FeedEvent
from federation.publication.negotiation import Format
from federation.publication.representations import TURTLE_PREFIXES
from federation.rdf.terms import timestamp
from schemas.namespaces import AS, LDES, RDF, RRMA, TREE, XSD

PAGE_SIZE = 250

ACTIVITY_CLASSES = {
    Activity.CREATE: AS["Create"],
    Activity.UPDATE: AS["Update"],
    Activity.DELETE: AS["Delete"],
}
RECORD_CLASSES = {
    RecordKind.ACTOR: RRMA.Actor,
    RecordKind.ACTION: RRMA.Action,
    RecordKind.GROUP: RRMA.WorkingGroup,
}
GRAPH_FORMATS = {
    Format.TURTLE: ox.RdfFormat.TURTLE,
    Format.NTRIPLES: ox.RdfFormat.N_TRIPLES,
}
FEED_PREFIXES = {**TURTLE_PREFIXES, "as": str(AS), "ldes": str(LDES), "tree": str(TREE)}

# The terms of every page, written once in N-Triples form.
_A = f"<{RDF.type}>"
_OBJECT = f"<{AS['object']}>"
_PUBLISHED = f"<{AS['published']}>"
_DELETED = f"<{AS['deleted']}>"
_FORMER_TYPE = f"<{AS['formerType']}>"
_TOMBSTONE = f"<{AS['Tombstone']}>"
_SEQUENCE = f"<{RRMA.sequence}>"
_VERSION = f"<{RRMA.version}>"
_INTEGER = f"<{XSD.integer}>"
_MEMBER = f"<{TREE.member}>"
_NODE = f"<{TREE.Node}>"
_RELATION = f"<{TREE.relation}>"
_GREATER_THAN = f"<{TREE.GreaterThanRelation}>"
_TREE_NODE = f"<{TREE.node}>"
_TREE_PATH = f"<{TREE.path}>"
_TREE_VALUE = f"<{TREE.value}>"
_EVENT_STREAM = f"<{LDES.EventStream}>"


# ``/feed/{n}`` or ``/feed/{n}.{extension}``; 18 digits keep n within a 64-bit integer.
_PAGE_NAME = re.compile(r"([0-9]{1,18})(?:\.([A-Za-z-]{1,20}))?")


class InvalidPageName(FederationError):
    def __init__(self, name: str) -> None:
        super().__init__(
            message=f"Page du flux invalide : {name!r} (un entier positif ou nul, avec une "
            "extension facultative comme .nq ou .ttl)",
            message_en=f"Invalid feed page: {name!r} (a non-negative integer, with an optional "
            "extension such as .nq or .ttl)",
            status_code=400,
            code="invalid_feed_page",
        )


class FeedCursorExpired(FederationError):
    """The harvester's cursor is below the horizon: it may have missed deletions."""

    def __init__(self, cursor: int, horizon: int, dump_url: str) -> None:
        super().__init__(
            message=f"Le curseur {cursor} est antérieur à l'horizon du flux ({horizon}) : des "
            f"suppressions ont pu être compactées. Repartez de l'export complet : {dump_url}",
            message_en=f"Cursor {cursor} is below the feed's horizon ({horizon}): deletions may "
            f"have been compacted away. Bootstrap again from the dump: {dump_url}",
            status_code=410,
            code="feed_cursor_expired",
        )


def parse_page_name(name: str) -> tuple[int, str | None]:
    """The page number and the extension, if any, of ``12`` or ``12.nq``."""
    match = _PAGE_NAME.fullmatch(name)
    if match is None:
        raise InvalidPageName(name)
    return int(match.group(1)), match.group(2)


def page_of(seq: int) -> int:
    """The page that holds sequence number ``seq`` (from 1)."""
    return (seq - 1) // PAGE_SIZE


def feed_iri(base_url: str) -> str:
    return f"{base_url}/feed"


def page_iri(base_url: str, number: int) -> str:
    return f"{base_url}/feed/{number}"


def event_iri(base_url: str, seq: int) -> str:
    return f"{base_url}/feed/events/{seq}"


@dataclass(frozen=True)
class FeedState:
    """Where the feed stands: its last sequence number and the compaction horizon."""

    last: int
    horizon: int

    @property
    def open_page(self) -> int:
        """The page that may still change: the one holding the last event, or the empty page
        after a full one. Pages before it are closed; pages after it do not exist."""
        return self.last // PAGE_SIZE

    def cursor_expired(self, cursor: int) -> bool:
        """Whether a harvester at ``cursor`` may have missed deletions that compaction
        removed, and so must bootstrap again from the dump. Compaction removed events up to
        ``horizon - 1`` at most: a cursor there has seen all of them."""
        return 0 < cursor < self.horizon - 1

    def check_cursor(self, cursor: int | None, dump_url: str) -> None:
        """Refuse a cursor that compaction left behind (410 naming the dump)."""
        if cursor is not None and self.cursor_expired(cursor):
            raise FeedCursorExpired(cursor, self.horizon, dump_url)


def feed_state(session: Session) -> FeedState:
    return FeedState(last=repository.last_seq(session), horizon=repository.horizon(session))


@dataclass(frozen=True)
class Page:
    """Page ``number`` of the feed as it stood at ``state``."""

    number: int
    state: FeedState
    events: list[FeedEvent]

    @property
    def closed(self) -> bool:
        """No later event can land in a closed page (it changes only by compaction)."""
        return self.state.last >= (self.number + 1) * PAGE_SIZE


def _bounds(number: int, state: FeedState) -> tuple[int, int]:
    low = number * PAGE_SIZE
    return low, min(low + PAGE_SIZE, state.last)


def read_page(session: Session, number: int, state: FeedState) -> Page:
    """The events of page ``number`` up to ``state.last`` (a later commit waits for the next
    read, so the page never shows an event past the ``X-Feed-Last`` it is sent with)."""
    return Page(number, state, repository.events_between(session, *_bounds(number, state)))


def page_tag(session: Session, number: int, state: FeedState) -> str:
    """What changes whenever page ``number`` does, without reading its events: events are
    only ever added after the last one or removed, so their count and last seq tell every
    change apart; the horizon is there for the harvester (docs: "from the page's last seq
    and the horizon")."""
    count, top = repository.summary(session, *_bounds(number, state))
    return f"{number}-{count}-{top}-{state.horizon}"


def nquads(page: Page, base_url: str) -> bytes:
    """The page in N-Quads, assembled from the stored N-Triples of its members."""
    here = f"<{page_iri(base_url, page.number)}>"
    feed = f"<{feed_iri(base_url)}>"
    head = [f"{here} {_A} {_NODE} .\n", f"{feed} {_A} {_EVENT_STREAM} .\n"]
    if page.closed:
        relation = f"<{page_iri(base_url, page.number)}#next>"
        bound = (page.number + 1) * PAGE_SIZE
        head += [
            f"{here} {_RELATION} {relation} .\n",
            f"{relation} {_A} {_GREATER_THAN} .\n",
            f"{relation} {_TREE_NODE} <{page_iri(base_url, page.number + 1)}> .\n",
            f"{relation} {_TREE_PATH} {_SEQUENCE} .\n",
            f'{relation} {_TREE_VALUE} "{bound}"^^{_INTEGER} .\n',
        ]
    head += [
        f"{feed} {_MEMBER} <{event_iri(base_url, event.seq or 0)}> .\n" for event in page.events
    ]
    return "".join(head).encode() + b"".join(_member(event, base_url) for event in page.events)


def _member(event: FeedEvent, base_url: str) -> bytes:
    """One member's named graph: the event, then the record's triples or its tombstone."""
    graph = f"<{event_iri(base_url, event.seq or 0)}>"
    kind = RecordKind(event.kind)
    record = f"<{record_iri(base_url, kind, event.record_id)}>"
    at = timestamp(event.at)
    activity = Activity(event.activity)
    lines = [
        f"{graph} {_A} <{ACTIVITY_CLASSES[activity]}> {graph} .\n",
        f"{graph} {_OBJECT} {record} {graph} .\n",
        f"{graph} {_PUBLISHED} {at} {graph} .\n",
        f'{graph} {_SEQUENCE} "{event.seq}"^^{_INTEGER} {graph} .\n',
        f'{graph} {_VERSION} "{event.version}"^^{_INTEGER} {graph} .\n',
    ]
    if activity is Activity.DELETE:
        lines += [
            f"{record} {_A} {_TOMBSTONE} {graph} .\n",
            f"{record} {_FORMER_TYPE} <{RECORD_CLASSES[kind]}> {graph} .\n",
            f"{record} {_DELETED} {at} {graph} .\n",
        ]
    # Stored lines end with " .\n" and a literal never holds a raw newline (it is escaped).
    triples = bytes(event.ntriples).replace(b" .\n", f" {graph} .\n".encode())
    return "".join(lines).encode() + triples


def page_bytes(page: Page, base_url: str, fmt: Format) -> bytes:
    """The page in ``fmt``: N-Quads, TriG or JSON-LD keep the member graphs; Turtle and
    N-Triples flatten them into one graph."""
    text = nquads(page, base_url)
    if fmt is Format.NQUADS:
        return text
    quads = list(ox.parse(text, format=ox.RdfFormat.N_QUADS))
    if fmt is Format.TRIG:
        written = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=FEED_PREFIXES)
    elif fmt is Format.JSONLD:
        written = ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
    else:
        triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        prefixes = FEED_PREFIXES if fmt is Format.TURTLE else None
        written = ox.serialize(list(triples), format=GRAPH_FORMATS[fmt], prefixes=prefixes)
    assert written is not None  # no output given: the bytes are returned
    return bytes(written)
