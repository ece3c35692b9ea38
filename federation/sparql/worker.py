"""What runs in a query process: open the store read-only, evaluate one query at a time, and
send back the answer already written in the format the client chose.

pyoxigraph cannot interrupt a query, so a query runs here, in a process of its own that the
endpoint kills when the time limit is reached. Writing the answer here keeps the time limit
and the result limit over the whole work. This module is the process's entry point: it imports
little, so that a process starts (again) in a fraction of a second."""

from __future__ import annotations

import json
import resource
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from federation.sparql.formats import GRAPHS, RESULTS, GraphFormat, ResultsFormat

OX_RESULTS = {
    ResultsFormat.JSON: ox.QueryResultsFormat.JSON,
    ResultsFormat.XML: ox.QueryResultsFormat.XML,
    ResultsFormat.CSV: ox.QueryResultsFormat.CSV,
    ResultsFormat.TSV: ox.QueryResultsFormat.TSV,
}
OX_GRAPHS = {
    GraphFormat.TURTLE: ox.RdfFormat.TURTLE,
    GraphFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    GraphFormat.JSONLD: ox.RdfFormat.JSON_LD,
    GraphFormat.RDFXML: ox.RdfFormat.RDF_XML,
}
_PLAIN = ox.Literal("").datatype  # xsd:string, which SPARQL JSON results leave unsaid


class Problem(StrEnum):
    SYNTAX = "syntax"
    EVALUATION = "evaluation"
    NOT_ACCEPTABLE = "not_acceptable"


@dataclass(frozen=True)
class Job:
    """One query, with everything the process needs to answer it."""

    store: str  # the snapshot's directory
    query: str
    max_rows: int
    results_format: ResultsFormat | None  # for SELECT and ASK; None: the client refuses them
    graph_format: GraphFormat | None  # for CONSTRUCT and DESCRIBE
    union_default_graph: bool = True
    default_graphs: tuple[str, ...] | None = None  # default-graph-uri
    named_graphs: tuple[str, ...] | None = None  # named-graph-uri
    base_iri: str | None = None
    prefixes: tuple[tuple[str, str], ...] = ()  # for Turtle answers


@dataclass(frozen=True)
class Answer:
    body: bytes = b""
    media_type: str = ""
    rows: int = 0  # solutions or triples written
    truncated: bool = False  # there were more than ``rows``
    problem: Problem | None = None
    message: str = ""


def serve(connection: Connection, max_memory_bytes: int) -> None:
    """The process's loop: one job in, one answer out, until the endpoint hangs up."""
    # A query that would take all the machine's memory ends this process, not the node.
    resource.setrlimit(resource.RLIMIT_DATA, (max_memory_bytes, max_memory_bytes))
    stores = Stores()
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(answer(stores.open(job.store), job))


class Stores:
    """The snapshot this process has open; another one is opened when the endpoint moves on."""

    def __init__(self) -> None:
        self.path = ""
        self.store: ox.Store | None = None

    def open(self, path: str) -> ox.Store:
        if self.store is None or path != self.path:
            self.store = None  # close the old one first
            self.store = ox.Store.read_only(path)
            self.path = path
        return self.store


def answer(store: ox.Store, job: Job) -> Answer:
    """Evaluate the job's query and write its answer (or say what is wrong with it)."""
    options: dict[str, Any] = {"base_iri": job.base_iri}
    if job.default_graphs is not None or job.named_graphs is not None:
        if job.default_graphs is not None:
            options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
        if job.named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    elif job.union_default_graph:
        options["use_default_graph_as_union"] = True
    try:
        result = store.query(job.query, **options)
        if isinstance(result, ox.QuerySolutions):
            return _solutions(result, job)
        if isinstance(result, ox.QueryBoolean):
            return _boolean(result, job)
        return _graph(result, job)
    except SyntaxError as error:
        return Answer(problem=Problem.SYNTAX, message=str(error))
    except Exception as error:  # whatever the query did wrong, the process keeps serving
        return Answer(problem=Problem.EVALUATION, message=str(error))


def _not_acceptable(kind: str) -> Answer:
    return Answer(problem=Problem.NOT_ACCEPTABLE, message=kind)


def _solutions(solutions: ox.QuerySolutions, job: Job) -> Answer:
    """Solutions up to the limit, written as SPARQL JSON results and, for the other formats,
    converted by pyoxigraph (its own writer cannot stop at a limit)."""
    if job.results_format is None:
        return _not_acceptable("solutions")
    variables = solutions.variables
    bindings = []
    for solution in islice(solutions, job.max_rows + 1):
        bound = {}
        for variable in variables:
            value = solution[variable]
            if value is not None:
                bound[variable.value] = _term(value)
        bindings.append(bound)
    truncated = len(bindings) > job.max_rows
    del bindings[job.max_rows :]
    document = {"head": {"vars": [v.value for v in variables]}, "results": {"bindings": bindings}}
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    if job.results_format is not ResultsFormat.JSON:
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        written = parsed.serialize(format=OX_RESULTS[job.results_format])
        assert written is not None  # no output given: the bytes are returned
        body = bytes(written)
    offer = RESULTS[job.results_format]
    return Answer(body, offer.media_type, len(bindings), truncated)


def _boolean(result: ox.QueryBoolean, job: Job) -> Answer:
    if job.results_format is None:
        return _not_acceptable("solutions")
    written = result.serialize(format=OX_RESULTS[job.results_format])
    assert written is not None
    return Answer(bytes(written), RESULTS[job.results_format].media_type, 1, False)


def _graph(triples: Iterator[ox.Triple], job: Job) -> Answer:
    if job.graph_format is None:
        return _not_acceptable("graph")
    kept = list(islice(triples, job.max_rows + 1))
    truncated = len(kept) > job.max_rows
    del kept[job.max_rows :]
    fmt = job.graph_format
    prefixes = dict(job.prefixes) if fmt in (GraphFormat.TURTLE, GraphFormat.RDFXML) else None
    written = ox.serialize(kept, format=OX_GRAPHS[fmt], prefixes=prefixes)
    assert written is not None
    return Answer(bytes(written), GRAPHS[fmt].media_type, len(kept), truncated)


def _term(term: Any) -> dict[str, Any]:
    """One RDF term as SPARQL 1.1 JSON results write it (RDF 1.2 triple terms included)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        written: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            written["xml:lang"] = term.language
            if term.direction is not None:
                written["its:dir"] = str(term.direction)
        elif term.datatype != _PLAIN:
            written["datatype"] = term.datatype.value
        return written
    return {
        "type": "triple",
        "value": {
            "subject": _term(term.subject),
            "predicate": _term(term.predicate),
            "object": _term(term.object),
        },
    }
