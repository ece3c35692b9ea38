"""Parse a peer's N-Triples or N-Quads into records: the triples of each, indexed by subject and
predicate, and its lines as they came (the N-Triples the index stores).

This is the harvest's hot path (tens of thousands of records a second): pyoxigraph parses in
one pass; each object is decoded once into a plain Python value (an IRI is a ``str``, a literal
a ``(lexical form, datatype IRI)`` tuple, a blank node a ``Blank``); nothing else is built per
triple. pyoxigraph also checks every IRI (half of its parse time, still less than doing it in
Python afterwards).

A syntax error anywhere makes the whole-body parse stop: the body is then cut into groups of
lines (by graph label for N-Quads, by record for N-Triples) and each group parsed alone, so that
a broken member is refused without hiding the others."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby, repeat
from operator import attrgetter, itemgetter
from typing import Any

import pyoxigraph as ox

from federation.index.members import Problem
from schemas.namespaces import RDF

Literal = tuple[str, str]  # (lexical form, datatype IRI, or "@" + language tag)
Props = dict[str, list["Value"]]

LANG_STRING = str(RDF.langString)
DEFAULT_GRAPH = ""  # the key of the default graph among a page's graphs

_NAMED_NODE = ox.NamedNode
_TRIPLE = attrgetter("subject", "predicate.value", "object")
_TRIPLE_NAMED = attrgetter("subject.value", "predicate.value", "object.value", "object")
_SUBJECT_OF = itemgetter(0)
_QUAD = attrgetter("subject", "predicate.value", "object", "graph_name")
_QUAD_NAMED = attrgetter("subject.value", "predicate.value", "object.value", "object", "graph_name")
_GRAPH_OF = itemgetter(4)
# The last IRI of a line before its final dot: a quad's graph label (for a triple of the default
# graph, its object or datatype: harmless, lines are only grouped by it).
_LAST_IRI = re.compile(rb"<([^<>]*)>[ \t]*\.[ \t]*(?:#[^\n]*)?\r?$")
_SUBJECT = re.compile(rb"[ \t]*<([^<>#]*)")


class Blank(str):
    """A blank node's label; a value of its own type so that no IRI can be mistaken for it."""

    __slots__ = ()


Value = str | Blank | Literal


@dataclass(slots=True)
class RecordGraph:
    """The triples of one record (dump) or of one named graph (feed page)."""

    key: str  # the record IRI (dump), or the graph name (feed page; "" for the default graph)
    nodes: dict[str, Props] = field(default_factory=dict)  # subject -> predicate -> values
    lines: list[bytes] = field(default_factory=list)  # its N-Triples lines, as received
    exact: bool = True  # ``lines`` are all its triples (else they are written from ``nodes``)
    blank: bool = False  # a blank node somewhere
    nul: bool = False  # its body may hold a NUL character: look at the literals
    problems: list[Problem] = field(default_factory=list)  # syntax errors in its lines

    def props(self, subject: str) -> Props:
        found = self.nodes.get(subject)
        return found if found is not None else {}

    def count(self) -> int:
        """How many triples it holds."""
        return sum(len(values) for props in self.nodes.values() for values in props.values())


@dataclass(slots=True)
class Parsed:
    """What a body held: its graphs by key, in the order first seen, and what could not be
    attributed to any of them."""

    graphs: dict[str, RecordGraph]
    problems: list[Problem]
    # The body may hold a NUL character (text PostgreSQL cannot store): literals must be looked at.
    nul: bool


def syntax_problem(line: int, detail: str) -> Problem:
    return Problem(
        "syntax",
        f"RDF illisible, ligne {line} : {detail}",
        f"Unreadable RDF, line {line}: {detail}",
    )


# -- parsing ----------------------------------------------------------------------------------


def _parse(body: bytes, quads: bool, typed: bool) -> list[tuple[Any, ...]]:
    """The triples (or quads) of ``body``; subjects as strings unless ``typed`` (a blank node
    may be among them: then they are kept as terms)."""
    fmt = ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES
    if quads:
        getter: Callable[[ox.Quad], tuple[Any, ...]] = _QUAD if typed else _QUAD_NAMED
    else:
        getter = _TRIPLE if typed else _TRIPLE_NAMED
    return list(map(getter, ox.parse(body, format=fmt)))


def _triple_lines(body: bytes) -> list[bytes]:
    """The lines that each hold one triple (N-Triples and N-Quads allow one per line)."""
    return [line for line in body.split(b"\n") if line.startswith((b"<", b"_"))]


