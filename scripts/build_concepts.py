"""Build the SKOS concept schemes of ``schemas/concepts/`` from the IATI 2.03 code lists.

Usage (from the repository root)::

    .venv/bin/python scripts/build_concepts.py \
        --iati ../shared/data/iati/codelists --out schemas/concepts

The output is deterministic (same inputs, same pycountry, same rdflib: same bytes), so the
generated files are committed and a test checks that they equal a fresh run. Never edit them by
hand: change this script and run it again. The hand-written schemes of the same folder
(actor-type, action-kind, ...) are not touched.
"""

from __future__ import annotations

import argparse
import gettext
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# Run as a plain file, the repository root is not on sys.path; the IRIs must still come from the
# one place that defines them (`schemas.namespaces`), not be typed again here.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import pycountry  # noqa: E402
from rdflib import Graph, Literal, URIRef  # noqa: E402

from schemas.namespaces import (  # noqa: E402
    CONCEPT,
    DCTERMS,
    EU_COUNTRY,
    IATI_CODELIST,
    OWL,
    RDF,
    SDG,
    SKOS,
)

DEFAULT_IATI_DIR = REPO_ROOT.parent / "shared" / "data" / "iati" / "codelists"
DEFAULT_OUT_DIR = REPO_ROOT / "schemas" / "concepts"

IATI_VERSION = "2.03"
CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")
# The attribution that CC BY 4.0 requires, worded as the IATI Standard asks.
IATI_ATTRIBUTION = "IATI Standard, iatistandard.org"

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGS = ("en", "fr")

# A French label copied from English is a stopgap, not a translation: say so in the data.
FRENCH_COPIED_NOTE = Literal(
    "No French name in the source: the French label repeats the English one.", lang="en"
)

# Codes that pycountry does not know (XK is a user-assigned code, not ISO 3166-1).
FRENCH_COUNTRY_NAMES_NOT_IN_PYCOUNTRY = {"XK": "Kosovo"}


@dataclass(frozen=True, slots=True)
class Item:
    """One ``<codelist-item>`` of an IATI code list, as read."""

    code: str
    names: dict[str, str]  # language -> text
    descriptions: dict[str, str]
    withdrawn: bool
    category: str | None


@dataclass(slots=True)
class ConceptOut:
    """One concept as it will be written."""

    iri: URIRef
    code: str
    labels: dict[str, str]  # exactly one per language of LANGS
    definitions: dict[str, str] = field(default_factory=dict)
    alt_labels: list[tuple[str, str]] = field(default_factory=list)  # (language, text)
    withdrawn: bool = False
    top: bool = True  # no broader concept inside the same scheme
    broader: URIRef | None = None
    exact_match: URIRef | None = None
    french_copied: bool = False


@dataclass(frozen=True, slots=True)
class SchemeOut:
    """One scheme as it will be written: one Turtle file."""

    name: str
    title_fr: str
    title_en: str
    codelists: tuple[str, ...]  # the IATI code lists it comes from
    concepts: list[ConceptOut]
    french_from_pycountry: bool = False  # French names from pycountry rather than IATI


# --- reading the IATI XML -------------------------------------------------------------------


def _text(value: str | None) -> str:
    # Narratives are sometimes wrapped over several indented lines in the XML.
    return " ".join((value or "").split())


def _narratives(parent: ET.Element | None, default_lang: str, where: str) -> dict[str, str]:
    texts: dict[str, str] = {}
    if parent is None:
        return texts
    for narrative in parent.findall("narrative"):
        lang = narrative.get(XML_LANG, default_lang)
        text = _text(narrative.text)
        if not text:
            continue
        # BudgetStatus repeats the English name with and without xml:lang="en": harmless when
        # equal, but two different texts for one language would be a silent choice.
        if lang in texts and texts[lang] != text:
            raise ValueError(f"{where}: two different {lang!r} narratives")
        texts.setdefault(lang, text)
    return texts


