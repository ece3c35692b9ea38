"""French legal identifiers: normalised, then checked by their format and check key.

Every ``normalize_*`` returns the canonical form (no separators, upper case) or raises
``IdentifierError`` with a stable code and a message in French and English that names the rule.
SIREN and SIRET are delegated to python-stdnum; RNA, UAI, FINESS and the INSEE commune code are
not in stdnum and are written here. The ``make_*`` functions build valid identifiers for sample
data and tests.
"""

from __future__ import annotations

import random
import re

from stdnum import luhn
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from federation.errors import FieldError

INVALID_FORMAT = "invalid_format"
INVALID_CHECKSUM = "invalid_checksum"

# Spaces (including the non-breaking and narrow no-break spaces of French typography), dots and
# dashes are how people write these numbers ("732 829 320", "W75-1234567"); none is significant.
_SEPARATORS = re.compile(r"[\s.\-\u00a0\u202f]+")

LA_POSTE_SIREN = "356000000"
UAI_KEY_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # 23 letters: no I, O, Q


class IdentifierError(ValueError):
    """An identifier is malformed (``invalid_format``) or its check key is wrong."""

    def __init__(self, code: str, message: str, message_en: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_en = message_en

    def as_field_error(self, field: str) -> FieldError:
        return FieldError(
            field=field, code=self.code, message=self.message, message_en=self.message_en
        )


def _compact(value: str) -> str:
    return _SEPARATORS.sub("", value).upper()


def _format_error(what: tuple[str, str], rule_fr: str, rule_en: str, value: str) -> IdentifierError:
    return IdentifierError(
        INVALID_FORMAT,
        f"{what[0]} « {value} » n’a pas le bon format : {rule_fr}.",
        f"{what[1]} “{value}” has the wrong format: {rule_en}.",
    )


# --- SIREN / SIRET (python-stdnum) -------------------------------------------------------------


def normalize_siren(value: str) -> str:
    """Return the 9-digit SIREN, checked with the Luhn algorithm."""
    number = _compact(value)
    if not re.fullmatch(r"\d{9}", number):
        raise _format_error(
            ("Le SIREN", "SIREN"), "9 chiffres attendus", "9 digits expected", value
        )
    try:
        return str(stdnum_siren.validate(number))
    except ValidationError as exc:
        raise IdentifierError(
            INVALID_CHECKSUM,
            f"La clé de contrôle du SIREN « {value} » est fausse (algorithme de Luhn).",
            f"SIREN “{value}” check digit is wrong (Luhn).",
        ) from exc


def normalize_siret(value: str) -> str:
    """Return the 14-digit SIRET: Luhn over 14 digits, or La Poste's rule for SIREN 356000000."""
    number = _compact(value)
    if not re.fullmatch(r"\d{14}", number):
        raise _format_error(
            ("Le SIRET", "SIRET"), "14 chiffres attendus", "14 digits expected", value
        )
    try:
        # stdnum applies La Poste's rule (sum of digits divisible by 5) to its establishments
        # other than the head office, and Luhn to everything else, then checks the SIREN part.
        return str(stdnum_siret.validate(number))
    except InvalidChecksum as exc:
        if number.startswith(LA_POSTE_SIREN):
            raise IdentifierError(
                INVALID_CHECKSUM,
                f"La clé du SIRET de La Poste « {value} » est fausse (la somme des chiffres "
                "doit être un multiple de 5).",
                f"La Poste SIRET “{value}” check is wrong (sum of digits must be a multiple of 5).",
            ) from exc
        raise IdentifierError(
            INVALID_CHECKSUM,
            f"La clé de contrôle du SIRET « {value} » est fausse (algorithme de Luhn).",
            f"SIRET “{value}” check digit is wrong (Luhn).",
        ) from exc


def siren_of_siret(siret: str) -> str:
    """The SIREN of an establishment: the first 9 digits of its (checked) SIRET."""
    return normalize_siret(siret)[:9]


# --- RNA ---------------------------------------------------------------------------------------

# "W" + 9 characters, no check key. The three characters after W name the greffe (département +
# a digit: W751…, W922…). Most code accepts ^W\d{9}$; Corsica (2A/2B) and some overseas greffes
# put a letter in the greffe code, and sources disagree on whether it sits right after the W or
# one place later. Unsure, we accept a letter in either place (at most one) and nothing else.
_RNA = re.compile(r"W(?:\d[0-9A-Z]|[0-9A-Z]\d)\d{7}")


def normalize_rna(value: str) -> str:
    """Return the RNA number (W + 9 characters); there is no check key, only the format."""
    number = _compact(value)
    if not _RNA.fullmatch(number):
        raise _format_error(
            ("Le numéro RNA", "RNA number"),
            "un W suivi de 9 caractères (chiffres, une lettre possible dans le code du greffe)",
            "a W followed by 9 characters (digits, one letter allowed in the registry code)",
            value,
        )
    return number


# --- UAI ---------------------------------------------------------------------------------------

# First 3 digits: the département (001-095, and 0xx leniently), 97x/98x overseas, 620/720 for
# Corse-du-Sud/Haute-Corse.
_UAI = re.compile(r"(?:0\d\d|9[78]\d|[67]20)\d{4}[A-Z]")


def uai_key(first7: str) -> str:
    return UAI_KEY_LETTERS[int(first7) % 23]


def normalize_uai(value: str) -> str:
    """Return the UAI (7 digits + key letter = the 7 digits modulo 23, in a 23-letter alphabet)."""
    number = _compact(value)
    if not _UAI.fullmatch(number):
        raise _format_error(
            ("L’UAI", "UAI"),
            "7 chiffres commençant par un code de département (0xx, 97x, 98x, 620, 720) "
            "puis une lettre",
            "7 digits starting with a département code (0xx, 97x, 98x, 620, 720), then a letter",
            value,
        )
    if number[7] != uai_key(number[:7]):
        raise IdentifierError(
            INVALID_CHECKSUM,
            f"La lettre clé de l’UAI « {value} » est fausse (attendue : {uai_key(number[:7])}, "
            "reste de la division par 23).",
            f"UAI “{value}” key letter is wrong (expected {uai_key(number[:7])}, remainder "
            "modulo 23).",
        )
    return number


# --- FINESS ------------------------------------------------------------------------------------

# 9 characters starting with the département: 01-95, 2A/2B, and 97/98 for overseas (real numbers
# are written 970 + the DOM digit, e.g. CHU de la Guadeloupe 970100228, CHU de La Réunion
# 970421038). The ninth character is a Luhn key over the first eight: every real number we could
# check passes (AP-HP 750712184, CHU Dijon 210780581, HCL 690781810, CHU Besançon 250000015,
# AP-HM 130786049, CHU Bordeaux 330781196, CHU Lille 590780193 and the two above).
# Corsica: we found no authority on how the key treats "2A"/"2B" (replace by 20, 19/18 as the NIR
# does, or 0?). Rejecting a real hospital would be worse than missing a typo, so for 2A/2B we
# check the format only; the generator still computes a key with A/B read as 0.
_FINESS = re.compile(r"(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|9[78])\d{7}")


def finess_key(first8: str) -> str:
    return str(luhn.calc_check_digit(first8.replace("A", "0").replace("B", "0")))


def normalize_finess(value: str) -> str:
    """Return the FINESS number (9 characters); the Luhn key is checked except for Corsica."""
    number = _compact(value)
    if not _FINESS.fullmatch(number):
        raise _format_error(
            ("Le numéro FINESS", "FINESS number"),
            "9 caractères commençant par un code de département (01 à 95, 2A, 2B, 97, 98)",
            "9 characters starting with a département code (01 to 95, 2A, 2B, 97, 98)",
            value,
        )
    if number[:2] not in ("2A", "2B") and not luhn.is_valid(number):
        raise IdentifierError(
            INVALID_CHECKSUM,
            f"La clé de contrôle du FINESS « {value} » est fausse (algorithme de Luhn).",
            f"FINESS “{value}” check digit is wrong (Luhn).",
        )
    return number


# --- INSEE commune code (COG) ------------------------------------------------------------------

# Département (01-19, 21-95, 2A/2B) + 3 digits, or 971-976 + 2 digits. "20xxx" is rejected:
# Corsica has used 2A/2B since 1976. The municipal arrondissements of Paris, Lyon and Marseille
# (75101-75120, 69381-69389, 13201-13216) are not communes but appear in SIRENE and many files
# in place of the commune; they pass the format and are kept. A commune number of zeros is
# rejected: no commune is numbered 000 (00 overseas), while the postal codes of préfectures are
# (21000, 25000, 97100 for Basse-Terre whose commune is 97105), so it catches the commonest
# mix-up of a postal code for a commune code. Foreign countries (99xxx) and the COM 977/978/98x
# are not communes of the COG's départements and are refused.
_INSEE = re.compile(r"(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])\d{3}|97[1-6]\d{2}")


def normalize_insee_commune(value: str) -> str:
    """Return the INSEE (COG) code of a commune: 5 characters; not a postal code."""
    code = _compact(value)
    if not _INSEE.fullmatch(code):
        raise _format_error(
            ("Le code commune INSEE", "INSEE commune code"),
            "5 caractères : département (01 à 95, 2A, 2B) et 3 chiffres, ou 971 à 976 et "
            "2 chiffres",
            "5 characters: département (01 to 95, 2A, 2B) and 3 digits, or 971 to 976 and 2 digits",
            value,
        )
    number = code[3:] if code.startswith("97") else code[2:]
    if set(number) == {"0"}:
        raise IdentifierError(
            INVALID_FORMAT,
            f"« {value} » ressemble à un code postal, pas à un code commune INSEE (aucune "
            "commune n’a le numéro 000).",
            f"“{value}” looks like a postal code, not an INSEE commune code (no commune is "
            "numbered 000).",
        )
    return code


# --- Generators for sample data and tests ------------------------------------------------------


def _digits(rng: random.Random, n: int) -> str:
    return f"{rng.randrange(10**n):0{n}d}"


def make_siren(rng: random.Random, public: bool = False, *, prefix: str = "") -> str:
    """A valid SIREN; public bodies start with 1 or 2, others with 3-9 (never La Poste's)."""
    starts = "12" if public else "3456789"
    while True:
        head = prefix or rng.choice(starts)
        body = head + _digits(rng, 8 - len(head))
        siren = body + luhn.calc_check_digit(body)
        if siren != LA_POSTE_SIREN:
            return siren


def siren_with_key(first8: str) -> str:
    """Complete 8 digits into a SIREN with its Luhn key (for numbers derived from a code)."""
    return first8 + luhn.calc_check_digit(first8)


def make_siret(siren: str, rng: random.Random) -> str:
    """A valid SIRET of that SIREN: a NIC of 4 digits and the key (La Poste's rule for it)."""
    body = siren + _digits(rng, 4)
    if siren == LA_POSTE_SIREN:
        return body + str(-sum(map(int, body)) % 5)
    return body + luhn.calc_check_digit(body)


def _dept_code(dept: str) -> str:
    if dept in ("2A", "2B") or re.fullmatch(r"\d{2}|9[78]\d", dept):
        return dept
    raise ValueError(f"not a département code: {dept!r}")


def make_rna(dept: str, rng: random.Random) -> str:
    """A well-formed RNA number of an association declared in that département."""
    dept = _dept_code(dept)
    greffe = dept if len(dept) == 3 else dept + str(rng.randrange(1, 4))
    return "W" + greffe + _digits(rng, 6)


def make_uai(dept: str, rng: random.Random) -> str:
    """A valid UAI of an establishment in that département."""
    dept = _dept_code(dept)
    head = {"2A": "620", "2B": "720"}.get(dept, dept if len(dept) == 3 else "0" + dept)
    first7 = head + _digits(rng, 4)
    return first7 + uai_key(first7)


def make_finess(dept: str, rng: random.Random) -> str:
    """A valid FINESS number (EJ or ET) in that département."""
    dept = _dept_code(dept)
    head = "970" + dept[2] if len(dept) == 3 else dept
    first8 = head + _digits(rng, 8 - len(head))
    return first8 + finess_key(first8)
