"""The figures of a report: read from the running totals when they can answer, otherwise
computed by GROUP BY over the fact tables with the filters in the WHERE clause.

Both give the same keys and values (reports/totals.py): a test compares them on the same data.
The totals answer filters on network, year and kind (each record has one network and one
year, so the totals of the selected ones add up); any other filter needs the scan."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Table, and_, exists, func, literal, or_, select
from sqlmodel import Session, col

from federation.reports.driver import fetch
from federation.reports.filters import ReportFilters
from federation.reports.models import (
    ReportAmount,
    ReportFact,
    ReportRecord,
    ReportSdg,
    ReportTotal,
)
from federation.reports.totals import (
    ACTIONS,
    ACTIONS_CATEGORY,
    ACTIONS_COUNTRY,
    ACTIONS_CUBE,
    ACTIONS_SDG,
    ACTOR_SECTIONS,
    ACTORS,
    ACTORS_SDG,
    AMOUNT_DIMENSIONS,
    Totals,
    add,
    year_code,
)
from federation.search.filters import Filters as SearchFilters
from federation.search.query import matching_iris

ITEM_SPAN = 1_000_000  # record * span + item identifies a budget or funding in COUNT(DISTINCT)
FACT: Table = ReportFact.__table__  # type: ignore[attr-defined]
SDG: Table = ReportSdg.__table__  # type: ignore[attr-defined]
AMOUNT: Table = ReportAmount.__table__  # type: ignore[attr-defined]
TOTAL: Table = ReportTotal.__table__  # type: ignore[attr-defined]
_AMOUNT_COLUMN = {
    "year": "amount_year",
    "country": "country",
    "category": "category",
    "funder": "funder_type",
}


Figure = tuple[str, str, int, str, str, int, int]  # a key of the totals, then n and value
CubeRow = tuple[str | None, str | None, str, int | None, int]  # country, category, source, year


class Figures(NamedTuple):
    """The totals of every section but the cube, and the cube's rows as the report lists them
    (codes in code-point order, absent ones null and first): the largest table is sorted by
    the database."""

    totals: Sequence[Figure]
    cube: Sequence[CubeRow]


def figures(session: Session, filters: ReportFilters) -> Figures:
    """The report's figures under ``filters``."""
    return from_totals(session, filters) if filters.on_totals else scanned(session, filters)


def scanned(session: Session, filters: ReportFilters) -> Figures:
    """The figures computed from the fact tables (what ``from_totals`` reads, for any filter)."""
    found = scan(session, filters)
    cube = sorted(
        (key[3], key[4], key[1], key[2], n)
        for key, (n, _) in found.items()
        if key[0] == ACTIONS_CUBE
    )
    return Figures(
        [(*key, n, value) for key, (n, value) in found.items() if key[0] != ACTIONS_CUBE],
        [(a or None, b or None, source, year or None, n) for a, b, source, year, n in cube],
    )


def from_totals(session: Session, filters: ReportFilters) -> Figures:
    """The running totals of the selected networks and years (and kinds)."""
    conditions: list[ColumnElement[bool]] = []
    actor_section = TOTAL.c.section.in_(sorted(ACTOR_SECTIONS))
    if filters.sources:
        conditions.append(TOTAL.c.source.in_(filters.sources))
    if filters.years:  # the year is an action's: actors are all kept
        conditions.append(or_(actor_section, TOTAL.c.year.in_(filters.years)))
    if not filters.wants("actor"):
        conditions.append(~actor_section)
    if not filters.wants("action"):
        conditions.append(actor_section)
    c = TOTAL.c
    totals = select(c.section, c.source, c.year, c.a, c.b, c.n, c.value).where(
        *conditions, c.section != ACTIONS_CUBE
    )
    binary = "C" if session.connection().dialect.name == "postgresql" else "BINARY"
    cube = (
        select(func.nullif(c.a, ""), func.nullif(c.b, ""), c.source, func.nullif(c.year, 0), c.n)
        .where(*conditions, c.section == ACTIONS_CUBE)
        .order_by(*(column.collate(binary) for column in (c.a, c.b, c.source)), c.year)
    )
    return Figures(fetch(session, totals), fetch(session, cube))


