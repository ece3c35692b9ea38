"""Match keys (identifiers normalised and checked), blocking keys and the name score."""

from __future__ import annotations

from federation.clusters.keys import (
    blocks_of,
    distinctive_words,
    invalid_identifiers,
    known_different,
    match_keys,
    name_score,
)
from tests.clusters.conftest import BAD_SIREN, RNA, SIREN, SIRET_OF_SIREN


def test_every_scheme_gives_a_normalised_key() -> None:
    identifiers = {
        "siren": " 732 829 320 ",
        "siret": "732.829.320.00074",
        "rna": RNA.lower(),
        "uai": "0252201g",
        "finess": "750712184",
        "insee": "2a004",
    }
    assert match_keys(identifiers) == [
        "finess:750712184",
        "insee:2A004",
        "rna:W751234567",
        f"siren:{SIREN}",
        "uai:0252201G",
    ]


def test_invalid_or_unknown_identifiers_give_no_key() -> None:
    identifiers = {
        "siren": BAD_SIREN,
        "siret": SIRET_OF_SIREN[:-1] + "5",
        "rna": "W12",
        "uai": "0252201H",  # wrong key letter
        "finess": "750712185",
        "insee": "25000",  # a postal code
        "wikidata": "Q90",
        "other": 12,
    }
    assert match_keys(identifiers) == []
    assert match_keys(None) == []
    assert set(invalid_identifiers(identifiers)) == {
        "siren",
        "siret",
        "rna",
        "uai",
        "finess",
        "insee",
    }


def test_known_different_needs_a_scheme_on_both_sides() -> None:
    assert known_different(["siren:1"], ["siren:2"])
    assert not known_different(["siren:1"], ["rna:W1"])
    assert not known_different(["siren:1", "siren:2"], ["siren:2"])
    assert not known_different([], ["siren:2"])


def test_names_are_folded_and_blocked_on_distinctive_words() -> None:
    assert distinctive_words("Association « Les Amis de Lomé »") == ["lome"]
    assert blocks_of(["lome"]) == ["w:lome"]
    assert blocks_of(["solidarite", "sahel", "besancon", "dole"]) == [
        "p:besa|sahe",
        "p:besa|soli",
        "p:sahe|soli",
    ]
    assert blocks_of([]) == []
    assert name_score("solidarite sahel", "sahel solidarite") == 100.0
    assert name_score("solidarite sahel", "jardins dakar") < 50
