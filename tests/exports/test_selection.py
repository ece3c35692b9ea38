"""select_rows: which rows, in which order, read in batches; bad parameters refused at once."""

from __future__ import annotations

import pytest
from sqlmodel import Session
from starlette.datastructures import QueryParams

from federation.errors import ValidationFailed
from federation.exports import selection
from federation.exports.selection import select_rows
from tests.exports.conftest import EAU_VIVE, ECOLE, ECSI, LYCEE, PUITS, REGION, SANTE, VILLE


def iris(session: Session, kind: str, query: str = "") -> list[str]:
    return [row.iri for row in select_rows(session, kind, QueryParams(query))]


def test_rows_of_a_kind_in_iri_order(index: Session) -> None:
    assert iris(index, "action") == [PUITS, ECOLE, SANTE, ECSI]
    assert iris(index, "actor") == [VILLE, EAU_VIVE, REGION, LYCEE]


def test_rows_come_parsed_with_their_provenance(index: Session) -> None:
    row = next(select_rows(index, "action", QueryParams("source=peer")))
    assert (row.iri, row.source, row.peer_id, row.name) == (SANTE, "peer", 1, "Santé au Mali")
    assert row.data["countries"] == ["ML", "NE", "SN"]
    assert row.description is None


def test_batches_join_without_gap_or_repeat(
    index: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selection, "BATCH", 1)
    assert iris(index, "action") == [PUITS, ECOLE, SANTE, ECSI]
    monkeypatch.setattr(selection, "BATCH", 3)
    assert iris(index, "action") == [PUITS, ECOLE, SANTE, ECSI]


def test_filters_by_source_and_country(index: Session) -> None:
    assert iris(index, "action", "source=peer") == [SANTE, ECSI]
    assert iris(index, "action", "source=peer&source=test") == [PUITS, ECOLE, SANTE, ECSI]
    assert iris(index, "action", "country=SN") == [PUITS, SANTE]
    assert iris(index, "action", "country=sn&country=FR") == [PUITS, SANTE, ECSI]
    assert iris(index, "action", "source=test&country=SN") == [PUITS]
    assert iris(index, "action", "country=JP") == []
    assert iris(index, "action", "source=&country=") == [PUITS, ECOLE, SANTE, ECSI]


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("source=nowhere", "source", "unknown_source"),
        ("source=Peer", "source", "unknown_source"),
        ("country=XY", "country", "unknown_code"),
        ("country=BFA", "country", "unknown_code"),
        ("&".join(["country=BF"] * 101), "country", "too_many_values"),
        ("&".join(["source=peer"] * 101), "source", "too_many_values"),
    ],
)
def test_bad_parameters_are_refused_before_any_row(
    index: Session, query: str, field: str, code: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        select_rows(index, "action", QueryParams(query))  # not iterated: refused at the call
    assert [(e.field, e.code) for e in caught.value.errors] == [(field, code)]


def test_a_peer_without_rows_yet_is_a_known_source(index: Session) -> None:
    assert iris(index, "group", "source=peer") == []


def test_unknown_kind_is_a_programming_error(index: Session) -> None:
    with pytest.raises(ValueError, match="kind"):
        select_rows(index, "network", QueryParams(""))


def test_the_search_filters_select_what_the_search_finds(index: Session) -> None:
    assert iris(index, "action", "q=puits") == [PUITS]
    assert iris(index, "action", "q=SANTÉ&region=peer") == [SANTE]
    assert iris(index, "action", "q=puits&country=ML") == []
    assert iris(index, "actor", "actor_type=collectivite") == [VILLE, REGION]


def test_bad_search_filters_are_refused_too(index: Session) -> None:
    with pytest.raises(ValidationFailed) as caught:
        select_rows(index, "action", QueryParams("sector=99999&sdg=99"))
    assert [f.field for f in caught.value.errors] == ["sector", "sdg"]
