"""The node's registry of codes: every SKOS scheme of ``schemas/concepts`` as plain lookups.

Validation and the spreadsheet import call this on every field of every row, so the schemes are
read from RDF once per process (``codelists()``) and every lookup afterwards is a dict access.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from rdflib import Graph, Literal, URIRef

from schemas.concepts import load_scheme, scheme_iri
from schemas.namespaces import OWL, RDF, SKOS


class Scheme(StrEnum):
    """The code lists a node knows; each value is the name of its file in ``schemas/concepts``."""

    COUNTRY = "country"
    SECTOR = "sector"
    SECTOR_CATEGORY = "sector-category"
    ACTIVITY_STATUS = "activity-status"
    ORGANISATION_ROLE = "organisation-role"
    ORGANISATION_TYPE = "organisation-type"
    CURRENCY = "currency"
    BUDGET_STATUS = "budget-status"
    SDG = "sdg"
    ACTOR_TYPE = "actor-type"
    ACTION_KIND = "action-kind"
    FUNDING_STATUS = "funding-status"
    GROUP_KIND = "group-kind"
    GROUP_ROLE = "group-role"
    IDENTIFIER_TYPE = "identifier-type"


@dataclass(frozen=True, slots=True)
class Concept:
    """One code of one scheme, with what validation, display and export need of it."""

    scheme: Scheme
    code: str
    iri: str
    label_fr: str
    label_en: str
    withdrawn: bool  # still resolvable (old records), but not to be chosen for new ones
    broader: str | None  # code of the broader concept (sector -> category, sdg target -> goal)
    close_match: tuple[str, ...]  # IRIs, sorted


class CodeListError(ValueError):
    """A scheme file breaks what the registry relies on (a bug in the data, found at load)."""


_NOT_A_WORD = re.compile(r"[\W_]+")


def search_key(text: str) -> str:
    """``text`` folded for matching what people type: no case, no accents, no punctuation.

    "Côte d'Ivoire", "COTE D’IVOIRE" and "cote d ivoire" all give "cote d ivoire".
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    without_accents = "".join(char for char in folded if not unicodedata.combining(char))
    # NFKD does not split these ligatures, and French writes them ("Œuvre", "Cæsar").
    without_ligatures = without_accents.replace("œ", "oe").replace("æ", "ae")
    return " ".join(_NOT_A_WORD.sub(" ", without_ligatures).split())


# ISO codes are upper case; people and spreadsheets write "bf" or "eur". SDG targets use lower
# case letters ("6.a"). The other schemes' codes are digits or our own lower-case slugs, which
# are matched exactly (a typo there is an error to report, not to guess).
_CODE_CASE: Mapping[Scheme, Callable[[str], str]] = {
    Scheme.COUNTRY: str.upper,
    Scheme.CURRENCY: str.upper,
    Scheme.SDG: str.lower,
}


def _code_order(code: str) -> tuple[tuple[int, int, str], ...]:
    # Numbers in numeric order, so that SDG 2 comes before 10 and target 8.9 before 8.10.
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in code.split("."))


# Ranks of the ways a text can name a concept; when two concepts share a search key, the lower
# rank wins, then the concept still in use over the withdrawn one.
_BY_CODE, _BY_LABEL, _BY_ALT_LABEL = 0, 1, 2


class CodeList:
    """The codes of one scheme."""

    __slots__ = ("_by_code", "_by_text", "_sorted", "scheme")

    def __init__(
        self,
        scheme: Scheme,
        concepts: Iterable[Concept],
        alt_labels: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """``alt_labels`` (code -> labels) are other names that ``find`` also accepts."""
        self.scheme = scheme
        self._sorted = sorted(concepts, key=lambda concept: _code_order(concept.code))
        self._by_code = {self._normalise(concept.code): concept for concept in self._sorted}
        alt_labels = alt_labels or {}
        # search key -> (rank, withdrawn, concept); concept None when two equally good
        # concepts share the key: an import must not guess between them.
        best: dict[str, tuple[int, bool, Concept | None]] = {}
        for concept in self._sorted:
            names = [
                (_BY_CODE, concept.code),
                (_BY_LABEL, concept.label_fr),
                (_BY_LABEL, concept.label_en),
            ]
            names.extend((_BY_ALT_LABEL, alt) for alt in alt_labels.get(concept.code, ()))
            for rank, name in names:
                key = search_key(name)
                candidate = (rank, concept.withdrawn, concept)
                held = best.get(key)
                if held is None or candidate[:2] < held[:2]:
                    best[key] = candidate
                elif candidate[:2] == held[:2] and held[2] is not concept:
                    best[key] = (rank, concept.withdrawn, None)
        self._by_text = {key: concept for key, (_, _, concept) in best.items()}

    def _normalise(self, code: str) -> str:
        code = code.strip()
        change_case = _CODE_CASE.get(self.scheme)
        return change_case(code) if change_case else code

    def get(self, code: str) -> Concept | None:
        """The concept of this exact code (ISO codes in any case), withdrawn or not."""
        # Fast path first: most lookups (import, validation) already give the exact code.
        concept = self._by_code.get(code)
        return concept if concept is not None else self._by_code.get(self._normalise(code))

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.get(code) is not None

    def __len__(self) -> int:
        return len(self._sorted)

    def choosable(self, code: str) -> bool:
        """True if a new record may use this code: it exists and is not withdrawn."""
        concept = self.get(code)
        return concept is not None and not concept.withdrawn

    def find(self, text: str) -> Concept | None:
        """The concept that a person means by ``text``: a code, or a French or English label,
        in any case, with or without accents. None when unknown or ambiguous.

        A withdrawn concept is returned too (the caller decides, see ``choosable``).
        """
        concept = self.get(text)
        if concept is not None:
            return concept
        key = search_key(text)
        return self._by_text.get(key) if key else None

    def concepts(self) -> list[Concept]:
        """Every concept, withdrawn ones included, in code order (numbers numerically)."""
        return list(self._sorted)

    def label(self, code: str, lang: str = "fr") -> str:
        """The label of a code in ``lang`` ("fr" or "en").

        An unknown code is returned as is: a record harvested from a peer with a newer list must
        still display.
        """
        if lang not in {"fr", "en"}:
            raise ValueError(f"labels exist in 'fr' and 'en', not {lang!r}")
        concept = self.get(code)
        if concept is None:
            return code
        return concept.label_fr if lang == "fr" else concept.label_en


class CodeLists:
    """Every code list of the node, by scheme."""

    __slots__ = ("_lists",)

    def __init__(self, lists: Mapping[Scheme, CodeList]) -> None:
        missing = set(Scheme) - set(lists)
        if missing:
            raise CodeListError(f"no code list for {sorted(missing)}")
        self._lists = dict(lists)

    def __getitem__(self, scheme: Scheme) -> CodeList:
        return self._lists[scheme]


@dataclass(slots=True)
class _RawConcept:
    """What the RDF says of one concept, before broader IRIs are turned into codes."""

    iri: URIRef
    notations: list[str] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=dict)  # language -> prefLabels
    alt_labels: list[str] = field(default_factory=list)
    in_scheme: bool = False
    is_concept: bool = False
    withdrawn: bool = False
    broader: list[URIRef] = field(default_factory=list)
    close_match: list[str] = field(default_factory=list)