def _groups(body: bytes, quads: bool) -> Iterator[tuple[bytes, list[bytes], list[int]]]:
    """(group key, lines, their line numbers) of each group of lines, for the slow path: by
    graph label (N-Quads) or by record (N-Triples)."""
    current = b""
    groups: dict[bytes, tuple[list[bytes], list[int]]] = {}
    for number, line in enumerate(body.split(b"\n"), 1):
        if not line.strip() or line.lstrip().startswith(b"#"):
            continue
        if quads:
            match = _LAST_IRI.search(line)
            current = match.group(1) if match else b""
        else:
            match = _SUBJECT.match(line)
            if match is not None:
                current = match.group(1)
        lines, numbers = groups.setdefault(current, ([], []))
        lines.append(line)
        numbers.append(number)
    for key, (lines, numbers) in groups.items():
        yield key, lines, numbers


def parse(body: bytes, *, quads: bool) -> Parsed:
    """Every graph of an N-Quads page (``quads``) or every record of an N-Triples dump chunk."""
    nul = b"\x00" in body or b"\\u0000" in body or b"\\U00000000" in body
    blank = b"_:" in body
    try:
        rows = _parse(body, quads, blank)
    except SyntaxError:
        return _parse_groups(body, quads, nul, blank)
    lines = _triple_lines(body)
    graphs: dict[str, RecordGraph] = {}
    _collect(graphs, rows, lines if len(lines) == len(rows) else None, quads, blank)
    return _flagged(Parsed(graphs, [], nul))


def _flagged(parsed: Parsed) -> Parsed:
    if parsed.nul:
        for graph in parsed.graphs.values():
            graph.nul = True
    return parsed


def _parse_groups(body: bytes, quads: bool, nul: bool, blank: bool) -> Parsed:
    graphs: dict[str, RecordGraph] = {}
    problems: list[Problem] = []
    for key, lines, numbers in _groups(body, quads):
        text = b"\n".join(lines) + b"\n"
        try:
            rows = _parse(text, quads, blank)
        except SyntaxError:
            rows, errors = _parse_around_errors(text, quads)
            found: dict[int, Problem] = {}
            for line, message in errors:  # the body's line numbers, one problem each
                number = numbers[min(max(line, 1), len(numbers)) - 1]
                found.setdefault(number, syntax_problem(number, message))
            name = key.decode("utf-8", "replace")
            if not name:
                problems += found.values()
                continue
            _collect(graphs, rows, None, quads, True)  # what could be read, to name the member
            graph = _graph(graphs, name, exact=True)
            graph.problems += found.values()
            graph.lines, graph.exact = list(lines), True  # what it said, for the quarantine
            continue
        kept = [line for line in lines if line.startswith((b"<", b"_"))]
        _collect(graphs, rows, kept if len(kept) == len(rows) else None, quads, blank)
    return _flagged(Parsed(graphs, problems, nul))


def _parse_around_errors(
    text: bytes, quads: bool
) -> tuple[list[tuple[Any, ...]], list[tuple[int, str]]]:
    """The readable triples of ``text`` (the parser resumes at the line after an error), and
    (line number, message) of each error."""
    fmt = ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES
    getter: Callable[[ox.Quad], tuple[Any, ...]] = _QUAD if quads else _TRIPLE
    rows: list[tuple[Any, ...]] = []
    errors: list[tuple[int, str]] = []
    parser = ox.parse(text, format=fmt)
    while True:
        try:
            rows.append(getter(next(parser)))
        except StopIteration:
            break
        except SyntaxError as error:
            errors.append((_line_in(error), _message(error)))
            if len(errors) > 100:
                break
    return rows, errors


def _line_in(error: SyntaxError) -> int:
    return error.lineno if isinstance(error.lineno, int) else 1


def _message(error: SyntaxError) -> str:
    return str(error.msg if isinstance(error.msg, str) else error)[:300]


# -- grouping ---------------------------------------------------------------------------------


