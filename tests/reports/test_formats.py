"""The report as CSV, XLSX and an HTML page with charts, each carrying the same numbers."""

from __future__ import annotations

import csv
import io
import re

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from federation.reports.formats import CSV_COLUMNS, XLSX_MEDIA
from tests.reports.conftest import OWN, Index


def test_csv_has_fixed_columns_labels_and_the_report_statements(
    client: TestClient, filled: Index
) -> None:
    response = client.get("/reports?format=csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    report_id = response.headers["link"].split("/reports/")[1].split(">")[0]
    assert response.headers["content-disposition"] == (
        f'attachment; filename="rapport-{report_id}.csv"'
    )
    lines = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(lines[0]) == CSV_COLUMNS
    assert {line["rapport"] for line in lines} == {report_id}
    country = [line for line in lines if line["tableau"] == "budgets_by_country"]
    assert [
        (c["pays"], c["pays_libelle"], c["montant"], c["objet"], c["nombre"]) for c in country
    ] == [
        ("BF", "Burkina Faso", "866.67", "budgets", "2"),
        ("ML", "Mali", "166.66", "budgets", "1"),
        ("SN", "Sénégal", "300.00", "budgets", "1"),
    ]
    goals = [line for line in lines if line["tableau"] == "sdg_goals" and line["odd"] == "6"]
    assert [(g["objet"], g["nombre"]) for g in goals] == [("actions", "2"), ("acteurs", "2")]
    statements = {(line["tableau"], line["reseau"], line["cle"]): line["valeur"] for line in lines}
    assert statements[("rapport", "", "identifiant")] == report_id
    assert statements[("source", OWN, "data_as_of")] == "2026-11-26T12:00:00+00:00"
    assert statements[("source", "peer-a", "last_success_at")] == "2026-11-25T09:00:00+00:00"
    assert statements[("liste_de_codes", "", "country")].startswith("2.03 sha256:")
    unknown = next(line for line in lines if line["tableau"] == "actions_by_country")
    assert (unknown["pays"], unknown["pays_libelle"]) == ("", "non précisé")
    assert client.get("/reports", headers={"Accept": "text/csv"}).content == response.content


def test_xlsx_has_a_sheet_per_table(client: TestClient, filled: Index) -> None:
    response = client.get("/reports?format=xlsx&rates=USD:0.92,XOF:0.001524")
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX_MEDIA
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames[:3] == ["Rapport", "Sources", "Listes de codes"]
    assert "Fin. total conv." in book.sheetnames
    rows = list(book["Budgets pays"].iter_rows(values_only=True))
    assert rows[0] == ("Pays", "Pays (libellé)", "Devise", "Montant", "Budgets")
    assert rows[1] == ("BF", "Burkina Faso", "EUR", 866.67, 2)
    converted = list(book["Fin. total conv."].iter_rows(values_only=True))
    assert converted[1] == ("EUR", 998.4, 4)
    summary = {row[0]: row[1] for row in book["Rapport"].iter_rows(min_row=2, values_only=True)}
    assert summary["identifiant"] == response.headers["link"].split("/reports/")[1][:24]
    assert len(list(book["Actions pays-secteur-réseau-an"].iter_rows())) == 8  # header + 7


def test_the_page_draws_charts_with_tables_and_a_labelled_form(
    client: TestClient, filled: Index
) -> None:
    response = client.get("/reports?format=html&rates=USD:0.92,XOF:0.001524")
    assert response.status_code == 200
    page = response.text
    assert "<script" not in page
    assert page.count('<svg role="img"') >= 10
    titles = re.findall(r'<svg role="img" aria-labelledby="([^"]+)"', page)
    assert all(f'<title id="{title}">' in page for title in titles)
    assert 'th scope="col"' in page
    assert 'th scope="row"' in page
    assert "Burkina Faso" in page
    assert "Réseau A" in page
    assert "2026-11-25T09:00:00+00:00" in page  # the peer's last harvest
    assert "1 USD = 0.92 EUR" in page
    assert "998,40" in page
    for field in re.findall(r'<(?:input|select) id="([^"]+)"', page):
        assert f'<label for="{field}">' in page, field
    report_id = response.headers["link"].split("/reports/")[1][:24]
    assert f'href="/reports/{report_id}?format=csv"' in page
    browser = client.get(f"/reports/{report_id}", headers={"Accept": "text/html"})
    assert browser.status_code == 200
    assert browser.headers["content-type"].startswith("text/html")
    assert "998,40" in browser.text


def test_the_page_of_an_empty_index(client: TestClient, index: Index) -> None:
    response = client.get("/reports?format=html")
    assert response.status_code == 200
    assert "Aucune donnée" in response.text


def test_a_stored_report_renders_as_it_did_when_made(client: TestClient, filled: Index) -> None:
    query = "rates=USD:0.92,XOF:0.001524"
    for fmt in ("csv", "xlsx"):
        fresh = client.get(f"/reports?format={fmt}&{query}")
        report_id = fresh.headers["link"].split("/reports/")[1][:24]
        stored = client.get(f"/reports/{report_id}?format={fmt}")
        if fmt == "csv":
            assert stored.content == fresh.content
        else:  # a zip: compare what the sheets hold
            sheets = [load_workbook(io.BytesIO(r.content), read_only=True) for r in (fresh, stored)]
            assert sheets[0].sheetnames == sheets[1].sheetnames
            for name in sheets[0].sheetnames:
                rows = [list(book[name].iter_rows(values_only=True)) for book in sheets]
                assert rows[0] == rows[1], name
    csv_text = client.get(f"/reports/{report_id}?format=csv").content.decode("utf-8-sig")
    lines = list(csv.DictReader(io.StringIO(csv_text)))
    order = list(dict.fromkeys(line["tableau"] for line in lines))
    assert order[:5] == ["rapport", "source", "liste_de_codes", "regle", "actors_by_type_region"]
    assert order.index("fundings_total") < order.index("fundings_total_converted")
