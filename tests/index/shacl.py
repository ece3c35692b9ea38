"""What pySHACL says of a record, and what the fast checks say of the same triples, side by
side: the index's checks must agree with ``schemas/shapes.ttl`` as pySHACL reads it."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import pyshacl
from rdflib import Graph, URIRef

from federation.index.checks import check
from federation.index.members import Member, Problem, ReadLimits
from federation.index.shapes import SHAPE_CODE
from schemas.namespaces import PREFIXES, RDF, RRMA, SH
from schemas.vocabulary import shapes
from tests.schemas.test_shapes import path_text

RECORD_CLASSES = (RRMA.Actor, RRMA.Action, RRMA.WorkingGroup)


def pyshacl_paths(ntriples: bytes) -> set[str]:
    """The paths of the violations pySHACL reports (warnings allowed, as documented)."""
    data = Graph().parse(data=ntriples, format="nt")
    with warnings.catch_warnings():
        # rdflib compares an ill-typed date with NotImplemented in a boolean context.
        warnings.simplefilter("ignore", DeprecationWarning)
        _, report, _ = pyshacl.validate(
            data, shacl_graph=shapes(), allow_warnings=True, inference="none"
        )
    assert isinstance(report, Graph)
    for prefix, namespace in PREFIXES.items():
        report.bind(prefix, namespace)
    return {
        path_text(report, report.value(result, SH.resultPath))
        for result in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(result, SH.resultSeverity) == SH.Violation
    }


def record_of(graph: Graph) -> str:
    """The record a description is about: its typed root, else its shortest subject."""
    for cls in RECORD_CLASSES:
        for subject in graph.subjects(RDF.type, cls):
            if isinstance(subject, URIRef):
                return str(subject)
    return min((str(s) for s in graph.subjects()), key=len)


def our_problems(ntriples: bytes, iri: str, base_url: str) -> list[Problem]:
    member = Member(iri, "update", 1, None, None, None, ntriples, {}, [])
    return check(member, base_url=base_url, limits=ReadLimits())


@dataclass(frozen=True)
class Verdicts:
    ours: set[str]  # paths of our shape problems
    theirs: set[str]  # paths of pySHACL's violations
    others: list[Problem]  # our problems beyond the shapes (codes, identifiers, authority …)


def compare(ntriples: bytes, base_url: str, iri: str | None = None) -> Verdicts:
    if iri is None:
        iri = record_of(Graph().parse(data=ntriples, format="nt"))
    problems = our_problems(ntriples, iri, base_url)
    return Verdicts(
        ours={p.path or "" for p in problems if p.code == SHAPE_CODE},
        theirs=pyshacl_paths(ntriples),
        others=[p for p in problems if p.code != SHAPE_CODE],
    )
