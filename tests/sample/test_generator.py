"""The sample directory generator: deterministic, realistic, and valid by every rule of the node."""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest

from federation.actions.schemas import ActionCreate
from federation.actions.service import check_action
from federation.actors.schemas import ActorCreate
from federation.actors.service import check_actor
from federation.codelists.registry import Scheme, codelists
from federation.groups.schemas import WorkingGroupCreate
from federation.groups.service import check_group
from federation.identifiers import (
    normalize_finess,
    normalize_insee_commune,
    normalize_rna,
    normalize_siren,
    normalize_siret,
    normalize_uai,
    siren_of_siret,
)
from federation.sample import SampleDirectory, generate_directory, regions
from federation.sample.partners import COUNTRY_BY_CODE
from federation.sample.places import REGION_BY_NAME, REGIONS, Region
from federation.sample.sectors import SECTOR_BY_CODE, SECTORS

ACTIONS = 2000
REGIONS_UNDER_TEST = ["Bourgogne-Franche-Comté", "Grand Est", "Guadeloupe"]


@pytest.fixture(scope="module", params=REGIONS_UNDER_TEST)
def directory(request: pytest.FixtureRequest) -> SampleDirectory:
    return generate_directory(actions=ACTIONS, seed=0, region=request.param)


# --- places --------------------------------------------------------------------------------------


def test_regions_are_the_twelve_networks() -> None:
    names = regions()
    assert len(names) == 12
    assert len(set(names)) == 12
    assert {"Bourgogne-Franche-Comté", "Occitanie", "Guadeloupe"} <= set(names)


@pytest.mark.parametrize("region", REGIONS, ids=lambda r: r.name)
def test_communes_are_typed_consistently(region: Region) -> None:
    assert len(region.communes) >= 5
    assert len({c.insee for c in region.communes}) == len(region.communes)
    for commune in region.communes:
        assert normalize_insee_commune(commune.insee) == commune.insee
        assert commune.insee.startswith(commune.departement)
        assert re.fullmatch(r"\d{5}", commune.postal_code)
        assert commune.postal_code.startswith(commune.departement[:2])
    for university in region.universities:
        assert region.commune(university.insee)


def test_partner_countries_and_sectors_are_real_codes() -> None:
    lists = codelists()
    for country in COUNTRY_BY_CODE.values():
        assert lists[Scheme.COUNTRY].choosable(country.code), country.code
        assert country.towns
    for sector in SECTORS:
        assert lists[Scheme.SECTOR].choosable(sector.code), f"{sector.code} is withdrawn"
        assert {g.split(".")[0] for g in sector.sdgs} <= {g for g in sector.sdgs if "." not in g}
        for sdg in sector.sdgs:
            assert sdg in lists[Scheme.SDG], sdg


# --- determinism and size ------------------------------------------------------------------------


def test_same_seed_same_directory() -> None:
    first = generate_directory(actions=300, seed=42, region="Bretagne")
    again = generate_directory(actions=300, seed=42, region="Bretagne")
    assert first.actor_ids == again.actor_ids
    assert [a.model_dump() for a in first.actors] == [a.model_dump() for a in again.actors]
    assert [a.model_dump() for a in first.actions] == [a.model_dump() for a in again.actions]
    assert [g.model_dump() for g in first.groups] == [g.model_dump() for g in again.groups]
    other = generate_directory(actions=300, seed=43, region="Bretagne")
    assert [a.title for a in other.actions] != [a.title for a in first.actions]


def test_sizes() -> None:
    small = generate_directory(actions=0)
    assert len(small.actors) == 10
    assert small.actions == []
    assert len(small.groups) == 3
    assert len(generate_directory(actions=1000).actors) == 200


def test_unknown_region_and_negative_count_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown region"):
        generate_directory(actions=10, region="Île-de-France")
    with pytest.raises(ValueError, match="actions"):
        generate_directory(actions=-1)


def test_generation_scales_linearly() -> None:
    started = time.perf_counter()
    generate_directory(actions=20_000, seed=1)
    elapsed = time.perf_counter() - started
    # About 2.5 s here; 100 000 actions take about 5 times as long. The bound only catches a
    # quadratic slip, not a slow machine.
    assert elapsed < 15, f"20 000 actions took {elapsed:.1f} s"


# --- validity ------------------------------------------------------------------------------------


