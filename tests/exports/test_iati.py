"""The IATI 2.03 export: valid against the official schema, with what each rule derives."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy import update
from sqlmodel import Session, col

from federation.index.models import IndexRecord
from tests.exports.conftest import EAU_VIVE, ECOLE, ECSI, PUITS, SANTE
from tests.exports.helpers import SHARED_XSD, assert_valid

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
Element = etree._Element


def activities(client: TestClient, query: str = "") -> dict[str, Element]:
    response = client.get(f"/exports/actions.iati.xml{query}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    assert response.headers["content-disposition"].endswith('.iati.xml"')
    root = assert_valid(response.content)
    assert root.tag == "iati-activities"
    assert root.get("version") == "2.03"
    return {str(a.get("linked-data-uri")): a for a in root.iter("iati-activity")}


def attrs(activity: Element, tag: str) -> list[dict[str, str]]:
    return [dict(e.attrib) for e in activity.findall(tag)]


def texts(element: Element | None, tag: str = "narrative") -> list[str]:
    assert element is not None
    return [e.text or "" for e in element.findall(tag)]


def test_every_action_validates_and_carries_its_iri(client: TestClient, index: Session) -> None:
    found = activities(client)
    assert list(found) == [PUITS, ECOLE, SANTE, ECSI]
    for iri, activity in found.items():
        link = activity.find("document-link")
        assert link is not None
        assert (link.get("url"), link.get("format")) == (iri, "text/html")
        assert attrs(link, "category") == [{"code": "A12"}]


@pytest.mark.skipif(not SHARED_XSD.exists(), reason="../shared (the project's copy) is absent")
def test_valid_against_the_shared_copy_of_the_schema(client: TestClient, index: Session) -> None:
    assert_valid(client.get("/exports/actions.iati.xml").content, SHARED_XSD)


def test_identifiers_from_siren_else_the_documented_fallback(
    client: TestClient, index: Session
) -> None:
    found = activities(client)
    ecole = found[ECOLE]  # led by a local authority with a SIREN
    assert ecole.findtext("iati-identifier") == f"FR-RCS-212500565-{ECOLE.rsplit('/', 1)[1]}"
    assert attrs(ecole, "reporting-org") == [{"ref": "FR-RCS-212500565", "type": "11"}]
    puits = found[PUITS]  # led by an association without SIREN
    lead = f"XX-RRMA-test-{EAU_VIVE.rsplit('/', 1)[1]}"
    assert puits.findtext("iati-identifier") == f"{lead}-{PUITS.rsplit('/', 1)[1]}"
    assert attrs(puits, "reporting-org") == [{"ref": lead, "type": "22"}]
    other = puits.find("other-identifier")
    assert other is not None
    assert dict(other.attrib) == {"ref": "projet-001", "type": "A1"}
    sante = found[SANTE]  # no directory actor among its participants: its network reports
    assert sante.findtext("iati-identifier") == f"XX-RRMA-peer-{SANTE.rsplit('/', 1)[1]}"
    assert texts(sante.find("reporting-org")) == ["Réseau pair"]


def test_participants_with_roles_and_types(client: TestClient, index: Session) -> None:
    found = activities(client)
    puits = [(dict(e.attrib), texts(e)) for e in found[PUITS].findall("participating-org")]
    lead = f"XX-RRMA-test-{EAU_VIVE.rsplit('/', 1)[1]}"
    assert puits == [
        ({"ref": lead, "type": "22", "role": "2"}, ["=Eau Vive"]),
        ({"type": "11", "role": "4"}, ["Commune de Koudougou"]),  # no directory actor
        ({"ref": "FR-RCS-212500565", "type": "11", "role": "1"}, ["Ville de Besançon"]),
        ({"role": "1"}, ["Agence de l'eau"]),  # a funder known by its name only
    ]
    sante = [(dict(e.attrib), texts(e)) for e in found[SANTE].findall("participating-org")]
    assert sante[:2] == [
        ({"role": "4"}, ["Hôpital de Kayes"]),
        ({"role": "3"}, ["https://peer.test/actors/00000000-0000-4000-8000-000000000099"]),
    ]
    assert sante[2][0] == {"ref": "FR-RCS-233500016", "type": "11", "role": "1"}  # SIRET's SIREN
    # Neither participants nor fundings: the reporting organisation stands in.
    assert attrs(found[ECSI], "participating-org") == [
        {"ref": "XX-RRMA-peer", "type": "90", "role": "2"}
    ]


def test_countries_sectors_and_sdgs_with_percentages(client: TestClient, index: Session) -> None:
    found = activities(client)
    puits = found[PUITS]
    assert attrs(puits, "recipient-country") == [
        {"code": "BF", "percentage": "70"},
        {"code": "SN", "percentage": "30"},
    ]
    assert attrs(puits, "sector") == [
        {"vocabulary": "1", "code": "11220", "percentage": "40"},
        {"vocabulary": "1", "code": "14030", "percentage": "60"},
    ]
    assert attrs(puits, "tag") == [
        {"vocabulary": "2", "code": "4"},
        {"vocabulary": "2", "code": "6"},
        {"vocabulary": "3", "code": "6.1"},
    ]
    assert attrs(found[ECOLE], "sector") == [{"vocabulary": "2", "code": "112"}]  # 3-digit
    assert attrs(found[SANTE], "recipient-country") == [
        {"code": "ML"},
        {"code": "NE"},
        {"code": "SN"},
    ]


def test_titles_descriptions_status_and_dates(client: TestClient, index: Session) -> None:
    found = activities(client)
    puits = found[PUITS]
    title = puits.find("title/narrative")
    assert title is not None
    assert (title.text, title.get(XML_LANG)) == ("Puits au Burkina", "fr")
    assert puits.get(XML_LANG) == "fr"
    assert puits.get("last-updated-datetime") == "2026-03-01T09:30:00Z"
    assert attrs(puits, "activity-status") == [{"code": "2"}]
    assert attrs(puits, "activity-date") == [
        {"type": "1", "iso-date": "2023-01-15"},
        {"type": "2", "iso-date": "2023-02-01"},
        {"type": "3", "iso-date": "2025-12-31"},
    ]
    # No description: the title stands in (the schema wants one).
    assert texts(found[SANTE].find("description")) == ["Santé au Mali"]
    # No date at all: 1 January of its first funding's year, said to be an estimate.
    ecole_dates = found[ECOLE].findall("activity-date")
    assert [dict(d.attrib) for d in ecole_dates] == [{"type": "1", "iso-date": "2024-01-01"}]
    assert texts(ecole_dates[0])[0].startswith("Date estimée")
    # No status: derived from the actual start.
    assert attrs(found[ECSI], "activity-status") == [{"code": "2"}]


def test_budgets_over_the_derived_period(client: TestClient, index: Session) -> None:
    found = activities(client)
    budget = found[PUITS].find("budget")
    assert budget is not None
    assert dict(budget.attrib) == {"type": "1", "status": "1"}
    assert [(c.tag, dict(c.attrib), c.text) for c in budget] == [
        ("period-start", {"iso-date": "2023-02-01"}, None),  # actual start
        ("period-end", {"iso-date": "2025-12-31"}, None),  # planned end
        ("value", {"value-date": "2023-02-01", "currency": "EUR"}, "20000"),
    ]
    ecsi = found[ECSI].find("budget")
    assert ecsi is not None
    assert [c.get("iso-date") for c in ecsi][:2] == ["2024-03-01", "2024-06-30"]
    assert found[ECOLE].find("budget") is None  # no budget published


def test_fundings_as_planned_disbursements_and_transactions(
    client: TestClient, index: Session
) -> None:
    puits = activities(client)[PUITS]
    planned = puits.findall("planned-disbursement")
    assert len(planned) == 1
    assert [c.get("iso-date") for c in planned[0]][:2] == ["2024-01-01", "2024-12-31"]
    assert texts(planned[0].find("provider-org")) == ["Agence de l'eau"]
    transactions = [
        (
            t.find("transaction-type").get("code"),  # type: ignore[union-attr]
            t.find("transaction-date").get("iso-date"),  # type: ignore[union-attr]
            t.findtext("value"),
            t.find("value").get("currency"),  # type: ignore[union-attr]
            t.find("provider-org").get("ref"),  # type: ignore[union-attr]
        )
        for t in puits.findall("transaction")
    ]
    assert transactions == [
        ("1", "2024-01-01", "10000.00", "EUR", "FR-RCS-212500565"),  # disbursed
        ("11", "2024-01-01", "2000.50", "EUR", "FR-RCS-212500565"),  # committed
        ("1", "2024-01-01", "500000", "XOF", "FR-RCS-212500565"),
        ("1", "2023-01-01", "3000", "EUR", "FR-RCS-212500565"),
    ]
    assert puits.get("default-currency") == "EUR"


def test_filters_and_an_empty_selection(client: TestClient, index: Session) -> None:
    assert list(activities(client, "?country=SN&source=peer")) == [SANTE]
    response = client.get("/exports/actions.iati.xml?country=JP")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "no_activities"


def test_markup_is_escaped_and_what_xml_cannot_hold_dropped(
    client: TestClient, index: Session
) -> None:
    stmt = update(IndexRecord).where(col(IndexRecord.iri) == PUITS)
    name = 'Puits & <eau> "potable"\x0b au\x01 Burkina'
    index.execute(stmt.values(name=name, description="Ligne 1\r\nLigne 2 </narrative>"))
    index.commit()
    found = activities(client, "?source=test")
    assert texts(found[PUITS].find("title")) == ['Puits & <eau> "potable" au Burkina']
    assert texts(found[PUITS].find("description")) == ["Ligne 1\r\nLigne 2 </narrative>"]
