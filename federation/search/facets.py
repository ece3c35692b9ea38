"""The facets of search: which values of an index row each facet holds, and their labels.

A facet is a name (the query parameter), the values a document has for it, and the code list
that labels them. Counting and filtering are generic (``query``); this module is the one place
that says what a facet means."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from federation.codelists.registry import Scheme, codelists


@dataclass(frozen=True)
class Facet:
    name: str
    label_fr: str
    label_en: str
    scheme: Scheme | None = None  # labels (and the check of a filter's values)


FACETS: tuple[Facet, ...] = (
    Facet("kind", "Type de fiche", "Record type"),
    Facet("region", "Réseau régional", "Regional network"),
    Facet("country", "Pays", "Country", Scheme.COUNTRY),
    Facet("category", "Secteur (catégorie)", "Sector (category)", Scheme.SECTOR_CATEGORY),
    Facet("sector", "Secteur", "Sector", Scheme.SECTOR),
    Facet("sdg", "ODD", "SDG", Scheme.SDG),
    Facet("actor_type", "Type d'acteur", "Actor type", Scheme.ACTOR_TYPE),
    Facet("partner_type", "Type de partenaire", "Partner type", Scheme.ORGANISATION_TYPE),
    Facet("status", "Statut de l'action", "Action status", Scheme.ACTIVITY_STATUS),
    Facet("action_kind", "Type d'action", "Action kind", Scheme.ACTION_KIND),
    Facet("group_kind", "Type de groupe", "Group kind", Scheme.GROUP_KIND),
    Facet("year", "Année", "Year"),
)
BY_NAME = {facet.name: facet for facet in FACETS}

KINDS = {
    "actor": ("Acteur", "Actor"),
    "action": ("Action", "Action"),
    "group": ("Groupe de travail", "Working group"),
}


def values_of(kind: str, source: str, data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(facet, value) of an index row (``data``: its JSON fields)."""
    yield "kind", kind
    yield "region", source
    for code in data.get("countries") or ():
        yield "country", code
    for code in data.get("sectors") or ():
        if len(code) == 5:  # a 3-digit code is a category, counted as such
            yield "sector", code
    for code in data.get("sector_categories") or ():
        yield "category", code
    for code in data.get("sdg_goals") or ():
        yield "sdg", code
    if kind == "actor" and data.get("actor_type"):
        yield "actor_type", data["actor_type"]
    if kind == "action":
        types = {p.get("organisation_type") for p in data.get("participants") or ()}
        for code in sorted(t for t in types if t):
            yield "partner_type", code
        if data.get("status"):
            yield "status", data["status"]
        if data.get("action_kind"):
            yield "action_kind", data["action_kind"]
        if data.get("year") is not None:
            yield "year", str(data["year"])
    if kind == "group" and data.get("group_kind"):
        yield "group_kind", data["group_kind"]


def label(facet: str, value: str, networks: dict[str, str], lang: str = "fr") -> str:
    """A value's label: from its code list, the network's name, or the value itself."""
    if facet == "kind":
        pair = KINDS.get(value)
        return (pair[0] if lang == "fr" else pair[1]) if pair else value
    if facet == "region":
        return networks.get(value, value)
    scheme = BY_NAME[facet].scheme
    return codelists()[scheme].label(value, lang) if scheme is not None else value


def text_labels(data: dict[str, Any]) -> str:
    """The French and English labels of a row's countries and sectors, indexed as words so that
    "eau Burkina Faso" or "water" finds a record that only carries the codes."""
    lists = codelists()
    parts: list[str] = []
    for scheme, codes in (
        (Scheme.COUNTRY, data.get("countries") or ()),
        (Scheme.SECTOR_CATEGORY, data.get("sector_categories") or ()),
        (Scheme.SECTOR, [c for c in data.get("sectors") or () if len(c) == 5]),
    ):
        for code in codes:
            parts.append(lists[scheme].label(code, "fr"))
            parts.append(lists[scheme].label(code, "en"))
    return " ".join(parts)
