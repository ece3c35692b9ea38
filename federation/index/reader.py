"""Read a peer's RDF into members: a page of its feed (N-Quads, one named graph per member) or a
chunk of its dump (N-Triples, one record after another). The node's own records go through the
same reader (``own.sync_own``), so every row of the index comes from one RDF → index path.

Both readers run the checks on every member (``checks``): a member comes back with its
``problems`` filled (empty when valid) and ``checked`` set to the base URL, so that
``checks.check`` does not run them again."""

from __future__ import annotations

import re
from datetime import datetime
from itertools import islice

from federation.common.bulk_memory import collector_paused
from federation.feed.models import Activity
from federation.index import terms
from federation.index.checks import check_record, check_tombstone, kind_of_iri
from federation.index.fields import fields_of
from federation.index.members import Member, PageRead, Problem, ReadLimits
from federation.index.triples import (
    DEFAULT_GRAPH,
    LANG_STRING,
    Blank,
    Props,
    RecordGraph,
    Value,
    parse,
)
from federation.rdf.terms import text
from schemas.namespaces import TREE

__all__ = ["Member", "PageRead", "Problem", "ReadLimits", "read_page", "read_records"]

ACTIVITIES = {
    terms.CREATE: Activity.CREATE,
    terms.UPDATE: Activity.UPDATE,
    terms.DELETE: Activity.DELETE,
}
_TREE_NODE = str(TREE.node)
_SEQ_IN_IRI = re.compile(r".*/feed/events/([0-9]{1,18})")


def read_records(body: bytes, *, base_url: str, limits: ReadLimits) -> list[Member]:
    """The records of a chunk of a peer's dump (N-Triples, each record's triples together), in
    the order they came; the network's own description is skipped."""
    network = f"{base_url}/network"
    with collector_paused():  # a batch allocates many small objects, none of them cyclic
        parsed = parse(body, quads=False)
        members = [
            _record(graph, key, base_url, limits)
            for key, graph in parsed.graphs.items()
            if key != network
        ]
    if parsed.problems:  # lines that belong to no record
        members.append(_broken(parsed.problems, base_url))
    return members


def read_page(body: bytes, *, base_url: str, limits: ReadLimits) -> PageRead:
    """The members of a page of a peer's feed (N-Quads), in sequence order."""
    with collector_paused():
        parsed = parse(body, quads=True)
        page = parsed.graphs.pop(DEFAULT_GRAPH, None)
        members = [_event(graph, base_url, limits) for graph in parsed.graphs.values()]
    members.sort(key=lambda member: (member.seq is None, member.seq or 0))
    seqs = [member.seq for member in members if member.seq is not None]
    return PageRead(
        members=members,
        problems=list(parsed.problems),
        last_seq=max(seqs) if seqs else None,
        next_page=_next_page(page),
    )


def _next_page(page: RecordGraph | None) -> str | None:
    if page is None:
        return None
    for props in page.nodes.values():
        for value in props.get(_TREE_NODE) or ():
            if type(value) is str:
                return value
    return None


# -- one member -------------------------------------------------------------------------------


def _record(graph: RecordGraph, iri: str, base_url: str, limits: ReadLimits) -> Member:
    """A record of the dump: the current version of a live record."""
    problems = list(graph.problems) or check_record(graph, iri, base_url=base_url, limits=limits)
    kind = kind_of_iri(iri)
    return Member(
        iri=iri,
        activity=Activity.UPDATE,
        version=_version(graph.props(iri)),
        seq=None,
        published=None,
        kind=kind,
        ntriples=ntriples(graph),
        fields=fields_of(graph, iri, kind) if not problems and kind else {},
        problems=problems,
        checked=base_url,
    )