def _collect(
    graphs: dict[str, RecordGraph],
    rows: list[tuple[Any, ...]],
    lines: list[bytes] | None,
    quads: bool,
    blank: bool,
) -> None:
    """Add the triples to their graphs: by graph name for quads, else by record (the subject
    without its fragment). ``lines`` are the triples' lines, one each, when they line up."""
    if not blank:
        if quads:
            _collect_graphs(graphs, rows, lines)
        else:
            _collect_records(graphs, rows, lines)
        return
    named_node = _NAMED_NODE
    last_subject: Any = None
    last_graph: Any = None
    graph = RecordGraph(DEFAULT_GRAPH)  # replaced before its first use
    props: Props = {}
    suffix = b""
    for line, row in zip(lines if lines is not None else repeat(None), rows, strict=False):
        term, predicate, obj = row[0], row[1], row[2]
        if quads and row[3] != last_graph:
            last_graph = row[3]
            name = last_graph.value if last_graph.__class__ is named_node else DEFAULT_GRAPH
            graph = _graph(graphs, name, exact=lines is not None)
            suffix = f" <{name}> .".encode()
            last_subject = None
        if term != last_subject:
            last_subject = term
            subject = term.value if term.__class__ is named_node else Blank(term.value)
            if not quads and subject.__class__ is str:
                key = subject.partition("#")[0]
                if key != graph.key or not graphs:
                    graph = _graph(graphs, key, exact=lines is not None)
            elif not graphs:  # a blank node before any record
                graph = _graph(graphs, DEFAULT_GRAPH, exact=lines is not None)
            if subject.__class__ is Blank:
                graph.blank = True
            found = graph.nodes.get(subject)
            if found is None:
                found = graph.nodes[subject] = defaultdict(list)
            props = found
        value = _value(obj)
        if value.__class__ is Blank:
            graph.blank = True
        props[predicate].append(value)
        if line is None:
            continue
        if not quads:
            graph.lines.append(line)
        elif line.endswith(suffix):  # the triple's line: the quad's without its graph label
            graph.lines.append(line[: -len(suffix)] + b" .")
        else:
            graph.exact = False


def _value(obj: ox.NamedNode | ox.Literal | ox.BlankNode) -> Value:
    if isinstance(obj, ox.NamedNode):
        return obj.value
    if isinstance(obj, ox.Literal):
        datatype = obj.datatype.value
        return (obj.value, datatype if datatype != LANG_STRING else "@" + (obj.language or ""))
    return Blank(obj.value)


def _collect_records(
    graphs: dict[str, RecordGraph], rows: list[tuple[Any, ...]], lines: list[bytes] | None
) -> None:
    """The common case, kept lean: N-Triples without blank nodes, subjects as strings, the
    triples of each subject together (runs found in C by ``groupby``), values read in C by
    ``attrgetter``."""
    graph = RecordGraph(DEFAULT_GRAPH)
    start = 0
    for subject, run in groupby(rows, _SUBJECT_OF):
        key = subject.partition("#")[0]
        if key != graph.key or not graphs:
            graph = _graph(graphs, key, exact=lines is not None)
        props = graph.nodes.get(subject)
        if props is None:
            props = graph.nodes[subject] = defaultdict(list)
        count = _add(props, run, start)
        if lines is not None:
            graph.lines += lines[start:count]
        start = count


def _collect_graphs(
    graphs: dict[str, RecordGraph], rows: list[tuple[Any, ...]], lines: list[bytes] | None
) -> None:
    """The same for the quads of a feed page: graph by graph, subject by subject; a line
    loses its graph label to become the triple's line."""
    start = 0
    for name_node, in_graph in groupby(rows, _GRAPH_OF):
        name = name_node.value if name_node.__class__ is _NAMED_NODE else DEFAULT_GRAPH
        graph = _graph(graphs, name, exact=lines is not None)
        count = start
        for subject, run in groupby(in_graph, _SUBJECT_OF):
            props = graph.nodes.get(subject)
            if props is None:
                props = graph.nodes[subject] = defaultdict(list)
            count = _add(props, run, count)
        if lines is not None:
            suffix = f" <{name}> .".encode()
            cut = -len(suffix)
            for line in lines[start:count]:
                if line.endswith(suffix):
                    graph.lines.append(line[:cut] + b" .")
                else:
                    graph.exact = False
        start = count


def _add(props: Props, run: Iterable[tuple[Any, ...]], count: int) -> int:
    """Add a subject's run of rows (subject, predicate, value, object, …) to its properties:
    an IRI's value as it is, a literal's paired with its datatype. Returns ``count`` plus the
    rows added."""
    named_node, lang_string = _NAMED_NODE, LANG_STRING
    for row in run:
        obj = row[3]
        if obj.__class__ is named_node:
            props[row[1]].append(row[2])
        else:
            datatype = obj.datatype.value
            if datatype == lang_string:
                datatype = "@" + obj.language
            props[row[1]].append((row[2], datatype))
        count += 1
    return count


def _graph(graphs: dict[str, RecordGraph], key: str, *, exact: bool) -> RecordGraph:
    graph = graphs.get(key)
    if graph is None:
        graph = graphs[key] = RecordGraph(key, exact=exact)
    elif not exact:
        graph.exact = False
    return graph
