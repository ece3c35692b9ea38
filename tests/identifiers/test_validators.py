"""French identifiers: normalisation, format and check-key rules, and the generators."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from stdnum import luhn

from federation.identifiers import (
    INVALID_CHECKSUM,
    INVALID_FORMAT,
    IdentifierError,
    make_finess,
    make_rna,
    make_siren,
    make_siret,
    make_uai,
    normalize_finess,
    normalize_insee_commune,
    normalize_rna,
    normalize_siren,
    normalize_siret,
    normalize_uai,
    siren_of_siret,
)

DEPARTEMENTS = ["01", "21", "25", "39", "75", "90", "95", "2A", "2B", "971", "972", "974", "976"]


def assert_rejected(check: Callable[[str], str], value: str, code: str) -> IdentifierError:
    with pytest.raises(IdentifierError) as info:
        check(value)
    assert info.value.code == code
    assert info.value.message
    assert info.value.message_en
    assert info.value.message != info.value.message_en
    return info.value


# --- SIREN / SIRET ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("732829320", "732829320"),
        ("732 829 320", "732829320"),
        ("732.829.320", "732829320"),
        (" 732-829-320 ", "732829320"),
        ("732\u00a0829\u202f320", "732829320"),  # French typography's no-break spaces
        ("212500565", "212500565"),
    ],
)
def test_siren_valid_and_normalised(raw: str, expected: str) -> None:
    assert normalize_siren(raw) == expected


def test_siren_wrong_luhn_key() -> None:
    error = assert_rejected(normalize_siren, "732829321", INVALID_CHECKSUM)
    assert "Luhn" in error.message
    assert "Luhn" in error.message_en
    assert "SIREN" in error.message


@pytest.mark.parametrize("raw", ["73282932", "7328293200", "73282932A", "", "SIREN"])
def test_siren_bad_format(raw: str) -> None:
    assert_rejected(normalize_siren, raw, INVALID_FORMAT)


@pytest.mark.parametrize(
    "raw", ["73282932000074", "732 829 320 00074", "35600000049837", "35600000000048"]
)
def test_siret_valid(raw: str) -> None:
    assert normalize_siret(raw) == raw.replace(" ", "")


def test_siret_la_poste_rule_not_luhn() -> None:
    # La Poste's establishments: the sum of the digits is a multiple of 5, Luhn does not hold.
    assert not luhn.is_valid("35600000049837")
    error = assert_rejected(normalize_siret, "35600000049838", INVALID_CHECKSUM)
    assert "La Poste" in error.message


def test_siret_wrong_key_and_format() -> None:
    error = assert_rejected(normalize_siret, "73282932000075", INVALID_CHECKSUM)
    assert "Luhn" in error.message
    assert_rejected(normalize_siret, "7328293200007", INVALID_FORMAT)
    assert_rejected(normalize_siret, "7328293200007X", INVALID_FORMAT)


def test_siren_of_siret() -> None:
    assert siren_of_siret("732 829 320 00074") == "732829320"
    assert siren_of_siret("35600000049837") == "356000000"
    with pytest.raises(IdentifierError):
        siren_of_siret("73282932000075")


def test_error_becomes_field_error() -> None:
    with pytest.raises(IdentifierError) as info:
        normalize_siren("732829321")
    field_error = info.value.as_field_error("siren")
    assert field_error.as_dict()["field"] == "siren"
    assert field_error.code == INVALID_CHECKSUM


# --- RNA -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("W751515517", "W751515517"),
        ("w751515517", "W751515517"),
        ("W 751 515 517", "W751515517"),
        ("W2A1000123", "W2A1000123"),  # a letter in the greffe code (Corsica)
        ("W9R2001234", "W9R2001234"),  # overseas greffe written with a letter
        ("WA12345678", "WA12345678"),  # the letter right after W, as some sources write it
    ],
)
def test_rna_valid(raw: str, expected: str) -> None:
    assert normalize_rna(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["W12", "751515517", "678W23456", "W7515155170", "WAB1234567", "W75151551A", "Wa1#89sf&h"],
)
def test_rna_bad_format(raw: str) -> None:
    assert_rejected(normalize_rna, raw, INVALID_FORMAT)


# --- UAI -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0750654D", "0750654D"),
        ("0750653c", "0750653C"),
        ("0422170F", "0422170F"),
        ("075 0654 D", "0750654D"),
    ],
)
def test_uai_valid(raw: str, expected: str) -> None:
    assert normalize_uai(raw) == expected


def test_uai_wrong_key_letter() -> None:
    error = assert_rejected(normalize_uai, "0750654E", INVALID_CHECKSUM)
    assert "D" in error.message  # names the expected letter


@pytest.mark.parametrize(
    "raw",
    ["0750654", "07506541", "1750654D", "5200001A", "0750654DD", "075065AD"],
)
def test_uai_bad_format(raw: str) -> None:
    # 1xx and 5xx are no département prefix; 620/720 (Corsica) and 97x/98x are.
    assert_rejected(normalize_uai, raw, INVALID_FORMAT)


# --- FINESS ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["750712184", "210780581", "250000015", "970100228", "970421038", "750 712 184"]
)
def test_finess_valid(raw: str) -> None:
    assert normalize_finess(raw) == raw.replace(" ", "")


def test_finess_wrong_key() -> None:
    error = assert_rejected(normalize_finess, "750712185", INVALID_CHECKSUM)
    assert "Luhn" in error.message


def test_finess_corsica_format_only() -> None:
    # No authority found for the key of 2A/2B numbers: format checked, key not.
    assert normalize_finess("2a0000014") == "2A0000014"
    assert normalize_finess("2B0000015") == "2B0000015"


@pytest.mark.parametrize("raw", ["000712184", "960712184", "990712184", "75071218", "2C0000014"])
def test_finess_bad_format(raw: str) -> None:
    assert_rejected(normalize_finess, raw, INVALID_FORMAT)


# --- INSEE commune code ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("25056", "25056"),
        ("21231", "21231"),
        ("2a004", "2A004"),
        ("2B033", "2B033"),
        ("97120", "97120"),
        ("97611", "97611"),
        ("01001", "01001"),
        ("75056", "75056"),
        ("75101", "75101"),
        ("69381", "69381"),
        ("13201", "13201"),
    ],
)
def test_insee_commune_valid(raw: str, expected: str) -> None:
    # Paris/Lyon/Marseille arrondissements (75101, 69381, 13201) pass on purpose (see module).
    assert normalize_insee_commune(raw) == expected


@pytest.mark.parametrize(
    "raw", ["2504", "250560", "20004", "00123", "96123", "99134", "97701", "98735", "2C004"]
)
def test_insee_commune_bad_format(raw: str) -> None:
    assert_rejected(normalize_insee_commune, raw, INVALID_FORMAT)


@pytest.mark.parametrize("postal_code", ["21000", "25000", "75000", "97100"])
def test_insee_commune_refuses_postal_codes_of_prefectures(postal_code: str) -> None:
    error = assert_rejected(normalize_insee_commune, postal_code, INVALID_FORMAT)
    assert "code postal" in error.message
    assert "postal code" in error.message_en


# --- Generators ------------------------------------------------------------------------------


def test_generated_sirens_and_sirets_round_trip() -> None:
    rng = random.Random(7)
    for _ in range(500):
        siren = make_siren(rng)
        assert normalize_siren(siren) == siren
        assert siren[0] in "3456789"
        public = make_siren(rng, public=True)
        assert normalize_siren(public) == public
        assert public[0] in "12"
        siret = make_siret(siren, rng)
        assert normalize_siret(siret) == siret
        assert siren_of_siret(siret) == siren
    assert make_siren(rng, prefix="21").startswith("21")
    for _ in range(50):
        la_poste = make_siret("356000000", rng)
        assert normalize_siret(la_poste) == la_poste


@pytest.mark.parametrize("dept", DEPARTEMENTS)
def test_generated_rna_uai_finess_round_trip(dept: str) -> None:
    rng = random.Random(dept)
    for _ in range(200):
        rna, uai, finess = make_rna(dept, rng), make_uai(dept, rng), make_finess(dept, rng)
        assert normalize_rna(rna) == rna
        assert normalize_uai(uai) == uai
        assert normalize_finess(finess) == finess
        if dept not in ("2A", "2B"):
            assert uai[:3] == dept.zfill(3)
            assert finess.startswith(dept if len(dept) == 2 else "970" + dept[2])


def test_generators_refuse_unknown_departement() -> None:
    with pytest.raises(ValueError, match="département"):
        make_uai("2C", random.Random(0))
