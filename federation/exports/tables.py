"""The columns of the actors', actions' and working groups' tables, in their stable order:
each code beside its label, lists joined with " | ", the provenance columns last."""

from __future__ import annotations

from federation.codelists.registry import Scheme
from federation.exports.columns import (
    PROVENANCE,
    Column,
    Getter,
    Value,
    ValueKind,
    codes,
    column,
    field,
    joined,
    label,
    labels,
    nested,
    shares,
    totals_by_currency,
)
from federation.exports.context import ExportContext
from federation.exports.rows import IndexRow

D, N, INT = ValueKind.DATE, ValueKind.NUMBER, ValueKind.INTEGER


def _name(row: IndexRow, _ctx: ExportContext) -> Value:
    return row.name


def _description(row: IndexRow, _ctx: ExportContext) -> Value:
    return row.description


def _person(ctx: ExportContext, iri: object, name: object) -> str:
    """An actor's name from its directory row, else the name given, else its IRI."""
    brief = ctx.actor(iri) if isinstance(iri, str) else None
    if brief is not None:
        return brief.name
    return name if isinstance(name, str) and name else str(iri or "?")


def _participants(row: IndexRow, ctx: ExportContext) -> Value:
    parts = []
    for item in row.data.get("participants") or ():
        name = _person(ctx, item.get("actor"), item.get("name"))
        role = ctx.label(Scheme.ORGANISATION_ROLE, item.get("role"))
        parts.append(f"{name} ({role})" if role else name)
    return joined(parts)


def _fundings(row: IndexRow, ctx: ExportContext) -> Value:
    parts = []
    for item in row.data.get("fundings") or ():
        funder = _person(ctx, item.get("funder"), item.get("funder_name"))
        status = ctx.label(Scheme.FUNDING_STATUS, item.get("status"))
        amount = f"{item.get('amount')} {item.get('currency')}"
        details = ", ".join(str(part) for part in (amount, item.get("year"), status) if part)
        parts.append(f"{funder} : {details}")
    return joined(parts)


def _funding_totals(row: IndexRow, _ctx: ExportContext) -> Value:
    sums = totals_by_currency(row.data.get("fundings") or ())
    return joined(f"{amount} {currency}" for currency, amount in sums.items())


def _members(row: IndexRow, ctx: ExportContext) -> Value:
    parts = []
    for item in row.data.get("members") or ():
        name = _person(ctx, item.get("actor"), None)
        role = ctx.label(Scheme.GROUP_ROLE, item.get("role"))
        parts.append(f"{name} ({role})" if role else name)
    return joined(parts)


def _member_iris(row: IndexRow, _ctx: ExportContext) -> Value:
    return joined(item.get("actor") for item in row.data.get("members") or ())


def _member_count(row: IndexRow, _ctx: ExportContext) -> Value:
    return len(row.data.get("members") or ())


def _first(key: str, scheme: Scheme | None = None) -> Getter:
    """The single value of a group's one-item list (its country, its theme), or its label."""

    def get(row: IndexRow, ctx: ExportContext) -> Value:
        values = row.data.get(key) or ()
        value = str(values[0]) if values else None
        return ctx.label(scheme, value) if scheme is not None else value

    return get


def _countries(fr: str, en: str) -> list[Column]:
    return [
        column("countries", f"{fr} (codes)", f"{en} (codes)", codes("countries")),
        column("country_labels", fr, en, labels("countries", Scheme.COUNTRY)),
    ]


_SECTORS = [
    column("sectors", "Secteurs (codes CAD)", "Sectors (DAC codes)", codes("sectors")),
    column("sector_labels", "Secteurs", "Sectors", labels("sectors", Scheme.SECTOR)),
]
_CATEGORIES_AND_SDGS = [
    column(
        "sector_categories",
        "Catégories de secteurs (codes CAD)",
        "Sector categories (DAC codes)",
        codes("sector_categories"),
    ),
    column(
        "sector_category_labels",
        "Catégories de secteurs",
        "Sector categories",
        labels("sector_categories", Scheme.SECTOR_CATEGORY),
    ),
    column("sdgs", "ODD (codes)", "SDGs (codes)", codes("sdgs")),
    column("sdg_goal_labels", "ODD (objectifs)", "SDG goals", labels("sdg_goals", Scheme.SDG)),
]