def _read_concepts(scheme: Scheme, graph: Graph) -> list[_RawConcept]:
    # One pass over the triples: several times faster than asking the graph subject by subject.
    raw: dict[URIRef, _RawConcept] = {}
    iri_of_scheme = scheme_iri(scheme.value)
    for subject, predicate, obj in graph:
        if not isinstance(subject, URIRef):
            continue
        concept = raw.get(subject)
        if concept is None:
            concept = raw[subject] = _RawConcept(subject)
        if predicate == RDF.type and obj == SKOS.Concept:
            concept.is_concept = True
        elif predicate == SKOS.inScheme and obj == iri_of_scheme:
            concept.in_scheme = True
        elif predicate == SKOS.notation and isinstance(obj, Literal):
            concept.notations.append(str(obj))
        elif predicate == SKOS.prefLabel and isinstance(obj, Literal) and obj.language:
            concept.labels.setdefault(obj.language, []).append(str(obj))
        elif predicate == SKOS.altLabel and isinstance(obj, Literal):
            concept.alt_labels.append(str(obj))
        elif predicate == OWL.deprecated and isinstance(obj, Literal):
            concept.withdrawn = obj.toPython() is True
        elif predicate == SKOS.broader and isinstance(obj, URIRef):
            concept.broader.append(obj)
        elif predicate == SKOS.closeMatch and isinstance(obj, URIRef):
            concept.close_match.append(str(obj))
    concepts = [concept for concept in raw.values() if concept.is_concept and concept.in_scheme]
    for concept in concepts:
        if len(concept.notations) != 1:
            raise CodeListError(f"{scheme}: {concept.iri} needs exactly one skos:notation")
        for lang in ("fr", "en"):
            if len(concept.labels.get(lang, ())) != 1:
                raise CodeListError(f"{scheme}: {concept.iri} needs one skos:prefLabel @{lang}")
        if len(concept.broader) > 1:
            raise CodeListError(f"{scheme}: {concept.iri} has more than one skos:broader")
    return concepts


def load_codelists() -> CodeLists:
    """Read every scheme from ``schemas/concepts`` (uncached: use ``codelists()``)."""
    raw = {scheme: _read_concepts(scheme, load_scheme(scheme.value)) for scheme in Scheme}
    # A broader concept may live in another scheme (a sector's category), so codes are resolved
    # across every scheme.
    code_of = {
        concept.iri: concept.notations[0] for concepts in raw.values() for concept in concepts
    }
    lists: dict[Scheme, CodeList] = {}
    for scheme, concepts in raw.items():
        built: list[Concept] = []
        for concept in concepts:
            broader = concept.broader[0] if concept.broader else None
            if broader is not None and broader not in code_of:
                raise CodeListError(f"{scheme}: {concept.iri} has an unknown broader {broader}")
            built.append(
                Concept(
                    scheme=scheme,
                    code=concept.notations[0],
                    iri=str(concept.iri),
                    label_fr=concept.labels["fr"][0],
                    label_en=concept.labels["en"][0],
                    withdrawn=concept.withdrawn,
                    broader=code_of[broader] if broader is not None else None,
                    close_match=tuple(sorted(concept.close_match)),
                )
            )
        alt_labels = {concept.notations[0]: concept.alt_labels for concept in concepts}
        lists[scheme] = CodeList(scheme, built, alt_labels)
    return CodeLists(lists)


@functools.lru_cache(maxsize=1)
def codelists() -> CodeLists:
    """The node's code lists, read once per process on first use (never at import)."""
    return load_codelists()
