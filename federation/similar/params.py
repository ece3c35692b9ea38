"""What ``GET /similar`` asks, read and checked from its query string: an action's IRI, or a
free description with codes; how many answers; whether the asked region's actions count."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import QueryParams

from federation.codelists.registry import Concept, Scheme, codelists
from federation.errors import FieldError, ValidationFailed
from federation.search.text import words

MAX_K = 50
DEFAULT_K = 10
MAX_TEXT_CHARS = 5_000
MAX_IRI_CHARS = 600  # index_record.iri
MAX_CODES = 20  # values of one code parameter
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}
_CODES = {"country": Scheme.COUNTRY, "sector": Scheme.SECTOR, "sdg": Scheme.SDG}
_LABELS = {"country": ("pays", "country"), "sector": ("secteur", "sector"), "sdg": ("ODD", "SDG")}


@dataclass(frozen=True)
class SimilarRequest:
    iri: str | None = None
    text: str = ""
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()  # 5-digit
    categories: tuple[str, ...] = ()  # 3-digit: asked, and those of the sectors
    sdgs: tuple[str, ...] = ()  # goals
    k: int = DEFAULT_K
    same_region: bool = False


def _codes(params: QueryParams, name: str, errors: list[FieldError]) -> list[Concept]:
    """The concepts of a repeatable parameter (a sector may be a 3-digit category)."""
    values = [v.strip() for v in params.getlist(name) if v.strip()]
    if len(values) > MAX_CODES:
        errors.append(
            FieldError(
                name,
                "too_many",
                f"Au plus {MAX_CODES} valeurs pour « {name} ».",
                f"At most {MAX_CODES} values for '{name}'.",
            )
        )
        return []
    lists = codelists()
    found: dict[str, Concept] = {}
    for value in values:
        concept = lists[_CODES[name]].get(value)
        if concept is None and name == "sector":
            concept = lists[Scheme.SECTOR_CATEGORY].get(value)
        if concept is None:
            fr, en = _LABELS[name]
            errors.append(
                FieldError(
                    name,
                    "unknown_value",
                    f"Code de {fr} inconnu : {value!r}.",
                    f"Unknown {en} code: {value!r}.",
                )
            )
            continue
        found.setdefault(concept.code, concept)
    return list(found.values())


def _k(params: QueryParams, errors: list[FieldError]) -> int:
    raw = (params.get("k") or "").strip()
    if not raw:
        return DEFAULT_K
    if raw.isdigit() and 1 <= int(raw) <= MAX_K:
        return int(raw)
    errors.append(
        FieldError(
            "k",
            "out_of_range",
            f"« k » doit être un entier de 1 à {MAX_K}.",
            f"'k' must be an integer from 1 to {MAX_K}.",
        )
    )
    return DEFAULT_K


def _flag(params: QueryParams, name: str, errors: list[FieldError]) -> bool:
    raw = (params.get(name) or "").strip().lower()
    if raw in _TRUE or raw in _FALSE:
        return raw in _TRUE
    errors.append(
        FieldError(
            name,
            "not_boolean",
            f"« {name} » vaut true ou false.",
            f"'{name}' is true or false.",
        )
    )
    return False


def read_request(params: QueryParams) -> SimilarRequest:
    """The request of a query string, or ``ValidationFailed`` naming every bad field."""
    errors: list[FieldError] = []
    iri = (params.get("iri") or "").strip() or None
    text = (params.get("text") or "").strip()
    if iri is not None and len(iri) > MAX_IRI_CHARS:
        errors.append(
            FieldError(
                "iri",
                "too_long",
                f"Une IRI a au plus {MAX_IRI_CHARS} caractères.",
                f"An IRI has at most {MAX_IRI_CHARS} characters.",
            )
        )
    if len(text) > MAX_TEXT_CHARS:
        errors.append(
            FieldError(
                "text",
                "too_long",
                f"La description dépasse {MAX_TEXT_CHARS} caractères.",
                f"The description is longer than {MAX_TEXT_CHARS} characters.",
            )
        )
    countries = _codes(params, "country", errors)
    sectors = _codes(params, "sector", errors)
    sdgs = _codes(params, "sdg", errors)
    k = _k(params, errors)
    same_region = _flag(params, "same_region", errors)
    coded = any(value.strip() for name in _CODES for value in params.getlist(name))
    described = bool(text) or coded
    if text and not words(text) and not coded:
        errors.append(
            FieldError(
                "text",
                "no_words",
                "La description n'a que des mots trop courants pour comparer.",
                "The description only has words too common to compare.",
            )
        )
    if iri is not None and described:
        errors.append(
            FieldError(
                "iri",
                "exclusive",
                "Donnez soit une action (iri), soit une description (text, country, sector, "
                "sdg), pas les deux.",
                "Give either an action (iri) or a description (text, country, sector, sdg), "
                "not both.",
            )
        )
    elif iri is None and not described:
        errors.append(
            FieldError(
                "iri",
                "required",
                "Donnez une action (iri) ou une description (text, country, sector, sdg).",
                "Give an action (iri) or a description (text, country, sector, sdg).",
            )
        )
    if errors:
        raise ValidationFailed(errors)
    return SimilarRequest(
        iri=iri,
        text=text,
        countries=tuple(c.code for c in countries),
        sectors=tuple(c.code for c in sectors if c.scheme is Scheme.SECTOR),
        categories=tuple(
            dict.fromkeys(
                (c.broader or c.code[:3]) if c.scheme is Scheme.SECTOR else c.code for c in sectors
            )
        ),
        sdgs=tuple(dict.fromkeys(c.broader or c.code for c in sdgs)),
        k=k,
        same_region=same_region,
    )
