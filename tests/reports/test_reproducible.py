"""A report produced again from its id gives the same numbers after new harvests; a new
report gives the new numbers. Stored reports are bounded."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import Session, col

from federation.reports import service, snapshots
from federation.reports.filters import ReportFilters
from federation.reports.models import ReportSnapshot
from federation.settings import Settings
from tests.conftest import BASE_URL
from tests.reports.conftest import PEER, X2, Index, action, funding, iri, x2_data

LATER = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)


def test_a_stored_report_keeps_its_numbers_after_a_harvest(
    client: TestClient, filled: Index
) -> None:
    before = client.get("/reports?rates=USD:0.92,XOF:0.001524")
    assert before.status_code == 200
    report_id = before.json()["id"]
    # A new harvest: X2's budget changes, a new action comes; then the node's own new action.
    filled.put(X2, x2_data(budget="500.00"), fetched_at=LATER)
    filled.put(
        iri("https://peer-a.test", "action", "x4"),
        action(
            year=2025,
            countries=["ML"],
            budget={"amount": "10", "currency": "EUR"},
            fundings=[funding("5", "USD", 2025)],
        ),
        fetched_at=LATER,
    )
    filled.session.commit()

    again = client.get(f"/reports/{report_id}")
    assert again.status_code == 200
    assert again.json() == before.json()
    assert again.json()["tables"]["budgets_total"] == [["EUR", "1333.33", 2]]

    now = client.get("/reports?rates=USD:0.92,XOF:0.001524").json()
    assert now["id"] != report_id
    assert now["tables"]["budgets_total"] == [["EUR", "1510.00", 3]]
    assert now["tables"]["fundings_by_country_converted"][2] == ["ML", "EUR", "104.60", 2]
    assert {s["source"]: s["data_as_of"] for s in now["sources"]}[PEER] == LATER.isoformat()
    assert {s["source"]: s["data_as_of"] for s in again.json()["sources"]}[PEER] != (
        LATER.isoformat()
    )
    # Every format of the stored report has the old numbers.
    csv_text = client.get(f"/reports/{report_id}?format=csv").content.decode("utf-8-sig")
    lines = list(csv.DictReader(io.StringIO(csv_text)))
    totals = [line for line in lines if line["tableau"] == "budgets_total"]
    assert [(t["devise"], t["montant"], t["nombre"]) for t in totals] == [("EUR", "1333.33", "2")]
    assert "1\u202f333,33" in client.get(f"/reports/{report_id}?format=html").text


def test_stored_reports_are_bounded(session: Session, settings: Settings, filled: Index) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    old = service.produce(session, settings, ReportFilters(), now=start)
    filters = ReportFilters(countries=("BF",))
    recent = service.produce(session, settings, filters, now=start + timedelta(days=10))
    assert old.id != recent.id
    # Asked for again: kept longer, same id and creation time.
    asked = service.produce(session, settings, ReportFilters(), now=start + timedelta(days=20))
    assert (asked.id, asked.created) == (old.id, start)
    snapshots.prune(session, start + timedelta(days=20), keep=1)
    assert _ids(session) == {old.id}
    snapshots.prune(session, start + timedelta(days=20 + snapshots.KEEP_DAYS + 1))
    assert _ids(session) == set()


def test_a_new_report_prunes_the_old_ones(
    session: Session, settings: Settings, filled: Index
) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    service.produce(session, settings, ReportFilters(), now=start)
    late = start + timedelta(days=snapshots.KEEP_DAYS + 1)
    kept = service.produce(session, settings, ReportFilters(years=(2024,)), now=late)
    assert _ids(session) == {kept.id}
    stored = service.stored(session, kept.id)
    assert stored.body == kept.body == snapshots.canonical(stored.content)
    assert snapshots.digest(stored.body) == kept.id


def _ids(session: Session) -> set[str]:
    return set(session.execute(select(col(ReportSnapshot.id))).scalars())


def test_own_records_count_as_a_network(client: TestClient, filled: Index) -> None:
    filled.put(iri(BASE_URL, "action", "x5"), action(year=2026))
    assert client.get("/reports?source=test").json()["totals"]["actions"] == 3