def _event(graph: RecordGraph, base_url: str, limits: ReadLimits) -> Member:
    """A member of a feed page: the event (its graph's name) and the record's triples."""
    name = graph.key
    event = graph.nodes.pop(name, None) or {}
    problems = list(graph.problems)
    unreadable = bool(problems)  # a syntax error: what is missing may be in the broken line
    seq = _integer(event.get(terms.SEQUENCE))
    if seq is None:
        found = _SEQ_IN_IRI.fullmatch(name)
        seq = int(found.group(1)) if found else None
    if name != f"{base_url}/feed/events/{seq}":
        problems.append(
            Problem(
                "authority",
                f"L'événement {name[:200]} n'est pas une IRI {base_url}/feed/events/{{seq}} du "
                "pair.",
                f"Event {name[:200]} is not an IRI {base_url}/feed/events/{{seq}} of the peer.",
            )
        )
    activities = {ACTIVITIES[t] for t in event.get(terms.TYPE) or () if t in ACTIVITIES}
    objects = event.get(terms.OBJECT) or []
    version = _integer(event.get(terms.VERSION))
    published = _timestamp(event.get(terms.PUBLISHED))
    iri = objects[0] if len(objects) == 1 and type(objects[0]) is str else ""
    if not unreadable and (
        len(activities) != 1 or not iri or seq is None or version is None or published is None
    ):
        problems.append(
            Problem(
                "invalid_event",
                "L'événement doit avoir un seul type (as:Create, as:Update ou as:Delete), un "
                "as:object (l'IRI de la fiche), as:published (xsd:dateTime), rrma:sequence et "
                "rrma:version (entiers).",
                "The event must have one type (as:Create, as:Update or as:Delete), an as:object "
                "(the record IRI), as:published (xsd:dateTime), rrma:sequence and rrma:version "
                "(integers).",
            )
        )
    activity = activities.pop() if len(activities) == 1 else Activity.UPDATE
    deleted = activity is Activity.DELETE
    if not problems:
        if deleted:
            problems = check_tombstone(graph, iri, base_url=base_url)
        else:
            problems = check_record(graph, iri, base_url=base_url, limits=limits)
            if not problems and _version(graph.props(iri)) != version:
                problems.append(
                    Problem(
                        "invalid_event",
                        f"La version de l'événement ({version}) n'est pas celle de la fiche.",
                        f"The event's version ({version}) is not the record's.",
                        terms.curie(terms.VERSION),
                    )
                )
    kind = kind_of_iri(iri) if iri else None
    return Member(
        iri=iri,
        activity=activity,
        version=version or 0,
        seq=seq,
        published=published,
        kind=kind,
        ntriples=ntriples(graph, leave_out=name),
        fields=fields_of(graph, iri, kind) if not problems and kind and not deleted else {},
        problems=problems,
        checked=base_url,
    )


def _broken(problems: list[Problem], base_url: str) -> Member:
    """What could not be read as any record: refused, without an IRI."""
    return Member("", Activity.UPDATE, 0, None, None, None, b"", {}, problems, checked=base_url)


def _integer(values: list[Value] | None) -> int | None:
    if not values or len(values) != 1 or not isinstance(values[0], tuple):
        return None
    lexical, datatype = values[0]
    if datatype != terms.INTEGER or not lexical.isdigit() or len(lexical) > 18:
        return None
    return int(lexical)


def _version(props: Props) -> int:
    return _integer(props.get(terms.VERSION)) or 0


def _timestamp(values: list[Value] | None) -> datetime | None:
    if not values or len(values) != 1 or not isinstance(values[0], tuple):
        return None
    lexical, datatype = values[0]
    if datatype != terms.DATE_TIME:
        return None
    try:
        parsed = datetime.fromisoformat(lexical)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


# -- its N-Triples --------------------------------------------------------------------------------


def ntriples(graph: RecordGraph, leave_out: str | None = None) -> bytes:
    """The graph's triples as N-Triples, one per line, sorted (the event's own triples left
    out): the lines as the peer wrote them when they can be used, else written again."""
    if graph.exact:
        lines = graph.lines
        if leave_out is not None:
            head = f"<{leave_out}> ".encode()
            lines = [line for line in lines if not line.startswith(head)]
    else:
        lines = [
            f"{_term(subject)} <{predicate}> {_term(value)} .".encode()
            for subject, props in graph.nodes.items()
            for predicate, values in props.items()
            for value in values
        ]
    if not lines:
        return b""
    lines = sorted(lines)  # cheap: a node writes them sorted already
    if any(map(bytes.__eq__, lines, islice(lines, 1, None))):  # the same triple twice
        lines = sorted(set(lines))
    return b"\n".join(lines) + b"\n"


def _term(value: Value) -> str:
    if isinstance(value, Blank):
        return f"_:{value}"
    if isinstance(value, str):
        return f"<{value}>"
    lexical, datatype = value
    written = text(lexical)
    if datatype.startswith("@"):
        return f"{written}{datatype}"
    if datatype in (terms.STRING, LANG_STRING):
        return str(written)
    return f"{written}^^<{datatype}>"
