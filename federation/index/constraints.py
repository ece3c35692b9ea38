"""The SHACL-SPARQL constraints of ``schemas/shapes.ttl``, written in Python, one function each,
named after the constraint (``tests/index`` prove they agree with pySHACL)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from federation.index import terms
from federation.index.literals import DOUBLE, number, text_of
from federation.index.triples import Props, RecordGraph, Value

# (?path as an IRI, then the other variables the message names).
Sparql = Callable[[Value, Props, RecordGraph], list[dict[str, str]]]


PARTS = (
    terms.ADDRESS,
    terms.CONTACT_POINT,
    terms.ADMS_IDENTIFIER,
    terms.PARTICIPANT,
    terms.FUNDING,
    terms.BUDGET,
    terms.COUNTRY_SHARE,
    terms.SECTOR_SHARE,
    terms.MEMBERSHIP,
)


def node_props(graph: RecordGraph, value: Value) -> Props:
    """The properties of a focus node (none for a literal)."""
    return graph.props(value) if isinstance(value, str) else {}


def parts_under_record(focus: Value, props: Props, graph: RecordGraph) -> list[dict[str, str]]:
    prefix = f"{text_of(focus)}#"
    return [
        {"path": path, "value": value}
        for path in PARTS
        for value in props.get(path) or ()
        if value.__class__ is str and not value.startswith(prefix)
    ]


def one_identifier_per_kind(focus: Value, props: Props, graph: RecordGraph) -> list[dict[str, str]]:
    kinds: dict[Value, set[Value]] = {}
    for node in set(props.get(terms.ADMS_IDENTIFIER) or ()):
        for kind in set(node_props(graph, node).get(terms.DCT_TYPE) or ()):
            kinds.setdefault(kind, set()).add(node)
    return [
        {"path": terms.ADMS_IDENTIFIER, "value": text_of(kind)}
        for kind, nodes in kinds.items()
        if len(nodes) > 1
    ]


def _matches(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda text: compiled.search(text) is not None


_RNA = _matches("^W[0-9A-Z]{1,2}[0-9]{7,8}$")
# The form of each kind of identifier, as the Identifier-* SPARQL constraints write it.
IDENTIFIER_FORMS: dict[str, Callable[[str], bool]] = {
    "siren": _matches("^[0-9]{9}$"),
    "siret": _matches("^[0-9]{14}$"),
    "rna": lambda text: _RNA(text) and len(text) == 10,
    "uai": _matches("^[0-9]{7}[A-Z]$"),
    "finess": _matches("^([0-9]{2}|2[AB])[0-9]{7}$"),
    "insee": _matches("^([0-9]{2}|2[AB])[0-9]{3}$"),
}


def identifier_form_ok(kind: str, text: str) -> bool:
    return IDENTIFIER_FORMS[kind](text)


def _identifier_format(kind: str) -> Sparql:
    ok = IDENTIFIER_FORMS[kind]

    def run(focus: Value, props: Props, graph: RecordGraph) -> list[dict[str, str]]:
        if _identifier_type(kind) not in (props.get(terms.DCT_TYPE) or ()):
            return []
        return [
            {"path": terms.NOTATION, "value": text_of(value)}
            for value in props.get(terms.NOTATION) or ()
            if not ok(text_of(value))
        ]

    return run


@functools.cache
def _identifier_type(kind: str) -> str:
    from_code = {code: iri for iri, code in terms.codes(terms.CODED[terms.DCT_TYPE]).items()}
    return from_code[kind]


def agent_associated(focus: Value, props: Props, graph: RecordGraph) -> list[dict[str, str]]:
    associated = set(props.get(terms.ASSOCIATED_WITH) or ())
    agents = {
        agent
        for node in props.get(terms.PARTICIPANT) or ()
        for agent in node_props(graph, node).get(terms.AGENT) or ()
    }
    return [
        {"path": terms.ASSOCIATED_WITH, "value": text_of(agent)}
        for agent in agents
        if agent not in associated
    ]


def _share_listed(share: str, target: str, listed: str) -> Sparql:
    def run(focus: Value, props: Props, graph: RecordGraph) -> list[dict[str, str]]:
        given = set(props.get(listed) or ())
        return [
            {"path": share, "value": text_of(node)}
            for node in set(props.get(share) or ())
            for value in set(node_props(graph, node).get(target) or ())
            if value not in given
        ]

    return run


def _share_for_every(share: str, target: str, listed: str) -> Sparql:
    def run(focus: Value, props: Props, graph: RecordGraph) -> list[dict[str, str]]:
        nodes = props.get(share)
        if not nodes:
            return []
        covered = {v for node in nodes for v in node_props(graph, node).get(target) or ()}
        return [
            {"path": listed, "value": text_of(value)}
            for value in set(props.get(listed) or ())
            if value not in covered
        ]

    return run


def _share_total(share: str) -> Sparql:
    def run(focus: Value, props: Props, graph: RecordGraph) -> list[dict[str, str]]:
        nodes = set(props.get(share) or ())
        if not nodes:
            return []
        total = Decimal(0)
        rows = 0
        for node in nodes:
            for value in set(node_props(graph, node).get(terms.PERCENTAGE) or ()):
                amount = _sparql_number(value)
                if amount is None:  # SUM() of a non-number is an error: no result
                    return []
                total += amount
                rows += 1
        if rows and abs(total - 100) > Decimal("0.01"):  # no rows, no group: no result
            return [{"path": share, "total": _plain(total)}]
        return []

    return run


def _sparql_number(value: Value) -> Decimal | None:
    """What SPARQL's SUM() adds up: integers, decimals and doubles (a percentage written
    "60.0E0" counts, "60" as a string does not)."""
    if not isinstance(value, tuple):
        return None
    lexical, datatype = value
    if datatype == terms.DOUBLE and DOUBLE.fullmatch(lexical):
        try:
            return Decimal(float(lexical))
        except (ValueError, InvalidOperation):
            return None
    return number(value)


def _plain(amount: Decimal) -> str:
    return format(amount.normalize(), "f") if amount == amount.to_integral() else str(amount)


SPARQL: dict[str, Sparql] = {
    "PartsUnderRecord": parts_under_record,
    "Actor-one-identifier-per-kind": one_identifier_per_kind,
    **{f"Identifier-{kind}": _identifier_format(kind) for kind in IDENTIFIER_FORMS},
    "Action-agent-associated": agent_associated,
    "Action-countryShare-listed": _share_listed(
        terms.COUNTRY_SHARE, terms.COUNTRY, terms.RECIPIENT_COUNTRY
    ),
    "Action-countryShare-for-every-country": _share_for_every(
        terms.COUNTRY_SHARE, terms.COUNTRY, terms.RECIPIENT_COUNTRY
    ),
    "Action-countryShare-total": _share_total(terms.COUNTRY_SHARE),
    "Action-sectorShare-listed": _share_listed(terms.SECTOR_SHARE, terms.SECTOR, terms.SECTOR),
    "Action-sectorShare-for-every-sector": _share_for_every(
        terms.SECTOR_SHARE, terms.SECTOR, terms.SECTOR
    ),
    "Action-sectorShare-total": _share_total(terms.SECTOR_SHARE),
}
