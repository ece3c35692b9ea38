"""French legal identifiers (SIREN, SIRET, RNA, UAI, FINESS, INSEE commune code): normalise, check,
and generate valid ones for sample data."""

from federation.identifiers.validators import (
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

__all__ = [
    "INVALID_CHECKSUM",
    "INVALID_FORMAT",
    "IdentifierError",
    "make_finess",
    "make_rna",
    "make_siren",
    "make_siret",
    "make_uai",
    "normalize_finess",
    "normalize_insee_commune",
    "normalize_rna",
    "normalize_siren",
    "normalize_siret",
    "normalize_uai",
    "siren_of_siret",
]
