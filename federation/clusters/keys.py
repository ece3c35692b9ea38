"""What an actor row is matched on: its official identifiers (match keys) and, for suggestions
only, the distinctive words of its name (blocking keys and a similarity score).

Identifiers are normalised and checked by ``federation.identifiers`` (python-stdnum for SIREN and
SIRET); a SIRET counts as its SIREN, since an actor has one SIREN and many establishments. An
identifier that fails its check is ignored: a typo must not merge two actors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz

from federation.codelists.registry import search_key
from federation.identifiers import (
    IdentifierError,
    normalize_finess,
    normalize_insee_commune,
    normalize_rna,
    normalize_siren,
    normalize_uai,
    siren_of_siret,
)

# identifiers key -> (scheme of the match key, normaliser). SIRET gives a SIREN key.
CHECKS: Mapping[str, tuple[str, Callable[[str], str]]] = {
    "siren": ("siren", normalize_siren),
    "siret": ("siren", siren_of_siret),
    "rna": ("rna", normalize_rna),
    "uai": ("uai", normalize_uai),
    "finess": ("finess", normalize_finess),
    "insee": ("insee", normalize_insee_commune),
}
MAX_VALUE = 40  # longer is no identifier (and would not fit a key)

# Words that tell no actor from another: articles, prepositions, and the words that nearly
# every association or twinning committee carries. Left out of blocking and scoring.
STOPWORDS = frozenset(
    {
        *("a", "au", "aux", "avec", "chez", "d", "de", "des", "du", "en", "et", "l", "la"),
        *("le", "les", "par", "pour", "sur", "un", "une", "and", "for", "of", "the"),
        *("association", "associations", "asso", "assoc", "amis", "amicale", "comite"),
        *("jumelage", "collectif", "ong"),
    }
)
# Words that name a kind of body rather than one ("Lycée …", "Fonds de dotation …"): scored,
# since "Lycée Jean Moulin" is not "Collège Jean Moulin", but no block is made of them.
GENERIC = frozenset(
    {
        *("agricole", "centre", "chambre", "college", "commune", "dotation", "ecole"),
        *("elementaire", "fondation", "fonds", "france", "groupe", "intercommunal", "lycee"),
        *("maison", "mairie", "primaire", "professionnel", "syndicat", "ville"),
    }
)
PREFIX = 4  # letters of a word that a blocking key keeps: a typo at the end still meets
BLOCK_WORDS = 3  # the first distinctive words whose pairs make blocking keys
SUGGEST_SCORE = 88.0  # lowest name similarity (0-100) offered as a suggestion


def match_keys(identifiers: Any) -> list[str]:
    """The sorted match keys (``siren:732829320``) of a row's ``identifiers``; invalid ones
    are left out."""
    keys: set[str] = set()
    if not isinstance(identifiers, dict):
        return []
    for field, value in identifiers.items():
        check = CHECKS.get(field)
        if check is None or not isinstance(value, str) or len(value) > MAX_VALUE:
            continue
        scheme, normalise = check
        try:
            keys.add(f"{scheme}:{normalise(value)}")
        except IdentifierError:
            continue
    return sorted(keys)


def invalid_identifiers(identifiers: Any) -> dict[str, str]:
    """The identifiers of a row that fail their check: field -> the reason, in English."""
    if not isinstance(identifiers, dict):
        return {}
    found: dict[str, str] = {}
    for field, value in identifiers.items():
        check = CHECKS.get(field)
        if check is None or not isinstance(value, str):
            continue
        try:
            check[1](value)
        except IdentifierError as error:
            found[field] = error.message_en
    return found


def schemes_of(keys: Iterable[str]) -> dict[str, set[str]]:
    """Match keys by scheme: ``{"siren": {"siren:732829320"}}``."""
    by_scheme: dict[str, set[str]] = {}
    for key in keys:
        by_scheme.setdefault(key.partition(":")[0], set()).add(key)
    return by_scheme


def known_different(keys_a: Iterable[str], keys_b: Iterable[str]) -> bool:
    """Whether identifiers tell two actors (or clusters) apart: both give a scheme and share
    none of its values (two SIRENs that differ are two legal units)."""
    a, b = schemes_of(keys_a), schemes_of(keys_b)
    return any(not (a[scheme] & b[scheme]) for scheme in a.keys() & b.keys())


def distinctive_words(name: str) -> list[str]:
    """The words of a name that may tell it from others, folded, in order."""
    return [word for word in search_key(name).split() if word not in STOPWORDS]


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the clusters keep of one actor row."""

    iri: str
    keys: list[str]
    match_name: str
    blocks: list[str]


def blocks_of(words: list[str]) -> list[str]:
    """Blocking keys: the word of a one-word name, else the (sorted) pairs of prefixes of the
    first distinctive words (generic ones left out). Two names are compared only when they
    share one."""
    words = [word for word in words if word not in GENERIC] or words
    if not words:
        return []
    if len(words) == 1:
        return [f"w:{words[0][:36]}"]
    prefixes = [word[:PREFIX] for word in words[:BLOCK_WORDS]]
    return sorted({"p:" + "|".join(sorted(pair)) for pair in combinations(prefixes, 2)})


def prepare(row: Mapping[str, Any], data: Mapping[str, Any]) -> Prepared:
    """The keys, folded name and blocking keys of an index row (``data`` its parsed JSON)."""
    words = distinctive_words(str(row["name"]))
    return Prepared(
        iri=str(row["iri"]),
        keys=match_keys(data.get("identifiers")),
        match_name=" ".join(words)[:300],
        blocks=blocks_of(words),
    )


def name_score(a: str, b: str, cutoff: float = 0.0) -> float:
    """Similarity of two folded names, 0-100, whatever the order of the words (0 when under
    ``cutoff``)."""
    return float(fuzz.token_sort_ratio(a, b, processor=None, score_cutoff=cutoff))
