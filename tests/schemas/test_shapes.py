"""schemas/shapes.ttl: driven by a folder of examples (tests/fixtures/shapes).

- ``valid/``: records written by hand after docs/rdf-model.md; they conform (warnings allowed).
- ``invalid/``: each breaks one rule, named in its header with the path the report must give
  (``# expected-path: schema:name``; an alternative path is written ``a|b``). Nothing else may
  be reported, except what the header lists as a consequence (``# also-reported: …``).
- ``warning/``: records that conform but are reported for what is only recommended
  (``# expected-warning: adms:identifier``, one line per path).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from schemas.namespaces import PREFIXES, RDF, RRMA, SH, SHAPES
from schemas.vocabulary import shapes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shapes"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
WARNING = sorted((FIXTURES / "warning").glob("*.ttl"))

_HEADER = re.compile(r"^# (expected-path|also-reported|expected-warning): (\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Result:
    severity: str  # "Violation", "Warning" or "Info"
    path: str  # "schema:name", "prov:agent|rrma:partnerName", "" for a node-level result
    source: str  # the named shape (or SPARQL constraint) that reported it
    focus: str


@dataclass(frozen=True)
class Report:
    conforms: bool
    results: list[Result]
    text: str

    def paths(self, severity: str) -> set[str]:
        return {result.path for result in self.results if result.severity == severity}


def path_text(graph: Graph, path: Node | None) -> str:
    """A SHACL property path written the SPARQL way: ``a``, ``a|b``, ``a/b``, ``^a``."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return path.n3(graph.namespace_manager)
    assert isinstance(path, BNode)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(path_text(graph, item) for item in Collection(graph, alternatives))
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + path_text(graph, inverse)
    return "/".join(path_text(graph, item) for item in Collection(graph, path))


@functools.cache  # each example is validated by several tests
def validate(path: Path) -> Report:
    data = Graph().parse(path, format="turtle")
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes(), allow_warnings=True, inference="none"
    )
    assert isinstance(report, Graph)
    assert isinstance(text, str)
    for prefix, namespace in PREFIXES.items():
        report.bind(prefix, namespace)
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(node, SH.resultSeverity)
        assert isinstance(severity, URIRef)
        # A SPARQL constraint reports its node shape as the source; name the constraint instead.
        source = report.value(node, SH.sourceConstraint) or report.value(node, SH.sourceShape)
        results.append(
            Result(
                severity=severity.removeprefix(str(SH)),
                path=path_text(report, report.value(node, SH.resultPath)),
                source=str(source),
                focus=str(report.value(node, SH.focusNode)),
            )
        )
    return Report(conforms=bool(conforms), results=results, text=text)