def test_every_object_passes_the_models_and_the_node_rules(directory: SampleDirectory) -> None:
    existing = set(directory.actor_ids)
    assert len(existing) == len(directory.actors)
    for actor in directory.actors:
        assert ActorCreate.model_validate(actor.model_dump()) == actor
        check_actor(actor)
    for action in directory.actions:
        assert ActionCreate.model_validate(action.model_dump()) == action
        check_action(action, existing_actors=existing)
    for group in directory.groups:
        assert WorkingGroupCreate.model_validate(group.model_dump()) == group
        check_group(group, existing_actors=existing)


@pytest.mark.parametrize("region", regions())
def test_every_region_gives_a_valid_directory(region: str) -> None:
    small = generate_directory(actions=200, seed=3, region=region)
    existing = set(small.actor_ids)
    for actor in small.actors:
        check_actor(actor)
    for action in small.actions:
        check_action(action, existing_actors=existing)
    for group in small.groups:
        check_group(group, existing_actors=existing)


def test_every_code_is_in_its_scheme(directory: SampleDirectory) -> None:
    lists = codelists()
    for actor in directory.actors:
        assert lists[Scheme.ACTOR_TYPE].choosable(actor.actor_type)
        assert all(lists[Scheme.SECTOR].choosable(s) for s in actor.sectors)
    for action in directory.actions:
        assert lists[Scheme.ACTION_KIND].choosable(action.kind)
        assert lists[Scheme.ACTIVITY_STATUS].choosable(action.status)
        assert all(lists[Scheme.SECTOR].choosable(s.code) for s in action.sectors)
        assert all(lists[Scheme.COUNTRY].choosable(c.code) for c in action.countries)
        for p in action.participants:
            assert lists[Scheme.ORGANISATION_ROLE].choosable(p.role)
            assert p.organisation_type is None or lists[Scheme.ORGANISATION_TYPE].choosable(
                p.organisation_type
            )
        for f in action.fundings:
            assert lists[Scheme.FUNDING_STATUS].choosable(f.status)
            assert lists[Scheme.CURRENCY].choosable(f.currency)
    for group in directory.groups:
        assert lists[Scheme.GROUP_KIND].choosable(group.kind)
        assert all(lists[Scheme.GROUP_ROLE].choosable(m.role) for m in group.members)


def test_identifiers_are_valid_unique_and_fit_the_type(directory: SampleDirectory) -> None:
    seen: Counter[str] = Counter()
    for actor in directory.actors:
        if actor.siren:
            assert normalize_siren(actor.siren) == actor.siren
            seen[actor.siren] += 1
        if actor.siret:
            assert normalize_siret(actor.siret) == actor.siret
            assert siren_of_siret(actor.siret) == actor.siren
        for value, check in (
            (actor.rna, normalize_rna),
            (actor.uai, normalize_uai),
            (actor.finess, normalize_finess),
            (actor.insee_code, normalize_insee_commune),
        ):
            if value:
                assert check(value) == value
                seen[value] += 1
        kind = actor.actor_type
        if kind == "collectivite":
            assert actor.siren
            assert actor.siren.startswith("21")
            assert actor.insee_code
        elif kind in ("association", "osim", "comite-jumelage"):
            # Alsace-Moselle's associations are in the tribunal's register, not the RNA.
            assert actor.rna or (actor.departement in ("57", "67", "68") and actor.siren)
        elif kind == "etablissement-scolaire":
            assert actor.uai
        elif kind == "universite":
            assert actor.uai
            assert actor.siren
            assert actor.siren.startswith("19")
        elif kind == "hopital":
            assert actor.finess
            assert actor.siren
        elif kind in ("entreprise", "chambre-consulaire", "etablissement-public"):
            assert actor.siren
            assert actor.siret
        if actor.siren and kind in (
            "collectivite",
            "universite",
            "hopital",
            "chambre-consulaire",
            "etablissement-public",
            "etablissement-scolaire",
        ):
            assert actor.siren[0] in "12"  # public bodies
        elif actor.siren:
            assert actor.siren[0] not in "12"
    assert seen.most_common(1)[0][1] == 1, "an identifier is used twice"


def test_actors_live_in_real_communes_of_their_region(directory: SampleDirectory) -> None:
    region = REGION_BY_NAME[directory.actors[0].region or ""]
    communes = {(c.name, c.postal_code, c.departement): c for c in region.communes}
    for actor in directory.actors:
        assert actor.region == region.name
        commune = communes[(actor.city or "", actor.postal_code or "", actor.departement or "")]
        if actor.insee_code:
            assert actor.insee_code == commune.insee
        assert actor.address
        assert actor.countries
        assert actor.sectors
        if actor.email:
            local, domain = actor.email.split("@")
            assert local in {
                "contact",
                "accueil",
                "secretariat",
                "mairie",
                "international",
                "relations.internationales",
                "cooperation.internationale",
            } or (local.startswith("ce.") and domain.startswith("ac-")), actor.email
        if actor.website:
            assert re.fullmatch(r"https://www\.[a-z0-9.-]+\.[a-z]{2,4}", actor.website)
        if actor.contact_name:
            assert actor.contact_consent
    types = Counter(a.actor_type for a in directory.actors)
    assert types.most_common(1)[0][0] == "association"
    assert len(types) >= 10


