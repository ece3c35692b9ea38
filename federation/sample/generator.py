"""A deterministic generator of realistic French directories: actors, their actions abroad, and
working groups, built through the API models so that every object is valid.

The same (actions, seed, region) always gives the same directory: one ``random.Random`` drives
everything, and "today" is the fixed ``REFERENCE_DATE``, never the clock.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import TypeVar

from federation.actions.schemas import (
    ActionCreate,
    Budget,
    CountryShare,
    Funding,
    Participant,
    SectorShare,
)
from federation.actors.schemas import ActorCreate
from federation.common.bulk_memory import collector_paused
from federation.groups.schemas import Membership, WorkingGroupCreate
from federation.sample.actors import ActorFactory, ActorSeed
from federation.sample.partners import COUNTRY_BY_CODE
from federation.sample.places import REGION_BY_NAME, Region, regions
from federation.sample.sectors import ECSI, EMERGENCY, SECTOR_BY_CODE, WATER
from federation.sample.texts import Place, action_description, action_title, context

__all__ = ["REFERENCE_DATE", "SampleDirectory", "generate_directory", "regions"]

REFERENCE_DATE = date(2025, 9, 1)
FIRST_START = date(2018, 1, 1)
LAST_FUNDING_YEAR = 2026
XOF_PER_EUR = Decimal("655.957")  # fixed parity of the CFA franc
MAX_GROUP_MEMBERS = 40

KINDS_BY_ACTOR_TYPE: dict[str, dict[str, int]] = {
    "collectivite": {
        "cooperation-decentralisee": 6,
        "jumelage": 2,
        "appui-institutionnel": 2,
        "urgence": 1,
        "ecsi": 1,
    },
    "association": {"projet-associatif": 8, "ecsi": 2, "urgence": 1, "volontariat": 1},
    "osim": {"projet-associatif": 8, "ecsi": 1, "urgence": 1},
    "etablissement-scolaire": {"jumelage": 3, "ecsi": 4, "projet-associatif": 2, "volontariat": 1},
    "universite": {"appui-institutionnel": 4, "autre": 2, "volontariat": 1},
    "hopital": {"appui-institutionnel": 5, "urgence": 1, "autre": 1},
    "etablissement-public": {"appui-institutionnel": 3, "cooperation-decentralisee": 2, "autre": 1},
    "entreprise": {"autre": 3, "projet-associatif": 1},
    "fondation": {"projet-associatif": 3, "urgence": 2, "autre": 1},
    "chambre-consulaire": {"appui-institutionnel": 3, "autre": 2},
    "comite-jumelage": {"jumelage": 6, "ecsi": 2, "projet-associatif": 1},
    "autre": {"ecsi": 4, "volontariat": 2, "autre": 1},
}
_KIND_CHOICES = {t: (list(k), list(accumulate(k.values()))) for t, k in KINDS_BY_ACTOR_TYPE.items()}
# Typical yearly grant of one funder, in euros, by the lead's type.
_SCALE = {
    "collectivite": 40_000,
    "hopital": 30_000,
    "universite": 30_000,
    "etablissement-public": 20_000,
    "fondation": 25_000,
}
_PERCENT_SPLITS = {
    1: ((100,),),
    2: ((50, 50), (60, 40), (70, 30), (80, 20)),
    3: ((50, 30, 20), (40, 40, 20), (60, 20, 20), (34, 33, 33)),
}
_FALLBACK_SECTOR = {"volontariat": "16020", "appui-institutionnel": "15112", "jumelage": "16061"}
THEME_GROUPS = (
    (WATER, "GT eau et assainissement"),
    ("12220", "GT santé"),
    (ECSI, "GT éducation à la citoyenneté et à la solidarité internationale"),
    ("31120", "GT agriculture et alimentation"),
    ("23231", "GT énergies renouvelables"),
    ("15112", "Commission coopération décentralisée"),
    ("22040", "GT numérique"),
    ("15170", "GT égalité femmes-hommes"),
    ("16020", "GT jeunesse et insertion"),
)


Share = TypeVar("Share", CountryShare, SectorShare)


@dataclass
class SampleDirectory:
    actors: list[ActorCreate]
    actions: list[ActionCreate]
    groups: list[WorkingGroupCreate]
    actor_ids: list[uuid.UUID]  # actor_ids[i] is the id of actors[i], used by the references


def generate_directory(
    *, actions: int, seed: int = 0, region: str = "Bourgogne-Franche-Comté"
) -> SampleDirectory:
    """A directory of ``actions`` actions, about one actor per five actions (at least 10)."""
    if actions < 0:
        raise ValueError("actions must be >= 0")
    if region not in REGION_BY_NAME:
        raise ValueError(f"unknown region {region!r}; one of: {', '.join(regions())}")
    # Sample data, not secrets: a seeded PRNG is the point.
    rng = random.Random(f"{region}:{seed}")  # noqa: S311
    # Millions of small acyclic objects: the cyclic collector's passes doubled the time at
    # 100 000 actions.
    with collector_paused():
        return _Generator(rng, REGION_BY_NAME[region]).run(actions)


class _Generator:
    def __init__(self, rng: random.Random, region: Region) -> None:
        self.rng = rng
        self.region = region
        self.factory = ActorFactory(rng, region)
        self.actors: list[ActorCreate] = []
        self.seeds: list[ActorSeed] = []
        self.funders: list[ActorSeed] = []  # local authorities, which fund other actors' work
        self.by_country: dict[str, list[int]] = {}
        self.by_sector: dict[str, list[int]] = {}
        self.country_count: Counter[str] = Counter()
        self.sector_count: Counter[str] = Counter()

    def run(self, n_actions: int) -> SampleDirectory:
        for index in range(max(10, round(n_actions / 5))):
            actor, seed = self.factory.actor(index)
            self.actors.append(actor)
            self.seeds.append(seed)
            for code in actor.countries:
                self.by_country.setdefault(code, []).append(index)
            for code in actor.sectors:
                self.by_sector.setdefault(code, []).append(index)
        self.funders = [s for s in self.seeds if s.type == "collectivite"]
        actions = [self.action(i) for i in range(n_actions)]
        groups = self.groups(min(12, 3 + n_actions // 2000))
        return SampleDirectory(self.actors, actions, groups, [s.id for s in self.seeds])

    # --- actions ---

    def action(self, index: int) -> ActionCreate:
        rng = self.rng
        # Few actors carry many actions, many carry one or two.
        lead = self.seeds[int(len(self.seeds) * rng.random() ** 1.5)]
        kinds, cum_weights = _KIND_CHOICES[lead.type]
        kind = rng.choices(kinds, cum_weights=cum_weights)[0]
        place = rng.choice(lead.places) if rng.random() < 0.85 else self.factory.place(lead.type)
        sectors = self.sectors(kind, lead)
        primary = SECTOR_BY_CODE[sectors[0]]

        start = FIRST_START + timedelta(days=rng.randrange(8 * 365))
        end = start + timedelta(days=30 * rng.randrange(6, 49))
        status = self.status(start, end)
        actual_start = actual_end = None
        if status in ("2", "3", "4", "6"):
            actual_start = min(start + timedelta(days=rng.randrange(60)), REFERENCE_DATE)
        if status == "4":
            actual_end = min(
                max(end + timedelta(days=rng.randrange(-30, 90)), actual_start or end),
                REFERENCE_DATE,
            )

        if sectors[0] == ECSI:
            countries = [CountryShare(code="FR")]
            localities = [lead.commune.name]
        else:
            countries, localities = self.countries(place, lead)
        with_partner = sectors[0] != ECSI and rng.random() < 0.8
        participants = [Participant(actor_id=lead.id, role=rng.choice("2224"))]
        if with_partner:
            participants.append(
                Participant(
                    name=place.partner,
                    country=place.country.code,
                    organisation_type=place.partner_type,
                    role="4",
                )
            )
        if len(self.seeds) > 1 and rng.random() < 0.2:
            other = self.seeds[rng.randrange(len(self.seeds))]
            if other.id != lead.id:
                participants.append(Participant(actor_id=other.id, role=rng.choice("4443")))
        fundings = self.fundings(
            lead,
            kind,
            sectors,
            place=place,
            start=start,
            end=end,
            status=status,
            participants=participants,
        )
        budget_eur = sum(
            (f.amount if f.currency == "EUR" else f.amount / XOF_PER_EUR for f in fundings),
            Decimal(0),
        )
        budget = Budget(
            amount=(budget_eur * Decimal(str(round(rng.uniform(1.0, 1.3), 2)))).quantize(Decimal(1))
        )

        ctx = context(place, lead.commune)
        people = (
            rng.randrange(200, 5000, 50) if sectors[0] == ECSI else rng.randrange(300, 25_000, 50)
        )
        self.country_count.update(c.code for c in countries if c.code != "FR")
        self.sector_count.update(sectors)
        return ActionCreate(
            external_id=f"projet-{index + 1:06d}",
            title=action_title(rng, primary, kind, ctx),
            description=action_description(
                rng,
                sector=primary,
                ctx=ctx,
                lead=lead.name,
                partner=place.partner if with_partner else None,
                since=rng.randrange(1995, start.year + 1),
                people=people,
            ),
            kind=kind,
            status=status,
            planned_start=start,
            planned_end=end,
            actual_start=actual_start,
            actual_end=actual_end,
            countries=countries,
            sectors=self.shares(sectors, SectorShare),
            sdgs=list(dict.fromkeys(g for s in sectors for g in SECTOR_BY_CODE[s].sdgs)),
            localities=localities,
            participants=participants,
            fundings=fundings,
            budget=budget,
        )

    def status(self, start: date, end: date) -> str:
        """IATI ActivityStatus as seen on REFERENCE_DATE; mostly 2 (implementation), 4 (closed)."""
        roll = self.rng.random()
        if roll < 0.02:
            return "5"  # cancelled
        if roll < 0.04 and start <= REFERENCE_DATE:
            return "6"  # suspended
        if start > REFERENCE_DATE:
            return "1"
        if end < REFERENCE_DATE:
            return "3" if roll < 0.12 else "4"
        return "2"

    def sectors(self, kind: str, lead: ActorSeed) -> list[str]:
        """The primary sector follows the kind of action; up to two more from the lead's."""
        rng = self.rng
        if kind == "ecsi":
            first = ECSI
        elif kind == "urgence":
            first = EMERGENCY
        else:
            # Awareness work in France is "ecsi" (or a twinning's events); abroad, something else.
            usable = [s for s in lead.sectors if s != ECSI or kind == "jumelage"]
            first = rng.choice(usable) if usable else _FALLBACK_SECTOR.get(kind, "43010")
        others = [s for s in lead.sectors if s not in (first, ECSI, EMERGENCY)]
        extra = rng.sample(others, k=min(len(others), rng.choice((0, 0, 1, 1, 2))))
        return [first, *extra]

    def shares(self, codes: list[str], model: type[Share]) -> list[Share]:
        """Shares with percentages summing to 100, or none at all (half of the time)."""
        if self.rng.random() < 0.5:
            return [model(code=c) for c in codes]
        split = self.rng.choice(_PERCENT_SPLITS[len(codes)])
        return [model(code=c, percentage=float(p)) for c, p in zip(codes, split, strict=True)]

    def countries(self, place: Place, lead: ActorSeed) -> tuple[list[CountryShare], list[str]]:
        codes, towns = [place.country.code], [place.town]
        if self.rng.random() < 0.25:
            second = (
                self.rng.choice(lead.places)
                if len(lead.places) > 1
                else self.factory.place(lead.type)
            )
            if second.country.code not in codes:
                codes.append(second.country.code)
                towns.append(second.town)
        if len(codes) == 1 and self.rng.random() < 0.7:
            return [CountryShare(code=codes[0])], towns
        return self.shares(codes, CountryShare), towns

    def fundings(
        self,
        lead: ActorSeed,
        kind: str,
        sectors: list[str],
        *,
        place: Place,
        start: date,
        end: date,
        status: str,
        participants: list[Participant],
    ) -> list[Funding]:
        """One to a few fundings in 2018-2026; a funder from the directory joins ``participants``
        with role 1 (funding)."""
        rng = self.rng
        scale = _SCALE.get(lead.type, 12_000)
        first_year = max(start.year, FIRST_START.year)
        last_year = min(max(end.year, first_year), LAST_FUNDING_YEAR)

        def grant(
            share: float,
            *,
            funder_id: uuid.UUID | None = None,
            funder_name: str | None = None,
            currency: str = "EUR",
        ) -> Funding:
            year = rng.randint(first_year, last_year)
            if status in ("1", "5") or year > REFERENCE_DATE.year:
                funding_status = "planned"
            elif year == REFERENCE_DATE.year or status == "6":
                funding_status = "committed"
            else:
                funding_status = "disbursed"
            euros = max(500, scale * share * rng.uniform(0.2, 2.0))
            amount = (
                round(euros, -2) if currency == "EUR" else round(euros * float(XOF_PER_EUR), -3)
            )
            return Funding(
                funder_id=funder_id,
                funder_name=funder_name,
                amount=Decimal(int(amount)),
                currency=currency,
                year=year,
                status=funding_status,
            )

        out = []
        if rng.random() < 0.5:
            out.append(grant(0.3, funder_id=lead.id))  # own funds
        if rng.random() < 0.45:
            out.append(grant(0.8, funder_name=f"Région {self.region.name}"))
        if lead.type == "collectivite" and kind != "ecsi" and rng.random() < 0.6:
            out.append(
                grant(1.0, funder_name="Ministère de l’Europe et des Affaires étrangères (DAECT)")
            )
        if lead.type in ("association", "osim") and rng.random() < 0.2:
            out.append(grant(0.5, funder_name="Agence des micro-projets"))
        if rng.random() < 0.15:
            out.append(grant(2.0, funder_name="Agence française de développement (AFD)"))
        if WATER in sectors and rng.random() < 0.7:
            out.append(grant(1.0, funder_name=self.region.water_agency))
        if rng.random() < 0.04:
            out.append(grant(3.0, funder_name="Union européenne"))
        if self.funders and lead.type != "collectivite" and rng.random() < 0.25:
            funder = rng.choice(self.funders)
            participants.append(Participant(actor_id=funder.id, role="1"))
            out.append(grant(0.4, funder_id=funder.id))
        if place.country.uemoa and sectors[0] != ECSI and rng.random() < 0.3:
            # The local partner's own contribution, in CFA francs.
            out.append(grant(0.1, funder_name=place.partner, currency="XOF"))
        return out or [grant(0.5, funder_id=lead.id)]

    # --- groups ---

    def groups(self, count: int) -> list[WorkingGroupCreate]:
        rng = self.rng
        ranked = sorted(self.country_count.items(), key=lambda kv: (-kv[1], kv[0]))
        countries = [c for c, _ in ranked] or list(self.region.partner_boost)
        themes = sorted(THEME_GROUPS, key=lambda t: -self.sector_count[t[0]])
        out: list[WorkingGroupCreate] = []
        for i in range(count):
            if i % 2 == 0 and countries:
                country = COUNTRY_BY_CODE[countries.pop(0)]
                name, candidates = f"Groupe pays {country.name}", self.by_country.get(country.code)
                description = (
                    f"Groupe d’échanges des acteurs de {self.region.name} engagés "
                    f"{country.in_name} : partage d’expériences, suivi de la situation "
                    "du pays et montage de projets mutualisés."
                )
                kind, country_code, theme = "pays", country.code, None
            elif themes:
                code, name = themes.pop(0)
                candidates = self.by_sector.get(code)
                description = (
                    f"Groupe de travail thématique sur {SECTOR_BY_CODE[code].short} "
                    f"animé par le réseau {self.region.network} : rencontres, "
                    "formations et capitalisation des pratiques."
                )
                kind, country_code, theme = "thematique", None, code
            else:
                break
            members = list(candidates or [])
            members = rng.sample(members, k=min(len(members), MAX_GROUP_MEMBERS))
            for extra in rng.sample(range(len(self.seeds)), k=min(3, len(self.seeds))):
                if len(members) >= 3:
                    break
                if extra not in members:
                    members.append(extra)
            roles = ["animateur", *["referent"] * rng.randint(1, 2)]
            out.append(
                WorkingGroupCreate(
                    external_id=f"groupe-{i + 1:02d}",
                    name=name,
                    description=description,
                    kind=kind,
                    country=country_code,
                    theme=theme,
                    members=[
                        Membership(
                            actor_id=self.seeds[m].id, role=roles[n] if n < len(roles) else "membre"
                        )
                        for n, m in enumerate(members)
                    ],
                )
            )
        return out