def scan(session: Session, filters: ReportFilters) -> Totals:
    """The same figures computed from the fact tables (any filter)."""
    out: Totals = {}
    distinct = func.count(FACT.c.record.distinct())
    rows = func.count()
    if filters.wants("actor"):
        where = _where(FACT, filters, "actor", session)
        _collect(session, out, ACTORS, [FACT.c.actor_type], count=distinct, where=where, actor=True)
        where = _where(SDG, filters, "actor", session)
        _collect(session, out, ACTORS_SDG, [SDG.c.goal], count=rows, where=where, actor=True)
    if not filters.wants("action"):
        return out
    where = _where(FACT, filters, "action", session)
    for section, dimensions, count in (
        (ACTIONS, [], distinct),
        (ACTIONS_COUNTRY, [FACT.c.country], distinct),
        (ACTIONS_CATEGORY, [FACT.c.category], distinct),
        (ACTIONS_CUBE, [FACT.c.country, FACT.c.category], rows),
    ):
        _collect(session, out, section, dimensions, count=count, where=where)
    where = _where(SDG, filters, "action", session)
    _collect(session, out, ACTIONS_SDG, [SDG.c.goal], count=rows, where=where)
    items = func.count((AMOUNT.c.record * ITEM_SPAN + AMOUNT.c.item).distinct())
    for flow, amount_dimensions in AMOUNT_DIMENSIONS.items():
        where = [*_where(AMOUNT, filters, "action", session), AMOUNT.c.flow == flow]
        for dimension in amount_dimensions:
            column = AMOUNT.c[_AMOUNT_COLUMN[dimension]]
            _collect(
                session,
                out,
                f"{flow}_{dimension}",
                [column, AMOUNT.c.currency],
                count=items,
                where=where,
                amount=True,
            )
    return out


def _collect(
    session: Session,
    out: Totals,
    section: str,
    dimensions: list[Any],
    *,
    count: Any,
    where: list[ColumnElement[bool]],
    actor: bool = False,
    amount: bool = False,
) -> None:
    table = dimensions[0].table if dimensions else FACT
    year = literal(0) if actor else table.c.year
    value = func.sum(table.c.cents) if amount else count
    group = [table.c.source, *([] if actor else [table.c.year]), *dimensions]
    stmt = select(table.c.source, year, *dimensions, count, value).where(*where).group_by(*group)
    for row in session.execute(stmt):
        source, row_year, *codes, n, total = row
        a = codes[0] if codes else ""
        if section.endswith("_year"):  # the amount's year, "" when unknown as in the totals
            a = year_code(int(a))
        b = codes[1] if len(codes) > 1 else ""
        add(out, (section, source, int(row_year), a, b), int(n), int(total))


def _where(
    table: Table, filters: ReportFilters, kind: str, session: Session
) -> list[ColumnElement[bool]]:
    """The filters as conditions on ``table``; a filter that is not about ``kind`` is left out
    (the year, kind of action and status for actors; the actor type for actions). Words keep
    the records the search finds for them (``federation.search.query.matching_iris``)."""
    conditions: list[ColumnElement[bool]] = []
    if filters.words:
        found = matching_iris(session, SearchFilters(filters.words[0])).order_by(None)
        records = select(col(ReportRecord.id)).where(col(ReportRecord.iri).in_(found))
        conditions.append(table.c.record.in_(records))
    if "kind" in table.c:
        conditions.append(table.c.kind == kind)
    if filters.sources:
        conditions.append(table.c.source.in_(filters.sources))
    if kind == "actor":
        if filters.actor_types:
            conditions.append(table.c.actor_type.in_(filters.actor_types))
    else:
        for values, column in (
            (filters.years, "year"),
            (filters.action_kinds, "action_kind"),
            (filters.statuses, "status"),
        ):
            if values:
                conditions.append(table.c[column].in_(values))
    places = []
    if filters.countries:
        places.append(("country", filters.countries))
    if filters.categories:
        places.append(("category", filters.categories))
    if places and "country" in table.c:
        conditions.extend(table.c[column].in_(values) for column, values in places)
    elif places:
        fact = FACT.alias("place")
        conditions.append(
            exists().where(
                fact.c.record == table.c.record,
                *(fact.c[column].in_(values) for column, values in places),
            )
        )
    if filters.sdgs and table is SDG:
        conditions.append(table.c.goal.in_(filters.sdgs))
    elif filters.sdgs:
        sdg = SDG.alias("goal")
        conditions.append(
            exists().where(and_(sdg.c.record == table.c.record, sdg.c.goal.in_(filters.sdgs)))
        )
    return conditions
