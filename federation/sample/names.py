"""Names for sample data: French actors by type, partner organisations abroad, people, streets,
and the small grammar they need (elision of "de" and "à", slugs for web addresses)."""

from __future__ import annotations

import random
import re
import unicodedata

from federation.sample.partners import PartnerCountry
from federation.sample.places import Commune, Region

_VOWELS = "AEIOUYÉÈÊÀÂÎÔÛH"


def de(name: str) -> str:
    """ "de" before a place name: de Dole, d’Auxerre, du Havre, des Abymes, de La Rochelle."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    return ("d’" if name[0].upper() in _VOWELS else "de ") + name


def a(name: str) -> str:
    """ "à" before a place name: à Dole, au Havre, aux Cayes, à La Paz."""
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


def slug(text: str, sep: str = "-", max_length: int = 40) -> str:
    """ASCII, lower case, whole words joined by ``sep``: "Lycée Victor Hugo" -> "lycee-victor-hugo"."""
    for char, plain in (("’", " "), ("'", " "), ("–", " "), ("œ", "oe"), ("Œ", "Oe"), ("æ", "ae")):
        text = text.replace(char, plain)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = words[0] if words else ""
    for word in words[1:]:
        if len(out) + len(sep) + len(word) > max_length:
            break
        out += sep + word
    return out


_MINOR_WORDS = frozenset(
    (
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "et",
        "en",
        "à",
        "au",
        "aux",
        "pour",
        "sur",
        "avec",
    )
)


def acronym(name: str) -> str:
    """Initials of the significant words: "Association pour le développement de Kaya" -> "ADK"."""
    words = re.split(r"[\s’'\-–]+", name)
    return "".join(w[0] for w in words if w and w.lower() not in _MINOR_WORDS).upper()


FIRST_NAMES = (
    "Claire",
    "Marie",
    "Sophie",
    "Isabelle",
    "Nathalie",
    "Aminata",
    "Fatou",
    "Camille",
    "Julie",
    "Hélène",
    "Jean",
    "Pierre",
    "Michel",
    "François",
    "Philippe",
    "Moussa",
    "Ibrahima",
    "Mamadou",
    "Thomas",
    "Nicolas",
    "Luc",
    "Bernard",
    "Yves",
    "Élodie",
    "Anne",
    "Gaëlle",
)
LAST_NAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "Roux",
    "Fournier",
    "Girard",
    "Diallo",
    "Traoré",
    "Ouédraogo",
    "Ndiaye",
    "Rakoto",
    "Mercier",
    "Blanc",
    "Guérin",
    "Faure",
)
STREETS = (
    "rue Victor Hugo",
    "avenue de la République",
    "rue Jean Jaurès",
    "boulevard Gambetta",
    "rue Pasteur",
    "place de la Libération",
    "rue de la Paix",
    "rue des Écoles",
    "avenue du Général de Gaulle",
    "rue Émile Zola",
    "chemin des Vignes",
    "rue du Moulin",
    "place du Marché",
    "rue Voltaire",
    "rue de l’Église",
    "avenue Jean Moulin",
    "rue des Tilleuls",
    "boulevard de la Liberté",
    "rue Lamartine",
    "rue Gustave Eiffel",
)
_SCHOOL_PATRONS = (
    "Victor Hugo",
    "Jules Ferry",
    "Louis Pasteur",
    "Jean Moulin",
    "Marie Curie",
    "Jean Jaurès",
    "Simone Veil",
    "Albert Camus",
    "Condorcet",
    "Montaigne",
    "Colette",
    "George Sand",
    "Aimé Césaire",
    "Léopold Sédar Senghor",
    "Germaine Tillion",
    "Lucie Aubrac",
    "Jean Zay",
    "Paul Éluard",
    "Charles de Gaulle",
    "Louis Aragon",
    "Jacques Prévert",
    "Olympe de Gouges",
)
_SCHOOL_KINDS = ("Lycée", "Lycée", "Collège", "Collège", "Lycée professionnel", "École élémentaire")
_AREAS = (
    "Sahel",
    "Afrique de l’Ouest",
    "Afrique",
    "Madagascar",
    "Haïti",
    "Grands Lacs",
    "Mékong",
    "Andes",
    "Maghreb",
    "Niger",
    "Casamance",
    "Fleuve Sénégal",
    "Caraïbes",
    "Tiers-Monde",
)
_SOLIDARITY = (
    "Solidarité",
    "Entraide",
    "Partage",
    "Amitié",
    "Coopération",
    "Échanges",
    "Fraternité",
    "Avenir",
)
_CAUSES = (
    "Des puits pour",
    "Des livres pour",
    "Agir pour",
    "Ensemble pour",
    "Une école pour",
    "Santé pour",
    "Un avenir pour",
    "Des arbres pour",
)
_NGO_THEMES = (
    "Eau Vive",
    "Terre et Partage",
    "Graines d’Avenir",
    "Main dans la main",
    "Pas à pas",
    "Sourires d’enfants",
    "Cœur de brousse",
    "Savoirs partagés",
    "Lumière solaire",
    "Semences d’espoir",
    "Chemins de traverse",
    "Horizons croisés",
)
_COMPANY_SUFFIXES = (
    "Ingénierie",
    "Conseil",
    "Solaire",
    "Hydraulique",
    "Environnement",
    "Numérique",
    "Énergies",
    "Bâtiment",
)
_FOUNDERS = ("Fondation", "Fonds de dotation")


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def street_address(rng: random.Random) -> str:
    return f"{rng.randrange(1, 120)} {rng.choice(STREETS)}"


def association_name(
    rng: random.Random, commune: Commune, country: PartnerCountry, town: str
) -> str:
    pattern = rng.randrange(7)
    if pattern == 0:
        return f"Association {rng.choice(_SOLIDARITY)} {rng.choice(_AREAS)} {commune.name}"
    if pattern == 1:
        return f"Les Amis {de(town)}"
    if pattern == 2:
        return f"{rng.choice(_CAUSES)} {town}"
    if pattern == 3:
        return f"Association pour le développement {de(town)}"
    if pattern == 4:
        return f"{rng.choice(_NGO_THEMES)} {commune.name}"
    if pattern == 5:
        return f"{commune.name} {rng.choice(_SOLIDARITY)} {country.name}"
    return f"{rng.choice(_SOLIDARITY)} {commune.name}–{town}"


def osim_name(rng: random.Random, commune: Commune, country: PartnerCountry, town: str) -> str:
    pattern = rng.randrange(4)
    if pattern == 0:
        return f"Association des ressortissants {de(town)} en France"
    if pattern == 1:
        return f"Association des {country.people} {de(commune.name)}"
    if pattern == 2:
        return f"Collectif des {country.people} {de(commune.name)} pour le développement"
    return f"{town} Développement {commune.name}"


def school_name(rng: random.Random) -> str:
    return f"{rng.choice(_SCHOOL_KINDS)} {rng.choice(_SCHOOL_PATRONS)}"


def agricultural_school_name(commune: Commune) -> str:
    return f"Lycée agricole {de(commune.name)}"


def collectivite_name(rng: random.Random, commune: Commune) -> str:
    return f"{rng.choice(('Commune', 'Ville'))} {de(commune.name)}"


def hospital_name(commune: Commune) -> str:
    return commune.hospital or f"Centre hospitalier {de(commune.name)}"


def public_body_name(rng: random.Random, commune: Commune) -> tuple[str, str]:
    """The name of a local public body and the stem of its web domain."""
    town = slug(commune.name)
    return rng.choice(
        (
            (f"Centre communal d’action sociale {de(commune.name)}", f"ccas-{town}"),
            (f"Office de tourisme {de(commune.name)}", f"{town}-tourisme"),
            (f"Syndicat intercommunal des eaux {de(commune.name)}", f"sie-{town}"),
            (f"Institut de formation en soins infirmiers {de(commune.name)}", f"ifsi-{town}"),
            (f"Agence d’urbanisme {de(commune.name)}", f"urbanisme-{town}"),
        )
    )


def company_name(rng: random.Random, commune: Commune) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(LAST_NAMES)} {rng.choice(_COMPANY_SUFFIXES)}"
    return f"{commune.name} {rng.choice(_COMPANY_SUFFIXES)} SARL"


def foundation_name(rng: random.Random, commune: Commune) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(_FOUNDERS)} {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return f"{rng.choice(_FOUNDERS)} {commune.name} Solidarité"


def chamber_name(rng: random.Random, region: Region, commune: Commune) -> str:
    return rng.choice(
        (
            f"CCI {region.name}",
            f"Chambre régionale d’agriculture {region.name}",
            f"Chambre régionale de métiers et de l’artisanat {region.name}",
            f"Chambre de commerce et d’industrie {de(commune.name)}",
            f"Chambre d’agriculture {de(commune.name)}",
        )
    )


def twinning_committee_name(commune: Commune, town: str) -> str:
    return f"Comité de jumelage {commune.name}–{town}"


def other_name(rng: random.Random, commune: Commune) -> str:
    return rng.choice(
        (
            f"Maison de l’Europe {de(commune.name)}",
            f"Collectif ECSI {commune.name}",
            f"Maison des solidarités {de(commune.name)}",
            f"Réseau Jeunesse Monde {commune.name}",
            f"Scouts et Guides de France – groupe {de(commune.name)}",
        )
    )


# Partners abroad, by IATI OrganisationType: 11 local government, 22 national NGO,
# 24 partner-country-based NGO, 80 academic, 15 other public sector.
def _local_government(rng: random.Random, town: str) -> str:
    return f"{rng.choice(('Commune', 'Mairie', 'Municipalité'))} {de(town)}"


def _ngo(rng: random.Random, town: str) -> tuple[str, str]:
    if rng.random() < 0.6:
        return rng.choice(
            (
                f"Association des femmes {de(town)}",
                f"Union des groupements de producteurs {de(town)}",
                f"Comité de gestion de l’eau {de(town)}",
                f"Association des jeunes pour le développement {de(town)}",
                f"Coopérative agricole {de(town)}",
            )
        ), "24"
    return rng.choice(
        (
            f"ONG Action solidaire {town}",
            f"Réseau des associations {de(town)}",
            f"ONG Développement durable {town}",
        )
    ), "22"


def partner_abroad(rng: random.Random, town: str, actor_type: str) -> tuple[str, str]:
    """The usual local partner of an actor of that type in a town abroad, and its IATI type."""
    roll = rng.random()
    if actor_type in ("collectivite", "etablissement-public", "comite-jumelage") and roll < 0.8:
        return _local_government(rng, town), "11"
    if actor_type == "hopital":
        return rng.choice(
            (f"Centre hospitalier régional {de(town)}", f"Hôpital de district {de(town)}")
        ), "15"
    if actor_type == "universite":
        return f"Université {de(town)}", "80"
    if actor_type == "etablissement-scolaire" and roll < 0.8:
        return rng.choice(
            (
                f"Lycée technique {de(town)}",
                f"École primaire publique {de(town)}",
                f"Collège d’enseignement général {de(town)}",
            )
        ), "80"
    if actor_type == "chambre-consulaire" and roll < 0.7:
        return f"Chambre de commerce {de(town)}", "15"
    if roll < 0.2:
        return _local_government(rng, town), "11"
    return _ngo(rng, town)
