"""A plain, accessible HTML view of a record, linking its linked-data versions. (The full
public pages come with the web interface; this is what a browser gets at a record's IRI.)"""

from __future__ import annotations

from html import escape
from typing import Any

from federation.publication.negotiation import MEDIA_TYPES, Format
from federation.rdf.records import PublicRecord

LABELS = {
    "name": "Nom / Name",
    "title": "Intitulé / Title",
    "acronym": "Sigle / Acronym",
    "actor_type": "Type d'acteur / Actor type",
    "kind": "Type / Kind",
    "status": "Statut / Status",
    "description": "Description",
    "countries": "Pays / Countries",
    "sectors": "Secteurs / Sectors",
    "sdgs": "ODD / SDGs",
    "participants": "Participants",
    "fundings": "Financements / Fundings",
    "budget": "Budget",
    "members": "Membres / Members",
    "modified": "Modifié le / Modified",
}
HIDDEN = {"id", "iri", "version", "created"}


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "<ul>" + "".join(f"<li>{_value(item)}</li>" for item in value) + "</ul>"
    if isinstance(value, dict):
        parts = [f"{escape(str(k))}: {_value(v)}" for k, v in value.items() if v not in (None, "")]
        return escape("; ").join(parts)
    return escape(str(value))


def render(record: PublicRecord, network_name: str) -> bytes:
    data = record.model_dump(mode="json")
    title = data.get("name") or data.get("title") or data["id"]
    alternates = "\n".join(
        f'<link rel="alternate" type="{MEDIA_TYPES[fmt]}" href="{escape(record.iri)}.{fmt.value}">'
        for fmt in (Format.TURTLE, Format.JSONLD, Format.NTRIPLES, Format.RDFXML)
    )
    rows = "\n".join(
        f'<tr><th scope="row">{escape(LABELS.get(key, key))}</th><td>{_value(value)}</td></tr>'
        for key, value in data.items()
        if key not in HIDDEN and value not in (None, "", [], False)
    )
    links = " · ".join(
        f'<a href="{escape(record.iri)}.{fmt.value}">{label}</a>'
        for fmt, label in (
            (Format.TURTLE, "Turtle"),
            (Format.JSONLD, "JSON-LD"),
            (Format.NTRIPLES, "N-Triples"),
            (Format.RDFXML, "RDF/XML"),
        )
    )
    page = f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(str(title))} — {escape(network_name)}</title>
{alternates}
</head>
<body>
<main>
<p>{escape(network_name)}</p>
<h1>{escape(str(title))}</h1>
<table>
{rows}
</table>
<p>IRI : <code>{escape(record.iri)}</code></p>
<p>Données liées / linked data: {links}</p>
</main>
</body>
</html>
"""
    return page.encode()
