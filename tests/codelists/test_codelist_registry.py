"""federation.codelists.registry: the codes that validation and the spreadsheet import check."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from federation.codelists.registry import (
    CodeList,
    Concept,
    Scheme,
    codelists,
    search_key,
)
from schemas.namespaces import CONCEPT, SDG

IATI_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "iati" / "codelists"

needs_iati = pytest.mark.skipif(
    not IATI_DIR.is_dir(), reason=f"the IATI code lists are not at {IATI_DIR}"
)


def iati_codes(name: str) -> tuple[set[str], set[str]]:
    """All codes of an IATI code list file, and the withdrawn ones."""
    root = ET.parse(IATI_DIR / f"{name}.xml").getroot()  # noqa: S314 - a trusted local file
    items = root.iterfind("codelist-items/codelist-item")
    codes: set[str] = set()
    withdrawn: set[str] = set()
    for item in items:
        code = (item.findtext("code") or "").strip()
        codes.add(code)
        if item.get("status") == "withdrawn":
            withdrawn.add(code)
    return codes, withdrawn


def make_concept(code: str, label_fr: str, label_en: str, *, withdrawn: bool = False) -> Concept:
    return Concept(
        scheme=Scheme.SECTOR,
        code=code,
        iri=str(CONCEPT[f"sector/{code}"]),
        label_fr=label_fr,
        label_en=label_en,
        withdrawn=withdrawn,
        broader=None,
        close_match=(),
    )


@needs_iati
@pytest.mark.parametrize(
    ("scheme", "codelist"),
    [
        (Scheme.SECTOR, "Sector"),
        (Scheme.SECTOR_CATEGORY, "SectorCategory"),
        (Scheme.COUNTRY, "Country"),
        (Scheme.CURRENCY, "Currency"),
        (Scheme.ACTIVITY_STATUS, "ActivityStatus"),
        (Scheme.ORGANISATION_ROLE, "OrganisationRole"),
        (Scheme.ORGANISATION_TYPE, "OrganisationType"),
        (Scheme.BUDGET_STATUS, "BudgetStatus"),
    ],
)
def test_scheme_has_the_codes_of_its_iati_list(scheme: Scheme, codelist: str) -> None:
    codes, withdrawn = iati_codes(codelist)
    concepts = codelists()[scheme].concepts()
    assert {concept.code for concept in concepts} == codes
    assert {concept.code for concept in concepts if concept.withdrawn} == withdrawn


@needs_iati
def test_sdg_has_the_goals_and_targets() -> None:
    goals, _ = iati_codes("UNSDG-Goals")
    targets, _ = iati_codes("UNSDG-Targets")
    assert {concept.code for concept in codelists()[Scheme.SDG].concepts()} == goals | targets


def test_sector_codes_have_five_digits_under_a_known_category() -> None:
    categories = codelists()[Scheme.SECTOR_CATEGORY]
    for concept in codelists()[Scheme.SECTOR].concepts():
        assert len(concept.code) == 5
        assert concept.code.isdigit()
        assert concept.broader is not None
        assert concept.broader in categories
        assert concept.code.startswith(concept.broader)


def test_withdrawn_codes_resolve_but_cannot_be_chosen() -> None:
    categories = codelists()[Scheme.SECTOR_CATEGORY]
    for code in ("230", "920"):
        concept = categories.get(code)
        assert concept is not None
        assert concept.withdrawn
        assert code in categories
        assert not categories.choosable(code)
    assert categories.choosable("140")
    assert not categories.choosable("999")
    assert not codelists()[Scheme.SECTOR].choosable("23010")  # an old energy code
    assert not codelists()[Scheme.COUNTRY].choosable("AN")  # Netherlands Antilles


def test_country_labels() -> None:
    countries = codelists()[Scheme.COUNTRY]
    burkina = countries.get("BF")
    assert burkina is not None
    assert burkina.label_fr == "Burkina Faso"
    assert burkina.iri == str(CONCEPT["country/BF"])
    ivory_coast = countries.get("CI")
    assert ivory_coast is not None
    assert "Côte d'Ivoire" in ivory_coast.label_fr
    assert countries.label("DE") == "Allemagne"
    assert countries.label("DE", "en") == "Germany"
    # Kosovo's XK is not ISO and pycountry lacks it; it still has a French label.
    assert countries.label("XK") == "Kosovo"


def test_country_and_currency_codes_are_case_insensitive() -> None:
    assert codelists()[Scheme.COUNTRY].get(" bf ") == codelists()[Scheme.COUNTRY].get("BF")
    euro = codelists()[Scheme.CURRENCY].get("eur")
    assert euro is not None
    assert euro.code == "EUR"
    assert euro.label_fr == "Euro"
    # Our own codes are matched exactly: a typo is reported, not guessed.
    assert codelists()[Scheme.ACTOR_TYPE].get("Association") is None


def test_sdg_targets_are_under_their_goal() -> None:
    sdgs = codelists()[Scheme.SDG]
    target = sdgs.get("6.1")
    assert target is not None
    assert target.broader == "6"
    assert target.iri == "http://metadata.un.org/sdg/6.1"
    goal = sdgs.get("6")
    assert goal is not None
    assert goal.broader is None
    assert goal.iri == str(SDG["6"])
    assert sdgs.get("6.A") == sdgs.get("6.a")
    codes = [concept.code for concept in sdgs.concepts()]
    assert codes.index("8.9") < codes.index("8.10") < codes.index("8.a") < codes.index("9")
    assert codes.index("9") < codes.index("10")


def test_every_actor_type_maps_to_an_organisation_type() -> None:
    organisation_types = {
        concept.iri: concept for concept in codelists()[Scheme.ORGANISATION_TYPE].concepts()
    }
    actor_types = codelists()[Scheme.ACTOR_TYPE].concepts()
    assert len(actor_types) == 12
    for actor_type in actor_types:
        assert len(actor_type.close_match) == 1, actor_type.code
        assert actor_type.close_match[0] in organisation_types, actor_type.code
    collectivite = codelists()[Scheme.ACTOR_TYPE].get("collectivite")
    assert collectivite is not None
    assert organisation_types[collectivite.close_match[0]].code == "11"


def test_other_close_matches_point_at_existing_concepts() -> None:
    iris = {concept.iri for scheme in Scheme for concept in codelists()[scheme].concepts()}
    for scheme in (Scheme.ACTION_KIND, Scheme.FUNDING_STATUS):
        for concept in codelists()[scheme].concepts():
            assert set(concept.close_match) <= iris, concept.code


@pytest.mark.parametrize(
    "text", ["burkina faso", "BURKINA FASO", "Burkina-Faso", "bf", " BF ", "Burkina Faso"]
)
def test_find_burkina_faso(text: str) -> None:
    found = codelists()[Scheme.COUNTRY].find(text)
    assert found is not None
    assert found.code == "BF"


@pytest.mark.parametrize(
    "text", ["Côte d'Ivoire", "cote d ivoire", "COTE D’IVOIRE", "Cote d'Ivoire", "côte-d'ivoire"]
)
def test_find_ignores_accents_case_and_punctuation(text: str) -> None:
    found = codelists()[Scheme.COUNTRY].find(text)
    assert found is not None
    assert found.code == "CI"


def test_find_by_english_label_and_common_names() -> None:
    countries = codelists()[Scheme.COUNTRY]
    assert countries.find("germany") == countries.get("DE")
    assert countries.find("Corée du Sud") == countries.get("KR")  # pycountry's common name
    assert countries.find("Bolivia (Plurinational State of)") == countries.get("BO")
    assert countries.find("") is None
    assert countries.find("Atlantis") is None


def test_find_in_other_schemes() -> None:
    assert codelists()[Scheme.ACTOR_TYPE].find("collectivité territoriale") == codelists()[
        Scheme.ACTOR_TYPE
    ].get("collectivite")
    assert codelists()[Scheme.ACTOR_TYPE].find("OSIM") == codelists()[Scheme.ACTOR_TYPE].get("osim")
    education = codelists()[Scheme.SECTOR].find(
        "politique de l'education et gestion administrative"
    )
    assert education is not None
    assert education.code == "11110"


def test_find_prefers_the_code_in_use_and_refuses_to_guess() -> None:
    codes = CodeList(
        Scheme.SECTOR,
        [
            make_concept("10001", "Énergie", "Energy", withdrawn=True),
            make_concept("10002", "Énergie", "Energy"),
            make_concept("10003", "Eau", "Water"),
            make_concept("10004", "Eau", "Water supply"),
        ],
    )
    found = codes.find("energie")
    assert found is not None
    assert found.code == "10002"
    assert codes.find("eau") is None  # two codes in use share the label
    assert codes.find("water supply") == codes.get("10004")
    # A label shared by a withdrawn code only is still found (the import reports it as withdrawn).
    withdrawn = CodeList(
        Scheme.SECTOR, [make_concept("10001", "Énergie", "Energy", withdrawn=True)]
    )
    assert withdrawn.find("Energy") == withdrawn.get("10001")


def test_label_of_an_unknown_code_is_the_code() -> None:
    assert codelists()[Scheme.COUNTRY].label("ZZ") == "ZZ"
    with pytest.raises(ValueError, match="not 'de'"):
        codelists()[Scheme.COUNTRY].label("BF", "de")


def test_search_key() -> None:
    assert search_key("  Côte d’Ivoire ") == "cote d ivoire"
    assert search_key("Œuvre_d'ÉTÉ") == "oeuvre d ete"


def test_every_scheme_is_loaded() -> None:
    for scheme in Scheme:
        assert codelists()[scheme].concepts(), scheme
