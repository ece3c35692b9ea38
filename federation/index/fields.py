"""What the index keeps of a record besides its N-Triples: the fields search, similarity,
same-actor matching, reports and group membership need (docs/federation-protocol.md, "Index
row fields"). Codes are plain codes ("BF", "14030", "6.1"), never concept IRIs.

Read from a record that passed the checks: every value has the form the shapes promise."""

from __future__ import annotations

import functools
from typing import Any

from federation.codelists.registry import Scheme, codelists
from federation.index import terms
from federation.index.triples import Props, RecordGraph, Value

_EMPTY: Props = {}


def _one(props: Props, predicate: str) -> Any:
    """The value of a single-valued property: the IRI, or a literal's lexical form."""
    values = props.get(predicate)
    if not values:
        return None
    return _text(values[0])


def _text(value: Value) -> str:
    return value[0] if isinstance(value, tuple) else value


def _codes(props: Props, predicate: str, table: dict[str, str]) -> list[str]:
    return sorted(
        {table[v] for v in props.get(predicate) or () if isinstance(v, str) and v in table}
    )


def _code(props: Props, predicate: str, table: dict[str, str]) -> str | None:
    value = _one(props, predicate)
    return table.get(value) if value is not None else None


def _node(graph: RecordGraph, value: Value) -> Props:
    found = graph.nodes.get(value) if isinstance(value, str) else None
    return found if found is not None else _EMPTY


def _positioned(graph: RecordGraph, props: Props, predicate: str) -> list[Props]:
    nodes = [_node(graph, value) for value in set(props.get(predicate) or ())]
    return sorted(nodes, key=lambda node: int(_one(node, terms.POSITION) or 0))


@functools.cache
def _tables() -> dict[str, dict[str, str]]:
    """Concept IRI -> code, by predicate."""
    return {predicate: terms.codes(schemes) for predicate, schemes in terms.CODED.items()}


def _sector_categories(sectors: list[str]) -> list[str]:
    broader = terms.broader(Scheme.SECTOR)
    return sorted({broader.get(code, code) for code in sectors})


def _sdg_goals(sdgs: list[str]) -> list[str]:
    broader = terms.broader(Scheme.SDG)
    return sorted({broader.get(code, code) for code in sdgs}, key=_sdg_order().__getitem__)


@functools.cache
def _sdg_order() -> dict[str, int]:
    """Each SDG code's place in code order (numbers numerically: 2 before 10, 8.9 before 8.10)."""
    return {concept.code: n for n, concept in enumerate(codelists()[Scheme.SDG].concepts())}


def fields_of(graph: RecordGraph, iri: str, kind: str) -> dict[str, Any]:
    """The fields of a checked record of ``kind`` ("actor", "action", "group")."""
    tables = _tables()
    props = graph.props(iri)
    fields: dict[str, Any] = {
        "kind": kind,
        "name": _one(props, terms.NAME),
        "description": _one(props, terms.DESCRIPTION),
        "external_id": _one(props, terms.IDENTIFIER),
        "created": _one(props, terms.CREATED),
        "modified": _one(props, terms.MODIFIED),
        "version": int(_one(props, terms.VERSION)),
    }
    if kind == "actor":
        _actor(fields, graph, props, tables)
    elif kind == "action":
        _action(fields, graph, props, tables)
    else:
        _group(fields, graph, props, tables)
    sdgs = fields.get("sdgs")
    if sdgs is not None:
        fields["sdg_goals"] = _sdg_goals(sdgs)
    fields["sector_categories"] = _sector_categories(fields["sectors"])
    return fields


def _actor(
    fields: dict[str, Any], graph: RecordGraph, props: Props, tables: dict[str, dict[str, str]]
) -> None:
    kinds = tables[terms.DCT_TYPE]
    identifiers = {}
    for value in props.get(terms.ADMS_IDENTIFIER) or ():
        node = _node(graph, value)
        kind = _code(node, terms.DCT_TYPE, kinds)
        if kind is not None:
            identifiers[kind] = _one(node, terms.NOTATION)
    address = None
    for value in props.get(terms.ADDRESS) or ():
        node = _node(graph, value)
        address = {
            "street": _one(node, terms.STREET),
            "postal_code": _one(node, terms.POSTAL_CODE),
            "city": _one(node, terms.LOCALITY),
            "departement": _one(node, terms.DEPARTEMENT),
            "region": _one(node, terms.REGION),
        }
    contact = None
    for value in props.get(terms.CONTACT_POINT) or ():
        contact = _one(_node(graph, value), terms.NAME)
    fields.update(
        {
            "acronym": _one(props, terms.ALTERNATE_NAME),
            "actor_type": _code(props, terms.ACTOR_TYPE, tables[terms.ACTOR_TYPE]),
            "identifiers": dict(sorted(identifiers.items())),
            "address": address,
            "website": _one(props, terms.URL),
            "email": _one(props, terms.EMAIL),
            "contact_name": contact,
            "countries": _codes(props, terms.AREA_SERVED, tables[terms.AREA_SERVED]),
            "sectors": _codes(props, terms.SECTOR, tables[terms.SECTOR]),
            "sdgs": _sdgs(props, tables),
        }
    )