def read_codelist(iati_dir: Path, name: str) -> list[Item]:
    """The items of one IATI code list file (``{name}.xml``), in file order."""
    path = iati_dir / f"{name}.xml"
    # The inputs are trusted local files (the IATI Standard's own XML), so stdlib parsing is fine.
    root = ET.parse(path).getroot()
    default_lang = root.get(XML_LANG, "en")
    items: list[Item] = []
    seen: set[str] = set()
    for element in root.iterfind("codelist-items/codelist-item"):
        code = _text(element.findtext("code"))
        where = f"{path.name} code {code!r}"
        if not code or code in seen:
            raise ValueError(f"{where}: missing or repeated code")
        seen.add(code)
        status = element.get("status", "active")
        if status not in {"active", "withdrawn"}:
            raise ValueError(f"{where}: unknown status {status!r}")
        names = _narratives(element.find("name"), default_lang, where)
        if "en" not in names:
            raise ValueError(f"{where}: no English name")
        category = _text(element.findtext("category")) or None
        items.append(
            Item(
                code=code,
                names=names,
                descriptions=_narratives(element.find("description"), default_lang, where),
                withdrawn=status == "withdrawn",
                category=category,
            )
        )
    return items


# --- building the schemes --------------------------------------------------------------------


def _concept(iri: URIRef, item: Item, french_name: str | None = None) -> ConceptOut:
    """A concept from an item; ``french_name`` (from pycountry) wins over the item's own."""
    english = item.names["en"]
    french = french_name or item.names.get("fr")
    return ConceptOut(
        iri=iri,
        code=item.code,
        labels={"en": english, "fr": french or english},
        definitions={lang: text for lang, text in item.descriptions.items() if lang in LANGS},
        withdrawn=item.withdrawn,
        french_copied=french is None,
    )


def _own_iri(scheme: str, code: str) -> URIRef:
    return CONCEPT[f"{scheme}/{code}"]


@dataclass(frozen=True, slots=True)
class SimpleScheme:
    """A flat scheme: every item becomes a top concept, labelled as IATI labels it."""

    name: str
    codelist: str
    title_fr: str
    title_en: str


SIMPLE_SCHEMES = (
    SimpleScheme(
        "sector-category",
        "SectorCategory",
        "Catégories de secteurs CAD (3 chiffres)",
        "DAC 3-digit sector categories",
    ),
    SimpleScheme("activity-status", "ActivityStatus", "Statut d'activité", "Activity status"),
    SimpleScheme(
        "organisation-role", "OrganisationRole", "Rôle d'organisation", "Organisation role"
    ),
    SimpleScheme(
        "organisation-type", "OrganisationType", "Type d'organisation", "Organisation type"
    ),
    SimpleScheme("budget-status", "BudgetStatus", "Statut de budget", "Budget status"),
)


def simple_scheme(iati_dir: Path, spec: SimpleScheme) -> SchemeOut:
    concepts = [
        _concept(_own_iri(spec.name, item.code), item)
        for item in read_codelist(iati_dir, spec.codelist)
    ]
    return SchemeOut(spec.name, spec.title_fr, spec.title_en, (spec.codelist,), concepts)


def sector_scheme(iati_dir: Path) -> SchemeOut:
    """DAC 5-digit sectors, each ``skos:broader`` its 3-digit category of ``sector-category``."""
    categories = {item.code for item in read_codelist(iati_dir, "SectorCategory")}
    concepts: list[ConceptOut] = []
    for item in read_codelist(iati_dir, "Sector"):
        if item.category not in categories:
            raise ValueError(f"Sector {item.code}: unknown category {item.category!r}")
        concept = _concept(_own_iri("sector", item.code), item)
        # The broader concept lives in another scheme, so within `sector` this is still a top
        # concept.
        concept.broader = _own_iri("sector-category", item.category)
        concepts.append(concept)
    return SchemeOut(
        "sector", "Secteurs CAD (5 chiffres)", "DAC 5-digit sectors", ("Sector",), concepts
    )


