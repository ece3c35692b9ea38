"""Sample actors: a realistic name for each type, with the identifiers an actor of that type has,
all valid and unique within the directory."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from federation.actors.schemas import ActorCreate
from federation.identifiers.validators import (
    make_finess,
    make_rna,
    make_siren,
    make_siret,
    make_uai,
    siren_with_key,
)
from federation.sample import names
from federation.sample.partners import PARTNER_COUNTRIES, PartnerCountry
from federation.sample.places import ACADEMIE_OF_DEPARTEMENT, Commune, Region
from federation.sample.sectors import SECTOR_BY_CODE, SECTORS_BY_ACTOR_TYPE
from federation.sample.texts import Place, actor_description

TYPE_WEIGHTS = {
    "association": 40,
    "collectivite": 8,
    "osim": 8,
    "etablissement-scolaire": 10,
    "universite": 2,
    "hopital": 3,
    "etablissement-public": 4,
    "entreprise": 6,
    "fondation": 3,
    "chambre-consulaire": 2,
    "comite-jumelage": 10,
    "autre": 4,
}
# The first actors cover the types, so that even a small directory shows each of them.
FIRST_TYPES = (
    "collectivite",
    "association",
    "etablissement-scolaire",
    "universite",
    "hopital",
    "comite-jumelage",
    "osim",
    "entreprise",
    "fondation",
    "etablissement-public",
    "chambre-consulaire",
    "autre",
)
# Associations in Alsace-Moselle are entered in the tribunal's register, not in the RNA.
ALSACE_MOSELLE = ("57", "67", "68")
_NAME_TRIES = 6


@dataclass(slots=True)
class ActorSeed:
    """What the generator keeps about an actor to write its actions."""

    index: int
    id: uuid.UUID
    name: str
    type: str
    commune: Commune
    places: list[Place]
    sectors: list[str]


@dataclass
class ActorFactory:
    rng: random.Random
    region: Region
    used_names: set[str] = field(default_factory=set)
    used_ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        boost = set(self.region.partner_boost)
        self._countries = PARTNER_COUNTRIES
        self._country_cw = list(
            accumulate(
                c.weight * (4 if c.code in boost else 1) + (1 if c.code in boost else 0)
                for c in PARTNER_COUNTRIES
            )
        )
        # Bigger towns first in the table: more actors there.
        self._commune_cw = list(
            accumulate(max(1, 6 - 2 * i) for i in range(len(self.region.communes)))
        )
        self._type_names = list(TYPE_WEIGHTS)
        self._type_cw = list(accumulate(TYPE_WEIGHTS.values()))
        self._free_collectivites = list(self.region.communes)
        self._free_hospitals = list(self.region.communes)
        self._free_universities = list(self.region.universities)

    # --- random pieces ---

    def country(self) -> PartnerCountry:
        return self.rng.choices(self._countries, cum_weights=self._country_cw)[0]

    def place(self, actor_type: str) -> Place:
        country = self.country()
        town = self.rng.choice(country.towns)
        partner, partner_type = names.partner_abroad(self.rng, town, actor_type)
        return Place(country, town, partner, partner_type)

    def commune(self) -> Commune:
        return self.rng.choices(self.region.communes, cum_weights=self._commune_cw)[0]

    def _unique(self, make: Any, *args: Any) -> str:
        while True:
            value = str(make(*args))
            if value not in self.used_ids:
                self.used_ids.add(value)
                return value

    def siren(self, public: bool = False, prefix: str = "") -> str:
        return self._unique(lambda: make_siren(self.rng, public, prefix=prefix))

    def _take_name(self, *candidates: str) -> str | None:
        for name in candidates:
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        return None

    # --- actors ---

    def actor(self, index: int) -> tuple[ActorCreate, ActorSeed]:
        rng = self.rng
        actor_type = (
            FIRST_TYPES[index]
            if index < len(FIRST_TYPES)
            else rng.choices(self._type_names, cum_weights=self._type_cw)[0]
        )
        commune = self.commune()
        places = [self.place(actor_type) for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))]
        fields = self._identity(actor_type, commune, places)
        if fields is None:  # names of that type used up: the directory gets another association
            actor_type = "association"
            places = [self.place(actor_type) for _ in places]
            fields = self._identity(actor_type, commune, places)
        if fields is None:
            raise RuntimeError("an association can always be named")
        commune = fields.pop("_commune", commune)
        if actor_type == "comite-jumelage":
            places = places[:1]
        pool = SECTORS_BY_ACTOR_TYPE[actor_type]
        sectors = rng.sample(pool, k=rng.choice((1, 2, 2, 3)))
        sdgs = list(dict.fromkeys(g for s in sectors for g in SECTOR_BY_CODE[s].sdgs))
        intro = actor_type
        if actor_type == "association" and commune.departement in ALSACE_MOSELLE:
            intro = "association-alsace-moselle"
        description = actor_description(
            intro,
            year=rng.randrange(1975, 2024),
            commune=commune,
            places=places,
            sectors=[SECTOR_BY_CODE[s] for s in sectors],
        )
        with_contact = rng.random() < 0.12
        actor = ActorCreate(
            external_id=f"acteur-{index + 1:05d}",
            actor_type=actor_type,
            address=fields.pop("address", None) or names.street_address(rng),
            postal_code=commune.postal_code,
            city=commune.name,
            departement=commune.departement,
            region=self.region.name,
            description=description,
            contact_name=names.person(rng) if with_contact else None,
            contact_consent=with_contact,
            countries=list(dict.fromkeys(p.country.code for p in places)),
            sectors=sectors,
            sdgs=sdgs,
            **fields,
        )
        seed = ActorSeed(
            index,
            uuid.UUID(int=rng.getrandbits(128), version=4),
            actor.name,
            actor_type,
            commune,
            places,
            sectors,
        )
        return actor, seed

    def _identity(
        self, actor_type: str, commune: Commune, places: list[Place]
    ) -> dict[str, Any] | None:
        """Name, identifiers, web and mail of an actor of that type; None if names are used up."""
        make = {
            "collectivite": self._collectivite,
            "universite": self._universite,
            "hopital": self._hopital,
            "etablissement-scolaire": self._school,
            "comite-jumelage": self._twinning_committee,
            "association": self._association,
            "osim": self._association,
        }.get(actor_type, self._other)
        return make(actor_type, commune, places[0])

    def _collectivite(self, _type: str, _commune: Commune, _place: Place) -> dict[str, Any] | None:
        if not self._free_collectivites:
            return None
        commune = self._free_collectivites.pop(0)
        insee = commune.insee
        domain = f"{names.slug(commune.name)}.fr"
        mailbox = self.rng.choice(("relations.internationales", "contact", "mairie"))
        return {
            "name": names.collectivite_name(self.rng, commune),
            "_commune": commune,
            # A commune's SIREN is 21 + its INSEE code on 6 digits + key (Dijon: 212102316).
            "siren": self._unique(siren_with_key, "21" + insee[:2] + insee[2:].zfill(4)),
            "insee_code": insee,
            "address": f"Hôtel de ville, {names.street_address(self.rng)}",
            "website": f"https://www.{domain}",
            "email": f"{mailbox}@{domain}",
        }

    def _universite(self, _type: str, _commune: Commune, _place: Place) -> dict[str, Any] | None:
        if not self._free_universities:
            return None
        university = self._free_universities.pop(0)
        commune = self.region.commune(university.insee)
        return {
            "name": university.name,
            "_commune": commune,
            "uai": self._unique(make_uai, commune.departement, self.rng),
            "siren": self.siren(prefix="19"),
            "website": f"https://www.{university.domain}",
            "email": f"international@{university.domain}",
        }

    def _hopital(self, _type: str, _commune: Commune, _place: Place) -> dict[str, Any] | None:
        if not self._free_hospitals:
            return None
        commune = self._free_hospitals.pop(0)
        domain = ("chu-" if commune.hospital else "ch-") + names.slug(commune.name) + ".fr"
        siren = self.siren(prefix="26")  # établissements publics de santé
        return {
            "name": names.hospital_name(commune),
            "_commune": commune,
            "siren": siren,
            "siret": make_siret(siren, self.rng),
            "finess": self._unique(make_finess, commune.departement, self.rng),
            "website": f"https://www.{domain}",
            "email": f"cooperation.internationale@{domain}",
        }

    def _school(self, _type: str, commune: Commune, _place: Place) -> dict[str, Any] | None:
        rng = self.rng
        for _ in range(_NAME_TRIES):
            school = (
                names.agricultural_school_name(commune)
                if rng.random() < 0.1
                else names.school_name(rng)
            )
            name = self._take_name(school, f"{school} {names.de(commune.name)}")
            if name:
                break
        else:
            return None
        dept = commune.departement
        uai = self._unique(make_uai, dept, rng)
        academie = ACADEMIE_OF_DEPARTEMENT.get(dept, "education")
        out: dict[str, Any] = {
            "name": name,
            "uai": uai,
            "email": f"ce.{uai.lower()}@ac-{academie}.fr",
        }
        if not name.startswith("École"):  # lycées and collèges are EPLE, with a SIREN
            out["siren"] = self.siren(prefix="19")
        return out

    def _twinning_committee(
        self, _type: str, commune: Commune, place: Place
    ) -> dict[str, Any] | None:
        name = self._take_name(names.twinning_committee_name(commune, place.town))
        if not name:
            return None
        out: dict[str, Any] = {"name": name}
        self._association_ids(out, commune.departement, siren_share=0.25)
        return out

    def _association(self, actor_type: str, commune: Commune, place: Place) -> dict[str, Any]:
        rng, country = self.rng, place.country
        make_name = names.association_name if actor_type == "association" else names.osim_name
        tries = _NAME_TRIES * 2
        for attempt in range(1, tries + 1):
            town = place.town if attempt == 1 else rng.choice(country.towns)
            candidate = make_name(rng, commune, country, town)
            # A big directory runs out of combinations: then a name repeats, as in life.
            name = self._take_name(candidate) or (candidate if attempt == tries else None)
            if name:
                break
        out: dict[str, Any] = {"name": name}
        if name and rng.random() < 0.25:
            out["acronym"] = names.acronym(name)[:50] or None
        share = 0.45 if actor_type == "association" else 0.3
        self._association_ids(out, commune.departement, siren_share=share)
        if name and rng.random() < 0.6:
            # Long names go by their initials on the web ("adt.org"), as they do in life.
            full = names.slug(name, max_length=200)
            base = full if len(full) <= 40 else names.slug(names.acronym(name)) or names.slug(name)
            domain = f"{base}.{rng.choice(('org', 'fr', 'asso.fr'))}"
            out.update(website=f"https://www.{domain}", email=f"contact@{domain}")
        return out

    def _other(self, actor_type: str, commune: Commune, _place: Place) -> dict[str, Any] | None:
        """Companies, foundations, chambers, public bodies and others."""
        rng = self.rng
        # Each maker gives a name and, when it has a usual short form, the stem of its domain.
        makers: dict[str, Callable[[], tuple[str, str | None]]] = {
            "entreprise": lambda: (names.company_name(rng, commune), None),
            "fondation": lambda: (names.foundation_name(rng, commune), None),
            "chambre-consulaire": lambda: (names.chamber_name(rng, self.region, commune), None),
            "etablissement-public": lambda: names.public_body_name(rng, commune),
            "autre": lambda: (names.other_name(rng, commune), None),
        }
        for _ in range(_NAME_TRIES):
            candidate, stem = makers[actor_type]()
            name = self._take_name(candidate)
            if name:
                break
        else:
            return None
        out: dict[str, Any] = {"name": name}
        if actor_type == "autre":
            if rng.random() < 0.6:
                self._association_ids(out, commune.departement, siren_share=0.2)
            return out
        prefix = {
            "chambre-consulaire": "18",
            "etablissement-public": rng.choice(("20", "25", "26")),
        }.get(actor_type, "")
        siren = self.siren(public=bool(prefix), prefix=prefix)
        out["siren"] = siren
        if actor_type != "fondation" or rng.random() < 0.5:
            out["siret"] = make_siret(siren, rng)
        tld = "fr" if stem else rng.choice(("fr", "com", "org"))
        domain = f"{stem or names.slug(name)}.{tld}"
        mailbox = rng.choice(("contact", "accueil", "secretariat"))
        out.update(website=f"https://www.{domain}", email=f"{mailbox}@{domain}")
        return out

    def _association_ids(self, out: dict[str, Any], dept: str, *, siren_share: float) -> None:
        rng = self.rng
        if dept in ALSACE_MOSELLE:
            siren_share = 1.0  # no RNA number there; a SIREN is the identifier they have
        else:
            out["rna"] = self._unique(make_rna, dept, rng)
        if rng.random() < siren_share:
            out["siren"] = self.siren()
            if rng.random() < 0.6:
                out["siret"] = make_siret(out["siren"], rng)