def test_references_point_at_actors(directory: SampleDirectory) -> None:
    ids = set(directory.actor_ids)
    for action in directory.actions:
        lead = action.participants[0]
        assert lead.actor_id in ids
        assert lead.role in ("2", "4")
        for p in action.participants:
            assert (p.actor_id is None) != (p.name is None)
            assert p.actor_id is None or p.actor_id in ids
            if p.name:
                assert p.country in COUNTRY_BY_CODE
                assert p.organisation_type
        for f in action.fundings:
            assert (f.funder_id is None) != (f.funder_name is None)
            assert f.funder_id is None or f.funder_id in ids
    for group in directory.groups:
        assert all(m.actor_id in ids for m in group.members)


# --- content -------------------------------------------------------------------------------------


def test_actions_read_like_real_projects(directory: SampleDirectory) -> None:
    text = " ".join(a.description or "" for a in directory.actions)
    assert "lorem" not in text.lower()
    assert "«" in text
    assert "’" in text
    assert re.search(r"[éèêàçô]", text)
    for action in directory.actions:
        description = action.description or ""
        assert 40 <= len(description.split()) <= 120, description
        for written in (action.title, description):
            assert "{" not in written
            assert "  " not in written
            assert "None" not in written
        assert action.planned_start
        assert action.planned_end
        assert action.planned_start <= action.planned_end
        if action.actual_start and action.actual_end:
            assert action.actual_start <= action.actual_end
        assert action.localities


def test_shares_sdgs_fundings_and_budget(directory: SampleDirectory) -> None:
    for action in directory.actions:
        assert 1 <= len(action.countries) <= 2
        assert 1 <= len(action.sectors) <= 3
        for shares in (action.countries, action.sectors):
            percentages = [s.percentage for s in shares]
            assert all(p is None for p in percentages) or sum(p or 0 for p in percentages) == 100
        goals = {g for g in action.sdgs if "." not in g}
        for sector in action.sectors:
            assert set(SECTOR_BY_CODE[sector.code].sdgs) <= set(action.sdgs)
        assert all(g.split(".")[0] in goals for g in action.sdgs)
        assert action.fundings
        for funding in action.fundings:
            assert 2018 <= funding.year <= 2026
            assert funding.currency in ("EUR", "XOF")
            if funding.currency == "XOF":
                assert any(COUNTRY_BY_CODE[c.code].uemoa for c in action.countries)
        assert action.budget is not None
        assert action.budget.currency == "EUR"
        assert action.budget.amount > 0
    statuses = Counter(a.status for a in directory.actions)
    assert statuses["2"] + statuses["4"] > 0.6 * len(directory.actions)
    currencies = Counter(f.currency for a in directory.actions for f in a.fundings)
    assert currencies["EUR"] > currencies["XOF"]


def test_countries_lean_to_francophone_africa(directory: SampleDirectory) -> None:
    countries = Counter(c.code for a in directory.actions for c in a.countries)
    assert countries.most_common(1)[0][1] > 0.05 * len(directory.actions)
    africa = sum(countries[c] for c in ("BF", "ML", "SN", "NE", "BJ", "TG", "CI", "MG", "CM"))
    assert africa > 0.3 * sum(countries.values())


def test_groups(directory: SampleDirectory) -> None:
    assert len(directory.groups) == min(12, 3 + ACTIONS // 2000)
    kinds = Counter(g.kind for g in directory.groups)
    assert kinds["pays"] >= 1
    assert kinds["thematique"] >= 1
    index = dict(zip(directory.actor_ids, directory.actors, strict=True))
    for group in directory.groups:
        roles = Counter(m.role for m in group.members)
        assert roles["animateur"] == 1
        assert len(group.members) >= 3
        assert len({m.actor_id for m in group.members}) == len(group.members)
        if group.kind == "pays":
            assert group.country
            assert group.name == f"Groupe pays {COUNTRY_BY_CODE[group.country].name}"
            engaged = [m for m in group.members if group.country in index[m.actor_id].countries]
            assert len(engaged) >= len(group.members) - 3
        else:
            assert group.theme in SECTOR_BY_CODE
