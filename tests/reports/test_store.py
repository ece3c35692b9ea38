"""The report tables follow the index: hand-computed figures, and after updates, deletions and
funders changing type, the same totals as a rebuild from scratch; the scan of the facts gives
the same figures as the running totals."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from federation.reports import assemble, scan, store
from federation.reports.filters import ReportFilters
from federation.reports.models import ReportTotal
from tests.conftest import BASE_URL
from tests.reports import expected
from tests.reports.conftest import A1, A2, A3, ELSEWHERE, X1, X2, X3, Index, actor, iri, x2_data


def report_tables(session: Session, filters: ReportFilters | None = None) -> dict[str, Any]:
    tables = assemble.tables(scan.figures(session, filters or ReportFilters()))
    return {name: [list(row) for row in rows] for name, rows in tables.items()}


def totals(session: Session) -> list[tuple[Any, ...]]:
    columns = ReportTotal.__table__.c  # type: ignore[attr-defined]
    return sorted(tuple(row) for row in session.execute(select(*columns)))


def test_the_report_is_the_hand_computed_one(filled: Index, session: Session) -> None:
    tables = report_tables(session)
    for name, rows in expected.TABLES.items():
        assert tables[name] == rows, name
    assert assemble.summary(tables) == expected.TOTALS


def test_scanning_the_facts_gives_the_running_totals(filled: Index, session: Session) -> None:
    everything = ReportFilters()
    from_totals = scan.from_totals(session, everything)
    scanned = scan.scanned(session, everything)
    assert sorted(from_totals.totals) == sorted(scanned.totals)
    assert [tuple(row) for row in from_totals.cube] == [tuple(row) for row in scanned.cube]
    assert len(from_totals.cube) == len(expected.TABLES["actions_by_country_sector_region_year"])


def test_changes_keep_the_totals_equal_to_a_rebuild(filled: Index, session: Session) -> None:
    filled.put(X2, x2_data(budget="500.00"))  # an update: removed, then added again
    filled.drop(X3)
    filled.put(A2, actor("association"))  # the funder of X1's 600 EUR changes type
    filled.put(ELSEWHERE, actor("fondation"))  # X2's funder comes into the index
    tables = report_tables(session)
    assert tables["budgets_total"] == [["EUR", "1500.00", 2]]
    assert tables["fundings_by_funder_type"] == [
        [None, "XOF", "100000.00", 1],
        ["association", "EUR", "600.00", 1],
        ["fondation", "EUR", "200.00", 1],
    ]
    assert tables["actions_by_country"] == [["BF", 2], ["ML", 1], ["SN", 1]]
    kept = totals(session)
    assert store.rebuild(session) == 6  # 4 actors, 2 actions
    assert totals(session) == kept


def test_a_funder_leaving_the_index_makes_its_fundings_unknown(
    filled: Index, session: Session
) -> None:
    filled.drop(A2)
    tables = report_tables(session)
    assert tables["fundings_by_funder_type"] == [
        [None, "EUR", "800.00", 2],
        [None, "XOF", "100000.00", 1],
        ["association", "USD", "50.00", 1],
    ]
    assert tables["actors_by_type_region"] == [
        ["peer-a", "association", 1],
        ["test", "association", 1],
    ]
    kept = totals(session)
    store.rebuild(session)
    assert totals(session) == kept


def test_removing_everything_leaves_no_total(filled: Index, session: Session) -> None:
    for record in (A1, A2, A3, X1, X2, X3):
        filled.drop(record)
    assert totals(session) == []
    assert report_tables(session)["budgets_total"] == []


def test_groups_are_not_counted(index: Index, session: Session) -> None:
    index.put(iri(BASE_URL, "group", "g"), {"kind": "group", "countries": ["BF"], "sectors": []})
    assert totals(session) == []