def _alternatives(candidates: Sequence[str | None], preferred: str) -> list[str]:
    return sorted({name for name in candidates if name and name != preferred})


def country_scheme(iati_dir: Path) -> SchemeOut:
    """ISO 3166-1 alpha-2 countries: English from IATI, French from pycountry's translations."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    french_historic = gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=["fr"])
    concepts: list[ConceptOut] = []
    for item in read_codelist(iati_dir, "Country"):
        country = pycountry.countries.get(alpha_2=item.code)
        if country is not None:
            english_names = [
                country.name,
                getattr(country, "common_name", None),
                getattr(country, "official_name", None),
            ]
            french_names = [french.gettext(name) if name else None for name in english_names]
            # The common name ("Bolivie", "Corée du Sud") reads better in a French list than
            # ISO's inverted short name ("Corée, République de"), which stays an alt label.
            french_name = french_names[1] or french_names[0]
        else:
            # Withdrawn codes (AN, Netherlands Antilles) are in pycountry's former countries.
            historic = pycountry.historic_countries.get(alpha_2=item.code)
            english_names = [historic.name] if historic is not None else []
            french_names = (
                [french_historic.gettext(historic.name)]
                if historic is not None
                else [FRENCH_COUNTRY_NAMES_NOT_IN_PYCOUNTRY.get(item.code)]
            )
            french_name = french_names[0]
        concept = _concept(_own_iri("country", item.code), item, french_name)
        concept.alt_labels = [
            ("en", name) for name in _alternatives(english_names, concept.labels["en"])
        ] + [("fr", name) for name in _alternatives(french_names, concept.labels["fr"])]
        if country is not None:
            concept.exact_match = EU_COUNTRY[country.alpha_3]
        concepts.append(concept)
    return SchemeOut(
        "country", "Pays", "Countries", ("Country",), concepts, french_from_pycountry=True
    )


def currency_scheme(iati_dir: Path) -> SchemeOut:
    """ISO 4217 currencies: English from IATI, French from pycountry's translations."""
    french = gettext.translation("iso4217", pycountry.LOCALES_DIR, languages=["fr"])
    concepts: list[ConceptOut] = []
    for item in read_codelist(iati_dir, "Currency"):
        currency = pycountry.currencies.get(alpha_3=item.code)
        french_name = french.gettext(currency.name) if currency is not None else None
        concepts.append(_concept(_own_iri("currency", item.code), item, french_name))
    return SchemeOut(
        "currency", "Devises", "Currencies", ("Currency",), concepts, french_from_pycountry=True
    )


def sdg_scheme(iati_dir: Path) -> SchemeOut:
    """SDG goals and targets in one scheme, under the UN's own IRIs; a target's broader is its
    goal (the goal number is the part of the target code before the dot)."""
    goals = [_concept(SDG[item.code], item) for item in read_codelist(iati_dir, "UNSDG-Goals")]
    goal_codes = {goal.code for goal in goals}
    targets: list[ConceptOut] = []
    for item in read_codelist(iati_dir, "UNSDG-Targets"):
        goal, _, _ = item.code.partition(".")
        if goal not in goal_codes:
            raise ValueError(f"SDG target {item.code}: unknown goal {goal!r}")
        target = _concept(SDG[item.code], item)
        target.top = False
        target.broader = SDG[goal]
        targets.append(target)
    return SchemeOut(
        "sdg",
        "Objectifs et cibles de développement durable (ODD)",
        "Sustainable Development Goals and targets",
        ("UNSDG-Goals", "UNSDG-Targets"),
        goals + targets,
    )


# The schemes that need more than a flat list: pycountry labels, broader concepts, UN IRIs.
SPECIAL_SCHEMES: tuple[Callable[[Path], SchemeOut], ...] = (
    country_scheme,
    currency_scheme,
    sector_scheme,
    sdg_scheme,
)


def all_schemes(iati_dir: Path) -> list[SchemeOut]:
    """Every generated scheme, built from the code lists in ``iati_dir``."""
    return [build_scheme(iati_dir) for build_scheme in SPECIAL_SCHEMES] + [
        simple_scheme(iati_dir, spec) for spec in SIMPLE_SCHEMES
    ]


