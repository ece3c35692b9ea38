"""The documented column layout of spreadsheets, per kind of record.

Each column has a canonical name (English, the API field) and the headers accepted for it
(French first, as networks write them). Headers are matched without case, accents or
punctuation: "Date de début prévue", "date_debut_prevue" and "DATE DEBUT PREVUE" are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from federation.codelists.registry import search_key


class Kind(StrEnum):
    ACTORS = "actors"
    ACTIONS = "actions"
    GROUPS = "groups"


@dataclass(frozen=True)
class Column:
    name: str  # canonical header, also the API field (or the import-only field) it fills
    headers: tuple[str, ...]  # accepted headers, French first
    help_fr: str
    required: bool = False


ACTOR_COLUMNS = (
    Column("external_id", ("id_externe", "identifiant", "id"), "Votre identifiant de la fiche"),
    Column("name", ("nom", "raison sociale", "structure"), "Nom de l'acteur", required=True),
    Column("acronym", ("sigle",), "Sigle"),
    Column(
        "actor_type",
        ("type", "type d'acteur", "typologie"),
        "Type (code ou libellé)",
        required=True,
    ),
    Column("siren", ("siren",), "SIREN, 9 chiffres"),
    Column("siret", ("siret",), "SIRET, 14 chiffres"),
    Column("rna", ("rna", "numéro rna"), "Numéro RNA (W + 9)"),
    Column("uai", ("uai", "rne"), "Code UAI d'un établissement scolaire"),
    Column("finess", ("finess",), "Numéro FINESS"),
    Column("insee_code", ("code insee", "code commune"), "Code INSEE (collectivités)"),
    Column("address", ("adresse",), "Adresse"),
    Column("postal_code", ("code postal", "cp"), "Code postal"),
    Column("city", ("commune", "ville"), "Commune"),
    Column("departement", ("département", "dept"), "Numéro de département"),
    Column("region", ("région",), "Région"),
    Column("website", ("site web", "site internet", "site"), "Site web (https://...)"),
    Column("description", ("description", "présentation"), "Présentation"),
    Column("email", ("courriel", "email", "e-mail", "mail"), "Adresse de fonction"),
    Column("contact_name", ("contact", "nom du contact"), "Personne à contacter"),
    Column("contact_consent", ("consentement contact", "consentement"), "oui / non"),
    Column("countries", ("pays", "pays d'intervention"), "Codes ou noms, séparés par ;"),
    Column("sectors", ("secteurs", "secteurs d'intervention"), "Codes CAD, séparés par ;"),
    Column("sdgs", ("odd", "objectifs de développement durable"), "ODD: 6; 6.1 ..."),
)

ACTION_COLUMNS = (
    Column("external_id", ("id_externe", "identifiant", "id"), "Votre identifiant de l'action"),
    Column("title", ("titre", "intitulé", "nom du projet"), "Intitulé", required=True),
    Column("description", ("description", "résumé"), "Description"),
    Column("kind", ("type", "type d'action", "nature"), "Type (code ou libellé)", required=True),
    Column("status", ("statut", "état"), "Statut IATI (code ou libellé)"),
    Column("planned_start", ("date de début prévue", "début prévu"), "AAAA-MM-JJ ou JJ/MM/AAAA"),
    Column("planned_end", ("date de fin prévue", "fin prévue"), "AAAA-MM-JJ ou JJ/MM/AAAA"),
    Column("actual_start", ("date de début", "début"), "AAAA-MM-JJ ou JJ/MM/AAAA"),
    Column("actual_end", ("date de fin", "fin"), "AAAA-MM-JJ ou JJ/MM/AAAA"),
    Column("countries", ("pays", "pays bénéficiaires"), "BF; ML ou BF:60; ML:40"),
    Column("sectors", ("secteurs",), "14030; 12220 ou 14030:50; 12220:50"),
    Column("sdgs", ("odd",), "6; 6.1"),
    Column("localities", ("localités", "lieux"), "Villes ou villages, séparés par ;"),
    Column("lead", ("porteur", "chef de file"), "L'acteur porteur : id_externe, SIREN ou RNA"),
    Column("lead_role", ("rôle du porteur",), "Rôle IATI du porteur (2 par défaut)"),
    Column("partners", ("partenaires", "partenaires locaux"), "Nom (PAYS); Nom (PAYS)"),
    Column("budget", ("budget", "montant"), "Montant total, ex. 12 500,50"),
    Column("currency", ("devise", "monnaie"), "Code ISO 4217 (EUR par défaut)"),
    Column(
        "fundings",
        ("financements", "financeurs"),
        "Financeur: montant [devise] année [statut]; ...",
    ),
)

GROUP_COLUMNS = (
    Column("external_id", ("id_externe", "identifiant", "id"), "Votre identifiant du groupe"),
    Column("name", ("nom", "intitulé"), "Nom du groupe", required=True),
    Column("kind", ("type",), "pays ou thematique", required=True),
    Column("country", ("pays",), "Pays d'un groupe pays"),
    Column("theme", ("thème", "secteur"), "Secteur CAD d'un groupe thématique"),
    Column("description", ("description",), "Description"),
    Column("members", ("membres",), "id_externe, SIREN ou RNA (rôle); ..."),
)

COLUMNS = {Kind.ACTORS: ACTOR_COLUMNS, Kind.ACTIONS: ACTION_COLUMNS, Kind.GROUPS: GROUP_COLUMNS}

# XLSX sheet names (and CSV file names) that say which kind a table holds.
KIND_NAMES = {
    Kind.ACTORS: ("acteurs", "actors", "structures", "annuaire"),
    Kind.ACTIONS: ("actions", "projets", "projects"),
    Kind.GROUPS: ("groupes", "groups", "groupes de travail", "working groups"),
}


def header_map(kind: Kind) -> dict[str, str]:
    """Folded header → canonical column name, for every accepted header of ``kind``."""
    mapping: dict[str, str] = {}
    for column in COLUMNS[kind]:
        for header in (column.name, *column.headers):
            mapping[search_key(header)] = column.name
    return mapping


def kind_of_name(name: str) -> Kind | None:
    key = search_key(name)
    for kind, names in KIND_NAMES.items():
        if any(key == search_key(n) or key.startswith(search_key(n)) for n in names):
            return kind
    return None


def guess_kind(headers: list[str]) -> Kind | None:
    """The kind whose required columns all appear, preferring the one matching most headers."""
    best: tuple[int, Kind] | None = None
    keys = {search_key(h) for h in headers}
    for kind in Kind:
        mapping = header_map(kind)
        matched = {mapping[k] for k in keys if k in mapping}
        required = {c.name for c in COLUMNS[kind] if c.required}
        if required <= matched and (best is None or len(matched) > best[0]):
            best = (len(matched), kind)
    return best[1] if best else None