ACTOR_COLUMNS: list[Column] = [
    column("name", "Nom", "Name", _name),
    column("acronym", "Sigle", "Acronym", field("acronym")),
    column("actor_type", "Type d'acteur (code)", "Actor type (code)", field("actor_type")),
    column(
        "actor_type_label", "Type d'acteur", "Actor type", label("actor_type", Scheme.ACTOR_TYPE)
    ),
    column("siren", "SIREN", "SIREN", nested("identifiers", "siren")),
    column("siret", "SIRET", "SIRET", nested("identifiers", "siret")),
    column("rna", "RNA", "RNA", nested("identifiers", "rna")),
    column("uai", "UAI", "UAI", nested("identifiers", "uai")),
    column("finess", "FINESS", "FINESS", nested("identifiers", "finess")),
    column(
        "insee", "Code commune INSEE", "INSEE municipality code", nested("identifiers", "insee")
    ),
    column("street", "Adresse", "Street address", nested("address", "street")),
    column("postal_code", "Code postal", "Postal code", nested("address", "postal_code")),
    column("city", "Commune", "City", nested("address", "city")),
    column("departement", "Département", "Département", nested("address", "departement")),
    column("region", "Région", "Region", nested("address", "region")),
    column("website", "Site web", "Website", field("website")),
    column("email", "Courriel", "Email", field("email")),
    column("contact_name", "Contact", "Contact", field("contact_name")),
    *_countries("Pays d'intervention", "Countries of work"),
    *_SECTORS,
    *_CATEGORIES_AND_SDGS,
    column("description", "Description", "Description", _description),
    column("external_id", "Identifiant externe", "External id", field("external_id")),
    *PROVENANCE,
]

ACTION_COLUMNS: list[Column] = [
    column("title", "Titre", "Title", _name),
    column("description", "Description", "Description", _description),
    column("external_id", "Identifiant externe", "External id", field("external_id")),
    column("action_kind", "Type d'action (code)", "Action kind (code)", field("action_kind")),
    column(
        "action_kind_label",
        "Type d'action",
        "Action kind",
        label("action_kind", Scheme.ACTION_KIND),
    ),
    column("status", "Statut (code IATI)", "Status (IATI code)", field("status")),
    column("status_label", "Statut", "Status", label("status", Scheme.ACTIVITY_STATUS)),
    column("planned_start", "Début prévu", "Planned start", field("planned_start"), D),
    column("planned_end", "Fin prévue", "Planned end", field("planned_end"), D),
    column("actual_start", "Début effectif", "Actual start", field("actual_start"), D),
    column("actual_end", "Fin effective", "Actual end", field("actual_end"), D),
    column("year", "Année", "Year", field("year"), INT),
    *_countries("Pays bénéficiaires", "Recipient countries"),
    column("country_shares", "Parts par pays (%)", "Country shares (%)", shares("country_shares")),
    *_SECTORS,
    column("sector_shares", "Parts par secteur (%)", "Sector shares (%)", shares("sector_shares")),
    *_CATEGORIES_AND_SDGS,
    column("localities", "Localités", "Localities", codes("localities")),
    column("participants", "Participants (rôle)", "Participants (role)", _participants),
    column("actors", "Acteurs de l'annuaire (IRI)", "Directory actors (IRIs)", codes("actors")),
    column("fundings", "Financements", "Fundings", _fundings),
    column(
        "funding_totals",
        "Total des financements par devise",
        "Funding totals by currency",
        _funding_totals,
    ),
    column("budget_amount", "Budget (montant)", "Budget (amount)", nested("budget", "amount"), N),
    column("budget_currency", "Budget (devise)", "Budget (currency)", nested("budget", "currency")),
    *PROVENANCE,
]

GROUP_COLUMNS: list[Column] = [
    column("name", "Nom", "Name", _name),
    column("group_kind", "Type de groupe (code)", "Group kind (code)", field("group_kind")),
    column(
        "group_kind_label", "Type de groupe", "Group kind", label("group_kind", Scheme.GROUP_KIND)
    ),
    column("country", "Pays (code)", "Country (code)", _first("countries")),
    column("country_label", "Pays", "Country", _first("countries", Scheme.COUNTRY)),
    column("theme", "Thème (code CAD)", "Theme (DAC code)", _first("sectors")),
    column("theme_label", "Thème", "Theme", _first("sectors", Scheme.SECTOR)),
    column("members", "Membres (rôle)", "Members (role)", _members),
    column("member_iris", "Membres (IRI)", "Members (IRIs)", _member_iris),
    column("member_count", "Nombre de membres", "Number of members", _member_count, INT),
    column("description", "Description", "Description", _description),
    column("external_id", "Identifiant externe", "External id", field("external_id")),
    *PROVENANCE,
]

TABLES: dict[str, list[Column]] = {
    "actor": ACTOR_COLUMNS,
    "action": ACTION_COLUMNS,
    "group": GROUP_COLUMNS,
}
SHEET_TITLES = {
    "actor": ("Acteurs", "Actors"),
    "action": ("Actions", "Actions"),
    "group": ("Groupes de travail", "Working groups"),
}
