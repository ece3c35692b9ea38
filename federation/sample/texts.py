"""Titles and descriptions of sample actions and actors, in French, built from sentence parts."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from federation.sample.names import a, de
from federation.sample.partners import PartnerCountry
from federation.sample.places import Commune
from federation.sample.sectors import ECSI, Sector

MIN_WORDS, MAX_WORDS = 40, 120


@dataclass(frozen=True, slots=True)
class Place:
    """A town abroad an actor works in, with its usual local partner there."""

    country: PartnerCountry
    town: str
    partner: str
    partner_type: str  # IATI OrganisationType


def context(place: Place, commune: Commune) -> dict[str, str]:
    return {
        "ville": place.town,
        "a_ville": a(place.town),
        "de_ville": de(place.town),
        "pays": place.country.name,
        "en_pays": place.country.in_name,
        "commune": commune.name,
        "a_commune": a(commune.name),
        "de_commune": de(commune.name),
    }


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _de_inf(verb_phrase: str) -> str:
    return ("d’" if verb_phrase[0] in "aeéèêhiouy" else "de ") + verb_phrase


def thousands(n: int) -> str:
    """12500 -> "12 500" with the narrow no-break space of French typography."""
    return f"{n:,}".replace(",", "\u202f")


_PHASES = (" – phase 2", " – phase 3", " (deuxième phase)")


def action_title(rng: random.Random, sector: Sector, kind: str, ctx: dict[str, str]) -> str:
    title = rng.choice(sector.titles).format(**ctx)
    if kind == "volontariat":
        title = rng.choice(
            (
                f"Chantier international de jeunes {ctx['a_ville']}",
                f"Volontariat de solidarité internationale {ctx['a_ville']} : {sector.short}",
                f"Service civique de réciprocité avec {ctx['ville']}",
            )
        )
    elif kind == "jumelage" and sector.code != ECSI:
        title = f"Jumelage {ctx['commune']}–{ctx['ville']} : {title[0].lower()}{title[1:]}"
    if rng.random() < 0.12:
        title += rng.choice(_PHASES)
    return title


_OBJECTIVES = (
    "Le projet vise à {o}.",
    "L’action a pour objectif {de_o}.",
    "Il s’agit {de_o}, en lien étroit avec les autorités locales.",
    "Ce projet doit permettre {de_o}.",
)
_QUOTES = (
    "Ce partenariat nous permet d’avancer à notre rythme, avec nos propres priorités",
    "Nous voulons que les jeunes puissent construire leur avenir ici",
    "L’important, c’est que les habitants s’approprient ce qui a été construit",
    "On ne fait pas à la place des gens, on fait avec eux",
)
_SPEAKERS = (
    "la présidente du comité de gestion",
    "le maire",
    "la coordinatrice du partenaire local",
    "le directeur de l’école",
    "une habitante du quartier",
)


_ECSI_QUOTES = (
    "Les élèves découvrent que les questions d’eau ou d’école se posent aussi chez nous",
    "Rencontrer des partenaires venus de loin change le regard des jeunes",
    "On parle de solidarité, mais surtout de réciprocité",
)
_ECSI_SPEAKERS = (
    "une enseignante du collège",
    "un bénévole de l’association",
    "la chargée de mission du réseau régional",
)


def _words(sentence: str) -> int:
    return len(sentence.split())


def _activities(rng: random.Random, sector: Sector, ctx: dict[str, str]) -> str:
    first, second, *_ = rng.sample(sector.activities, k=2)
    first, second = first.format(**ctx), second.format(**ctx)
    return rng.choice(
        (
            f"Il prévoit {first} ainsi que {second}.",
            f"Les activités comprennent {first} et {second}.",
            f"Au programme : {first}, puis {second}.",
        )
    )


def action_description(
    rng: random.Random,
    *,
    sector: Sector,
    ctx: dict[str, str],
    lead: str,
    partner: str | None,
    since: int,
    people: int,
) -> str:
    """40-120 words: context, objective, activities, who does what, beneficiaries, and extras."""
    objective = rng.choice(sector.objectives).format(**ctx)
    parts = [
        _cap(rng.choice(sector.contexts).format(**ctx)) + ".",
        rng.choice(_OBJECTIVES).format(o=objective, de_o=_de_inf(objective)),
        _activities(rng, sector, ctx),
    ]
    if partner:
        who = rng.choice(
            (
                f"Le partenaire local, {partner}, assure le suivi quotidien des activités, en lien "
                f"avec le porteur du projet, {lead}.",
                f"Le porteur du projet, {lead}, travaille depuis {since} avec son partenaire local, "
                f"{partner}, qui coordonne les actions sur place.",
            )
        )
    else:
        who = (
            f"Le porteur du projet, {lead}, mobilise ses équipes et ses partenaires "
            f"{ctx['de_commune']}."
        )
    if sector.code == ECSI:
        reach = (
            f"Plus de {thousands(people)} élèves et habitants {ctx['de_commune']} "
            "devraient être sensibilisés."
        )
    else:
        reach = (
            f"Environ {thousands(people)} personnes en bénéficieront directement, dont une "
            "majorité de femmes et de jeunes."
        )
    if sector.code == ECSI:
        extras = [
            f"« {rng.choice(_ECSI_QUOTES)} », explique {rng.choice(_ECSI_SPEAKERS)}.",
            f"Des partenaires {ctx['de_ville']} participeront aux temps forts, en présence ou par "
            "des échanges en visioconférence avec les classes.",
            "Un livret pédagogique sera remis aux enseignants qui souhaitent prolonger le travail "
            "en classe.",
        ]
    else:
        extras = [
            f"« {rng.choice(_QUOTES)} », souligne {rng.choice(_SPEAKERS)}.",
            f"Des temps de restitution sont prévus {ctx['a_commune']} pour faire connaître "
            "l’action auprès des habitants et des scolaires.",
            "À l’issue du projet, le suivi sera assuré par un comité local formé à cet effet, "
            "afin d’en garantir la pérennité.",
        ]
    rng.shuffle(extras)
    # The first three parts stay under 100 words; the others go in while the total fits.
    words = sum(_words(p) for p in parts)
    for sentence in [who, reach, *extras[: rng.randrange(len(extras) + 1)]]:
        sentence_words = _words(sentence)
        if words + sentence_words <= MAX_WORDS:
            parts.append(sentence)
            words += sentence_words
    return " ".join(parts)


_ACTOR_INTROS = {
    "collectivite": "Collectivité territoriale engagée dans la coopération décentralisée "
    "depuis {year}.",
    "association": "Association loi 1901 créée en {year}.",
    "association-alsace-moselle": "Association de droit local inscrite au registre des "
    "associations depuis {year}.",
    "osim": "Organisation de solidarité issue des migrations (OSIM), créée en {year} par des "
    "{people} installés {a_commune}.",
    "etablissement-scolaire": "Établissement scolaire engagé dans des échanges et des projets "
    "d’éducation à la citoyenneté mondiale.",
    "universite": "Établissement d’enseignement supérieur et de recherche ; coopération "
    "universitaire internationale.",
    "hopital": "Établissement public de santé ; coopération hospitalière internationale depuis "
    "{year}.",
    "etablissement-public": "Établissement public local associé à l’action internationale de "
    "la commune.",
    "entreprise": "Entreprise implantée {a_commune}, mécène et partenaire technique de projets "
    "de solidarité.",
    "fondation": "Fondation soutenant des projets de solidarité internationale depuis {year}.",
    "chambre-consulaire": "Chambre consulaire ; appui aux entreprises et aux filières dans le "
    "cadre de partenariats internationaux.",
    "comite-jumelage": "Comité de jumelage créé en {year} pour faire vivre le lien entre "
    "{commune} et {ville}.",
    "autre": "Structure d’animation et de sensibilisation à la solidarité internationale.",
}


def actor_description(
    intro: str,
    *,
    year: int,
    commune: Commune,
    places: Sequence[Place],
    sectors: Sequence[Sector],
) -> str:
    first = places[0]
    text = _ACTOR_INTROS[intro].format(
        year=year,
        people=first.country.people,
        a_commune=a(commune.name),
        commune=commune.name,
        ville=first.town,
    )
    towns: dict[str, list[str]] = {}
    for p in places:
        in_country = towns.setdefault(p.country.in_name, [])
        if p.town not in in_country:
            in_country.append(p.town)
    clauses = [f"{in_name} ({', '.join(ts)})" for in_name, ts in towns.items()]
    where = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " et " + clauses[-1]
    fields = ", ".join(s.short for s in sectors)
    return f"{text} Intervient {where} : {fields}."