def headers(path: Path, key: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [value for found_key, value in _HEADER.findall(text) if found_key == key]


def test_there_are_examples() -> None:
    assert len(VALID) >= 9
    assert len(INVALID) >= 100
    assert WARNING


@pytest.mark.parametrize("path", VALID, ids=lambda path: path.stem)
def test_valid_example_conforms(path: Path) -> None:
    report = validate(path)
    assert report.conforms, report.text


def test_every_node_shape_applies_to_some_valid_example() -> None:
    graph = shapes()
    records = Graph()
    for path in VALID:
        records.parse(path, format="turtle")
    for shape in graph.subjects(RDF.type, SH.NodeShape):
        focus: set[Node] = set()
        for cls in graph.objects(shape, SH.targetClass):
            focus.update(records.subjects(RDF.type, cls))
        for prop in graph.objects(shape, SH.targetObjectsOf):
            assert isinstance(prop, URIRef)
            focus.update(records.objects(None, prop))
        assert focus, f"no valid example has a focus node of {shape}"


@pytest.mark.parametrize("path", INVALID, ids=lambda path: path.stem)
def test_invalid_example_is_reported_on_its_path(path: Path) -> None:
    expected = headers(path, "expected-path")
    assert len(expected) == 1, f"{path.name} must name one expected-path in its header"
    report = validate(path)
    assert not report.conforms, report.text
    violations = report.paths("Violation")
    assert expected[0] in violations, report.text
    # The example breaks that one rule: nothing else is reported but its stated consequences.
    assert violations <= {expected[0], *headers(path, "also-reported")}, report.text


@pytest.mark.parametrize("path", WARNING, ids=lambda path: path.stem)
def test_recommended_fields_only_warn(path: Path) -> None:
    expected = set(headers(path, "expected-warning"))
    assert expected, f"{path.name} must name its expected-warning paths in its header"
    report = validate(path)
    assert report.conforms, report.text
    assert report.paths("Violation") == set(), report.text
    assert report.paths("Warning") == expected, report.text


def test_every_required_rule_is_broken_by_some_invalid_example() -> None:
    # A rule that no example breaks could be dead (a typo in a path or a pattern) unnoticed.
    graph = shapes()
    rules = {
        str(shape)
        for shape in graph.subjects(SH.severity, SH.Violation)
        if isinstance(shape, URIRef) and (shape, SH.path, None) in graph
    } | {str(rule) for rule in graph.subjects(RDF.type, SH.SPARQLConstraint)}
    reported = {
        result.source
        for path in INVALID
        for result in validate(path).results
        if result.severity == "Violation"
    }
    assert rules - reported == set()


def test_every_recommended_rule_has_a_warning_example() -> None:
    graph = shapes()
    recommended = {str(shape) for shape in graph.subjects(SH.severity, SH.Warning)}
    reported = {
        result.source
        for path in WARNING
        for result in validate(path).results
        if result.severity == "Warning"
    }
    assert recommended
    assert recommended == reported


def test_every_message_is_in_french_and_english() -> None:
    graph = shapes()
    with_messages = set(graph.subjects(SH.message, None))
    assert with_messages
    for shape in with_messages:
        messages = list(graph.objects(shape, SH.message))
        assert all(isinstance(message, Literal) for message in messages), shape
        languages = sorted(
            str(message.language) for message in messages if isinstance(message, Literal)
        )
        assert languages == ["en", "fr"], shape


def test_every_constraint_has_a_message_and_a_severity() -> None:
    graph = shapes()
    constraints = set(graph.subjects(SH.path, None)) | set(
        graph.subjects(RDF.type, SH.SPARQLConstraint)
    )
    # Blank nodes carrying sh:path are path expressions' parts only if unnamed: every property
    # shape here is named, so that a report's sourceShape says which rule was broken.
    for constraint in constraints:
        assert isinstance(constraint, URIRef), constraint
        assert constraint.startswith(str(SHAPES)), constraint
        assert (constraint, SH.message, None) in graph, constraint
        assert graph.value(constraint, SH.severity) in {SH.Violation, SH.Warning}, constraint
    for node_shape in graph.subjects(RDF.type, SH.NodeShape):
        assert graph.value(node_shape, SH.severity) == SH.Violation, node_shape


def test_every_named_constraint_belongs_to_a_node_shape() -> None:
    graph = shapes()
    for shape in graph.subjects(RDF.type, SH.PropertyShape):
        assert (None, SH.property, shape) in graph, f"{shape} is checked by no node shape"
    for constraint in graph.subjects(RDF.type, SH.SPARQLConstraint):
        assert (None, SH.sparql, constraint) in graph, f"{constraint} is used by no node shape"


def test_shapes_target_our_classes_never_schema_org() -> None:
    graph = shapes()
    targets = list(graph.objects(None, SH.targetClass))
    assert targets
    for target in targets:
        assert isinstance(target, URIRef)
        assert target in RRMA, target
    assert set(targets) == {
        RRMA.Actor,
        RRMA.Action,
        RRMA.WorkingGroup,
        RRMA.Network,
        RRMA.Participation,
        RRMA.Share,
    }


def test_shapes_do_not_rely_on_sh_class() -> None:
    # The concept graph and a peer's records are not in the data graph (see shapes.ttl).
    assert (None, SH["class"], None) not in shapes()


def test_validation_leaves_the_shared_shapes_graph_alone() -> None:
    before = len(shapes())
    validate(VALID[0])
    assert len(shapes()) == before