def _sdgs(props: Props, tables: dict[str, dict[str, str]]) -> list[str]:
    return sorted(_codes(props, terms.SDG, tables[terms.SDG]), key=_sdg_order().__getitem__)


def _shares(
    graph: RecordGraph, props: Props, share: str, target: str, table: dict[str, str]
) -> dict[str, str]:
    found = {}
    for value in props.get(share) or ():
        node = _node(graph, value)
        code = _code(node, target, table)
        if code is not None:
            found[code] = _one(node, terms.PERCENTAGE)
    return dict(sorted(found.items()))


def _action(
    fields: dict[str, Any], graph: RecordGraph, props: Props, tables: dict[str, dict[str, str]]
) -> None:
    countries = tables[terms.COUNTRY]
    sectors = tables[terms.SECTOR]
    planned_start = _one(props, terms.PLANNED_START)
    actual_start = _one(props, terms.START)
    start = actual_start or planned_start
    participants = [
        {
            "role": _code(node, terms.ROLE, tables[terms.ROLE]),
            "actor": _one(node, terms.AGENT),
            "name": _one(node, terms.PARTNER_NAME),
            "country": _code(node, terms.PARTNER_COUNTRY, countries),
            "organisation_type": _code(
                node, terms.ORGANISATION_TYPE, tables[terms.ORGANISATION_TYPE]
            ),
        }
        for node in _positioned(graph, props, terms.PARTICIPANT)
    ]
    fundings = [
        {
            "funder": _one(node, terms.FUNDER),
            "funder_name": _one(node, terms.FUNDER_NAME),
            "amount": _one(node, terms.AMOUNT),
            "currency": _one(node, terms.CURRENCY),
            "year": int(_one(node, terms.YEAR)),
            "status": _code(node, terms.FUNDING_STATUS, tables[terms.FUNDING_STATUS]),
        }
        for node in _positioned(graph, props, terms.FUNDING)
    ]
    budget = None
    for value in props.get(terms.BUDGET) or ():
        node = _node(graph, value)
        budget = {"amount": _one(node, terms.VALUE), "currency": _one(node, terms.CURRENCY)}
    fields.update(
        {
            "action_kind": _code(props, terms.ACTION_KIND, tables[terms.ACTION_KIND]),
            "status": _code(props, terms.ACTIVITY_STATUS, tables[terms.ACTIVITY_STATUS]),
            "planned_start": planned_start,
            "planned_end": _one(props, terms.PLANNED_END),
            "actual_start": actual_start,
            "actual_end": _one(props, terms.END),
            "year": int(start[:4]) if start else None,
            "countries": _codes(props, terms.RECIPIENT_COUNTRY, countries),
            "country_shares": _shares(graph, props, terms.COUNTRY_SHARE, terms.COUNTRY, countries),
            "sectors": _codes(props, terms.SECTOR, sectors),
            "sector_shares": _shares(graph, props, terms.SECTOR_SHARE, terms.SECTOR, sectors),
            "sdgs": _sdgs(props, tables),
            "localities": sorted({_text(v) for v in props.get(terms.PLACE) or ()}),
            "participants": participants,
            "actors": sorted(set(map(str, props.get(terms.ASSOCIATED_WITH) or ()))),
            "fundings": fundings,
            "budget": budget,
        }
    )


def _group(
    fields: dict[str, Any], graph: RecordGraph, props: Props, tables: dict[str, dict[str, str]]
) -> None:
    country = _code(props, terms.AREA_SERVED, tables[terms.AREA_SERVED])
    theme = _code(props, terms.THEME, tables[terms.THEME])
    members = [
        {
            "actor": _one(node, terms.MEMBER),
            "role": _code(node, terms.GROUP_ROLE, tables[terms.GROUP_ROLE]),
        }
        for node in _positioned(graph, props, terms.MEMBERSHIP)
    ]
    fields.update(
        {
            "group_kind": _code(props, terms.GROUP_KIND, tables[terms.GROUP_KIND]),
            "countries": [country] if country else [],
            "sectors": [theme] if theme else [],
            "members": members,
        }
    )
