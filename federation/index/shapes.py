"""``schemas/shapes.ttl`` as fast checks on one record's triples.

pySHACL needs about a millisecond a record; a harvest reads tens of thousands a second. So the
node and property shapes are read from ``shapes.ttl`` once per process and compiled to plain
data (paths, counts, datatypes, patterns, bounds); the SHACL-SPARQL constraints are written
in Python in ``constraints.py``, one function each, named after the constraint. Compiling
fails on a SHACL feature or a SPARQL constraint not implemented, so that the shapes cannot
grow a rule the harvest silently skips; ``tests/index`` prove that the results agree with pySHACL's.

Only violations are checked: warnings (recommended fields) never refuse a record.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from federation.index import terms
from federation.index.constraints import SPARQL, Sparql, node_props
from federation.index.literals import WELL_FORMED, day, number, text_of
from federation.index.members import Problem
from federation.index.triples import Blank, Props, RecordGraph, Value
from schemas.namespaces import SH, SHAPES
from schemas.vocabulary import shapes

SHAPE_CODE = "shape"
UNKNOWN_CODE = "unknown_code"


# -- compiled shapes --------------------------------------------------------------------------


@dataclass(slots=True)
class PropertyCheck:
    """One property shape (severity Violation), compiled."""

    name: str  # the shape's local name in shapes.ttl
    paths: tuple[str, ...]  # one predicate, or the alternatives of an alternative path
    path: str  # as a report writes it: "schema:name", "prov:agent|rrma:partnerName"
    message: str
    message_en: str
    min_count: int = 0
    max_count: int | None = None
    datatype: str | None = None
    iri_only: bool = False
    pattern: re.Pattern[str] | None = None
    min_length: int | None = None
    max_length: int | None = None
    minimum: tuple[Decimal, bool] | None = None  # (bound, inclusive)
    maximum: tuple[Decimal, bool] | None = None
    has_value: Value | None = None
    allowed: frozenset[Value] | None = None
    not_after: str | None = None  # sh:lessThanOrEquals
    codes: dict[str, str] | None = None  # the IRIs of its code lists: those pass at once
    good: set[Value] = field(default_factory=set)  # values known to pass (codes, short ones)
    # Precomputed for the fast path of ``violations``:
    single: str | None = None  # the path when it is one predicate
    needed: bool = False  # an absent value fails (min count or has value)
    most: int = 1 << 30  # max count, or no limit
    plain: bool = True  # no constraint between values (has value, less than or equals)

    def __post_init__(self) -> None:
        self.single = self.paths[0] if len(self.paths) == 1 else None
        self.needed = self.min_count > 0 or self.has_value is not None
        self.most = self.max_count if self.max_count is not None else 1 << 30
        self.plain = self.has_value is None and self.not_after is None
        if self.codes is not None:
            self.good.update(self.codes)

    def values(self, props: Props) -> list[Value]:
        if len(self.paths) == 1:
            return props.get(self.paths[0]) or []
        return [value for path in self.paths for value in props.get(path) or ()]

    def value_ok(self, value: Value) -> bool:
        """The constraints on each value, on their own (not the counts)."""
        if value in self.good:
            return True
        cls = value.__class__
        if cls is Blank:
            if self.iri_only or self.datatype or self.pattern or self.min_length is not None:
                return False
            if self.max_length is not None or self.minimum or self.maximum:
                return False
            return self.allowed is None or value in self.allowed
        if self.iri_only and cls is not str:
            return False
        if self.datatype is not None:
            if cls is not tuple or value[1] != self.datatype:
                return False
            check = WELL_FORMED.get(self.datatype)
            if check is not None and not check(value[0]):
                return False
        lexical = text_of(value)
        if self.pattern is not None and self.pattern.search(lexical) is None:
            return False
        if self.min_length is not None and len(lexical) < self.min_length:
            return False
        if self.max_length is not None and len(lexical) > self.max_length:
            return False
        if self.minimum is not None or self.maximum is not None:
            amount = number(value)
            if amount is None or not _within(amount, self.minimum, self.maximum):
                return False
        if self.allowed is not None and value not in self.allowed:
            return False
        if len(lexical) <= 64 and self.codes is None:  # an unknown code must stay unknown
            if len(self.good) > 50_000:
                self.good.clear()
            self.good.add(value)
        return True


def _within(
    amount: Decimal, minimum: tuple[Decimal, bool] | None, maximum: tuple[Decimal, bool] | None
) -> bool:
    if minimum is not None and (amount < minimum[0] or (amount == minimum[0] and not minimum[1])):
        return False
    return maximum is None or not (amount > maximum[0] or (amount == maximum[0] and not maximum[1]))


# A SHACL-SPARQL constraint: (focus node, its properties, the record) -> one binding per result


@dataclass(frozen=True, slots=True)
class SparqlCheck:
    name: str
    run: Sparql
    message: str
    message_en: str


@dataclass(slots=True)
class NodeCheck:
    name: str
    properties: list[PropertyCheck]
    sparql: list[SparqlCheck]
    # For the fast path: the checks of each predicate, those on alternative paths, and the
    # predicates that must be there.
    by_path: dict[str, list[PropertyCheck]] = field(default_factory=dict)
    alternatives: list[PropertyCheck] = field(default_factory=list)
    required: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for check in self.properties:
            if check.single is None:
                self.alternatives.append(check)
            else:
                self.by_path.setdefault(check.single, []).append(check)
        self.required = frozenset(
            check.single for check in self.properties if check.single and check.needed
        )


@dataclass(slots=True)
class CompiledShapes:
    by_class: dict[str, list[NodeCheck]]
    by_object_of: dict[str, list[NodeCheck]]
    names: set[str]  # every shape and constraint compiled (for the tests)


# -- the SHACL-SPARQL constraints ---------------------------------------------------------------
# -- compiling shapes.ttl -----------------------------------------------------------------------

_SUPPORTED = {
    "path",
    "minCount",
    "maxCount",
    "datatype",
    "nodeKind",
    "pattern",
    "minLength",
    "maxLength",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "hasValue",
    "in",
    "lessThanOrEquals",
    "severity",
    "message",
}


class ShapesNotSupported(ValueError):
    """shapes.ttl uses something the fast checks do not implement."""


def _local(node: Node) -> str:
    return str(node).removeprefix(str(SHAPES))


def _messages(graph: Graph, node: Node) -> tuple[str, str]:
    found = {
        value.language: str(value)
        for value in graph.objects(node, SH.message)
        if isinstance(value, Literal)
    }
    return found.get("fr", ""), found.get("en", "")


def _value(node: Node) -> Value:
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal):
        return (str(node), str(node.datatype) if node.datatype else terms.STRING)
    raise ShapesNotSupported(f"value {node!r}")


def _bound(node: Node | None, inclusive: bool) -> tuple[Decimal, bool] | None:
    if node is None:
        return None
    return Decimal(str(node)), inclusive


def _paths(graph: Graph, path: Node) -> tuple[str, ...]:
    if isinstance(path, URIRef):
        return (str(path),)
    alternatives = graph.value(path, SH.alternativePath)
    if isinstance(path, BNode) and alternatives is not None:
        return tuple(str(item) for item in Collection(graph, alternatives))
    raise ShapesNotSupported(f"path {path!r}")


def _property(graph: Graph, node: Node) -> PropertyCheck | None:
    used = {
        str(p).removeprefix(str(SH)) for p in graph.predicates(node) if str(p).startswith(str(SH))
    }
    if used - _SUPPORTED:
        raise ShapesNotSupported(f"{node}: {sorted(used - _SUPPORTED)}")
    if graph.value(node, SH.severity, default=SH.Violation) != SH.Violation:
        return None
    path = graph.value(node, SH.path)
    if path is None:
        raise ShapesNotSupported(f"{node}: no sh:path")
    paths = _paths(graph, path)
    message, message_en = _messages(graph, node)

    def integer(name: str) -> int | None:
        value = graph.value(node, SH[name])
        return int(str(value)) if value is not None else None

    kind = graph.value(node, SH.nodeKind)
    if kind is not None and kind != SH.IRI:
        raise ShapesNotSupported(f"{node}: sh:nodeKind {kind}")
    pattern = graph.value(node, SH.pattern)
    members = graph.value(node, SH["in"])
    has_value = graph.value(node, SH.hasValue)
    not_after = graph.value(node, SH.lessThanOrEquals)
    datatype = graph.value(node, SH.datatype)
    coded = terms.CODED.get(paths[0]) if len(paths) == 1 else None
    return PropertyCheck(
        name=_local(node),
        paths=paths,
        path="|".join(terms.curie(p) for p in paths),
        message=message,
        message_en=message_en,
        min_count=integer("minCount") or 0,
        max_count=integer("maxCount"),
        datatype=str(datatype) if datatype is not None else None,
        iri_only=kind == SH.IRI,
        pattern=re.compile(str(pattern)) if pattern is not None else None,
        min_length=integer("minLength"),
        max_length=integer("maxLength"),
        minimum=_bound(graph.value(node, SH.minInclusive), True)
        or _bound(graph.value(node, SH.minExclusive), False),
        maximum=_bound(graph.value(node, SH.maxInclusive), True)
        or _bound(graph.value(node, SH.maxExclusive), False),
        has_value=_value(has_value) if has_value is not None else None,
        allowed=frozenset(_value(item) for item in Collection(graph, members))
        if members is not None
        else None,
        not_after=str(not_after) if not_after is not None else None,
        codes=terms.codes(coded) if coded and kind == SH.IRI else None,
    )


@functools.cache
def compiled() -> CompiledShapes:
    """shapes.ttl compiled, once per process."""
    graph = shapes()
    by_class: dict[str, list[NodeCheck]] = {}
    by_object_of: dict[str, list[NodeCheck]] = {}
    names: set[str] = set()
    for shape in sorted(graph.subjects(SH.property, None, unique=True), key=str):
        properties = []
        for node in sorted(graph.objects(shape, SH.property), key=str):
            check = _property(graph, node)
            names.add(_local(node))
            if check is not None:
                properties.append(check)
        sparql = []
        for node in sorted(graph.objects(shape, SH.sparql), key=str):
            name = _local(node)
            if name not in SPARQL:
                raise ShapesNotSupported(f"no Python for the SPARQL constraint {name}")
            if graph.value(node, SH.severity, default=SH.Violation) != SH.Violation:
                continue
            sparql.append(SparqlCheck(name, SPARQL[name], *_messages(graph, node)))
            names.add(name)
        check_node = NodeCheck(_local(shape), properties, sparql)
        names.add(check_node.name)
        for target in graph.objects(shape, SH.targetClass):
            by_class.setdefault(str(target), []).append(check_node)
        for target in graph.objects(shape, SH.targetObjectsOf):
            by_object_of.setdefault(str(target), []).append(check_node)
    return CompiledShapes(by_class, by_object_of, names)


# -- running them -------------------------------------------------------------------------------


def _focus_nodes(graph: RecordGraph, shapes: CompiledShapes) -> Iterable[tuple[NodeCheck, Value]]:
    seen: set[tuple[str, Value]] = set()
    by_class, by_object_of = shapes.by_class, shapes.by_object_of
    for subject, props in graph.nodes.items():
        for rdf_type in props.get(terms.TYPE) or ():
            for node_check in by_class.get(rdf_type, ()) if isinstance(rdf_type, str) else ():
                if (node_check.name, subject) not in seen:
                    seen.add((node_check.name, subject))
                    yield node_check, subject
        for predicate in props:
            checks = by_object_of.get(predicate)
            if checks is None:
                continue
            for value in props[predicate]:
                for node_check in checks:
                    if (node_check.name, value) not in seen:
                        seen.add((node_check.name, value))
                        yield node_check, value


def violations(graph: RecordGraph, record: str) -> list[Problem]:
    """Every violation of the shapes in ``graph``; ``record`` names the focus nodes relative
    to it in the messages.

    Driven by the predicates present (a part has a handful, its shape a dozen rules), with the
    required ones checked as a set; a value already known good costs one set lookup."""
    problems: list[Problem] = []
    for node_check, focus in _focus_nodes(graph, compiled()):
        props = node_props(graph, focus)
        if not node_check.required <= props.keys():
            for check in node_check.properties:
                if check.single is not None and check.needed and not props.get(check.single):
                    problems += _check_property(check, props, [], _where(focus, record))
        by_path = node_check.by_path
        for predicate, values in props.items():
            checks = by_path.get(predicate)
            if checks is None:
                continue
            for check in checks:
                if check.plain and check.min_count <= len(values) <= check.most:
                    good = check.good
                    for value in values:
                        if value not in good and (
                            check.codes is not None or not check.value_ok(value)
                        ):
                            break
                    else:
                        continue  # the common case, inline: every value known good
                if not _fast_ok(check, values, props):
                    problems += _check_property(check, props, values, _where(focus, record))
        for check in node_check.alternatives:
            values = check.values(props)
            if not _fast_ok(check, values, props):
                problems += _check_property(check, props, values, _where(focus, record))
        for sparql in node_check.sparql:
            for binding in sparql.run(focus, props, graph):
                problems.append(_sparql_problem(sparql, binding, _where(focus, record)))
    return problems


def _fast_ok(check: PropertyCheck, values: list[Value], props: Props) -> bool:
    """True when ``values`` surely pass (else ``_check_property`` says why not)."""
    if not check.min_count <= len(values) <= check.most:
        return False
    if not check.plain:
        if check.has_value is not None and check.has_value not in values:
            return False
        if check.not_after is not None and _not_after_fails(
            values, props.get(check.not_after) or []
        ):
            return False
    good = check.good
    for value in values:
        if value in good:
            continue
        if check.codes is not None or not check.value_ok(value):
            return False
    return True


def _where(focus: Value, record: str) -> str:
    text = text_of(focus)
    if focus.__class__ is Blank:
        return f"_:{text}"
    if text == record:
        return ""
    return text.removeprefix(record) if text.startswith(f"{record}#") else text


def _check_property(
    check: PropertyCheck, props: Props, values: list[Value], where: str
) -> list[Problem]:
    failed = len(values) < check.min_count
    unknown: list[Value] = []
    if check.max_count is not None and len(values) > check.max_count:
        failed = failed or len(set(values)) > check.max_count
    codes = check.codes
    for value in values:
        if codes is not None and value in codes:
            continue
        if not check.value_ok(value):
            failed = True
        elif codes is not None:
            unknown.append(value)
    if check.has_value is not None and check.has_value not in values:
        failed = True
    if check.not_after is not None and values:
        failed = failed or _not_after_fails(values, props.get(check.not_after) or [])
    problems = [_unknown_code(check, value, where) for value in unknown]
    if failed:
        problems.insert(0, _problem(SHAPE_CODE, check.message, check.message_en, check.path, where))
    return problems


def _not_after_fails(values: list[Value], limits: list[Value]) -> bool:
    """sh:lessThanOrEquals as pySHACL compares: text with text, dates with dates; text with
    anything else fails; other pairs that cannot be compared pass."""
    for value in values:
        for limit in limits:
            value_text, limit_text = _is_text(value), _is_text(limit)
            if value_text != limit_text:
                return True
            if value_text:
                if text_of(value) > text_of(limit):
                    return True
                continue
            if _later(value, limit):
                return True
    return False


def _later(value: Value, limit: Value) -> bool:
    """``value`` > ``limit`` when both are dates, or both numbers; False when they cannot be
    compared (pySHACL reports nothing then)."""
    if not isinstance(value, tuple) or not isinstance(limit, tuple):
        return False
    if value[1] == terms.DATE and limit[1] == terms.DATE:
        first, last = day(value[0]), day(limit[0])
        return first is not None and last is not None and first > last
    low, high = number(value), number(limit)
    return low is not None and high is not None and low > high


def _is_text(value: Value) -> bool:
    """An IRI or a string literal: what pySHACL compares as text."""
    if isinstance(value, tuple):
        return value[1] == terms.STRING or value[1].startswith("@")
    return not isinstance(value, Blank)


def _unknown_code(check: PropertyCheck, value: Value, where: str) -> Problem:
    code = text_of(value)
    return _problem(
        UNKNOWN_CODE,
        f"Code inconnu des listes de codes de la fédération : {code}",
        f"Code unknown to the federation's code lists: {code}",
        check.path,
        where,
    )


def _sparql_problem(sparql: SparqlCheck, binding: dict[str, str], where: str) -> Problem:
    message, message_en = sparql.message, sparql.message_en
    for name, value in binding.items():
        shown = value if name != "path" else terms.curie(value)
        message = message.replace(f"{{?{name}}}", shown)
        message_en = message_en.replace(f"{{?{name}}}", shown)
    return _problem(SHAPE_CODE, message, message_en, terms.curie(binding["path"]), where)


def _problem(code: str, message: str, message_en: str, path: str, where: str) -> Problem:
    if where:
        message, message_en = f"{message} ({where})", f"{message_en} ({where})"
    return Problem(code, message, message_en, path)