# --- writing Turtle --------------------------------------------------------------------------


def scheme_graph(scheme: SchemeOut) -> Graph:
    """The RDF of one scheme: the scheme itself with its licence and attribution, its concepts."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in (("dct", DCTERMS), ("owl", OWL), ("skos", SKOS)):
        graph.bind(prefix, namespace)
    iri = CONCEPT[scheme.name]
    graph.add((iri, RDF.type, SKOS.ConceptScheme))
    graph.add((iri, DCTERMS.title, Literal(scheme.title_fr, lang="fr")))
    graph.add((iri, DCTERMS.title, Literal(scheme.title_en, lang="en")))
    for codelist in scheme.codelists:
        # The IATI site's code list pages are lower-case, without the XML file's capitals.
        graph.add((iri, DCTERMS.source, IATI_CODELIST[f"{codelist.lower()}/"]))
    graph.add((iri, DCTERMS.license, CC_BY_4))
    graph.add((iri, DCTERMS.bibliographicCitation, Literal(IATI_ATTRIBUTION)))
    graph.add((iri, OWL.versionInfo, Literal(IATI_VERSION)))
    for concept in scheme.concepts:
        node = concept.iri
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, iri))
        if concept.top:
            graph.add((node, SKOS.topConceptOf, iri))
        graph.add((node, SKOS.notation, Literal(concept.code)))
        for lang in LANGS:
            graph.add((node, SKOS.prefLabel, Literal(concept.labels[lang], lang=lang)))
        for lang, text in concept.alt_labels:
            graph.add((node, SKOS.altLabel, Literal(text, lang=lang)))
        for lang, text in concept.definitions.items():
            graph.add((node, SKOS.definition, Literal(text, lang=lang)))
        if concept.french_copied:
            graph.add((node, SKOS.editorialNote, FRENCH_COPIED_NOTE))
        if concept.withdrawn:
            # Kept so that old records still resolve; not to be chosen for new ones.
            graph.add((node, OWL.deprecated, Literal(True)))
        if concept.broader is not None:
            graph.add((node, SKOS.broader, concept.broader))
        if concept.exact_match is not None:
            graph.add((node, SKOS.exactMatch, concept.exact_match))
    return graph


def render(scheme: SchemeOut) -> bytes:
    """The Turtle file of a scheme. rdflib sorts subjects, predicates and objects, so the bytes
    depend only on the graph (the build test runs this twice and compares)."""
    sources = ", ".join(f"{name}.xml" for name in scheme.codelists)
    header = (
        "# GENERATED by scripts/build_concepts.py: do not edit by hand, run the script again.\n"
        f"# Source: IATI Standard {IATI_VERSION} code lists ({sources}),\n"
        f"# CC BY 4.0, {IATI_ATTRIBUTION}.\n"
    )
    if scheme.french_from_pycountry:
        header += "# French names: pycountry's translations (Debian iso-codes).\n"
    body = scheme_graph(scheme).serialize(format="turtle")
    return f"{header}\n{body}".encode()


def build(iati_dir: Path, out_dir: Path) -> list[Path]:
    """Write every generated scheme into ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for scheme in all_schemes(iati_dir):
        path = out_dir / f"{scheme.name}.ttl"
        # Bytes, not text: no newline translation, so the files are the same on every platform.
        path.write_bytes(render(scheme))
        withdrawn = sum(concept.withdrawn for concept in scheme.concepts)
        copied = sum(concept.french_copied for concept in scheme.concepts)
        print(
            f"{path}: {len(scheme.concepts)} concepts, {withdrawn} withdrawn, "
            f"{copied} without a French name"
        )
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--iati",
        type=Path,
        default=DEFAULT_IATI_DIR,
        help="folder of the IATI code list XML files (default: %(default)s)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help="folder to write the Turtle files into (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    build(args.iati, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
